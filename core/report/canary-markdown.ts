/**
 * The canary job summary: decision and reasons first, then one table per judged step with every
 * metric's Mann-Whitney U, p-value, shift and verdict, so a reader can check the decision.
 */
import type { CanaryStepResult } from '../slo/canary/analysis.ts';
import type { MetricVerdict } from '../slo/canary/types.ts';
import { type CanaryReport, describeWeightControl, formatPValue, formatRelativeShift, formatValue, stepPlan } from './canary-format.ts';

const ICON: Record<MetricVerdict, string> = { pass: '✅', marginal: '⚠️', fail: '❌' };

function code(text: string): string {
  // A backtick inside the selector would end the code span early; doubling the fence keeps it.
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function stepSection(step: CanaryStepResult, index: number): string[] {
  const lines = [
    `### Step ${index + 1}: ${step.weight} % — ${ICON[step.classification]} ${step.classification} (score ${formatValue(step.score)})`,
    '',
    `${step.start.toISOString()} → ${step.end.toISOString()}`,
    '',
    '| Metric | Verdict | Canary median (n) | Baseline median (n) | Shift (Hodges-Lehmann) | U | p-value |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const m of step.metrics) {
    lines.push(
      `| ${m.name}${m.critical ? ' (critical)' : ''} | ${ICON[m.verdict]} ${m.verdict} | ${formatValue(m.canary.median)} (${m.canary.count}) | ${formatValue(m.baseline.median)} (${m.baseline.count}) | ${formatValue(m.shift)} (${formatRelativeShift(m)}) | ${formatValue(m.u)} | ${formatPValue(m)} |`,
    );
  }
  const reasons = [...step.reasons, ...step.metrics.flatMap((m) => m.reasons)];
  if (reasons.length > 0) lines.push('', ...reasons.map((r) => `- ${r}`));
  lines.push('');
  return lines;
}

export function renderCanaryMarkdown(report: CanaryReport): string {
  const { result } = report;
  const icon = result.decision === 'promote' ? '✅' : '❌';
  const lines = [
    `## Canary analysis: ${icon} ${result.decision}`,
    '',
    `Canary ${code(report.canarySelector)} against baseline ${code(report.baselineSelector)}; steps ${stepPlan(report)}.`,
    '',
    `${report.weightControl.kind === 'none' ? '> [!NOTE]\n> ' : ''}${describeWeightControl(report)}`,
    '',
  ];
  if (report.rollbackFailure) {
    lines.push('> [!CAUTION]', `> Moving traffic back to the baseline failed, so the canary may still take traffic: ${report.rollbackFailure.split('\n')[0]}`, '');
  }
  lines.push('**Reasons**', '', ...result.reasons.map((r) => `- ${r}`), '');
  const skipped = report.steps.slice(result.steps.length);
  result.steps.forEach((step, index) => {
    lines.push(...stepSection(step, index));
  });
  if (skipped.length > 0) lines.push(`Not reached: ${skipped.map((w) => `${w} %`).join(', ')}.`, '');
  return `${lines.join('\n')}\n`;
}
