import { hodgesLehmann, judgeMetric } from '../../../../core/slo/canary/judge.ts';
import { scoreJudgements } from '../../../../core/slo/canary/score.ts';
import type { CanaryMetric, MetricJudgement } from '../../../../core/slo/canary/types.ts';

const latency: CanaryMetric = { name: 'latency', query: 'x{ {{selector}} }' };
const baseline = [100, 102, 98, 101, 99, 103, 97, 100, 101, 99];
const shifted = (by: number) => baseline.map((v) => v + by);

describe('judging one metric', () => {
  it('passes a canary that behaves like the baseline', () => {
    const judgement = judgeMetric(latency, [101, 99, 100, 102, 98, 100, 101, 99, 103, 97], baseline, 0.95);
    expect(judgement.verdict).toBe('pass');
    expect(judgement.reasons).toEqual([]);
    expect(judgement.pValue).toBeGreaterThan(0.05);
  });

  it('fails a significant increase beyond the tolerance, with the numbers in the reason', () => {
    const judgement = judgeMetric(latency, shifted(30), baseline, 0.95);
    expect(judgement.verdict).toBe('fail');
    // Every canary value is above every baseline value: U is all 10 × 10 pairs.
    expect(judgement.u).toBe(100);
    expect(judgement.shift).toBe(30);
    expect(judgement.relativeShift).toBeCloseTo(0.3, 10);
    expect(judgement.reasons[0]).toMatch(
      /^latency: significant increase: canary median 130 vs baseline 100 \(shift \+30 %, beyond the 10 % tolerance; Mann-Whitney p = .* < 0.05\)$/,
    );
  });

  it('passes a significant shift within the tolerance: detectable, but not material', () => {
    const judgement = judgeMetric({ ...latency, tolerance: 0.2 }, shifted(10), baseline, 0.95);
    expect(judgement.pValue).toBeLessThan(0.05);
    expect(judgement.verdict).toBe('pass');
  });

  it('calls a large shift without enough samples to be significant marginal', () => {
    // Three samples a side: the smallest one-sided exact p is 1/20 = 0.05, never < 0.05.
    const judgement = judgeMetric(latency, [150, 160, 155], [100, 101, 99], 0.95);
    expect(judgement.pValue).toBeCloseTo(0.05, 12);
    expect(judgement.verdict).toBe('marginal');
    expect(judgement.reasons[0]).toBe(
      'latency: inconclusive increase, not significant with 3 + 3 samples: canary median 155 vs baseline 100 (shift +55 %, beyond the 10 % tolerance; Mann-Whitney p = 0.0500 ≥ 0.05)',
    );
  });

  it('only minds the bad direction: a faster canary passes, unless decreases are bad', () => {
    expect(judgeMetric(latency, shifted(-30), baseline, 0.95).verdict).toBe('pass');
    expect(judgeMetric({ ...latency, direction: 'decrease' }, shifted(-30), baseline, 0.95).verdict).toBe('fail');
    expect(judgeMetric({ ...latency, direction: 'either' }, shifted(-30), baseline, 0.95).reasons[0]).toContain('significant change');
  });

  it('applies Flagger-style absolute bounds to the canary mean even when it matches the baseline', () => {
    const judgement = judgeMetric({ ...latency, max: 50 }, baseline, baseline, 0.95);
    expect(judgement.verdict).toBe('fail');
    expect(judgement.reasons).toEqual(['latency: canary mean 100 is above the maximum 50']);
    expect(judgeMetric({ ...latency, min: 200 }, baseline, baseline, 0.95).reasons[0]).toContain('below the minimum 200');
  });

  it('fails when either side has no numeric data, never passing a missing canary', () => {
    const judgement = judgeMetric(latency, [Number.NaN, Number.NaN], baseline, 0.95);
    expect(judgement.verdict).toBe('fail');
    expect(judgement.reasons).toEqual(['latency: no canary data (the query returned no numeric samples)']);
    expect(judgeMetric(latency, baseline, [], 0.95).reasons[0]).toContain('no baseline data');
  });

  it('reports an infinite relative shift when the baseline median is zero', () => {
    const judgement = judgeMetric({ ...latency, name: 'errors' }, [1, 2, 1, 3, 2, 1, 2, 2], [0, 0, 0, 0, 0, 0, 0, 0], 0.95);
    expect(judgement.relativeShift).toBe(Number.POSITIVE_INFINITY);
    expect(judgement.verdict).toBe('fail');
    expect(judgement.reasons[0]).toContain('shift up from 0');
  });

  it('estimates the shift as the median pairwise difference (Hodges-Lehmann)', () => {
    expect(hodgesLehmann([1, 2, 3], [0])).toBe(2);
    expect(hodgesLehmann([10, 11], [1, 2])).toBe(9);
  });
});

describe('Kayenta scoring', () => {
  const judged = (verdict: MetricJudgement['verdict'], weight = 1, critical = false): MetricJudgement => ({
    name: `m-${verdict}-${weight}`,
    verdict,
    reasons: [],
    canary: { count: 1, mean: 1, median: 1 },
    baseline: { count: 1, mean: 1, median: 1 },
    u: null,
    pValue: null,
    method: null,
    shift: null,
    relativeShift: null,
    weight,
    critical,
  });

  it('scores the passing share of the weight; 95 passes, 75 is marginal, less fails', () => {
    expect(scoreJudgements([judged('pass'), judged('pass')])).toEqual({ score: 100, classification: 'pass', reasons: [] });
    const marginal = scoreJudgements([judged('pass', 4), judged('marginal', 1)]);
    expect(marginal).toEqual({ score: 80, classification: 'marginal', reasons: ['score 80 is below the pass threshold 95'] });
    const fail = scoreJudgements([judged('pass'), judged('fail')]);
    expect(fail.classification).toBe('fail');
    expect(fail.reasons).toEqual(['score 50 is below the marginal threshold 75']);
  });

  it('takes custom thresholds', () => {
    expect(scoreJudgements([judged('pass'), judged('fail')], { marginal: 40, pass: 50 }).classification).toBe('pass');
  });

  it('fails the step when a critical metric fails, whatever the score', () => {
    const result = scoreJudgements([judged('pass', 99), judged('fail', 1, true)]);
    expect(result.classification).toBe('fail');
    expect(result.reasons).toEqual(['critical metric m-fail-1 failed']);
  });
});

describe('Hodges-Lehmann by selection', () => {
  it('equals the median of the sorted pairwise differences, for odd and even counts and ties', () => {
    let seed = 3;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (const [n1, n2] of [
      [7, 5],
      [8, 6],
      [31, 40],
      [1, 1],
    ] as const) {
      const canary = Array.from({ length: n1 }, () => Math.round(random() * 20));
      const baseline = Array.from({ length: n2 }, () => Math.round(random() * 20));
      const sorted = canary.flatMap((c) => baseline.map((b) => c - b)).sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const expected = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      expect(hodgesLehmann(canary, baseline)).toBe(expected);
    }
  });
});
