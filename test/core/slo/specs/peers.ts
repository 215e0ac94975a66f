/**
 * Runs a peer's copied specs through our loader and compares with the peer's own verdict
 * (test/fixtures/peers/<tool>/verdicts.json), for the table-driven peer tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../../../../core/errors.ts';
import { parseSloSpecs } from '../../../../core/slo/specs/index.ts';
import type { SloDefinition } from '../../../../core/slo/types.ts';

export interface PeerVerdict {
  peer: 'accepts' | 'refuses';
  peerSays?: string;
  case?: string;
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

export type OurVerdict = { accepted: true; slos: SloDefinition[] } | { accepted: false; error: FaultlineError };

export function judge(root: string, file: string): OurVerdict {
  try {
    return { accepted: true, slos: parseSloSpecs(readFileSync(join(root, file), 'utf8'), file) };
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
