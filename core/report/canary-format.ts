/**
 * Number formats and sentences the canary text, markdown and JSON reports share, so they agree.
 */
import type { CanaryReport } from '../slo/canary/gate.ts';
import type { MetricJudgement } from '../slo/canary/types.ts';

export type { CanaryReport };

/** Four significant digits without exponent noise: 0.0051234 → `0.005123`. */
export function formatValue(value: number | null): string {
  if (value === null) return '–';
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

export function formatRelativeShift(judgement: MetricJudgement): string {
  const relative = judgement.relativeShift;
  if (relative === null) return '–';
  if (!Number.isFinite(relative)) return relative > 0 ? 'up from 0' : 'down from 0';
  return `${relative >= 0 ? '+' : ''}${formatValue(relative * 100)} %`;
}

export function formatPValue(judgement: MetricJudgement): string {
  if (judgement.pValue === null) return '–';
  return `${judgement.pValue < 1e-4 ? judgement.pValue.toExponential(1) : String(Number(judgement.pValue.toPrecision(3)))}${judgement.method ? ` (${judgement.method})` : ''}`;
}

/** 600 → `10m`, 90 → `1m30s`. */
export function formatWait(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest}s`;
  return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}

/** One sentence on how traffic was (or was not) moved; the same in every report. */
export function describeWeightControl(report: CanaryReport): string {
  const { kind, target } = report.weightControl;
  if (kind === 'none') {
    return 'Observation only: no set-weight-url or set-weight-command was given, so no traffic weight was changed; the analysis ran at the listed weights and a later step must act on the decision.';
  }
  const via = kind === 'url' ? `POST ${target}` : `command ${target}`;
  const set = report.changes.map((c) => `${c.weight} %${c.error ? ' (failed)' : ''}`).join(' → ');
  return `Weights set via ${via}: ${set || 'none'}.`;
}

export function stepPlan(report: CanaryReport): string {
  return `${report.steps.map((w) => `${w} %`).join(' → ')}, ${formatWait(report.stepWaitSeconds)} each, confidence ${formatValue(report.confidence * 100)} %`;
}
