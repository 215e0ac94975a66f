/**
 * A Sigstore instance for tests, made of real keys and real structures: a Fulcio-like CA (root and
 * intermediate) issuing a short-lived leaf certificate with GitHub Actions' OIDC identity (workflow
 * SAN, Fulcio issuer and source-repository extensions), a Rekor-like log key that writes a `dsse`
 * 0.0.1 entry with a signed inclusion promise and an inclusion proof under a signed checkpoint, and
 * the trusted root JSON naming them. Bundles it writes have the shape @actions/attest writes
 * (bundle v0.3); nothing about them is mocked, so @sigstore/verify checks them like real ones.
 */
import 'reflect-metadata';
import { createHash, KeyObject, sign, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { json } from '@sigstore/core';

export interface WorkflowIdentity {
  repo: string;
  workflow: string;
  ref: string;
  commit: string;
  runId: string;
  issuer: string;
}

export const DEFAULT_IDENTITY: WorkflowIdentity = {
  repo: 'owner/repo',
  workflow: '.github/workflows/dr-drill.yml',
  ref: 'refs/heads/main',
  commit: 'c0ffee'.padEnd(40, '0'),
  runId: '4242',
  issuer: 'https://token.actions.githubusercontent.com',
};

export interface TestSigstore {
  /** Trusted root JSON (application/vnd.dev.sigstore.trustedroot+json;version=0.1). */
  trustedRoot: Record<string, unknown>;
  /**
   * A Sigstore bundle (JSON) whose DSSE envelope carries `payload` as an in-toto statement.
   * `corruptSignature` flips a byte of the signature before it is logged: a forgery the log vouches for.
   */
  sign(payload: Buffer, identity?: Partial<WorkflowIdentity>, options?: { corruptSignature?: boolean }): Promise<Record<string, unknown>>;
}

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const b64 = (bytes: Buffer | ArrayBuffer) => Buffer.from(bytes as ArrayBuffer).toString('base64');
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const keyPair = () => webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
const signEc = (data: Buffer, key: webcrypto.CryptoKey) => sign('sha256', data, KeyObject.from(key));

/** DER UTF8String, how Fulcio's version 2 extensions hold their text. */
function utf8String(text: string): Buffer {
  const value = Buffer.from(text, 'utf8');
  const length = value.length < 0x80 ? Buffer.from([value.length]) : Buffer.from([0x82, value.length >> 8, value.length & 0xff]);
  return Buffer.concat([Buffer.from([0x0c]), length, value]);
}

function pae(payloadType: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${payload.length} `), payload]);
}

export async function createTestSigstore(start = new Date(Date.now() - 3600_000)): Promise<TestSigstore> {
  const rootKeys = await keyPair();
  const intermediateKeys = await keyPair();
  const rekorKeys = await keyPair();
  const ca = { notBefore: start, notAfter: new Date(start.getTime() + 10 * 365 * 86400_000), signingAlgorithm: EC };
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    ...ca,
    serialNumber: '01',
    name: 'O=faultline.test, CN=test fulcio root',
    keys: rootKeys,
    extensions: [new x509.BasicConstraintsExtension(true, 1, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const intermediate = await x509.X509CertificateGenerator.create({
    ...ca,
    serialNumber: '02',
    subject: 'O=faultline.test, CN=test fulcio intermediate',
    issuer: root.subject,
    publicKey: intermediateKeys.publicKey,
    signingKey: rootKeys.privateKey,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const rekorSpki = Buffer.from(await webcrypto.subtle.exportKey('spki', rekorKeys.publicKey));
  const logId = sha256(rekorSpki);
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl: 'https://rekor.faultline.test', hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: b64(rekorSpki), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: start.toISOString() } }, logId: { keyId: b64(logId) } }],
    certificateAuthorities: [
      {
        subject: { organization: 'faultline.test', commonName: 'test fulcio' },
        uri: 'https://fulcio.faultline.test',
        certChain: { certificates: [{ rawBytes: b64(intermediate.rawData) }, { rawBytes: b64(root.rawData) }] },
        validFor: { start: start.toISOString() },
      },
    ],
    ctlogs: [],
    timestampAuthorities: [],
  };

  async function signPayload(payload: Buffer, given: Partial<WorkflowIdentity> = {}, options: { corruptSignature?: boolean } = {}) {
    const id = { ...DEFAULT_IDENTITY, ...given };
    const repoUrl = `https://github.com/${id.repo}`;
    const san = `${repoUrl}/${id.workflow}@${id.ref}`;
    const leafKeys = await keyPair();
    const now = Date.now();
    const ext = (oid: string, text: string) => new x509.Extension(oid, false, utf8String(text));
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: (now % 0xffffff).toString(16).padStart(6, '0'),
      subject: '',
      issuer: intermediate.subject,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 10 * 60_000), // Fulcio's certificates live ten minutes
      signingAlgorithm: EC,
      publicKey: leafKeys.publicKey,
      signingKey: intermediateKeys.privateKey,
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.3']),
        new x509.SubjectAlternativeNameExtension([{ type: 'url', value: san }], true),
        new x509.Extension('1.3.6.1.4.1.57264.1.1', false, Buffer.from(id.issuer)),
        ext('1.3.6.1.4.1.57264.1.8', id.issuer),
        ext('1.3.6.1.4.1.57264.1.9', san),
        ext('1.3.6.1.4.1.57264.1.12', repoUrl),
        ext('1.3.6.1.4.1.57264.1.13', id.commit),
        ext('1.3.6.1.4.1.57264.1.14', id.ref),
        ext('1.3.6.1.4.1.57264.1.20', 'workflow_dispatch'),
        ext('1.3.6.1.4.1.57264.1.21', `${repoUrl}/actions/runs/${id.runId}/attempts/1`),
      ],
    });
    const payloadType = 'application/vnd.in-toto+json';
    const signature = signEc(pae(payloadType, payload), leafKeys.privateKey);
    if (options.corruptSignature) signature[12] = signature[12]! ^ 0x01;
    const envelope = { payload: b64(payload), payloadType, signatures: [{ sig: b64(signature), keyid: '' }] };

    const body = Buffer.from(
      json.canonicalize({
        apiVersion: '0.0.1',
        kind: 'dsse',
        spec: {
          envelopeHash: { algorithm: 'sha256', value: sha256(Buffer.from(JSON.stringify(envelope))).toString('hex') },
          payloadHash: { algorithm: 'sha256', value: sha256(payload).toString('hex') },
          signatures: [{ signature: b64(signature), verifier: b64(Buffer.from(leaf.toString('pem'))) }],
        },
      }),
    );
    const index = 1; // our entry's place in the two-leaf tree below
    const integratedTime = Math.floor(now / 1000);
    const set = signEc(Buffer.from(json.canonicalize({ body: b64(body), integratedTime, logIndex: index, logID: logId.toString('hex') })), rekorKeys.privateKey);
    // A two-leaf tree, our entry the second leaf: the proof is the first leaf's hash.
    const sibling = sha256(Buffer.from([0]), Buffer.from('an earlier entry'));
    const rootHash = sha256(Buffer.from([1]), sibling, sha256(Buffer.from([0]), body));
    const note = `rekor.faultline.test - 1\n2\n${b64(rootHash)}\n`;
    const noteSignature = Buffer.concat([logId.subarray(0, 4), signEc(Buffer.from(note), rekorKeys.privateKey)]);
    return {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: {
        certificate: { rawBytes: b64(leaf.rawData) },
        tlogEntries: [
          {
            logIndex: String(index),
            logId: { keyId: b64(logId) },
            kindVersion: { kind: 'dsse', version: '0.0.1' },
            integratedTime: String(integratedTime),
            inclusionPromise: { signedEntryTimestamp: b64(set) },
            inclusionProof: { logIndex: String(index), rootHash: b64(rootHash), treeSize: '2', hashes: [b64(sibling)], checkpoint: { envelope: `${note}\n\u2014 rekor.faultline.test ${b64(noteSignature)}\n` } },
            canonicalizedBody: b64(body),
          },
        ],
        timestampVerificationData: {},
      },
      dsseEnvelope: envelope,
    };
  }
  return { trustedRoot, sign: signPayload };
}
