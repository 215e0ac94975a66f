/** The dry-run plan promises only what will happen: no TTL or revert for a fault that has none. */
import { type ExperimentPlan, formatPlan, type PlanStep } from '../../../core/experiment/plan.ts';

const base = { phase: 'method', kind: 'fault', at: 'x.yaml:9 method[0]' } as const;

function plan(steps: PlanStep[]): ExperimentPlan {
  return { title: 'Replace half the pods', owner: 'sre', hypothesisStrategy: 'default', rollbackStrategy: 'default', steps };
}

describe('the dry-run plan', () => {
  const deletePods: PlanStep = { ...base, activity: 'delete-pods', what: 'kubernetes: delete 50% of the pod(s)', instantaneous: true, undo: 'not undoable; the controller recreates the pods' };
  const freeze: PlanStep = { ...base, activity: 'freeze', what: 'process: SIGSTOP', ttlSeconds: 60, undo: 'SIGCONT to the stopped processes' };

  it('calls an instantaneous fault instantaneous, not "at most 0 s", and promises no revert', () => {
    const text = formatPlan(plan([deletePods]));
    expect(text).toContain('how long: instantaneous; nothing stays in force, so nothing is reverted');
    expect(text).toContain('recovery: not undoable; the controller recreates the pods');
    expect(text).not.toMatch(/at most 0 s|reverted at the end/);
    expect(text).toMatch(/1 instantaneous fault: it is recorded in the ledger and has nothing to revert;/);
  });

  it('gives a lasting fault its TTL and its revert', () => {
    const text = formatPlan(plan([freeze]));
    expect(text).toContain('how long: at most 60 s (time-to-live)');
    expect(text).toContain('undone by: SIGCONT to the stopped processes');
    expect(text).toMatch(/1 lasting fault: it is recorded in the ledger before it is injected and reverted at the end/);
  });

  it('says both when an experiment has both kinds', () => {
    expect(formatPlan(plan([freeze, deletePods]))).toMatch(/1 lasting fault: .*\. 1 instantaneous fault: .*\.$/);
  });
});
