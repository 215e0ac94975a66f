/**
 * Resilience score, Litmus' way.
 *
 * Per experiment: the probe success percentage. A probe counts once per phase it was checked in
 * (steady state before, during, after; each guardrail), and passes in that phase only when every
 * check of it there met its tolerance:  score = 100 × passed / checked.
 * An experiment that never checked a probe scores 0 when it failed and 100 when it completed.
 * An interrupted run (a signal, a cancelled job) is not scored: it stopped before it could show
 * anything, so a score of its few passing checks would claim resilience nobody saw.
 *
 * Across experiments:  Σ (weightᵢ × scoreᵢ) / Σ weightᵢ, with each experiment's `weight`
 * (default 1) — Litmus' weighted formula.
 */
import type { ActivityRun, Journal } from '../experiment/journal.ts';

export interface ProbeTally {
  phase: 'before' | 'during' | 'after' | 'guardrail';
  probe: string;
  checks: number;
  passed: boolean;
  /** Why the first failing check failed. */
  reason?: string;
}

export interface ExperimentScore {
  title: string;
  weight: number;
  /** 0–100; null when the run was interrupted (see `unscored`). */
  score: number | null;
  /** Why there is no score. */
  unscored?: string;
  probes: ProbeTally[];
}

function tally(phase: ProbeTally['phase'], runs: ActivityRun[], into: Map<string, ProbeTally>): void {
  for (const run of runs) {
    if (run.tolerance_met === undefined) continue;
    const key = `${phase}\u0000${run.activity.name}`;
    const entry = into.get(key) ?? { phase, probe: run.activity.name, checks: 0, passed: true };
    entry.checks += 1;
    if (!run.tolerance_met && entry.passed) {
      entry.passed = false;
      entry.reason = run.tolerance_reason;
    }
    into.set(key, entry);
  }
}

export function probeTallies(journal: Journal): ProbeTally[] {
  const tallies = new Map<string, ProbeTally>();
  tally('before', journal.steady_states.before?.probes ?? [], tallies);
  tally('during', journal.steady_states.during.flatMap((s) => s.probes), tallies);
  tally('after', journal.steady_states.after?.probes ?? [], tallies);
  tally('guardrail', journal.faultline.guardrails.flatMap((s) => s.probes), tallies);
  return [...tallies.values()];
}

export function score(journal: Journal): ExperimentScore {
  const probes = probeTallies(journal);
  if (journal.status === 'interrupted') {
    return { title: journal.experiment.title, weight: journal.faultline.weight, score: null, unscored: 'not scored: the run was interrupted before it finished', probes };
  }
  const passed = probes.filter((p) => p.passed).length;
  const value =
    probes.length > 0
      ? (100 * passed) / probes.length
      : journal.status === 'completed' && !journal.deviated
        ? 100
        : 0;
  return {
    title: journal.experiment.title,
    weight: journal.faultline.weight,
    score: Math.round(value * 100) / 100,
    probes,
  };
}

/** Litmus' weighted resilience score across experiments; null when there is nothing to score. An unscored (interrupted) experiment counts as 0: it proved nothing. */
export function combinedScore(scores: Pick<ExperimentScore, 'score' | 'weight'>[]): number | null {
  const totalWeight = scores.reduce((sum, s) => sum + s.weight, 0);
  if (scores.length === 0 || totalWeight <= 0) return null;
  const weighted = scores.reduce((sum, s) => sum + s.weight * (s.score ?? 0), 0);
  return Math.round((weighted / totalWeight) * 100) / 100;
}
