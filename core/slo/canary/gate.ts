/**
 * One canary run as both faces need it: the analysis, the weight changes it made (or that it only
 * observed), and a failed rollback kept rather than thrown, bundled into a `CanaryReport` that the
 * text, markdown and JSON reports render.
 */
import { type CanaryAnalysisOptions, type CanaryAnalysisResult, runCanaryAnalysis } from './analysis.ts';
import { recordWeightChanges, type WeightChange, type WeightSetter } from './weight.ts';

export interface CanaryReport {
  result: CanaryAnalysisResult;
  canarySelector: string;
  baselineSelector: string;
  steps: number[];
  stepWaitSeconds: number;
  confidence: number;
  /** How weights were moved: `none` is observation only (the analysis ran at the given weights). */
  weightControl: { kind: 'url' | 'command' | 'none'; target?: string };
  changes: WeightChange[];
  /** Set when moving traffic back to the baseline failed: the canary may still take traffic. */
  rollbackFailure?: string;
}

export interface CanaryGateOptions extends Omit<CanaryAnalysisOptions, 'setWeight'> {
  /** Absent: observation only. */
  setter?: WeightSetter;
  /** What the reports show about the setter, e.g. the redacted URL or the command line. */
  weightControl: CanaryReport['weightControl'];
}

export async function runCanaryGate(options: CanaryGateOptions): Promise<CanaryReport> {
  const { setter, weightControl, ...analysis } = options;
  const weights = recordWeightChanges(setter);
  const result = await runCanaryAnalysis({ ...analysis, ...(weights.setWeight ? { setWeight: weights.setWeight } : {}) });
  const rollbackFailure = weights.rollbackFailure();
  return {
    result,
    canarySelector: options.canarySelector,
    baselineSelector: options.baselineSelector,
    steps: options.steps,
    stepWaitSeconds: options.stepWaitSeconds,
    confidence: options.confidence ?? 0.95,
    weightControl,
    changes: weights.changes,
    ...(rollbackFailure ? { rollbackFailure } : {}),
  };
}
