/**
 * The SLO gate's job summary: the verdict, one table row per SLO with what people act on (budget
 * left, burn now, alert, verdict) and the rest folded in <details> (objective, window, error ratio,
 * burn rate per window), the reasons, and a Mermaid `xychart-beta` of burn rate by window against
 * the page threshold only for SLOs where it helps. GitHub renders Mermaid in summaries.
 */
import type { PolicyOutcome } from '../slo/budget-policy.ts';
import type { SloStatus, SloStatusReport } from '../slo/engine.ts';
import type { AlertThresholds, BurnRateCondition } from '../slo/alerts.ts';
import { BURN_WINDOWS, type BurnWindow, type SloVerdict } from '../slo/types.ts';
import { cell } from './migrations-markdown.ts';
import { describeExhaustion, formatBurnRate, formatObjective, formatPercent, plural } from './slo-format.ts';

export interface SloMarkdownOptions {
  heading?: string;
  /** Charts for at most this many SLOs (the ones in the worst state first); default 6. */
  maxCharts?: number;
}

const ICON: Record<SloVerdict, string> = { pass: '✅', fail: '❌', 'no-data': '⚠️' };
const ALERT_ICON = { none: 'none', ticket: '🎫 ticket', page: '🚨 page' } as const;
/** The window the "burn now" column shows. */
const NOW = '1h';

/** What people act on: how much budget is left, how fast it burns now, whether it alerts, the verdict. */
function row(status: SloStatus, verdict: SloVerdict): string {
  const left = `${formatPercent(status.budgetRemaining)}${status.budgetRemaining === null ? '' : `<br><sub>${describeExhaustion(status.timeToExhaustionSeconds)}</sub>`}`;
  return `| ${cell(status.name)}<br><sub>${cell(status.service)}</sub> | ${left} | ${formatBurnRate(status.burnRates[NOW])} | ${ALERT_ICON[status.alert]} | ${ICON[verdict]} ${verdict} |`;
}

/** The rest, folded: objective, window, error ratio and the burn rate of every window. */
function detailRow(status: SloStatus): string {
  const burn = BURN_WINDOWS.map((w) => formatBurnRate(status.burnRates[w])).join(' | ');
  return `| ${cell(status.name)} | ${formatObjective(status.target)} | ${cell(status.window)} | ${formatPercent(status.errorRatio)} | ${burn} |`;
}

/** A chart helps where something is wrong or heading there; a healthy SLO's bars say nothing the table does not. */
function worthCharting(status: SloStatus, verdict: SloVerdict): boolean {
  return verdict !== 'pass' || status.alert !== 'none' || (status.burnRates[NOW] ?? 0) > 1;
}

