/**
 * `faultline evidence verify` on a Sigstore-signed bundle, as a user runs it: the bundle's
 * attestation.sigstore.json comes from a test Sigstore instance (real CA, log key and trusted root,
 * see test/support/sigstore-test-instance.ts). Verified (exit 0) only when the signature checks out
 * against the given trusted root AND was made by the workflow the user names; exit 1 naming the
 * file otherwise; exit 2 for bad options.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runContext } from '../../core/evidence/context.ts';
import { packEvidence, toJsonBytes } from '../../core/evidence/pack.ts';
import { type Manifest, SIGSTORE_FILE } from '../../core/evidence/types.ts';
import { createTestSigstore, type TestSigstore } from '../support/sigstore-test-instance.ts';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;
const SAN = 'https://github.com/owner/repo/.github/workflows/dr-drill.yml@refs/heads/main';

function faultline(args: string[], cwd: string) {
  const child = spawn(BIN, ['evidence', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

let dir: string;
let sigstore: TestSigstore;
const bundle = () => join(dir, 'bundle');
const attestation = () => join(bundle(), SIGSTORE_FILE);

/** What someone who can write the bundle does after changing the signature: fix the manifest's hash. */
function replaceAttestation(document: unknown) {
  const bytes = toJsonBytes(document);
  writeFileSync(attestation(), bytes);
  const manifest = JSON.parse(readFileSync(join(bundle(), 'manifest.json'), 'utf8')) as Manifest;
  manifest.signature!.sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(bundle(), 'manifest.json'), toJsonBytes(manifest));
}

