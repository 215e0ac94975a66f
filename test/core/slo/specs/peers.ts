/**
 * Runs a peer's copied specs through our loader and compares with the peer's own verdict
 * (test/fixtures/peers/<tool>/verdicts.json), for the table-driven peer tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../../../../core/errors.ts';
import { loadSloSpecSet, parseSloSpecSet } from '../../../../core/slo/specs/index.ts';
import type { SloDefinition } from '../../../../core/slo/types.ts';

export interface PeerVerdict {
  peer: 'accepts' | 'refuses';
  peerSays?: string;
  case?: string;
  /** Where we differ on purpose: what we cannot evaluate, and the words that say so. */
  ours?: 'refuses-by-design' | 'accepts-by-design';
  reason?: string;
  /** A warning we give for this accepted file (e.g. the key a peer silently ignores). */
  warns?: string;
  /** Files of the same set, loaded together (references across files). */
  with?: string[];
}

export function peerCorpus(tool: string): { root: string; files: string[]; verdicts: Record<string, PeerVerdict> } {
  const root = join('test/fixtures/peers', tool);
  const verdicts = JSON.parse(readFileSync(join(root, 'verdicts.json'), 'utf8')) as Record<string, PeerVerdict>;
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name) && entry.name !== 'verdicts.json')
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
  return { root, files, verdicts };
}

export type OurVerdict = { accepted: true; slos: SloDefinition[]; warnings: string[] } | { accepted: false; error: FaultlineError };

export async function judge(root: string, file: string, options: { allowNoSlo?: boolean; with?: string[] } = {}): Promise<OurVerdict> {
  try {
    if (options.with) {
      // Loaded with the rest of its set, as a user passes a folder: references resolve across files.
      const set = await loadSloSpecSet([file, ...options.with].map((f) => join(root, f)), { allowNoSlo: options.allowNoSlo });
      return { accepted: true, slos: set.slos, warnings: set.warnings };
    }
    const set = parseSloSpecSet(readFileSync(join(root, file), 'utf8'), file, { allowNoSlo: options.allowNoSlo });
    return { accepted: true, slos: set.slos, warnings: set.warnings };
  } catch (error) {
    if (error instanceof FaultlineError) return { accepted: false, error };
    throw error;
  }
}

/** A refusal names the file and line, and its message starts with the key path (or lists problems that do). */
export function expectNamesFileLineAndKey(error: FaultlineError, file: string): void {
  expect(error.file).toBe(file);
  expect(error.line).toBeGreaterThan(0);
  const lines = error.message.split('\n');
  if (/^invalid SLO spec \(\d+ problems?\):$/.test(lines[0]!)) {
    for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`^  ${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: \\S+: .+`));
  } else {
    expect(lines[0]).toMatch(/^[\w.[\]()-]+( [\w.[\]]+)*: .+/);
  }
}

