/**
 * Prometheus rule files for SLOs: recording rules for the error ratio over every window the alerts
 * and the budget need, and the multi-window multi-burn-rate alerts of the Google SRE Workbook.
 *
 * The recorded expressions are the engine's own (`sloRatioExpr`), so `faultline slo status` and a
 * dashboard reading `slo:sli_error:ratio_rate1h` show the same number for the same instant.
 */
import { stringify } from 'yaml';
import { type AlertThresholds, type BurnRateCondition, WORKBOOK_THRESHOLDS } from './alerts.ts';
import { promDurationSeconds } from './duration.ts';
import { sloRatioExpr } from './queries.ts';
import { BURN_WINDOWS, type SloAlertSeverityOptions, type SloDefinition } from './types.ts';
import { BURN_WINDOW_SECONDS, promDuration } from './windows.ts';

export interface RuleOptions {
  /** Page and ticket conditions; default the Workbook's (14.4/6 page, 3/1 ticket). */
  thresholds?: AlertThresholds;
  /** Alert name when the spec gives none (Sloth `alerting.name`); default `SloErrorBudgetBurn`. */
  alertName?: string;
  /** Rule group evaluation interval (e.g. `1m`); default: the server's global interval. */
  interval?: string;
  /** Free text for the file's header comment, e.g. the spec paths it came from. */
  generatedFrom?: string;
}

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: (RecordingRule | AlertingRule)[];
}

export const DEFAULT_ALERT_NAME = 'SloErrorBudgetBurn';

/** `slo:sli_error:ratio_rate5m` … the error ratio (or bad-slice fraction) over a window. */
export function errorRatioRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** The SLO window as a PromQL range: as written when rolling, the nominal length when calendar. */
export function sloWindowRange(slo: SloDefinition): string {
  if (slo.window.kind === 'rolling' && promDurationSeconds(slo.window.duration) === slo.window.seconds) return slo.window.duration;
  return promDuration(slo.window.seconds);
}

export function buildRuleGroups(slos: SloDefinition[], options: RuleOptions = {}): RuleGroup[] {
  const thresholds = options.thresholds ?? WORKBOOK_THRESHOLDS;
  const groups: RuleGroup[] = [];
  for (const slo of slos) {
    const labels = seriesLabels(slo);
    // A spec's own burn-rate windows (Pyrra scales them with the SLO window) replace the Workbook's.
    const sloThresholds: AlertThresholds = slo.burnRateAlerts ?? thresholds;
    const windows = new Map<string, number>(BURN_WINDOWS.map((w) => [w as string, BURN_WINDOW_SECONDS[w]]));
    for (const condition of [...sloThresholds.page, ...sloThresholds.ticket]) {
      for (const window of [condition.long, condition.short]) {
        const seconds = promDurationSeconds(window);
        if (seconds !== undefined && !windows.has(window)) windows.set(window, seconds);
      }
    }
    const sloRange = sloWindowRange(slo);
    if (!windows.has(sloRange)) windows.set(sloRange, slo.window.seconds);

    const recordings: RecordingRule[] = [...windows].map(([window, seconds]) => ({
      record: errorRatioRecord(window),
      expr: sloRatioExpr(slo, seconds),
      labels,
    }));
    const selector = `{slo=${JSON.stringify(slo.name)}}`;
    const budget = `(1 - ${slo.target})`;
    const meta: RecordingRule[] = [
      { record: 'slo:objective:ratio', expr: `vector(${slo.target})`, labels },
      { record: 'slo:error_budget:ratio', expr: `vector${budget}`, labels },
      {
        record: 'slo:period_error_budget_remaining:ratio',
        expr: `1 - ${errorRatioRecord(sloRange)}${selector} / ${budget}`,
        labels,
      },
    ];
    groups.push(withInterval({ name: `faultline-slo-sli-recordings-${slo.name}`, rules: recordings }, options));
    groups.push(withInterval({ name: `faultline-slo-meta-recordings-${slo.name}`, rules: meta }, options));

    const alerts: AlertingRule[] = [];
    for (const severity of ['page', 'ticket'] as const) {
      const conditions = sloThresholds[severity];
      const perSeverity: SloAlertSeverityOptions = slo.alerting?.[severity] ?? {};
      if (conditions.length === 0 || perSeverity.disable) continue;
      alerts.push({
        alert: slo.alerting?.name ?? options.alertName ?? DEFAULT_ALERT_NAME,
        expr: conditions.map((c) => `(${conditionExpr(c, selector, budget)})`).join('\nor\n'),
        labels: { ...labels, severity, ...slo.alerting?.labels, ...perSeverity.labels },
        annotations: {
          ...defaultAnnotations(slo, severity, conditions, sloRange),
          ...slo.alerting?.annotations,
          ...perSeverity.annotations,
        },
      });
    }
    if (alerts.length > 0) groups.push(withInterval({ name: `faultline-slo-alerts-${slo.name}`, rules: alerts }, options));
  }
  return groups;
}

/** The Prometheus rule file (YAML) for `slos`. */
export function generateRules(slos: SloDefinition[], options: RuleOptions = {}): string {
  const header = [
    '# Prometheus rules for SLOs, generated by `faultline slo rules`. Do not edit: regenerate.',
    ...(options.generatedFrom ? [`# From: ${options.generatedFrom}`] : []),
    '# Recording: slo:sli_error:ratio_rate<window>; alerts: multi-window multi-burn-rate (Google SRE Workbook).',
  ];
  const body = stringify({ groups: buildRuleGroups(slos, options) }, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${header.join('\n')}\n${body}`;
}

/** Both windows at or above the burn rate, i.e. error ratio ≥ burn rate × budget. */
function conditionExpr(condition: BurnRateCondition, selector: string, budget: string): string {
  const threshold = `(${condition.burnRate} * ${budget})`;
  return `${errorRatioRecord(condition.long)}${selector} >= ${threshold}\nand\n${errorRatioRecord(condition.short)}${selector} >= ${threshold}`;
}

function withInterval(group: RuleGroup, options: RuleOptions): RuleGroup {
  return options.interval ? { name: group.name, interval: options.interval, rules: group.rules } : group;
}

/**
 * `slo` and `service` plus the spec's labels. Prometheus label names allow only [a-zA-Z0-9_]
 * (not starting with a digit), so other characters (OpenSLO allows `app.kubernetes.io/name`)
 * become `_`; the spec cannot override `slo` or `service`, which the alert selectors rely on.
 */
function seriesLabels(slo: SloDefinition): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(slo.labels ?? {})) {
    labels[key.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(?=\d)/, '_')] = value;
  }
  return { ...labels, slo: slo.name, service: slo.service };
}

function defaultAnnotations(
  slo: SloDefinition,
  severity: 'page' | 'ticket',
  conditions: BurnRateCondition[],
  sloRange: string,
): Record<string, string> {
  const percent = Number((slo.target * 100).toPrecision(12));
  const burns = conditions.map((c) => `≥ ${c.burnRate}× over ${c.long} and ${c.short}`).join(', or ');
  return {
    summary: `${slo.displayName ?? slo.name} (${slo.service}) is burning its error budget too fast`,
    description:
      `The ${percent} % SLO "${slo.name}" is spending its ${sloRange} error budget too fast: burn rate ${burns} ` +
      `(${severity === 'page' ? 'page: act now' : 'ticket: act within a day'}).`,
  };
}
