/**
 * The canary analysis as plain JSON: `details` of the result file (kind `canary`) and
 * `faultline slo canary --format json`. Dates as ISO strings, ratios as fractions.
 */
import type { Measurement, ResultFinding } from '../result.ts';
import type { CanaryReport } from './canary-format.ts';

export function toCanaryJson(report: CanaryReport): Record<string, unknown> {
  const { result } = report;
  return {
    version: 1,
    decision: result.decision,
    finalWeight: result.finalWeight,
    reasons: result.reasons,
    canarySelector: report.canarySelector,
    baselineSelector: report.baselineSelector,
    plannedSteps: report.steps,
    stepWaitSeconds: report.stepWaitSeconds,
    confidence: report.confidence,
    weightControl: report.weightControl,
    weightChanges: report.changes,
    ...(report.rollbackFailure ? { rollbackFailure: report.rollbackFailure } : {}),
    steps: result.steps.map((step) => ({
      weight: step.weight,
      start: step.start.toISOString(),
      end: step.end.toISOString(),
      score: step.score,
      classification: step.classification,
      reasons: step.reasons,
      metrics: step.metrics.map((m) => ({
        name: m.name,
        verdict: m.verdict,
        reasons: m.reasons,
        canary: m.canary,
        baseline: m.baseline,
        u: m.u,
        pValue: m.pValue,
        method: m.method,
        shift: m.shift,
        // JSON has no Infinity: a shift from a zero baseline median is reported as null.
        relativeShift: m.relativeShift !== null && Number.isFinite(m.relativeShift) ? m.relativeShift : null,
        weight: m.weight,
        critical: m.critical,
      })),
    })),
  };
}

/** Per step and metric: the score, U, p-value and shift, named so the scorecard can read them. */
export function canaryMeasurements(report: CanaryReport): Measurement[] {
  return report.result.steps.flatMap((step) => [
    { name: 'canary-score', value: step.score, unit: 'percent', subject: `${step.weight}%` },
    ...step.metrics.flatMap((m) => [
      { name: 'mann-whitney-u', value: m.u, subject: `${step.weight}%/${m.name}` },
      { name: 'p-value', value: m.pValue, unit: 'probability', subject: `${step.weight}%/${m.name}` },
      { name: 'relative-shift', value: m.relativeShift !== null && Number.isFinite(m.relativeShift) ? m.relativeShift : null, unit: 'ratio', subject: `${step.weight}%/${m.name}` },
    ]),
  ]);
}

/** A finding per failing or marginal metric of the deciding step, and one for a failed rollback. */
export function canaryFindings(report: CanaryReport): ResultFinding[] {
  const findings: ResultFinding[] = [];
  const last = report.result.steps.at(-1);
  for (const m of last?.metrics ?? []) {
    for (const reason of m.reasons) findings.push({ rule: `canary-${m.verdict}`, severity: m.verdict === 'fail' ? 'error' : 'warning', message: `step at ${last!.weight} %: ${reason}` });
  }
  if (report.result.decision === 'rollback' && findings.length === 0) {
    for (const reason of report.result.reasons) findings.push({ rule: 'canary-rollback', severity: 'error', message: reason });
  }
  if (report.rollbackFailure) findings.push({ rule: 'canary-rollback-failed', severity: 'error', message: `moving traffic back to the baseline failed: ${report.rollbackFailure}` });
  return findings;
}
