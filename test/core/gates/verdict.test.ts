import { gateVerdict } from '../../../core/gates/verdict.ts';
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
