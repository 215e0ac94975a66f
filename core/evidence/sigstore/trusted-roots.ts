/**
 * Sigstore trusted roots: the two shipped with Faultline (core/evidence/trust/README.md says where
 * they come from and how to refresh them), or the ones a user gives with --trusted-root, as one
 * TrustedRoot JSON document or as JSON lines (what `gh attestation trusted-root` prints).
 */
import { readFileSync } from 'node:fs';
import { X509Certificate } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { FaultlineError } from '../../errors.ts';
import githubRoot from '../trust/github.trusted-root.json' with { type: 'json' };
import publicGoodRoot from '../trust/public-good.trusted-root.json' with { type: 'json' };

export interface NamedTrustedRoot {
  /** For messages: "public-good (shipped)", or the file and line it came from. */
  name: string;
  root: TrustedRoot;
}

const MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.trustedroot';

function toRoot(document: unknown, name: string): NamedTrustedRoot {
  const doc = document as { mediaType?: unknown; certificateAuthorities?: unknown };
  if (typeof doc !== 'object' || doc === null || typeof doc.mediaType !== 'string' || !doc.mediaType.startsWith(MEDIA_TYPE_PREFIX)) {
    throw new FaultlineError(`${name} is not a Sigstore trusted root: expected "mediaType": "${MEDIA_TYPE_PREFIX}+json;version=0.1"`, {
      hint: "write one with 'gh attestation trusted-root > trusted-roots.jsonl' (docs/evidence.md)",
    });
  }
  if (!Array.isArray(doc.certificateAuthorities) || doc.certificateAuthorities.length === 0) {
    throw new FaultlineError(`${name} names no certificate authority ("certificateAuthorities" is empty or missing)`, { hint: 'a trusted root must list the Fulcio CA that issued the signing certificate' });
  }
  try {
    const root = TrustedRoot.fromJSON(document);
    for (const ca of root.certificateAuthorities) for (const cert of ca.certChain?.certificates ?? []) X509Certificate.parse(cert.rawBytes);
    return { name, root };
  } catch (error) {
    throw new FaultlineError(`${name} is not a usable Sigstore trusted root: ${(error as Error).message}`, { hint: "fetch a fresh one with 'gh attestation trusted-root'" });
  }
}

/** The roots Faultline ships: public-good Sigstore (public repositories) and GitHub's (private ones). */
export function shippedTrustedRoots(): NamedTrustedRoot[] {
  return [toRoot(publicGoodRoot, 'public-good Sigstore (shipped)'), toRoot(githubRoot, "GitHub's Sigstore (shipped)")];
}

/** Parses a --trusted-root file: one JSON document, or JSON lines with one root each. */
export function parseTrustedRoots(text: string, file: string): NamedTrustedRoot[] {
  try {
    return [toRoot(JSON.parse(text), file)];
  } catch (error) {
    if (error instanceof FaultlineError) throw error;
  }
  const roots: NamedTrustedRoot[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let document: unknown;
    try {
      document = JSON.parse(line);
    } catch (error) {
      throw new FaultlineError(`${file} is neither JSON nor JSON lines: line ${i + 1}: ${(error as Error).message}`, { file, line: i + 1, hint: "give the output of 'gh attestation trusted-root', or one trusted_root.json" });
    }
    roots.push(toRoot(document, `${file} line ${i + 1}`));
  }
  if (roots.length === 0) throw new FaultlineError(`${file} is empty: expected a Sigstore trusted root`, { file });
  return roots;
}

export function readTrustedRoots(file: string): NamedTrustedRoot[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FaultlineError(`cannot read the trusted root ${file}: ${(error as Error).message}`, { hint: "write one with 'gh attestation trusted-root > trusted-roots.jsonl'" });
  }
  return parseTrustedRoots(text, file);
}

/** True when one of the root's CA certificates is the issuer the leaf names (DER names compared). */
export function rootIssued(root: NamedTrustedRoot, leafIssuer: Buffer): boolean {
  return root.root.certificateAuthorities.some((ca) => (ca.certChain?.certificates ?? []).some((cert) => X509Certificate.parse(cert.rawBytes).subject.equals(leafIssuer)));
}
