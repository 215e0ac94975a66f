/**
 * The signature part of `evidence verify`: an ed25519 DSSE envelope checked with the given public
 * key, or a Sigstore bundle checked offline against trusted roots and then against whose signature
 * counts (--signer-repo, --signer-workflow, --cert-oidc-issuer). Either way the signed statement
 * must be the bundle's statement.
 */
import { isDeepStrictEqual } from 'node:util';
import type { BundleReader } from './bundle-reader.ts';
import { envelopeSignedBy, isEnvelope, keyIdOf } from './dsse.ts';
import { sha256 } from './hash.ts';
import { describeIdentity, policyProblems } from './sigstore/identity.ts';
import { DSSE_PAYLOAD_TYPE, MANIFEST_FILE, type Manifest } from './types.ts';
import type { VerifyOptions, VerifyReport } from './verify.ts';

type Problem = (path: string, text: string) => void;

const decodeJson = (bytes: Buffer): unknown => {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
};

/** A signer policy names a repository or a workflow; the issuer alone says nothing about whose run it was. */
const hasSignerPolicy = (options: VerifyOptions) => options.signer?.repo !== undefined || options.signer?.workflow !== undefined;

export async function checkSignature(
  reader: BundleReader,
  manifest: Manifest,
  statementBytes: Buffer | undefined,
  present: Set<string>,
  options: VerifyOptions,
  report: VerifyReport,
  problem: Problem,
): Promise<void> {
  const required = options.requireSignature === true || options.publicKey !== undefined || hasSignerPolicy(options);
  const signature = manifest.signature;
  if (!signature) {
    if (required) problem(MANIFEST_FILE, 'unsigned: the bundle carries no signature, and one is required');
    else report.notes.push('unsigned bundle: hashes prove it is intact, not who made it (pack with --key or sign: true in the action)');
    return;
  }
  report.signature = { kind: signature.kind, status: 'not-checked', ...(signature.keyId ? { keyId: signature.keyId } : {}) };
  if (!present.has(signature.file)) {
    report.signature.status = 'invalid';
    return; // reported as missing already
  }
  const bytes = await reader.readSmall(signature.file);
  if (sha256(bytes) !== signature.sha256) problem(signature.file, 'content changed: its SHA-256 differs from the manifest');
  if (options.integrityOnly) return;
  const document = decodeJson(bytes);
  if (document === undefined) {
    report.signature.status = 'invalid';
    problem(signature.file, 'is not valid JSON');
    return;
  }
  if (signature.kind === 'sigstore') await checkSigstore(signature.file, document, statementBytes, options, required, report, problem);
  else checkEd25519(signature.file, document, statementBytes, options, required, report, problem);
}

function checkEd25519(file: string, document: unknown, statementBytes: Buffer | undefined, options: VerifyOptions, required: boolean, report: VerifyReport, problem: Problem): void {
  const invalid = (text: string) => {
    report.signature.status = 'invalid';
    problem(file, text);
  };
  if (!isEnvelope(document)) {
    invalid('holds no DSSE envelope');
    return;
  }
  const payload = Buffer.from(document.payload, 'base64');
  if (statementBytes === undefined || !payload.equals(statementBytes)) {
    invalid('signs a different statement than the bundle holds');
    return;
  }
  if (hasSignerPolicy(options)) {
    invalid('signed with an ed25519 key, but --signer-repo/--signer-workflow ask for a Sigstore signature by a workflow');
    return;
  }
  if (!options.publicKey) {
    if (required) problem(file, "signature not checked: give --public-key with the signer's public key");
    else report.notes.push(`${file}: signed by key ${report.signature.keyId ?? '?'}; give --public-key to check the signature`);
    return;
  }
  if (!envelopeSignedBy(document, options.publicKey)) {
    invalid(`signature does not verify with the given public key (${keyIdOf(options.publicKey)})`);
    return;
  }
  report.signature.status = 'verified';
  report.signature.keyId = keyIdOf(options.publicKey);
}

async function checkSigstore(
  file: string,
  document: unknown,
  statementBytes: Buffer | undefined,
  options: VerifyOptions,
  required: boolean,
  report: VerifyReport,
  problem: Problem,
): Promise<void> {
  const invalid = (text: string) => {
    report.signature.status = 'invalid';
    problem(file, text);
  };
  if (options.publicKey) {
    invalid('signed with Sigstore (a workflow identity), but --public-key asks for an ed25519 key signature; give --signer-repo instead');
    return;
  }
  // Loaded only for a Sigstore signature: the libraries and roots would cost every pack, verify and
  // upload about 10 MiB of memory (the upload's goal is 100 MB in all).
  const [{ verifySigstoreBundle }, { shippedTrustedRoots }] = await Promise.all([import('./sigstore/verify-bundle.ts'), import('./sigstore/trusted-roots.ts')]);
  const result = verifySigstoreBundle(document, options.trustedRoots ?? shippedTrustedRoots());
  if (result.identity) report.signature.identity = result.identity;
  if (!result.ok) {
    invalid(result.reason);
    return;
  }
  report.signature.trustedRoot = result.trustedRoot;
  if (result.envelope.payloadType !== DSSE_PAYLOAD_TYPE) {
    invalid(`signs a payload of type ${result.envelope.payloadType}, not an in-toto statement (${DSSE_PAYLOAD_TYPE})`);
    return;
  }
  // Sigstore re-serialises the statement it signs, so compare meaning, not bytes.
  const signed = decodeJson(result.envelope.payload);
  if (statementBytes === undefined || signed === undefined || !isDeepStrictEqual(signed, decodeJson(statementBytes))) {
    invalid('signs a different statement than the bundle holds');
    return;
  }
  const signedBy = describeIdentity(result.identity);
  if (!hasSignerPolicy(options)) {
    report.signature.status = 'signer-unchecked';
    const text = `valid Sigstore signature by ${signedBy}, but whose signature counts was not checked: give --signer-repo OWNER/REPO (and --signer-workflow PATH)`;
    if (required) problem(file, text);
    else report.notes.push(`${file}: ${text}`);
    return;
  }
  const refused = policyProblems(result.identity, { issuer: options.signer!.issuer, repo: options.signer!.repo, workflow: options.signer!.workflow });
  if (refused.length > 0) {
    report.signature.status = 'untrusted-signer';
    for (const text of refused) problem(file, `signer not accepted: ${text}`);
    return;
  }
  report.signature.status = 'verified';
}
