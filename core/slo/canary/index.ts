/** Canary analysis: Mann-Whitney per metric, Flagger-style bounds, Kayenta scoring, weight steps. */
export { type CanaryAnalysisOptions, type CanaryAnalysisResult, type CanaryStepResult, checkCanaryOptions, renderSelector, runCanaryAnalysis } from './analysis.ts';
export { DEFAULT_TOLERANCE, hodgesLehmann, judgeMetric } from './judge.ts';
export { type Alternative, type MannWhitneyResult, mannWhitneyU } from './mann-whitney.ts';
export { KAYENTA_THRESHOLDS, scoreJudgements } from './score.ts';
export type * from './types.ts';
