/** Canary analysis: what to compare, and what each judgement says. */

/** Which change of the canary against the baseline is bad. */
export type MetricDirection = 'increase' | 'decrease' | 'either';

export interface CanaryMetric {
  /** Shown in reasons, e.g. `error-rate`. */
  name: string;
  /**
   * PromQL with `{{selector}}` where the label matchers of one side go, e.g.
   * `sum(rate(http_requests_total{ {{selector}}, code=~"5.." }[1m])) / sum(rate(http_requests_total{ {{selector}} }[1m]))`.
   */
  query: string;
  /** Default `increase` (error rates, latency). */
  direction?: MetricDirection;
  /** Share of the score; default 1. */
  weight?: number;
  /** A failing critical metric fails the step whatever the score (Kayenta `critical`). */
  critical?: boolean;
  /** Absolute bounds on the canary's mean over the step (Flagger `thresholdRange`). */
  max?: number;
  min?: number;
  /**
   * Relative shift (of the baseline median) that matters; smaller shifts pass even when
   * significant. Default 0.1 (10 %).
   */
  tolerance?: number;
}

export type MetricVerdict = 'pass' | 'marginal' | 'fail';

export interface SampleSummary {
  count: number;
  mean: number | null;
  median: number | null;
}

export interface MetricJudgement {
  name: string;
  verdict: MetricVerdict;
  /** Why, one line each (empty for a plain pass). */
  reasons: string[];
  canary: SampleSummary;
  baseline: SampleSummary;
  /** Mann-Whitney U of the canary (pairs where the canary is larger, ties ½); null without data. */
  u: number | null;
  /** Mann-Whitney one- or two-sided p-value in the bad direction; null without data. */
  pValue: number | null;
  method: 'exact' | 'normal' | null;
  /** Hodges-Lehmann shift (median of canary − baseline differences); null without data. */
  shift: number | null;
  /** shift ÷ |baseline median|; ±Infinity when the baseline median is 0 and the shift is not. */
  relativeShift: number | null;
  weight: number;
  critical: boolean;
}

export type ScoreClassification = 'pass' | 'marginal' | 'fail';

export interface ScoreThresholds {
  /** Below this score the step fails; default 75. */
  marginal: number;
  /** At or above this score the step passes; default 95. */
  pass: number;
}

export interface CanaryScore {
  /** Passing weight ÷ total weight × 100. */
  score: number;
  classification: ScoreClassification;
  reasons: string[];
}
