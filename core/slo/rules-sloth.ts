/**
 * `faultline slo rules --compat sloth`: the rules as Sloth (github.com/slok/sloth) writes them for a
 * prometheus/v1 spec — its record names, its `sloth_*` labels, its group names and its
 * multi-window multi-burn-rate alert expressions — so Sloth's Grafana dashboards and alert routing
 * keep working for teams that move to Faultline. Checked against Sloth's own generated examples
 * (test/fixtures/peers/sloth-rules/).
 */
import { stringify } from 'yaml';
import { type AlertThresholds, type BurnRateCondition, WORKBOOK_THRESHOLDS } from './alerts.ts';
import { promDurationSeconds } from './duration.ts';
import { expandWindow, sloRatioExpr } from './queries.ts';
import { type AlertingRule, errorRatioRecord, type RecordingRule, type RuleGroup, type RuleOptions, sloWindowRange } from './rules.ts';
import type { SloAlertSeverityOptions, SloDefinition } from './types.ts';

/** Sloth's `sloth_version` label: the tool that wrote the rules. */
export const SLOTH_COMPAT_VERSION = 'faultline';

export function buildSlothRuleGroups(slos: SloDefinition[], options: RuleOptions = {}): RuleGroup[] {
  const groups: RuleGroup[] = [];
  for (const slo of slos) {
    const thresholds: AlertThresholds = slo.burnRateAlerts ?? options.thresholds ?? WORKBOOK_THRESHOLDS;
    const id = slothIds(slo);
    const labels = { ...specLabels(slo), ...id };
    const filter = `{${Object.entries(id)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ')}}`;
    const conditions = [...thresholds.page, ...thresholds.ticket];
    const windows = new Map<string, number>();
    for (const c of conditions) {
      for (const w of [c.short, c.long]) {
        const seconds = promDurationSeconds(w);
        if (seconds !== undefined) windows.set(w, seconds);
      }
    }
    const sorted = [...windows].sort((a, b) => a[1] - b[1]);
    const shortest = sorted[0]?.[0] ?? '5m';
    const period = sloWindowRange(slo);
    const recordings: RecordingRule[] = sorted
      .filter(([w]) => w !== period)
      .map(([window, seconds]) => ({
        record: errorRatioRecord(window),
        expr: slothSliExpr(slo, window, seconds),
        labels: { ...labels, sloth_window: window },
      }));
    // Sloth's period window: the mean of the shortest window's ratio over the period.
    const short = `${errorRatioRecord(shortest)}${filter}`;
    recordings.push({
      record: errorRatioRecord(period),
      expr: `sum_over_time(${short}[${period}])\n/ ignoring (sloth_window)\ncount_over_time(${short}[${period}])\n`,
      labels: { ...labels, sloth_window: period },
    });

    const budget = fmt(1 - slo.target);
    const burn = (record: string) =>
      `${record}${filter}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${filter}\n`;
    const meta: RecordingRule[] = [
      { record: 'slo:objective:ratio', expr: `vector(${fmt(slo.target)})`, labels },
      { record: 'slo:error_budget:ratio', expr: `vector(1-${fmt(slo.target)})`, labels },
      { record: 'slo:time_period:days', expr: `vector(${fmt(slo.window.seconds / 86_400)})`, labels },
      { record: 'slo:current_burn_rate:ratio', expr: burn(errorRatioRecord(shortest)), labels },
      { record: 'slo:period_burn_rate:ratio', expr: burn(errorRatioRecord(period)), labels },
      { record: 'slo:period_error_budget_remaining:ratio', expr: `1 - slo:period_burn_rate:ratio${filter}`, labels },
      {
        record: 'sloth_slo_info',
        expr: 'vector(1)',
        labels: {
          ...labels,
          sloth_mode: 'cli-gen-prom',
          sloth_objective: fmt(slo.target * 100),
          sloth_spec: 'prometheus/v1',
          sloth_version: SLOTH_COMPAT_VERSION,
        },
      },
    ];
    groups.push(withInterval({ name: `sloth-slo-sli-recordings-${slo.name}`, rules: recordings }, options));
    groups.push(withInterval({ name: `sloth-slo-meta-recordings-${slo.name}`, rules: meta }, options));

    const alerts: AlertingRule[] = [];
    for (const severity of ['page', 'ticket'] as const) {
      const perSeverity: SloAlertSeverityOptions = slo.alerting?.[severity] ?? {};
      if (thresholds[severity].length === 0 || perSeverity.disable) continue;
      alerts.push({
        alert: slo.alerting?.name ?? options.alertName ?? 'SloErrorBudgetBurn',
        expr: `${thresholds[severity].map((c) => conditionExpr(c, filter, budget)).join('\nor\n')}\n`,
        // Sloth requires alerting.name; without one (OpenSLO, Pyrra specs) every SLO's alert shares the
        // default name, and sloth_id keeps them apart for promtool's duplicate-rule lint.
        labels: {
          ...(slo.alerting?.name ? {} : { sloth_id: id.sloth_id }),
          sloth_severity: severity,
          ...slo.alerting?.labels,
          ...perSeverity.labels,
        },
        annotations: {
          title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
          summary: '{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.',
          ...slo.alerting?.annotations,
          ...perSeverity.annotations,
        },
      });
    }
    if (alerts.length > 0) groups.push(withInterval({ name: `sloth-slo-alerts-${slo.name}`, rules: alerts }, options));
  }
  return groups;
}

