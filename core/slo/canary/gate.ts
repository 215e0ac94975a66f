/**
 * One canary run as both faces need it: a preflight that asks Prometheus every query once before
 * any traffic moves (an unreachable server or a PromQL typo is bad input, not a rollback after the
 * canary took traffic), the analysis, the weight changes it made (or that it only observed), and
 * a failed rollback kept rather than thrown, bundled into a `CanaryReport` for the reports.
 */
import { FaultlineError } from '../../errors.ts';
import { PrometheusError } from '../../prometheus/client.ts';
import { type CanaryAnalysisOptions, type CanaryAnalysisResult, checkCanaryOptions, renderSelector, runCanaryAnalysis } from './analysis.ts';
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

/** Each metric's canary query over the last query step: it must be answered, even if empty. */
export async function preflight(options: CanaryGateOptions): Promise<void> {
  const stepSeconds = options.queryStepSeconds ?? 60;
  const end = (options.now ?? (() => new Date()))();
  const start = new Date(end.getTime() - stepSeconds * 1000);
  for (const metric of options.metrics) {
    try {
      await options.client.queryRange(renderSelector(metric.query, options.canarySelector), start, end, stepSeconds);
    } catch (error) {
      if (!(error instanceof FaultlineError)) throw error;
      // The client's own hint for a refused query speaks of SLO specs; here the query is the metric's.
      const refused = error instanceof PrometheusError && (error.reason === 'bad_data' || error.reason === 'query');
      throw new FaultlineError(`before moving any traffic, the query of metric "${metric.name}" failed: ${error.message}`, {
        hint: refused ? `fix the PromQL of metric "${metric.name}" in the metrics file ({{selector}} goes inside { }, next to other matchers)` : (error.hint ?? 'check the Prometheus URL'),
        exitCode: error.exitCode,
        cause: error,
      });
    }
  }
}

export async function runCanaryGate(options: CanaryGateOptions): Promise<CanaryReport> {
  const { setter, weightControl, ...analysis } = options;
  checkCanaryOptions({ ...analysis });
  await preflight(options);
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
