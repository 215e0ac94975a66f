/** Canary analysis: Mann-Whitney per metric, Flagger-style bounds, Kayenta scoring, weight steps, and how traffic is moved. */
export { type CanaryAnalysisOptions, type CanaryAnalysisResult, type CanaryStepResult, checkCanaryOptions, renderSelector, runCanaryAnalysis } from './analysis.ts';
export { DEFAULT_TOLERANCE, hodgesLehmann, judgeMetric } from './judge.ts';
export { type Alternative, type MannWhitneyResult, mannWhitneyU } from './mann-whitney.ts';
export { KAYENTA_THRESHOLDS, scoreJudgements } from './score.ts';
export type * from './types.ts';
export { type CanaryGateOptions, type CanaryReport, runCanaryGate } from './gate.ts';
export { type CanaryMetricsConfig, parseCanaryMetrics, readCanaryMetrics } from './metrics-file.ts';
export { DEFAULT_STEP_WAIT, DEFAULT_STEPS, parseStepWait, parseWeightSteps } from './step-input.ts';
export { commandWeightSetter, httpWeightSetter, parseWeightCommand, recordWeightChanges, type WeightChange, type WeightSetter } from './weight.ts';
export { type ReplayClock, replayClock } from './replay-clock.ts';