/** The Prometheus rule file (YAML) for `slos`, in Sloth's names and labels. */
export function generateSlothRules(slos: SloDefinition[], options: RuleOptions = {}): string {
  const header = [
    '# Prometheus rules for SLOs in Sloth-compatible form, generated by `faultline slo rules --compat sloth`.',
    '# Do not edit: regenerate.',
    ...(options.generatedFrom ? [`# From: ${options.generatedFrom}`] : []),
  ];
  const body = stringify({ groups: buildSlothRuleGroups(slos, options) }, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${header.join('\n')}\n${body}`;
}

/** `sloth_id` (service-slo), `sloth_service`, `sloth_slo`: Sloth's SLO identity labels. */
export function slothIds(slo: SloDefinition): Record<string, string> {
  const prefix = `${slo.service}-`;
  const name = slo.name.startsWith(prefix) ? slo.name.slice(prefix.length) : slo.name;
  return { sloth_id: `${slo.service}-${name}`, sloth_service: slo.service, sloth_slo: name };
}

/** Sloth's SLI: `(error)\n/\n(total)` for events, `(ratio)` for a raw error ratio; ours otherwise. */
function slothSliExpr(slo: SloDefinition, window: string, seconds: number): string {
  const { bad, total } = slo.indicator;
  if (slo.budgetingMethod === 'Occurrences' && bad !== undefined) {
    if (total === `(${bad} >= bool 0)`) return `${expandWindow(bad, window)}\n`;
    return `(${expandWindow(bad, window)})\n/\n(${expandWindow(total, window)})\n`;
  }
  return `${sloRatioExpr(slo, seconds)}\n`;
}

function conditionExpr(c: BurnRateCondition, filter: string, budget: string): string {
  const side = (w: string) => `    max(${errorRatioRecord(w)}${filter} > (${c.burnRate} * ${budget})) without (sloth_window)`;
  return `(\n${side(c.short)}\n    and\n${side(c.long)}\n)`;
}

function specLabels(slo: SloDefinition): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(slo.labels ?? {})) {
    labels[key.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(?=\d)/, '_')] = value;
  }
  return labels;
}

function fmt(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function withInterval(group: RuleGroup, options: RuleOptions): RuleGroup {
  return options.interval ? { name: group.name, interval: options.interval, rules: group.rules } : group;
}
