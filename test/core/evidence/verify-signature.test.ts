/**
 * The signature part of verify, through verifyBundle: which kind of signature the options ask for,
 * and the integrity-only check used before storing (which must not depend on a trusted root).
 */
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderReader } from '../../../core/evidence/bundle-reader.ts';
import { runContext } from '../../../core/evidence/context.ts';
import { generateKeyPair } from '../../../core/evidence/dsse.ts';
import { keyFileSigner } from '../../../core/evidence/key-signer.ts';
import { type EvidenceSigner, packEvidence, toJsonBytes } from '../../../core/evidence/pack.ts';
import { GITHUB_ACTIONS_ISSUER } from '../../../core/evidence/sigstore/identity.ts';
import { parseTrustedRoots } from '../../../core/evidence/sigstore/trusted-roots.ts';
import { SIGSTORE_FILE } from '../../../core/evidence/types.ts';
import { verifyBundle } from '../../../core/evidence/verify.ts';
import { createTestSigstore, type TestSigstore } from '../../support/sigstore-test-instance.ts';

let work: string;
let sigstore: TestSigstore;
beforeAll(async () => {
  sigstore = await createTestSigstore();
});
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'faultline-verify-signature-'));
  writeFileSync(join(work, 'faultline-result.json'), '{"version":1,"kind":"failover","verdict":"pass"}\n');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const sigstoreSigner = (): EvidenceSigner => ({
  kind: 'sigstore',
  sign: async (_bytes, statement) => ({ file: SIGSTORE_FILE, contents: toJsonBytes(await sigstore.sign(Buffer.from(JSON.stringify(statement)))) }),
});
async function pack(signer: EvidenceSigner) {
  await packEvidence({ patterns: ['faultline-result.json'], cwd: work, dir: join(work, 'bundle'), name: 'drill', context: runContext({}), signer });
  return folderReader(join(work, 'bundle'));
}
const testRoots = () => parseTrustedRoots(JSON.stringify(sigstore.trustedRoot), 'test-root.json');
const signer = { issuer: GITHUB_ACTIONS_ISSUER, repo: 'owner/repo' };

it('verifies a Sigstore bundle against the given roots and signer, and names the root that verified it', async () => {
  const report = await verifyBundle(await pack(sigstoreSigner()), { trustedRoots: testRoots(), signer, requireSignature: true });
  expect(report).toMatchObject({ verified: true, problems: [], signature: { kind: 'sigstore', status: 'verified', trustedRoot: 'test-root.json', identity: { repository: 'https://github.com/owner/repo' } } });
});

it('checks only integrity when asked (before storing): a root that does not know the CA loses no evidence', async () => {
  const reader = await pack(sigstoreSigner());
  expect(await verifyBundle(reader, { integrityOnly: true })).toMatchObject({ verified: true, signature: { kind: 'sigstore', status: 'not-checked' } });
  expect(await verifyBundle(reader)).toMatchObject({ verified: false, signature: { status: 'invalid' } });
});

it('refuses a Sigstore bundle when --public-key asks for an ed25519 signature', async () => {
  const { publicKeyPem } = generateKeyPair();
  const report = await verifyBundle(await pack(sigstoreSigner()), { publicKey: createPublicKey(publicKeyPem), trustedRoots: testRoots() });
  expect(report.problems).toEqual([{ path: SIGSTORE_FILE, problem: expect.stringContaining('--public-key asks for an ed25519 key signature; give --signer-repo instead') }]);
});

it('refuses a key-signed bundle when a signer repository asks for a Sigstore signature', async () => {
  const pair = generateKeyPair();
  writeFileSync(join(work, 'signer.key'), pair.privateKeyPem, { mode: 0o600 });
  const report = await verifyBundle(await pack(keyFileSigner(join(work, 'signer.key'))), { signer });
  expect(report.problems).toEqual([{ path: 'attestation.dsse.json', problem: 'signed with an ed25519 key, but --signer-repo/--signer-workflow ask for a Sigstore signature by a workflow' }]);
});
