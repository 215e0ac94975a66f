/**
 * Fingerprints: what makes a finding "the same" on the base branch and in the pull request. Built
 * from the rule, the path and what the problem is about — package@version or resource address
 * when the tool names one, else the message — never the line, so unrelated edits above a finding
 * do not make it new. Repeats of one problem (a vulnerability on several dependency paths, one
 * check reported twice for a resource) collapse into one finding. Findings that share rule, path
 * and message (two identical issues in one file) are told apart by their order in the file.
 */
import { createHash } from 'node:crypto';
import type { RawFinding, SecurityFinding } from './types.ts';

const VERSION = 'faultline-security/v1';

function hash(parts: string[]): string {
  return createHash('sha256').update([VERSION, ...parts].join('\u0000')).digest('hex').slice(0, 32);
}

/** Line numbers and runs of whitespace inside a message must not change its identity. */
export function normaliseMessage(message: string): string {
  return message
    .replace(/\b(lines?|ln)\s*\d+(\s*[-–,:]\s*\d+)*/gi, '$1 #')
    .replace(/\s+/g, ' ')
    .trim();
}

function strongIdentity(finding: RawFinding): string | undefined {
  if (finding.packages && finding.packages.length > 0) return `pkg:${finding.packages.join(',')}`;
  if (finding.resource) return `res:${finding.resource}`;
  return undefined;
}

function byPosition(a: RawFinding, b: RawFinding): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Assigns fingerprints and merges repeats; the output keeps the input's order of first sight. */
export function fingerprintFindings(raw: readonly RawFinding[]): SecurityFinding[] {
  const groups = new Map<string, RawFinding[]>();
  for (const finding of raw) {
    const identity = strongIdentity(finding) ?? `msg:${normaliseMessage(finding.identity ?? finding.message)}`;
    const key = [finding.rule, finding.path ?? '', identity].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(finding);
    else groups.set(key, [finding]);
  }
  const out: SecurityFinding[] = [];
  for (const [key, list] of groups) {
    const [rule, path, identity] = key.split('\u0000') as [string, string, string];
    if (identity.startsWith('pkg:') || identity.startsWith('res:') || list.length === 1) {
      out.push(merge(list, hash([rule, path, identity]), hash([rule, identity])));
      continue;
    }
    // Same rule, file and message: exact repeats (same position) merge, distinct positions are
    // numbered in file order; the first keeps the plain key so a second one appearing later is
    // the new one.
    const byPlace = new Map<string, RawFinding[]>();
    for (const finding of [...list].sort(byPosition)) {
      const place = `${finding.line ?? ''}:${finding.column ?? ''}`;
      const same = byPlace.get(place);
      if (same) same.push(finding);
      else byPlace.set(place, [finding]);
    }
    let ordinal = 0;
    for (const same of byPlace.values()) {
      ordinal++;
      const suffix = ordinal === 1 ? [] : [`#${ordinal}`];
      out.push(merge(same, hash([rule, path, identity, ...suffix]), hash([rule, identity, ...suffix])));
    }
  }
  return out;
}

function merge(list: RawFinding[], fingerprint: string, movedKey: string): SecurityFinding {
  const [first, ...rest] = list as [RawFinding, ...RawFinding[]];
  const { identity: _identity, ...finding } = first;
  const properties = { ...finding.properties };
  if (rest.length > 0) {
    properties.occurrences = list.length;
    const lines = list.map((f) => f.line).filter((l): l is number => l !== undefined);
    if (lines.length > 1) properties.lines = [...new Set(lines)].sort((a, b) => a - b);
    const fixedIn = new Set(list.flatMap((f) => f.fixedIn ?? []));
    if (fixedIn.size > 0) finding.fixedIn = [...fixedIn];
  }
  return { ...finding, properties, fingerprint, movedKey };
}
