/**
 * Judges one metric of one step: canary samples against baseline samples.
 *
 * 1. No samples on either side fails (a missing canary series must never pass).
 * 2. Flagger-style bounds: the canary's mean above `max` or below `min` fails.
 * 3. Mann-Whitney U in the bad direction at the confidence level, and the size of the shift
 *    against `tolerance` × |baseline median|:
 *      significant and larger than the tolerance      → fail (a real, material regression)
 *      not significant but larger than the tolerance  → marginal (looks worse, too little evidence)
 *      within the tolerance                           → pass (significant or not: not material)
 *    Like Kayenta's effect-size allowance, this keeps a tiny but detectable difference (every
 *    build differs a little) from failing a canary. The shift is the Hodges-Lehmann estimate, the
 *    median of all canary − baseline differences: the location shift the U test is about.
 */
import { mannWhitneyU, type Alternative } from './mann-whitney.ts';
import type { CanaryMetric, MetricJudgement, SampleSummary } from './types.ts';

export const DEFAULT_TOLERANCE = 0.1;

const ALTERNATIVE: Record<NonNullable<CanaryMetric['direction']>, Alternative> = {
  increase: 'greater',
  decrease: 'less',
  either: 'two-sided',
};

export function judgeMetric(metric: CanaryMetric, canary: number[], baseline: number[], confidence: number): MetricJudgement {
  const canaryValues = canary.filter(Number.isFinite);
  const baselineValues = baseline.filter(Number.isFinite);
  const judgement: MetricJudgement = {
    name: metric.name,
    verdict: 'pass',
    reasons: [],
    canary: summarise(canaryValues),
    baseline: summarise(baselineValues),
    u: null,
    pValue: null,
    method: null,
    shift: null,
    relativeShift: null,
    weight: metric.weight ?? 1,
    critical: metric.critical ?? false,
  };
  const fail = (reason: string) => {
    judgement.verdict = 'fail';
    judgement.reasons.push(`${metric.name}: ${reason}`);
  };
  if (canaryValues.length === 0) fail('no canary data (the query returned no numeric samples)');
  if (baselineValues.length === 0) fail('no baseline data (the query returned no numeric samples)');
  if (judgement.verdict === 'fail') return judgement;

  const mean = judgement.canary.mean!;
  if (metric.max !== undefined && mean > metric.max) fail(`canary mean ${format(mean)} is above the maximum ${metric.max}`);
  if (metric.min !== undefined && mean < metric.min) fail(`canary mean ${format(mean)} is below the minimum ${metric.min}`);

  const direction = metric.direction ?? 'increase';
  const test = mannWhitneyU(canaryValues, baselineValues, ALTERNATIVE[direction]);
  const shift = hodgesLehmann(canaryValues, baselineValues);
  const baselineMedian = judgement.baseline.median!;
  const relativeShift = baselineMedian !== 0 ? shift / Math.abs(baselineMedian) : shift === 0 ? 0 : Math.sign(shift) * Number.POSITIVE_INFINITY;
  judgement.u = test.u;
  judgement.pValue = test.pValue;
  judgement.method = test.method;
  judgement.shift = shift;
  judgement.relativeShift = relativeShift;

  const tolerance = metric.tolerance ?? DEFAULT_TOLERANCE;
  const worse = direction === 'increase' ? relativeShift > 0 : direction === 'decrease' ? relativeShift < 0 : relativeShift !== 0;
  if (!worse || Math.abs(relativeShift) <= tolerance) return judgement;
  // 1 − 0.95 is 0.050000000000000044 in binary; without rounding an exact p of 0.05 would count.
  const alpha = Number((1 - confidence).toPrecision(12));
  const significant = test.pValue < alpha;
  const what =
    `canary median ${format(judgement.canary.median!)} vs baseline ${format(baselineMedian)} ` +
    `(shift ${formatShift(relativeShift)}, beyond the ${format(tolerance * 100)} % tolerance; ` +
    `Mann-Whitney p = ${test.pValue.toPrecision(3)} ${significant ? '<' : '≥'} ${alpha})`;
  if (significant) {
    fail(`significant ${direction === 'either' ? 'change' : direction}: ${what}`);
  } else if (judgement.verdict === 'pass') {
    judgement.verdict = 'marginal';
    judgement.reasons.push(`${metric.name}: inconclusive ${direction === 'either' ? 'change' : direction}, not significant with ${judgement.canary.count} + ${judgement.baseline.count} samples: ${what}`);
  }
  return judgement;
}

export function summarise(values: number[]): SampleSummary {
  if (values.length === 0) return { count: 0, mean: null, median: null };
  return { count: values.length, mean: values.reduce((a, b) => a + b, 0) / values.length, median: median(values) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Median of all pairwise differences canary − baseline, by selection rather than sorting (n₁n₂
 * differences: 3000 + 3000 samples make 9 million).
 */
export function hodgesLehmann(canary: number[], baseline: number[]): number {
  const differences = new Float64Array(canary.length * baseline.length);
  let k = 0;
  for (const c of canary) for (const b of baseline) differences[k++] = c - b;
  const mid = differences.length >> 1;
  const upper = select(differences, mid);
  if (differences.length % 2 === 1) return upper;
  // After selecting `mid`, everything left of it is ≤ it: the lower middle is their maximum.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < mid; i++) if (differences[i]! > lower) lower = differences[i]!;
  return (lower + upper) / 2;
}

/** Hoare's quickselect: the k-th smallest value (0-based); partially reorders `values`. */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    // Median of three keeps sorted and reversed input linear.
    const middle = (left + right) >> 1;
    const a = values[left]!;
    const b = values[middle]!;
    const c = values[right]!;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k]!;
  }
  return values[k]!;
}

function format(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function formatShift(relative: number): string {
  if (!Number.isFinite(relative)) return relative > 0 ? 'up from 0' : 'down from 0';
  return `${relative >= 0 ? '+' : ''}${format(relative * 100)} %`;
}
