/**
 * `evidence pack`: copies the files into a bundle, hashing them as they stream, writes the in-toto
 * statement, signs it when a signer is given, and writes manifest.json last, so that a bundle
 * without a manifest is visibly incomplete. Any refusal removes what was written.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import mime from 'mime-types';
import { FaultlineError } from '../errors.ts';
import { collectEvidence } from './collect.ts';
import { copyAndHash, sha256 } from './hash.ts';
import { containsSecret, usableSecrets } from './secret-guard.ts';
import {
  FILES_DIR,
  type InTotoStatement,
  MANIFEST_FILE,
  MANIFEST_VERSION,
  type Manifest,
  type ManifestFile,
  type ManifestSignature,
  PREDICATE_TYPE,
  type RunContext,
  STATEMENT_FILE,
  STATEMENT_TYPE,
} from './types.ts';

/** Signs the statement's exact bytes; returns the file to add to the bundle. */
export interface EvidenceSigner {
  kind: ManifestSignature['kind'];
  sign(statementBytes: Buffer, statement: InTotoStatement): Promise<{ file: string; contents: Buffer; keyId?: string; url?: string }>;
}

export interface PackOptions {
  patterns: string[];
  cwd: string;
  /** The bundle folder; created, or empty. */
  dir: string;
  name: string;
  context: RunContext;
  /** Values that must never be written into the bundle (the action's registered secrets). */
  secrets?: readonly string[];
  signer?: EvidenceSigner;
}

export interface PackedBundle {
  dir: string;
  manifest: Manifest;
  /** sha256:<hex> of manifest.json's bytes: names this exact bundle. */
  digest: string;
  /** Where the signer recorded the signature (Sigstore: the attestation's URL). */
  signatureUrl?: string;
}

const extraTypes: Record<string, string> = { '.sarif': 'application/sarif+json', '.ndjson': 'application/x-ndjson', '.jsonl': 'application/x-ndjson', '.log': 'text/plain' };

export function mediaTypeOf(path: string): string {
  const extension = /\.[^./]+$/.exec(path)?.[0]?.toLowerCase() ?? '';
  return extraTypes[extension] ?? (mime.lookup(path) || 'application/octet-stream');
}

export function toJsonBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

function prepareDir(dir: string): () => void {
  if (existsSync(dir)) {
    if (readdirSync(dir).length > 0) throw new FaultlineError(`${dir} already exists and is not empty; refusing to pack into it`, { hint: 'give a new --out folder or --name, or remove the old bundle' });
    return () => {
      for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
    };
  }
  mkdirSync(dir, { recursive: true });
  return () => rmSync(dir, { recursive: true, force: true });
}

export async function packEvidence(options: PackOptions): Promise<PackedBundle> {
  const secrets = usableSecrets(options.secrets ?? []);
  const sources = collectEvidence(options.patterns, options.cwd);
  for (const source of sources) {
    if (containsSecret(source.path, secrets) >= 0) throw new FaultlineError(`a file name contains the value of a secret (${source.source.length} characters); refusing to pack it`, { hint: 'rename the file' });
  }
  const cleanup = prepareDir(options.dir);
  try {
    const files: ManifestFile[] = [];
    for (const { source, path } of sources) {
      const target = join(options.dir, FILES_DIR, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      const { size, sha256: digest } = await copyAndHash(source, target, secrets, source);
      files.push({ path, size, sha256: digest, mediaType: mediaTypeOf(path) });
    }
    const statement: InTotoStatement = {
      _type: STATEMENT_TYPE,
      subject: files.map((f) => ({ name: f.path, digest: { sha256: f.sha256 } })),
      predicateType: PREDICATE_TYPE,
      predicate: { name: options.name, context: options.context, files: files.map(({ path, size, mediaType }) => ({ path, size, mediaType })) },
    };
    const statementBytes = toJsonBytes(statement);
    if (containsSecret(statementBytes, secrets) >= 0) throw new FaultlineError('the run context (repository, actor, workflow...) contains the value of a secret; refusing to pack', { hint: 'check which secret matches the run context' });
    writeFileSync(join(options.dir, STATEMENT_FILE), statementBytes, { flag: 'wx' });

    let signature: ManifestSignature | undefined;
    let signatureUrl: string | undefined;
    if (options.signer) {
      const signed = await options.signer.sign(statementBytes, statement);
      writeFileSync(join(options.dir, signed.file), signed.contents, { flag: 'wx' });
      signature = { kind: options.signer.kind, file: signed.file, sha256: sha256(signed.contents), ...(signed.keyId ? { keyId: signed.keyId } : {}) };
      signatureUrl = signed.url;
    }

    const manifest: Manifest = {
      version: MANIFEST_VERSION,
      name: options.name,
      predicateType: PREDICATE_TYPE,
      context: options.context,
      files,
      statement: { file: STATEMENT_FILE, sha256: sha256(statementBytes) },
      ...(signature ? { signature } : {}),
    };
    const manifestBytes = toJsonBytes(manifest);
    writeFileSync(join(options.dir, MANIFEST_FILE), manifestBytes, { flag: 'wx' });
    return { dir: options.dir, manifest, digest: `sha256:${sha256(manifestBytes)}`, ...(signatureUrl ? { signatureUrl } : {}) };
  } catch (error) {
    cleanup();
    throw error;
  }
}
