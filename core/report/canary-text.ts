/** `faultline slo canary` for a terminal: the decision, each step's metrics, then the reasons. */
import type { MetricVerdict } from '../slo/canary/types.ts';
import { type CanaryReport, describeWeightControl, formatPValue, formatRelativeShift, formatValue, stepPlan } from './canary-format.ts';

const MARK: Record<MetricVerdict, string> = { pass: '✓', marginal: '~', fail: '✗' };
const COLOUR = { promote: '\u001b[32m', rollback: '\u001b[31m' } as const;
const RESET = '\u001b[0m';

export function renderCanaryText(report: CanaryReport, options: { colour?: boolean } = {}): string {
  const { result } = report;
  const word = result.decision.toUpperCase();
  const lines = [
    `Canary analysis: ${options.colour ? `${COLOUR[result.decision]}${word}${RESET}` : word}`,
    `  canary ${report.canarySelector}  vs  baseline ${report.baselineSelector}`,
    `  steps ${stepPlan(report)}`,
    `  ${describeWeightControl(report)}`,
    '',
  ];
  const width = Math.max(...result.steps.flatMap((s) => s.metrics.map((m) => m.name.length)), 6);
  for (const step of result.steps) {
    lines.push(`step ${step.weight} %: ${step.classification} (score ${formatValue(step.score)})  ${step.start.toISOString()} → ${step.end.toISOString()}`);
    for (const m of step.metrics) {
      lines.push(
        `  ${MARK[m.verdict]} ${m.name.padEnd(width)}  canary ${formatValue(m.canary.median)} (n=${m.canary.count})  baseline ${formatValue(m.baseline.median)} (n=${m.baseline.count})  shift ${formatRelativeShift(m)}  U=${formatValue(m.u)}  p=${formatPValue(m)}`,
      );
    }
  }
  if (result.steps.length < report.steps.length) lines.push(`not reached: ${report.steps.slice(result.steps.length).map((w) => `${w} %`).join(', ')}`);
  lines.push('', 'Reasons:', ...result.reasons.map((r) => `  - ${r}`));
  if (report.rollbackFailure) lines.push('', `! moving traffic back to the baseline failed; the canary may still take traffic: ${report.rollbackFailure}`);
  return `${lines.join('\n')}\n`;
}
