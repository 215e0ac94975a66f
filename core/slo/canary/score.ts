/**
 * Kayenta's scoring: the score is the passing metrics' share of the total weight, in percent;
 * at or above `pass` the step passes, below `marginal` it fails, in between it is marginal. A
 * marginal metric does not count as passing. A failing critical metric fails the step outright.
 */
import type { CanaryScore, MetricJudgement, ScoreThresholds } from './types.ts';

export const KAYENTA_THRESHOLDS: ScoreThresholds = { marginal: 75, pass: 95 };

export function scoreJudgements(judgements: MetricJudgement[], thresholds: ScoreThresholds = KAYENTA_THRESHOLDS): CanaryScore {
  const total = judgements.reduce((sum, j) => sum + j.weight, 0);
  const passing = judgements.filter((j) => j.verdict === 'pass').reduce((sum, j) => sum + j.weight, 0);
  const score = total > 0 ? (passing / total) * 100 : 0;
  const shown = Number(score.toFixed(1));
  const criticalFailures = judgements.filter((j) => j.critical && j.verdict === 'fail');
  if (criticalFailures.length > 0) {
    return {
      score,
      classification: 'fail',
      reasons: criticalFailures.map((j) => `critical metric ${j.name} failed`),
    };
  }
  if (score >= thresholds.pass) return { score, classification: 'pass', reasons: [] };
  const classification = score >= thresholds.marginal ? 'marginal' : 'fail';
  const limit = classification === 'marginal' ? `below the pass threshold ${thresholds.pass}` : `below the marginal threshold ${thresholds.marginal}`;
  return { score, classification, reasons: [`score ${shown} is ${limit}`] };
}
