/**
 * `evidence verify`: every hash, exact coverage (nothing extra, nothing missing), the statement
 * agreeing with the manifest, and the signature. Each problem names the file; the bundle is
 * verified only when there is none.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KeyObject } from 'node:crypto';
import type { BundleReader } from './bundle-reader.ts';
import { sha256 } from './hash.ts';
import { filePathInBundle, parseManifest } from './manifest-shape.ts';
import type { SignerIdentity, SignerPolicy } from './sigstore/identity.ts';
import type { NamedTrustedRoot } from './sigstore/trusted-roots.ts';
import { type InTotoStatement, MANIFEST_FILE, type Manifest, PREDICATE_TYPE, STATEMENT_TYPE } from './types.ts';
import { checkSignature } from './verify-signature.ts';

export interface VerifyOptions {
  /** ed25519 public key the DSSE signature must verify with. Giving one requires a signature. */
  publicKey?: KeyObject;
  /** Without a verified signature the bundle fails (exit 1), instead of passing as unsigned. */
  requireSignature?: boolean;
  /** Sigstore roots to check against (default: the shipped public-good and GitHub roots). */
  trustedRoots?: NamedTrustedRoot[];
  /** Whose Sigstore signature counts. A repo or workflow in it requires a Sigstore signature. */
  signer?: SignerPolicy;
  /**
   * Check that the bundle is intact (hashes, coverage, statement) but not the signature itself:
   * for the check before storing, which must not lose evidence to a trusted root gone stale.
   */
  integrityOnly?: boolean;
}

/**
 * `signer-unchecked`: a valid Sigstore signature, but no policy said whose signature counts, so it
 * proves nothing about who made the bundle. `untrusted-signer`: valid, by someone the policy refuses.
 */
export type SignatureStatus = 'verified' | 'invalid' | 'absent' | 'not-checked' | 'signer-unchecked' | 'untrusted-signer';

export interface VerifyReport {
  location: string;
  verified: boolean;
  problems: { path: string; problem: string }[];
  notes: string[];
  /** `identity`: what the Sigstore certificate names; proven only when the signature checked out (see status). */
  signature: { kind?: 'ed25519' | 'sigstore'; status: SignatureStatus; keyId?: string; identity?: SignerIdentity; trustedRoot?: string };
  manifest?: Manifest;
  files: number;
  bytes: number;
}

function decodeStatement(bytes: Buffer): InTotoStatement | undefined {
  try {
    return JSON.parse(bytes.toString('utf8')) as InTotoStatement;
  } catch {
    return undefined;
  }
}

export async function verifyBundle(reader: BundleReader, options: VerifyOptions = {}): Promise<VerifyReport> {
  const report: VerifyReport = { location: reader.location, verified: false, problems: [], notes: [], signature: { status: 'absent' }, files: 0, bytes: 0 };
  const problem = (path: string, text: string) => report.problems.push({ path, problem: text });
  const entries = await reader.entries();
  report.notes.push(...entries.notes);
  for (const s of entries.strange) problem(s.path, s.problem);
  const present = new Set(entries.files);

  if (!present.has(MANIFEST_FILE)) {
    problem(MANIFEST_FILE, 'missing: the bundle is incomplete (pack or upload stopped before the end) or was stripped');
    return report;
  }
  const parsed = parseManifest(await reader.readSmall(MANIFEST_FILE));
  for (const text of parsed.problems) problem(MANIFEST_FILE, text);
  const manifest = parsed.manifest;
  if (!manifest) return report;
  report.manifest = manifest;

  const expected = new Map<string, string>([[MANIFEST_FILE, 'manifest'], [manifest.statement.file, 'statement']]);
  for (const f of manifest.files) expected.set(filePathInBundle(f.path), 'file');
  if (manifest.signature) expected.set(manifest.signature.file, 'signature');
  for (const path of present) if (!expected.has(path)) problem(path, 'extra: present in the bundle but not in the manifest');
  for (const [path] of expected) if (!present.has(path)) problem(path, 'missing: named by the manifest but not in the bundle');

  for (const f of manifest.files) {
    const path = filePathInBundle(f.path);
    if (!present.has(path)) continue;
    const actual = await reader.hash(path);
    report.files++;
    report.bytes += actual.size;
    if (actual.sha256 !== f.sha256 || actual.size !== f.size) {
      problem(path, `content changed: sha256 ${actual.sha256} (${actual.size} bytes), the manifest says ${f.sha256} (${f.size} bytes)`);
    }
  }

  let statementBytes: Buffer | undefined;
  if (present.has(manifest.statement.file)) {
    statementBytes = await reader.readSmall(manifest.statement.file);
    if (sha256(statementBytes) !== manifest.statement.sha256) problem(manifest.statement.file, 'content changed: its SHA-256 differs from the manifest');
    const statement = decodeStatement(statementBytes);
    if (!statement) problem(manifest.statement.file, 'is not valid JSON');
    else checkStatementAgrees(statement, manifest, (text) => problem(MANIFEST_FILE, text));
  }

  await checkSignature(reader, manifest, statementBytes, present, options, report, problem);
  report.verified = report.problems.length === 0;
  return report;
}

function checkStatementAgrees(statement: InTotoStatement, manifest: Manifest, problem: (text: string) => void): void {
  if (statement._type !== STATEMENT_TYPE) problem(`the statement's _type is ${JSON.stringify(statement._type)}, not ${STATEMENT_TYPE}`);
  if (statement.predicateType !== PREDICATE_TYPE) problem(`the statement's predicateType is ${JSON.stringify(statement.predicateType)}, not ${PREDICATE_TYPE}`);
  const subjects = manifest.files.map((f) => ({ name: f.path, digest: { sha256: f.sha256 } }));
  if (!isDeepStrictEqual(statement.subject, subjects)) problem('edited: its files and hashes differ from the statement\'s subjects');
  const files = manifest.files.map(({ path, size, mediaType }) => ({ path, size, mediaType }));
  if (!isDeepStrictEqual(statement.predicate?.files, files)) problem('edited: its file sizes or media types differ from the statement');
  if (!isDeepStrictEqual(statement.predicate?.context, manifest.context)) problem('edited: its run context differs from the statement');
  if (statement.predicate?.name !== manifest.name) problem('edited: its name differs from the statement');
}
