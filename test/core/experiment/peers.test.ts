/**
 * Chaos Toolkit's own test experiments, judged as its validator judges them: what chaoslib accepts
 * we accept, unless it needs Python or controls (refused by design, each use named in one
 * message); what chaoslib refuses we refuse. Every refusal names file, line and key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../../../core/errors.ts';
import { readExperiment } from '../../../core/experiment/engine.ts';
import { testDrivers } from './harness.ts';

const ROOT = 'test/fixtures/peers/chaostoolkit';
const verdicts = JSON.parse(readFileSync(join(ROOT, 'verdicts.json'), 'utf8')) as Record<string, { peer: 'accepts' | 'refuses'; peerSays?: string }>;
const files = ['chaostoolkit-lib', 'chaostoolkit'].flatMap((dir) => readdirSync(join(ROOT, dir)).map((name) => `${dir}/${name}`));

/** Python anywhere (activities, tolerance probes, dynamic configuration), a control, or a vault secret. */
function refusedByDesign(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(refusedByDesign);
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.type === 'python' || record.type === 'vault' || (Array.isArray(record.controls) && record.controls.length > 0)) return true;
  return Object.values(record).some(refusedByDesign);
}

function verdictOf(file: string): { accepted: true } | { accepted: false; error: FaultlineError } {
  try {
    readExperiment(readFileSync(join(ROOT, file), 'utf8'), file, { drivers: testDrivers, env: {}, lenient: true });
    return { accepted: true };
  } catch (error) {
    if (error instanceof FaultlineError) return { accepted: false, error };
    throw error;
  }
}

describe('Chaos Toolkit test experiments: our verdict is the peer validator\'s', () => {
  it('has a peer verdict for every copied file', () => {
    expect(files.sort()).toEqual(Object.keys(verdicts).sort());
  });

  it.each(files)('%s', (file) => {
    const { peer } = verdicts[file]!;
    const byDesign = refusedByDesign(JSON.parse(readFileSync(join(ROOT, file), 'utf8')));
    const ours = verdictOf(file);
    if (peer === 'accepts' && !byDesign) {
      expect(ours).toEqual({ accepted: true });
      return;
    }
    expect(ours.accepted).toBe(false);
    if (ours.accepted) return;
    const [head, ...lines] = ours.error.message.split('\n');
    expect(head).toMatch(/^invalid experiment \(\d+ problems?\):$/);
    // One line per problem: file:line:column: key path: why.
    for (const line of lines) expect(line).toMatch(new RegExp(`^  ${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: [^:]+: .+`));
    expect(ours.error.line).toBeGreaterThan(0);
    if (peer === 'accepts') {
      // Refused only for what we never run (Python, controls, vault), and said so in the shared words.
      expect(lines.every((line) => /we do not run/.test(line))).toBe(true);
    }
  });
});