/** Mermaid titles are double-quoted strings without escapes: keep them plain. */
function mermaidText(text: string): string {
  return text.replace(/["`\n\r]/g, "'");
}

type Thresholds = ReadonlyMap<BurnWindow, number>;

/**
 * Each window's alert threshold: the burn rate of the condition it is the long window of, else the
 * one it is the short window of. Windows in no condition get no threshold and are not charted, so
 * a line is never drawn where no alert applies. A number (the old call) is one threshold for all.
 */
export function thresholdsByWindow(alerting: AlertThresholds | number): Thresholds {
  if (typeof alerting === 'number') return new Map(BURN_WINDOWS.map((w) => [w, alerting]));
  const conditions = [...alerting.page, ...alerting.ticket];
  const map = new Map<BurnWindow, number>();
  for (const window of BURN_WINDOWS) {
    const condition = conditions.find((c) => c.long === window) ?? conditions.find((c) => c.short === window);
    if (condition) map.set(window, condition.burnRate);
  }
  return map;
}

function chart(status: SloStatus, thresholds: Thresholds): string {
  const windows = BURN_WINDOWS.filter((w) => thresholds.has(w));
  const values = windows.map((w) => status.burnRates[w]);
  const limits = windows.map((w) => thresholds.get(w)!);
  const known = values.filter((v): v is number => v !== null);
  const top = Math.max(...limits.map((v) => v * 1.1), ...known.map((v) => v * 1.1), 1);
  const missing = values.some((v) => v === null) ? ' (– = no data, drawn as 0)' : '';
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${mermaidText(status.name)}: burn rate by window${missing}"`,
    `    x-axis [${windows.map((w) => `"${w}"`).join(', ')}]`,
    `    y-axis "burn rate (1 = spends the budget in exactly one window)" 0 --> ${Number(top.toPrecision(3))}`,
    `    bar [${values.map((v) => Number((v ?? 0).toPrecision(4))).join(', ')}]`,
    `    line [${limits.join(', ')}]`,
    '```',
  ].join('\n');
}

function thresholdLegend(alerting: AlertThresholds | number): string {
  if (typeof alerting === 'number') return `Line: the page threshold (${alerting}×).`;
  const describe = (severity: string, c: BurnRateCondition) => `${severity} ${c.burnRate}× over ${c.long} and ${c.short}`;
  const all = [...alerting.page.map((c) => describe('page', c)), ...alerting.ticket.map((c) => describe('ticket', c))];
  return `Line: each window's alert threshold (${all.join('; ')}); windows no alert uses are left out.`;
}

const ORDER: Record<SloVerdict, number> = { fail: 0, 'no-data': 1, pass: 2 };

/** `alerting`: the policy's alert conditions (each window's threshold), or one page threshold for all windows. */
export function renderSloMarkdown(report: SloStatusReport, outcome: PolicyOutcome, alerting: AlertThresholds | number, options: SloMarkdownOptions = {}): string {
  const verdicts = new Map(outcome.slos.map((d) => [d.name, d.verdict]));
  const verdictOf = (status: SloStatus): SloVerdict => verdicts.get(status.name) ?? 'no-data';
  const out = [
    `## ${options.heading ?? 'SLO gate'}: ${ICON[outcome.verdict]} ${outcome.verdict}`,
    '',
    `${plural(report.statuses.length, 'SLO')} evaluated at ${report.evaluatedAt.toISOString()} with ${plural(report.requests, 'Prometheus request')}.`,
    '',
    `| SLO | Budget left<br><sub>at the current burn rate</sub> | Burn now (${NOW}) | Alert | Verdict |`,
    '| --- | --- | ---: | --- | --- |',
    ...report.statuses.map((s) => row(s, verdictOf(s))),
    '',
    '<details><summary>Objective, window, error ratio and burn rate per window</summary>',
    '',
    `| SLO | Objective | Window | Error ratio | ${BURN_WINDOWS.map((w) => `Burn ${w}`).join(' | ')} |`,
    `| --- | --- | --- | --- | ${BURN_WINDOWS.map(() => '---:').join(' | ')} |`,
    ...report.statuses.map(detailRow),
    '',
    '</details>',
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
  const charted = report.statuses
    .filter((status) => worthCharting(status, verdictOf(status)))
    .sort((a, b) => ORDER[verdictOf(a)] - ORDER[verdictOf(b)] || (b.burnRates['1h'] ?? -1) - (a.burnRates['1h'] ?? -1))
    .slice(0, maxCharts);
  if (charted.length > 0) {
    out.push(
      '### Burn rates',
      '',
      `For the SLOs that fail, alert or burn faster than sustainable now. Bars: burn rate per window. ${thresholdLegend(alerting)}`,
      '',
    );
    const thresholds = thresholdsByWindow(alerting);
    for (const status of charted) out.push(chart(status, thresholds), '');
    if (report.statuses.length > charted.length) out.push(`_${plural(report.statuses.length - charted.length, 'more SLO', 'more SLOs')} in the table above, healthy or beyond the ${maxCharts} charts shown._`, '');
  }
  return out.join('\n');
}
