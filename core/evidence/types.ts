/**
 * The shape of an evidence bundle. A bundle is a folder:
 *
 *   files/<path>              the evidence, byte for byte as it was given
 *   statement.intoto.json     in-toto Statement v1: one subject per file, our drill-evidence predicate
 *   attestation.dsse.json     (signed with a key) DSSE envelope over the statement, ed25519
 *   attestation.sigstore.json (signed in Actions) Sigstore bundle from @actions/attest
 *   manifest.json             written last: every file's path, size, SHA-256 and media type, the run
 *
 * A folder without manifest.json is an incomplete bundle, never a valid one.
 */
export const MANIFEST_FILE = 'manifest.json';
export const STATEMENT_FILE = 'statement.intoto.json';
export const DSSE_FILE = 'attestation.dsse.json';
export const SIGSTORE_FILE = 'attestation.sigstore.json';
export const FILES_DIR = 'files';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** Our predicate type, documented in docs/evidence.md. Bump the version when the predicate changes shape. */
export const PREDICATE_TYPE = 'https://faultline.dev/attestations/drill-evidence/v1';
export const DSSE_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const MANIFEST_VERSION = 1;

/** Where the evidence was produced: from the GitHub Actions environment, or what the CLI user gave. */
export interface RunContext {
  repository?: string;
  commit?: string;
  ref?: string;
  workflow?: string;
  runId?: string;
  runAttempt?: string;
  actor?: string;
  eventName?: string;
  /** When the bundle was packed (ISO 8601). */
  time: string;
  tool: { name: string; version: string };
}

export interface ManifestFile {
  /** Path inside the bundle's files/ folder, '/'-separated, never absolute, never '..'. */
  path: string;
  size: number;
  sha256: string;
  mediaType: string;
}

/** Which signature the bundle carries (the file is covered by the manifest like any other). */
export interface ManifestSignature {
  kind: 'ed25519' | 'sigstore';
  file: string;
  sha256: string;
  /** ed25519: SHA-256 of the public key (SPKI DER), hex; sigstore: the certificate's identity when known. */
  keyId?: string;
}

/** Where `evidence upload` put each object; added only to the copy of the manifest stored in S3. */
export interface StoredObject {
  key: string;
  versionId: string;
  size: number;
  lockMode?: string;
  retainUntil?: string;
  legalHold?: boolean;
}

export interface Manifest {
  version: typeof MANIFEST_VERSION;
  name: string;
  predicateType: typeof PREDICATE_TYPE;
  context: RunContext;
  files: ManifestFile[];
  statement: { file: string; sha256: string };
  signature?: ManifestSignature;
  storage?: { bucket: string; prefix: string; objects: StoredObject[] };
}

export interface InTotoSubject {
  name: string;
  digest: { sha256: string };
}

export interface DrillEvidencePredicate {
  name: string;
  context: RunContext;
  files: { path: string; size: number; mediaType: string }[];
}

export interface InTotoStatement {
  _type: typeof STATEMENT_TYPE;
  subject: InTotoSubject[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: DrillEvidencePredicate;
}
