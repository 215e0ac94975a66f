import { type GateEvidence, gateVerdict } from '../../../core/gates/verdict.ts';
import { createResult, type FaultlineResult, type Verdict } from '../../../core/result.ts';

const at = new Date('2026-11-25T10:00:00Z');
function result(kind: FaultlineResult['kind'], verdict: Verdict, name = `${kind}-gate`): FaultlineResult {
  return createResult({ kind, name, verdict, startedAt: at, finishedAt: at, summary: `${verdict} summary` });
}

describe('gate verdicts from result files', () => {
  it('does not apply (neutral) when no result of its kind exists', () => {
    expect(gateVerdict('chaos', [result('migrations', 'fail')]).conclusion).toBe('neutral');
  });

  it('passes when every result of its kind passed', () => {
    const verdict = gateVerdict('migrations', [result('migrations', 'pass'), result('chaos', 'fail')]);
    expect(verdict).toMatchObject({ conclusion: 'success', checkName: 'faultline/migrations' });
    expect(verdict.results).toHaveLength(1);
  });

  it('fails on a failed result and on one that could not decide', () => {
    expect(gateVerdict('chaos', [result('chaos', 'pass'), result('chaos', 'fail')]).conclusion).toBe('failure');
    expect(gateVerdict('slo-budget', [result('slo', 'error')]).conclusion).toBe('failure');
    expect(gateVerdict('slo-budget', [result('canary', 'fail')]).title).toBe('1 of 1 failed');
  });

  it('passes a failing gate only under an approved override, and says who decided', () => {
    const override = {
      gate: 'chaos' as const,
      reason: 'target cluster down',
      requestedBy: 'alice',
      requestedAt: '2026-11-25T10:01:00Z',
      commentId: 1,
      approvedBy: 'bob',
      approvedAt: '2026-11-25T10:02:00Z',
    };
    const verdict = gateVerdict('chaos', [result('chaos', 'fail')], override);
    expect(verdict.conclusion).toBe('success');
    expect(verdict.title).toBe('Overridden by @alice, approved by @bob');
    expect(verdict.reasons).toContain('override reason: target cluster down');
  });
});

describe('gate verdicts with what the app saw for the commit', () => {
  const applies = { applies: true, reason: '`db/V2.sql` matches `migrations.paths`' };
  const evidence = (over: Partial<GateEvidence> = {}): GateEvidence => ({ applicability: applies, rejected: [], untrusted: [], waiting: false, seen: '1 completed workflow run reported no migrations result', ...over });

  it('fails a gate that applies and has no trusted result, saying what was seen', () => {
    const verdict = gateVerdict('migrations', [], undefined, undefined, evidence());
    expect(verdict).toMatchObject({ conclusion: 'failure', title: 'No trusted result' });
    expect(verdict.reasons[0]).toBe('no trusted result: 1 completed workflow run reported no migrations result');
  });

  it('fails a gate that applies when only a neutral result (nothing checked) came', () => {
    expect(gateVerdict('migrations', [result('migrations', 'neutral')], undefined, undefined, evidence()).conclusion).toBe('failure');
  });

  it('is neutral only when the gate does not apply, with the reason', () => {
    const verdict = gateVerdict('migrations', [], undefined, undefined, evidence({ applicability: { applies: false, reason: 'no changed file matches `migrations.paths`' } }));
    expect(verdict).toMatchObject({ conclusion: 'neutral', reasons: ['Does not apply: no changed file matches `migrations.paths`.'] });
  });

  it('fails on a rejected result file even next to a pass', () => {
    const verdict = gateVerdict('migrations', [result('migrations', 'pass')], undefined, undefined, evidence({ rejected: [{ where: '`a/b.json`', problems: ['source.sha is x'] }] }));
    expect(verdict).toMatchObject({ conclusion: 'failure', title: '1 result file rejected' });
  });

  it('names what the pull request changed in the gate, and an approved override still lets it through', () => {
    const untrusted = [{ run: 'db', url: 'https://github.com/o/r/actions/runs/1', changed: ['actions/gate/'] }];
    const failed = gateVerdict('migrations', [], undefined, undefined, evidence({ untrusted }));
    expect(failed.reasons[0]).toBe('this pull request changes the gate itself: `actions/gate/`; ask a maintainer for an override');
    const override = { gate: 'migrations' as const, reason: 'rewriting the gate', requestedBy: 'alice', requestedAt: '', commentId: 1, approvedBy: 'bob', approvedAt: '' };
    expect(gateVerdict('migrations', [], override, undefined, evidence({ untrusted })).conclusion).toBe('success');
  });

  it('waits instead of passing while runs are still going, but fails at once', () => {
    expect(gateVerdict('migrations', [result('migrations', 'pass')], undefined, undefined, evidence({ waiting: true }))).toMatchObject({ waiting: true });
    expect(gateVerdict('migrations', [result('migrations', 'fail')], undefined, undefined, evidence({ waiting: true }))).toMatchObject({ conclusion: 'failure' });
  });

  it('does not pass when not every run for the commit could be read', () => {
    const verdict = gateVerdict('migrations', [result('migrations', 'pass')], undefined, undefined, evidence({ unread: 'only the first 1000 of 1200 workflow runs were read' }));
    expect(verdict).toMatchObject({ conclusion: 'failure', title: 'Not every run was read' });
  });
});
