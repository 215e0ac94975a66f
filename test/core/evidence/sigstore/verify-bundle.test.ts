/**
 * Offline Sigstore verification: real third-party bundles verify against the shipped trusted roots
 * with the exact identity of the workflow that signed them, and every kind of forgery is refused:
 * a flipped signature byte, another payload, a stripped or forged log entry, a CA that copies a
 * trusted CA's name but not its key, and a root that never issued the certificate.
 */
import { readFileSync } from 'node:fs';
import { type NamedTrustedRoot, parseTrustedRoots, shippedTrustedRoots } from '../../../../core/evidence/sigstore/trusted-roots.ts';
import { verifySigstoreBundle } from '../../../../core/evidence/sigstore/verify-bundle.ts';
import { createTestSigstore, type TestSigstore } from '../../../support/sigstore-test-instance.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit bundles field by field
type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(`../../../fixtures/evidence/sigstore/${name}`, import.meta.url), 'utf8'));
const shipped = shippedTrustedRoots();
const clone = (value: Json): Json => structuredClone(value);
const flipByte = (b64: string, at = 10) => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64');
};

describe('real bundles against the shipped trusted roots', () => {
  it('verifies sigstore-js 2.0.0 provenance (public-good, Rekor intoto entry) as signed by its release workflow', () => {
    const result = verifySigstoreBundle(fixture('sigstore-js-2.0.0-provenance.sigstore.json'), shipped);
    expect(result).toMatchObject({ ok: true, trustedRoot: 'public-good Sigstore (shipped)' });
    expect(result.identity).toEqual({
      san: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
      issuer: 'https://token.actions.githubusercontent.com',
      repository: 'https://github.com/sigstore/sigstore-js',
      ref: 'refs/heads/main',
      commit: 'f0b49a04e5a62250e0f60fb128004a73110fe311',
      run: 'https://github.com/sigstore/sigstore-js/actions/runs/5904696764/attempts/1',
      trigger: 'push',
    });
  });

  it('verifies a bundle v0.3 with a Rekor dsse entry (what @actions/attest writes for public repositories)', () => {
    const result = verifySigstoreBundle(fixture('conda-attestation.sigstore.json'), shipped);
    expect(result).toMatchObject({ ok: true, trustedRoot: 'public-good Sigstore (shipped)' });
    expect(result.identity).toMatchObject({
      san: 'https://github.com/prefix-dev/sigstore-example/.github/workflows/action.yaml@refs/heads/main',
      repository: 'https://github.com/prefix-dev/sigstore-example',
      run: 'https://github.com/prefix-dev/sigstore-example/actions/runs/17377272645/attempts/1',
    });
  });

  it("verifies gh attestation verify's reusable-workflow fixture", () => {
    expect(verifySigstoreBundle(fixture('reusable-workflow-attestation.sigstore.json'), shipped)).toMatchObject({
      ok: true,
      trustedRoot: 'public-good Sigstore (shipped)',
      identity: { repository: 'https://github.com/malancas/attest-demo', run: 'https://github.com/malancas/attest-demo/actions/runs/9228858953/attempts/1' },
    });
  });

  it("verifies a bundle of GitHub's Sigstore instance (no log, RFC 3161 timestamp) against GitHub's root only", () => {
    const bundle = fixture('github-private-attestation.sigstore.json');
    expect(verifySigstoreBundle(bundle, shipped)).toMatchObject({ ok: true, trustedRoot: "GitHub's Sigstore (shipped)", identity: { san: 'https://dotcom.releases.github.com' } });
    const publicGoodOnly = verifySigstoreBundle(bundle, shipped.slice(0, 1));
    expect(publicGoodOnly).toMatchObject({ ok: false, reason: expect.stringMatching(/^its certificate was issued by "O=GitHub\\, Inc\., CN=Fulcio Intermediate l1", which is no CA of the trusted roots/) });
  });

  it('refuses a copy with one signature byte flipped', () => {
    const bundle = fixture('conda-attestation.sigstore.json');
    bundle.dsseEnvelope.signatures[0].sig = flipByte(bundle.dsseEnvelope.signatures[0].sig, 40);
    // The log entry recorded the original signature, so the copy no longer matches it.
    expect(verifySigstoreBundle(bundle, shipped)).toMatchObject({ ok: false, reason: 'Sigstore signature does not verify: public-good Sigstore (shipped): tlog entry signature mismatch (TLOG_BODY_ERROR)' });
  });

  it('refuses a copy whose envelope carries another payload', () => {
    const bundle = fixture('sigstore-js-2.0.0-provenance.sigstore.json');
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    statement.subject[0].digest.sha512 = '0'.repeat(128);
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    expect(verifySigstoreBundle(bundle, shipped)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify: .*(payload hash mismatch|signature verification failed)/) });
  });

  it('refuses a GitHub-instance bundle whose timestamp is removed', () => {
    const bundle = fixture('github-private-attestation.sigstore.json');
    bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps = [];
    expect(verifySigstoreBundle(bundle, shipped)).toMatchObject({ ok: false, reason: expect.stringContaining('expected 1 tsa timestamps, got 0') });
  });

  it('says what is wrong with something that is not a Sigstore bundle', () => {
    expect(verifySigstoreBundle({ payload: 'x' }, shipped)).toMatchObject({ ok: false, reason: expect.stringMatching(/^is not a Sigstore bundle: /) });
  });
});

