/** Reads an untrusted manifest.json: anything off its shape is a problem to report, not a crash. */
import { DSSE_FILE, FILES_DIR, type Manifest, MANIFEST_VERSION, PREDICATE_TYPE, SIGSTORE_FILE, STATEMENT_FILE } from './types.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/** A bundle path that cannot escape the bundle or alias another entry. */
export function safeBundlePath(path: unknown): path is string {
  if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function parseManifest(bytes: Buffer): { manifest?: Manifest; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { problems: [`is not valid JSON (${(error as Error).message})`] };
  }
  const m = value as Manifest;
  const problems: string[] = [];
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return { problems: ['is not a JSON object'] };
  if (m.version !== MANIFEST_VERSION) problems.push(`version is ${JSON.stringify(m.version)}, expected ${MANIFEST_VERSION}`);
  if (m.predicateType !== PREDICATE_TYPE) problems.push(`predicateType is ${JSON.stringify(m.predicateType)}, expected ${PREDICATE_TYPE}`);
  if (typeof m.name !== 'string') problems.push('name is missing');
  if (typeof m.context !== 'object' || m.context === null) problems.push('context is missing');
  if (!Array.isArray(m.files)) problems.push('files is not a list');
  else {
    const seen = new Set<string>();
    m.files.forEach((f, i) => {
      if (!safeBundlePath(f?.path)) problems.push(`files[${i}].path ${JSON.stringify(f?.path)} is not a safe relative path`);
      else if (seen.has(f.path)) problems.push(`files[${i}].path ${f.path} is listed twice`);
      else seen.add(f.path);
      if (!Number.isSafeInteger(f?.size) || f.size < 0) problems.push(`files[${i}].size is not a byte count`);
      if (typeof f?.sha256 !== 'string' || !HEX64.test(f.sha256)) problems.push(`files[${i}].sha256 is not a SHA-256 hex digest`);
      if (typeof f?.mediaType !== 'string') problems.push(`files[${i}].mediaType is missing`);
    });
  }
  if (m.statement?.file !== STATEMENT_FILE || !HEX64.test(String(m.statement?.sha256))) problems.push(`statement must name ${STATEMENT_FILE} and its SHA-256`);
  if (m.signature !== undefined) {
    const s = m.signature;
    const expected = s?.kind === 'ed25519' ? DSSE_FILE : s?.kind === 'sigstore' ? SIGSTORE_FILE : undefined;
    if (!expected || s.file !== expected || !HEX64.test(String(s.sha256))) problems.push(`signature must be {kind: ed25519, file: ${DSSE_FILE}} or {kind: sigstore, file: ${SIGSTORE_FILE}} with its SHA-256`);
  }
  return problems.length > 0 ? { problems } : { manifest: m, problems };
}

export const filePathInBundle = (path: string) => `${FILES_DIR}/${path}`;