beforeAll(async () => {
  sigstore = await createTestSigstore();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-evidence-sigstore-'));
  writeFileSync(join(dir, 'faultline-result.json'), '{"version":1,"kind":"failover","verdict":"pass"}\n');
  writeFileSync(join(dir, 'test-root.json'), JSON.stringify(sigstore.trustedRoot));
  await packEvidence({
    patterns: ['faultline-result.json'],
    cwd: dir,
    dir: bundle(),
    name: 'dr-drill',
    context: runContext({ repository: 'owner/repo', runId: '4242', runAttempt: '1' }, new Date('2026-03-01T02:00:00Z')),
    signer: {
      kind: 'sigstore',
      // Like @actions/attest: the statement is re-serialised, then signed by the workflow's identity.
      sign: async (_bytes, statement) => ({ file: SIGSTORE_FILE, contents: toJsonBytes(await sigstore.sign(Buffer.from(JSON.stringify(statement)))) }),
    },
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline evidence verify with a Sigstore signature', () => {
  it('verifies (0) against the given trusted root when the signer is the named repository and workflow, and reports who signed', async () => {
    const ok = await faultline(['verify', '--trusted-root', 'test-root.json', '--signer-repo', 'owner/repo', 'bundle'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`✓ verified ${bundle()}: 1 file(s)`);
    expect(ok.stdout).toContain(`Sigstore signature verified by ${SAN}, issuer https://token.actions.githubusercontent.com, run https://github.com/owner/repo/actions/runs/4242/attempts/1 (trusted root: ${join(dir, 'test-root.json')})`);
    expect(ok.stdout).toContain('signer: repository https://github.com/owner/repo, ref refs/heads/main');

    const strict = await faultline(['verify', '--trusted-root', 'test-root.json', '--signer-repo', 'owner/repo', '--signer-workflow', '.github/workflows/dr-drill.yml', '--require-signature', 'bundle'], dir);
    expect(strict).toMatchObject({ code: 0, stdout: expect.stringMatching(/^✓ verified /) });
  });

  it('does not call a signature verified when nobody said whose counts; --require-signature then fails (1) and asks for --signer-repo', async () => {
    const lax = await faultline(['verify', '--trusted-root', 'test-root.json', 'bundle'], dir);
    expect(lax.code).toBe(0);
    expect(lax.stdout).toMatch(/^✓ intact, signer not checked .*Sigstore signature valid by https:\/\/github\.com\/owner\/repo\/\.github\/workflows\/dr-drill\.yml@refs\/heads\/main.*signer NOT checked/);
    expect(lax.stdout).not.toMatch(/✓ verified/);

    const required = await faultline(['verify', '--trusted-root', 'test-root.json', '--require-signature', 'bundle'], dir);
    expect(required.code).toBe(1);
    expect(required.stdout).toContain(`✗ ${SIGSTORE_FILE}: valid Sigstore signature by ${SAN}`);
    expect(required.stdout).toContain('give --signer-repo OWNER/REPO');
  });

  it('fails (1) when another repository or workflow signed', async () => {
    const repo = await faultline(['verify', '--trusted-root', 'test-root.json', '--signer-repo', 'acme/payments', 'bundle'], dir);
    expect(repo.code).toBe(1);
    expect(repo.stdout).toContain(`✗ ${SIGSTORE_FILE}: signer not accepted: signed by a workflow of https://github.com/owner/repo, not of https://github.com/acme/payments (--signer-repo)`);
    const workflow = await faultline(['verify', '--trusted-root', 'test-root.json', '--signer-repo', 'owner/repo', '--signer-workflow', '.github/workflows/deploy.yml', 'bundle'], dir);
    expect(workflow).toMatchObject({ code: 1, stdout: expect.stringContaining('not https://github.com/owner/repo/.github/workflows/deploy.yml (--signer-workflow)') });
  });

  it('fails (1) against the shipped roots: the test CA is none of theirs', async () => {
    const shipped = await faultline(['verify', '--signer-repo', 'owner/repo', 'bundle'], dir);
    expect(shipped.code).toBe(1);
    expect(shipped.stdout).toContain(`✗ ${SIGSTORE_FILE}: its certificate was issued by "O=faultline.test, CN=test fulcio intermediate", which is no CA of the trusted roots (public-good Sigstore (shipped); GitHub's Sigstore (shipped))`);
  });

  it('fails (1) with a swapped signature, even when the manifest is fixed to match', async () => {
    const other = (await sigstore.sign(Buffer.from('{"another":"statement"}'))) as { dsseEnvelope: { signatures: { sig: string }[] } };
    const document = JSON.parse(readFileSync(attestation(), 'utf8'));
    document.dsseEnvelope.signatures = other.dsseEnvelope.signatures;
    replaceAttestation(document);
    const swapped = await faultline(['verify', '--trusted-root', 'test-root.json', '--signer-repo', 'owner/repo', 'bundle'], dir);
    expect(swapped.code).toBe(1);
    expect(swapped.stdout).toContain(`✗ ${SIGSTORE_FILE}: Sigstore signature does not verify: `);
  });

  it('fails (1) when the signature is valid and by the right workflow but over another statement', async () => {
    const statement = JSON.parse(readFileSync(join(bundle(), 'statement.intoto.json'), 'utf8'));
    statement.subject[0].digest.sha256 = '0'.repeat(64);
    replaceAttestation(await sigstore.sign(Buffer.from(JSON.stringify(statement))));
    const other = await faultline(['verify', '--trusted-root', 'test-root.json', '--signer-repo', 'owner/repo', 'bundle'], dir);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain(`✗ ${SIGSTORE_FILE}: signs a different statement than the bundle holds`);
  });

  it('reports the signer in JSON and Markdown', async () => {
    const json = await faultline(['verify', '--trusted-root', 'test-root.json', '--signer-repo', 'owner/repo', '--format', 'json', 'bundle'], dir);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      verified: true,
      signature: { kind: 'sigstore', status: 'verified', identity: { san: SAN, repository: 'https://github.com/owner/repo', ref: 'refs/heads/main', run: 'https://github.com/owner/repo/actions/runs/4242/attempts/1' } },
    });
    const markdown = await faultline(['verify', '--trusted-root', 'test-root.json', '--signer-repo', 'owner/repo', '--format', 'markdown', 'bundle'], dir);
    expect(markdown.stdout).toContain(`| Subject (workflow) | \`${SAN}\` |`);
    expect(markdown.stdout).toContain('## Evidence ✅ verified');
  });

  it('refuses bad options with exit 2 and says what to give', async () => {
    const relative = await faultline(['verify', '--signer-workflow', '.github/workflows/dr-drill.yml', 'bundle'], dir);
    expect(relative).toMatchObject({ code: 2, stderr: expect.stringContaining('give --signer-repo OWNER/REPO too') });
    writeFileSync(join(dir, 'not-a-root.json'), '{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}');
    const root = await faultline(['verify', '--trusted-root', 'not-a-root.json', '--signer-repo', 'owner/repo', 'bundle'], dir);
    expect(root).toMatchObject({ code: 2, stderr: expect.stringContaining('not-a-root.json is not a Sigstore trusted root') });
  });
});