describe('bundles of a test Sigstore instance', () => {
  let instance: TestSigstore;
  let roots: NamedTrustedRoot[];
  const payload = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'https://faultline.dev/attestations/drill-evidence/v1', predicate: {} }));
  beforeAll(async () => {
    instance = await createTestSigstore();
    roots = parseTrustedRoots(JSON.stringify(instance.trustedRoot), 'test-root.json');
  });

  it('verifies with its own trusted root: chain, inclusion promise and proof, signature', async () => {
    const result = verifySigstoreBundle(await instance.sign(payload), roots);
    expect(result).toMatchObject({ ok: true, trustedRoot: 'test-root.json', identity: { repository: 'https://github.com/owner/repo' } });
    expect(result.ok && result.envelope.payload.equals(payload)).toBe(true);
  });

  it('is refused by the shipped roots: its CA is not one of theirs', async () => {
    expect(verifySigstoreBundle(await instance.sign(payload), shipped)).toMatchObject({ ok: false, reason: expect.stringContaining('"O=faultline.test, CN=test fulcio intermediate", which is no CA of the trusted roots') });
  });

  it('refuses a bad signature even when the log vouches for it', async () => {
    const result = verifySigstoreBundle(await instance.sign(payload, {}, { corruptSignature: true }), roots);
    expect(result).toMatchObject({ ok: false, reason: 'Sigstore signature does not verify: test-root.json: signature verification failed (SIGNATURE_ERROR)' });
  });

  it("refuses a CA that copies the trusted CA's names with keys of its own", async () => {
    const impostor = await createTestSigstore();
    // Trust the impostor's log, so that only the certificate chain stands between it and success.
    const mixed = { ...instance.trustedRoot, tlogs: impostor.trustedRoot.tlogs };
    const result = verifySigstoreBundle(await impostor.sign(payload), parseTrustedRoots(JSON.stringify(mixed), 'test-root.json'));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Sigstore signature does not verify: test-root\.json: .*\(CERTIFICATE_ERROR\)$/) });
  });

  it('refuses a bundle without its log entry, and one whose inclusion promise or checkpoint is forged', async () => {
    const stripped = await instance.sign(payload);
    (stripped as Json).verificationMaterial.tlogEntries = [];
    expect(verifySigstoreBundle(stripped, roots)).toMatchObject({ ok: false, reason: expect.stringContaining('expected 1 tlog timestamps, got 0') });

    const forgedPromise = (await instance.sign(payload)) as Json;
    const entry = forgedPromise.verificationMaterial.tlogEntries[0];
    entry.inclusionPromise.signedEntryTimestamp = flipByte(entry.inclusionPromise.signedEntryTimestamp, 20);
    expect(verifySigstoreBundle(forgedPromise, roots)).toMatchObject({ ok: false, reason: expect.stringContaining('inclusion promise could not be verified') });

    const movedTree = (await instance.sign(payload)) as Json;
    movedTree.verificationMaterial.tlogEntries[0].inclusionProof.hashes = [Buffer.alloc(32).toString('base64')];
    expect(verifySigstoreBundle(movedTree, roots)).toMatchObject({ ok: false, reason: expect.stringContaining('calculated root hash does not match') });
  });

  it('refuses a log entry that records another signature than the envelope carries', async () => {
    const a = (await instance.sign(payload)) as Json;
    const b = (await instance.sign(payload)) as Json;
    const swapped = clone(a);
    swapped.dsseEnvelope = b.dsseEnvelope; // b's valid envelope, a's certificate and log entry
    expect(verifySigstoreBundle(swapped, roots)).toMatchObject({ ok: false, reason: 'Sigstore signature does not verify: test-root.json: tlog entry signature mismatch (TLOG_BODY_ERROR)' });
  });
});
