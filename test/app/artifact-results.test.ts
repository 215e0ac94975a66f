import { strToU8, zipSync } from 'fflate';
import { readResultsFromZip } from '../../app/artifact-results.ts';
import { createResult } from '../../core/result.ts';

const at = new Date('2026-11-25T10:00:00Z');
const valid = createResult({ kind: 'chaos', name: 'kill-api', verdict: 'pass', startedAt: at, finishedAt: at });

describe('reading result files from a workflow artifact', () => {
  it('takes valid result files and ignores other JSON such as journals', async () => {
    const zip = zipSync({
      'faultline-result.json': strToU8(JSON.stringify(valid)),
      'journal.json': strToU8(JSON.stringify({ status: 'completed', run: [] })),
      'notes.txt': strToU8('hello'),
    });
    const { results, rejected } = await readResultsFromZip('faultline-chaos', zip);
    expect(results).toEqual([valid]);
    expect(rejected).toEqual([]);
  });

  it('reports a forged or broken result instead of trusting it', async () => {
    const zip = zipSync({
      'a/faultline-result.json': strToU8(JSON.stringify({ ...valid, verdict: 'pass-please', extra: 1 })),
      'b/faultline-result.json': strToU8('{"kind": "chaos", "verdict": '),
    });
    const { results, rejected } = await readResultsFromZip('faultline-chaos', zip);
    expect(results).toEqual([]);
    expect(rejected.map((r) => r.file).sort()).toEqual(['a/faultline-result.json', 'b/faultline-result.json']);
    expect(rejected.find((r) => r.file.startsWith('a/'))!.problems).toEqual(
      expect.arrayContaining(['verdict: must be one of "pass", "fail", "neutral", "error"', 'extra: unknown key "extra"']),
    );
  });

  it('reports an archive that is not a zip', async () => {
    const { rejected } = await readResultsFromZip('broken', strToU8('not a zip at all'));
    expect(rejected[0]).toMatchObject({ artifact: 'broken', file: '(archive)' });
  });
});
