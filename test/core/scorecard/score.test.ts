import type { ActivityRun, Journal } from '../../../core/experiment/journal.ts';
import { combinedScore, score } from '../../../core/scorecard/score.ts';

function check(name: string, met: boolean): ActivityRun {
  return { activity: { type: 'probe', name, provider: { type: 'http', url: 'http://x' } }, status: 'succeeded', tolerance_met: met, tolerance_reason: met ? undefined : `${name} down`, start: '', end: '', duration: 0 };
}

function journal(parts: Partial<Journal['steady_states']> & { guardrails?: ActivityRun[][] }, status: Journal['status'] = 'completed'): Journal {
  return {
    experiment: { title: 't', description: '', method: [] },
    status,
    deviated: false,
    steady_states: { before: parts.before ?? null, after: parts.after ?? null, during: parts.during ?? [] },
    faultline: { guardrails: (parts.guardrails ?? []).map((probes) => ({ steady_state_met: probes.every((p) => p.tolerance_met), probes })), weight: 1 },
  } as unknown as Journal;
}

describe('resilience score (Litmus)', () => {
  it('counts each probe once per phase, passing only if every check in that phase passed', () => {
    const result = score(
      journal({
        before: { steady_state_met: true, probes: [check('a', true), check('b', true)] },
        after: { steady_state_met: false, probes: [check('a', true), check('b', false)] },
        guardrails: [[check('g', true)], [check('g', false)], [check('g', true)]],
      }),
    );
    expect(result.probes.map((p) => [p.phase, p.probe, p.checks, p.passed])).toEqual([
      ['before', 'a', 1, true],
      ['before', 'b', 1, true],
      ['after', 'a', 1, true],
      ['after', 'b', 1, false],
      ['guardrail', 'g', 3, false],
    ]);
    expect(result.score).toBe(60);
    expect(result.probes[4]?.reason).toBe('g down');
  });

  it('scores a run without probes by its outcome', () => {
    expect(score(journal({})).score).toBe(100);
    expect(score(journal({}, 'aborted')).score).toBe(0);
  });

  it('weights experiments: Σ weight × score / Σ weight', () => {
    expect(combinedScore([{ score: 100, weight: 3 }, { score: 50, weight: 1 }])).toBe(87.5);
    expect(combinedScore([])).toBeNull();
  });

  it('does not score an interrupted run, however well its few checks went', () => {
    const interrupted = score(journal({ before: { steady_state_met: true, probes: [check('a', true)] } }, 'interrupted'));
    expect(interrupted.score).toBeNull();
    expect(interrupted.unscored).toBe('not scored: the run was interrupted before it finished');
    expect(interrupted.probes).toHaveLength(1);
  });

  it('counts an unscored experiment as 0 across experiments: it proved nothing', () => {
    expect(combinedScore([{ score: 100, weight: 1 }, { score: null, weight: 1 }])).toBe(50);
  });
});
