/**
 * A bundle proves its evidence intact: verify passes on what pack wrote, and names the file for
 * every kind of tampering (a flipped byte, an extra file, a missing file, an edited manifest or
 * statement, a swapped signature).
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderReader } from '../../../core/evidence/bundle-reader.ts';
import { runContext } from '../../../core/evidence/context.ts';
import { generateKeyPair, readPublicKey } from '../../../core/evidence/dsse.ts';
import { keyFileSigner } from '../../../core/evidence/key-signer.ts';
import { type EvidenceSigner, packEvidence, toJsonBytes } from '../../../core/evidence/pack.ts';
import { DSSE_FILE, type Manifest, PREDICATE_TYPE, STATEMENT_TYPE } from '../../../core/evidence/types.ts';
import { verifyBundle } from '../../../core/evidence/verify.ts';

let work: string;
let keys: { privateKey: string; publicKey: string; otherPrivate: string; otherPublic: string };

function writeKeys(dir: string, name: string) {
  const pair = generateKeyPair();
  writeFileSync(join(dir, `${name}.key`), pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, `${name}.pub`), pair.publicKeyPem);
  return { privateKey: join(dir, `${name}.key`), publicKey: join(dir, `${name}.pub`) };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'faultline-evidence-'));
  mkdirSync(join(work, 'drill', 'logs'), { recursive: true });
  writeFileSync(join(work, 'drill', 'faultline-result.json'), JSON.stringify({ version: 1, kind: 'failover', verdict: 'pass', measurements: [{ name: 'rto', value: 4.2 }] }));
  writeFileSync(join(work, 'drill', 'logs', 'primary.log'), 'LOG:  database system is shut down\nLOG:  standby promoted\n'.repeat(500));
  writeFileSync(join(work, 'drill', 'journal.ndjson'), '{"t":0,"event":"fault"}\n{"t":4.2,"event":"recovered"}\n');
  const a = writeKeys(work, 'signer');
  const b = writeKeys(work, 'other');
  keys = { privateKey: a.privateKey, publicKey: a.publicKey, otherPrivate: b.privateKey, otherPublic: b.publicKey };
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const context = runContext({ repository: 'acme/payments', commit: 'a'.repeat(40), workflow: 'nightly drill', runId: '42', runAttempt: '1', actor: 'sre-bot' }, new Date('2026-03-01T02:00:00Z'));

async function pack(options: { signer?: EvidenceSigner; patterns?: string[] } = {}) {
  return packEvidence({ patterns: options.patterns ?? ['drill'], cwd: work, dir: join(work, 'bundle'), name: 'nightly-drill', context, ...(options.signer ? { signer: options.signer } : {}) });
}
const verify = (options = {}) => verifyBundle(folderReader(join(work, 'bundle')), options);
const manifestPath = () => join(work, 'bundle', 'manifest.json');
const readManifest = () => JSON.parse(readFileSync(manifestPath(), 'utf8')) as Manifest;

describe('pack', () => {
  it('copies every file and records path, size, SHA-256, media type and the run context', async () => {
    const bundle = await pack();
    expect(bundle.manifest.files.map((f) => [f.path, f.mediaType])).toEqual([
      ['drill/faultline-result.json', 'application/json'],
      ['drill/journal.ndjson', 'application/x-ndjson'],
      ['drill/logs/primary.log', 'text/plain'],
    ]);
    const log = bundle.manifest.files[2]!;
    expect(log.size).toBe(readFileSync(join(work, 'drill/logs/primary.log')).length);
    expect(log.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(work, 'bundle/files/drill/logs/primary.log'))).toEqual(readFileSync(join(work, 'drill/logs/primary.log')));
    expect(bundle.manifest.context).toEqual({ ...context });
    expect(bundle.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('writes an in-toto Statement v1 whose subjects are the files, with our predicate type', async () => {
    const bundle = await pack();
    const statement = JSON.parse(readFileSync(join(work, 'bundle/statement.intoto.json'), 'utf8'));
    expect(statement._type).toBe(STATEMENT_TYPE);
    expect(statement.predicateType).toBe(PREDICATE_TYPE);
    expect(statement.subject).toEqual(bundle.manifest.files.map((f) => ({ name: f.path, digest: { sha256: f.sha256 } })));
    expect(statement.predicate.context.repository).toBe('acme/payments');
  });

  it('writes manifest.json last: while the statement is signed there is none yet', async () => {
    let seen: string[] = [];
    const spy: EvidenceSigner = {
      kind: 'ed25519',
      async sign(bytes) {
        seen = readdirSync(join(work, 'bundle'));
        return keyFileSigner(keys.privateKey).sign(bytes, JSON.parse(bytes.toString()));
      },
    };
    await pack({ signer: spy });
    expect(seen.sort()).toEqual(['files', 'statement.intoto.json']);
    expect(existsSync(manifestPath())).toBe(true);
  });

  it('refuses a symlink that leads outside the given paths, and leaves no bundle behind', async () => {
    writeFileSync(join(work, 'secret.txt'), 'not evidence');
    symlinkSync(join(work, 'secret.txt'), join(work, 'drill', 'logs', 'innocent.log'));
    await expect(pack()).rejects.toThrow(/innocent\.log: symlink leads outside drill/);
    expect(existsSync(join(work, 'bundle'))).toBe(false);
  });

  it('packs a symlink that stays inside the given paths as the file it points to', async () => {
    symlinkSync('primary.log', join(work, 'drill', 'logs', 'latest.log'));
    const bundle = await pack();
    const latest = bundle.manifest.files.find((f) => f.path === 'drill/logs/latest.log');
    expect(latest?.sha256).toBe(bundle.manifest.files.find((f) => f.path === 'drill/logs/primary.log')?.sha256);
  });

  it('expands globs and refuses a pattern that matches nothing', async () => {
    const bundle = await pack({ patterns: ['drill/**/*.log', 'drill/*.json'] });
    expect(bundle.manifest.files.map((f) => f.path)).toEqual(['drill/faultline-result.json', 'drill/logs/primary.log']);
    rmSync(join(work, 'bundle'), { recursive: true });
    await expect(pack({ patterns: ['drill/*.sarif'] })).rejects.toThrow(/matches no file/);
  });

  it('refuses to pack into a folder that already holds something', async () => {
    mkdirSync(join(work, 'bundle'));
    writeFileSync(join(work, 'bundle', 'old'), 'x');
    await expect(pack()).rejects.toThrow(/already exists and is not empty/);
    expect(readFileSync(join(work, 'bundle', 'old'), 'utf8')).toBe('x');
  });
});

describe('verify', () => {
  it('verifies an intact signed bundle with the signer\'s public key', async () => {
    await pack({ signer: keyFileSigner(keys.privateKey) });
    const report = await verify({ publicKey: readPublicKey(keys.publicKey) });
    expect(report.problems).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.signature.status).toBe('verified');
    expect(report.files).toBe(3);
  });

  it('passes an unsigned bundle only when no signature is required', async () => {
    await pack();
    expect((await verify()).verified).toBe(true);
    const required = await verify({ requireSignature: true });
    expect(required.verified).toBe(false);
    expect(required.problems).toEqual([{ path: 'manifest.json', problem: expect.stringMatching(/^unsigned/) }]);
  });

  it('names a file with one flipped byte', async () => {
    await pack({ signer: keyFileSigner(keys.privateKey) });
    const file = join(work, 'bundle/files/drill/logs/primary.log');
    const bytes = readFileSync(file);
    bytes[1000] = bytes[1000]! ^ 0x01;
    writeFileSync(file, bytes);
    const report = await verify({ publicKey: readPublicKey(keys.publicKey) });
    expect(report.verified).toBe(false);
    expect(report.problems).toEqual([{ path: 'files/drill/logs/primary.log', problem: expect.stringMatching(/^content changed/) }]);
  });

  it('names an extra file, and a missing one', async () => {
    await pack();
    writeFileSync(join(work, 'bundle/files/drill/planted.json'), '{}');
    unlinkSync(join(work, 'bundle/files/drill/journal.ndjson'));
    const report = await verify();
    expect(report.problems).toEqual([
      { path: 'files/drill/planted.json', problem: expect.stringMatching(/^extra/) },
      { path: 'files/drill/journal.ndjson', problem: expect.stringMatching(/^missing/) },
    ]);
  });

  it('catches a manifest edited to match an edited file: the statement disagrees, and the signature covers the statement', async () => {
    await pack({ signer: keyFileSigner(keys.privateKey) });
    const file = join(work, 'bundle/files/drill/faultline-result.json');
    writeFileSync(file, JSON.stringify({ version: 1, kind: 'failover', verdict: 'pass', measurements: [{ name: 'rto', value: 1 }] }));
    const manifest = readManifest();
    const { createHash } = await import('node:crypto');
    const edited = readFileSync(file);
    manifest.files[0] = { ...manifest.files[0]!, size: edited.length, sha256: createHash('sha256').update(edited).digest('hex') };
    writeFileSync(manifestPath(), toJsonBytes(manifest));
    const report = await verify({ publicKey: readPublicKey(keys.publicKey) });
    expect(report.verified).toBe(false);
    expect(report.problems).toContainEqual({ path: 'manifest.json', problem: expect.stringMatching(/differ from the statement's subjects/) });
  });

  it('catches an edited run context in the manifest', async () => {
    await pack();
    const manifest = readManifest();
    manifest.context.commit = 'b'.repeat(40);
    writeFileSync(manifestPath(), toJsonBytes(manifest));
    expect((await verify()).problems).toEqual([{ path: 'manifest.json', problem: expect.stringMatching(/run context differs/) }]);
  });

  it('reports a manifest that is not JSON, and a bundle without one, as not verified', async () => {
    await pack();
    writeFileSync(manifestPath(), '{"version": 1, ');
    expect((await verify()).problems).toEqual([{ path: 'manifest.json', problem: expect.stringMatching(/not valid JSON/) }]);
    unlinkSync(manifestPath());
    expect((await verify()).problems).toEqual([{ path: 'manifest.json', problem: expect.stringMatching(/^missing: the bundle is incomplete/) }]);
  });

  it('catches a swapped signature: another key\'s valid envelope over the same statement', async () => {
    await pack({ signer: keyFileSigner(keys.privateKey) });
    const statementBytes = readFileSync(join(work, 'bundle/statement.intoto.json'));
    const forged = await keyFileSigner(keys.otherPrivate).sign(statementBytes, JSON.parse(statementBytes.toString()));
    writeFileSync(join(work, 'bundle', DSSE_FILE), forged.contents);
    // Even with the manifest's record of the signature file updated to match:
    const manifest = readManifest();
    const { createHash } = await import('node:crypto');
    manifest.signature = { ...manifest.signature!, sha256: createHash('sha256').update(forged.contents).digest('hex') };
    writeFileSync(manifestPath(), toJsonBytes(manifest));
    const report = await verify({ publicKey: readPublicKey(keys.publicKey) });
    expect(report.verified).toBe(false);
    expect(report.signature.status).toBe('invalid');
    expect(report.problems).toEqual([{ path: DSSE_FILE, problem: expect.stringMatching(/does not verify with the given public key/) }]);
  });

  it('catches a signature moved from another bundle (it signs a different statement)', async () => {
    await pack({ signer: keyFileSigner(keys.privateKey) });
    const statement = join(work, 'bundle/statement.intoto.json');
    appendFileSync(statement, ' ');
    const report = await verify({ publicKey: readPublicKey(keys.publicKey) });
    expect(report.problems).toContainEqual({ path: 'statement.intoto.json', problem: expect.stringMatching(/content changed/) });
    expect(report.problems).toContainEqual({ path: DSSE_FILE, problem: 'signs a different statement than the bundle holds' });
  });

  it('refuses a symlink planted in the bundle', async () => {
    await pack();
    symlinkSync('/etc/hostname', join(work, 'bundle/files/drill/host'));
    expect((await verify()).problems).toEqual([{ path: 'files/drill/host', problem: expect.stringMatching(/symlink/) }]);
  });
});
