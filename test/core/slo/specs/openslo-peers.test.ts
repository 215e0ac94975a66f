/**
 * The OpenSLO project's own files (the spec repository's examples, the Go SDK's examples and test
 * inputs, oslo's test inputs): we accept what `oslo validate` accepts and refuse what it refuses,
 * naming file, line and key. Refusals by design (what Faultline cannot evaluate: thresholdMetric,
 * sources other than Prometheus) say so; the SDK inliner's dangling references are warnings.
 */
import { expectNamesFileLineAndKey, judge, peerCorpus } from './peers.ts';

const { root, files, verdicts } = peerCorpus('openslo');

describe("OpenSLO files: our verdict is the OpenSLO tooling's", () => {
  it('has a peer verdict for every copied file', () => {
    expect(files).toEqual(Object.keys(verdicts).sort());
  });

  it.each(files)('%s', async (file) => {
    const verdict = verdicts[file]!;
    const ours = await judge(root, file, { allowNoSlo: true, with: verdict.with });
    if (verdict.peer === 'accepts' && verdict.ours === undefined) {
      if (!ours.accepted) throw ours.error;
      if (verdict.warns) expect(ours.warnings.join('\n')).toContain(verdict.warns);
      return;
    }
    expect(ours.accepted).toBe(false);
    if (ours.accepted) return;
    expectNamesFileLineAndKey(ours.error, file);
    if (verdict.ours === 'refuses-by-design') expect(ours.error.message).toContain(verdict.reason);
  });
});
