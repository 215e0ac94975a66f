/**
 * Pyrra's published examples and the inputs of its own webhook validation tests: we accept what
 * Pyrra accepts and refuse what it refuses, naming file, line and key.
 */
import { expectNamesFileLineAndKey, judge, peerCorpus } from './peers.ts';

const { root, files, verdicts } = peerCorpus('pyrra');

describe("Pyrra specs: our verdict is Pyrra's", () => {
  it('has a peer verdict for every copied file', () => {
    expect(files).toEqual(Object.keys(verdicts).sort());
  });

  it.each(files)('%s', async (file) => {
    const ours = await judge(root, file);
    if (verdicts[file]!.peer === 'accepts') {
      if (!ours.accepted) throw ours.error;
      expect(ours.slos.length).toBeGreaterThan(0);
      for (const slo of ours.slos) {
        expect(slo.target).toBeGreaterThan(0);
        expect(slo.target).toBeLessThan(1);
        expect(slo.indicator.total).toContain('{{window}}');
      }
    } else {
      expect(ours.accepted).toBe(false);
      if (!ours.accepted) expectNamesFileLineAndKey(ours.error, file);
    }
  });
});
