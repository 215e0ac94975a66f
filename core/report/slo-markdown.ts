/**
 * The SLO gate's job summary: the verdict, one table row per SLO (objective, window, error ratio,
 * budget remaining, burn rates, alert, verdict), the reasons, and a Mermaid `xychart-beta` of
 * each SLO's burn rate by window against the page threshold. GitHub renders Mermaid in summaries.
 */
import type { PolicyOutcome } from '../slo/budget-policy.ts';
import type { SloStatus, SloStatusReport } from '../slo/engine.ts';
import { BURN_WINDOWS, type SloVerdict } from '../slo/types.ts';
import { cell } from './migrations-markdown.ts';
import { describeExhaustion, formatBurnRate, formatObjective, formatPercent, plural } from './slo-format.ts';

export interface SloMarkdownOptions {
  heading?: string;
  /** Charts for at most this many SLOs (the ones in the worst state first); default 6. */
  maxCharts?: number;
}

const ICON: Record<SloVerdict, string> = { pass: '✅', fail: '❌', 'no-data': '⚠️' };
const ALERT_ICON = { none: 'none', ticket: '🎫 ticket', page: '🚨 page' } as const;

function row(status: SloStatus, verdict: SloVerdict): string {
  const burn = BURN_WINDOWS.map((w) => formatBurnRate(status.burnRates[w])).join(' | ');
  return `| ${cell(status.name)}<br><sub>${cell(status.service)}</sub> | ${formatObjective(status.target)} | ${cell(status.window)} | ${formatPercent(status.errorRatio)} | ${formatPercent(status.budgetRemaining)}${status.budgetRemaining === null ? '' : `<br><sub>${describeExhaustion(status.timeToExhaustionSeconds)}</sub>`} | ${burn} | ${ALERT_ICON[status.alert]} | ${ICON[verdict]} ${verdict} |`;
}

/** Mermaid titles are double-quoted strings without escapes: keep them plain. */
function mermaidText(text: string): string {
  return text.replace(/["`\n\r]/g, "'");
}

function chart(status: SloStatus, pageThreshold: number): string {
  const values = BURN_WINDOWS.map((w) => status.burnRates[w]);
  const known = values.filter((v): v is number => v !== null);
  const top = Math.max(pageThreshold * 1.1, ...known.map((v) => v * 1.1), 1);
  const missing = values.some((v) => v === null) ? ' (– = no data, drawn as 0)' : '';
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${mermaidText(status.name)}: burn rate by window${missing}"`,
    `    x-axis [${BURN_WINDOWS.map((w) => `"${w}"`).join(', ')}]`,
    `    y-axis "burn rate (1 = spends the budget in exactly one window)" 0 --> ${Number(top.toPrecision(3))}`,
    `    bar [${values.map((v) => Number((v ?? 0).toPrecision(4))).join(', ')}]`,
    `    line [${BURN_WINDOWS.map(() => pageThreshold).join(', ')}]`,
    '```',
  ].join('\n');
}

const ORDER: Record<SloVerdict, number> = { fail: 0, 'no-data': 1, pass: 2 };

export function renderSloMarkdown(report: SloStatusReport, outcome: PolicyOutcome, pageThreshold: number, options: SloMarkdownOptions = {}): string {
  const verdicts = new Map(outcome.slos.map((d) => [d.name, d.verdict]));
  const verdictOf = (status: SloStatus): SloVerdict => verdicts.get(status.name) ?? 'no-data';
  const out = [
    `## ${options.heading ?? 'SLO gate'}: ${ICON[outcome.verdict]} ${outcome.verdict}`,
    '',
    `${plural(report.statuses.length, 'SLO')} evaluated at ${report.evaluatedAt.toISOString()} with ${plural(report.requests, 'Prometheus request')}.`,
    '',
    `| SLO | Objective | Window | Error ratio | Budget remaining<br><sub>at the current burn rate</sub> | ${BURN_WINDOWS.map((w) => `Burn ${w}`).join(' | ')} | Alert | Verdict |`,
    `| --- | --- | --- | --- | --- | ${BURN_WINDOWS.map(() => '---:').join(' | ')} | --- | --- |`,
    ...report.statuses.map((s) => row(s, verdictOf(s))),
    '',
  ];
  const explained = outcome.slos.filter((d) => d.reasons.length > 0);
  if (explained.length > 0) {
    out.push('### Why', '');
    for (const decision of explained) {
      for (const reason of decision.reasons) out.push(`- ${ICON[decision.verdict]} **${cell(decision.name)}**: ${cell(reason)}`);
    }
    out.push('');
  }
  const problems = report.statuses.flatMap((s) => s.problems.filter((p) => p.window !== 'slo').map((p) => `- **${cell(s.name)}**: ${cell(p.message)}`));
  if (problems.length > 0) out.push('### Data gaps', '', ...problems, '');
  const maxCharts = options.maxCharts ?? 6;
  const charted = [...report.statuses]
    .sort((a, b) => ORDER[verdictOf(a)] - ORDER[verdictOf(b)] || (b.burnRates['1h'] ?? -1) - (a.burnRates['1h'] ?? -1))
    .slice(0, maxCharts);
  if (charted.length > 0) {
    out.push('### Burn rates', '', `Bars: burn rate per window. Line: the page threshold (${pageThreshold}×).`, '');
    for (const status of charted) out.push(chart(status, pageThreshold), '');
    if (report.statuses.length > charted.length) out.push(`_${plural(report.statuses.length - charted.length, 'more SLO', 'more SLOs')} in the table above._`, '');
  }
  return out.join('\n');
}
