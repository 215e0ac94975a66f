/**
 * A secret's value is never written into a bundle: a file that holds one is refused whole with a
 * clear error, the original is left as it was, and not one byte of the secret reaches the bundle,
 * even when the secret straddles two read buffers.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runContext } from '../../../core/evidence/context.ts';
import { copyAndHash, READ_BUFFER } from '../../../core/evidence/hash.ts';
import { packEvidence } from '../../../core/evidence/pack.ts';
import { usableSecrets } from '../../../core/evidence/secret-guard.ts';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'faultline-redaction-'));
  mkdirSync(join(work, 'logs'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const pack = (secrets: string[]) => packEvidence({ patterns: ['logs'], cwd: work, dir: join(work, 'bundle'), name: 'b', context: runContext({}), secrets });

it('refuses a file containing a secret, names it, and leaves it unaltered with no bundle written', async () => {
  writeFileSync(join(work, 'logs', 'ok.log'), 'fine\n');
  const leaked = `curl -H "Authorization: token ${TOKEN}" https://api.github.com\n`;
  writeFileSync(join(work, 'logs', 'step.log'), leaked);
  await expect(pack([TOKEN])).rejects.toThrow(/logs\/step\.log contains the value of a secret; refusing to pack it/);
  expect(readFileSync(join(work, 'logs', 'step.log'), 'utf8')).toBe(leaked);
  expect(existsSync(join(work, 'bundle'))).toBe(false);
});

it('finds a secret split across two read buffers of a large file', async () => {
  const big = Buffer.alloc(READ_BUFFER * 3, 'a');
  big.write(TOKEN, READ_BUFFER - 10);
  writeFileSync(join(work, 'logs', 'big.log'), big);
  await expect(pack([TOKEN])).rejects.toThrow(/big\.log contains the value of a secret/);
});

it('never writes a byte of the secret before refusing, even across a read boundary', async () => {
  const big = Buffer.alloc(READ_BUFFER * 2, 'b');
  big.write(TOKEN, READ_BUFFER - 20);
  writeFileSync(join(work, 'logs', 'big.log'), big);
  const partial = join(work, 'partial');
  await expect(copyAndHash(join(work, 'logs', 'big.log'), partial, usableSecrets([TOKEN]), 'big.log')).rejects.toThrow(/contains the value of a secret/);
  expect(readFileSync(partial).toString('latin1')).not.toContain(TOKEN.slice(0, 4));
});

it('packs files without secrets byte for byte, and ignores empty or tiny secret values', async () => {
  const text = `no secret here, ${'x'.repeat(READ_BUFFER)} end\n`;
  writeFileSync(join(work, 'logs', 'ok.log'), text);
  const bundle = await pack([TOKEN, '', 'ab']);
  expect(readFileSync(join(work, 'bundle', 'files', 'logs', 'ok.log'), 'utf8')).toBe(text);
  expect(bundle.manifest.files).toHaveLength(1);
});

it('refuses when the run context itself carries a secret', async () => {
  writeFileSync(join(work, 'logs', 'ok.log'), 'fine\n');
  await expect(packEvidence({ patterns: ['logs'], cwd: work, dir: join(work, 'bundle'), name: 'b', context: runContext({ actor: TOKEN }), secrets: [TOKEN] })).rejects.toThrow(/run context/);
  expect(existsSync(join(work, 'bundle'))).toBe(false);
});
