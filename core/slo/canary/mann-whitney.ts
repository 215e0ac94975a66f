/**
 * Mann-Whitney U test (Wilcoxon rank-sum), the test Kayenta's judge uses to ask "is the canary's
 * distribution shifted against the baseline's?" without assuming normal data.
 *
 * U is the number of (canary, baseline) pairs where the canary value is larger, ties counting ½:
 * U = R₁ − n₁(n₁+1)/2 with R₁ the canary's rank sum (average ranks for ties).
 *
 * - Exact: without ties, and while C(n₁+n₂, n₁) stays below 2⁵² (counts are then exact in a
 *   double; about 25 + 25 samples), p comes from the exact null distribution of U: the
 *   coefficients of the Gaussian binomial [n₁+n₂ choose n₁]_q, built by Harding's (1984) product
 *   ∏ (1 − q^(n₂+i)) / (1 − q^i).
 * - Otherwise the normal approximation: mean n₁n₂/2, variance n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1)))
 *   with t the size of each group of tied values, and a continuity correction of ½. This is
 *   what SciPy's `mannwhitneyu(method="asymptotic")` computes.
 */
import { normalCdf, normalSurvival } from './normal.ts';

/** `greater`: the first sample tends to be larger; `less`: smaller; `two-sided`: either. */
export type Alternative = 'greater' | 'less' | 'two-sided';

export interface MannWhitneyResult {
  /** U of the first sample. */
  u: number;
  pValue: number;
  method: 'exact' | 'normal';
  /** Sizes of the first and second sample. */
  n1: number;
  n2: number;
}

export function mannWhitneyU(first: readonly number[], second: readonly number[], alternative: Alternative = 'two-sided'): MannWhitneyResult {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann-Whitney U needs at least one value in each sample');
  if ([...first, ...second].some((v) => !Number.isFinite(v))) throw new RangeError('Mann-Whitney U needs finite values');
  const { rankSumFirst, tieTerm } = rank(first, second);
  const u = rankSumFirst - (n1 * (n1 + 1)) / 2;
  if (tieTerm === 0 && binomial(n1 + n2, n1) <= 2 ** 52) {
    return { u, pValue: exactPValue(u, n1, n2, alternative), method: 'exact', n1, n2 };
  }
  return { u, pValue: normalPValue(u, n1, n2, tieTerm, alternative), method: 'normal', n1, n2 };
}

/** Rank sum of the first sample and Σ(t³ − t) over groups of ties. */
function rank(first: readonly number[], second: readonly number[]): { rankSumFirst: number; tieTerm: number } {
  const all = [...first.map((value) => ({ value, isFirst: true })), ...second.map((value) => ({ value, isFirst: false }))];
  all.sort((a, b) => a.value - b.value);
  let rankSumFirst = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.value === all[i]!.value) j++;
    const averageRank = (i + j + 2) / 2;
    const size = j - i + 1;
    if (size > 1) tieTerm += size ** 3 - size;
    for (let k = i; k <= j; k++) if (all[k]!.isFirst) rankSumFirst += averageRank;
    i = j + 1;
  }
  return { rankSumFirst, tieTerm };
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - i + 1)) / i;
  return result;
}

/** Number of arrangements giving each U = 0 … n₁n₂ under the null hypothesis. */
function exactCounts(n1: number, n2: number): number[] {
  const max = n1 * n2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let i = 1; i <= n1; i++) {
    for (let k = max; k >= n2 + i; k--) counts[k]! -= counts[k - n2 - i]!;
    for (let k = i; k <= max; k++) counts[k]! += counts[k - i]!;
  }
  return counts;
}

function exactPValue(u: number, n1: number, n2: number, alternative: Alternative): number {
  const counts = exactCounts(n1, n2);
  const total = counts.reduce((a, b) => a + b, 0);
  let atMost = 0;
  let atLeast = 0;
  for (let k = 0; k < counts.length; k++) {
    if (k <= u) atMost += counts[k]!;
    if (k >= u) atLeast += counts[k]!;
  }
  if (alternative === 'greater') return atLeast / total;
  if (alternative === 'less') return atMost / total;
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}

function normalPValue(u: number, n1: number, n2: number, tieTerm: number, alternative: Alternative): number {
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  // Every value tied: no ordering at all, so no evidence of a shift.
  if (!(variance > 0)) return 1;
  const sd = Math.sqrt(variance);
  if (alternative === 'greater') return normalSurvival((u - mean - 0.5) / sd);
  if (alternative === 'less') return normalCdf((u - mean + 0.5) / sd);
  return Math.min(1, 2 * normalSurvival((Math.abs(u - mean) - 0.5) / sd));
}
