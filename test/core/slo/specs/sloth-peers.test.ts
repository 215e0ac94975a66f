/**
 * Sloth's published examples and the inputs of its own integration tests: we accept what Sloth
 * accepts (warning about keys it silently ignores) and refuse what it refuses, naming file, line
 * and key. Plugins are refused by design, in every spelling, with one tailored message.
 */
import { expectNamesFileLineAndKey, judge, peerCorpus } from './peers.ts';

const { root, files, verdicts } = peerCorpus('sloth');

describe("Sloth specs: our verdict is Sloth's", () => {
  it('has a peer verdict for every copied file', () => {
    expect(files).toEqual(Object.keys(verdicts).sort());
  });

  it.each(files)('%s', async (file) => {
    const verdict = verdicts[file]!;
    const ours = await judge(root, file, { with: verdict.with });
    const shouldAccept = (verdict.peer === 'accepts' && verdict.ours === undefined) || verdict.ours === 'accepts-by-design';
    if (shouldAccept) {
      if (!ours.accepted) throw ours.error;
      expect(ours.slos.length).toBeGreaterThan(0);
      if (verdict.warns) expect(ours.warnings.join('\n')).toContain(verdict.warns);
      return;
    }
    expect(ours.accepted).toBe(false);
    if (ours.accepted) return;
    if (!verdict.with) expectNamesFileLineAndKey(ours.error, file);
    if (verdict.ours === 'refuses-by-design') expect(ours.error.message).toContain(verdict.reason);
  });
});
