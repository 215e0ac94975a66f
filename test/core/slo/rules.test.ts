import { parse } from 'yaml';
import { type AlertingRule, buildRuleGroups, generateRules, type RecordingRule } from '../../../core/slo/rules.ts';
import { parseSloSpecs } from '../../../core/slo/specs/index.ts';
import type { SloDefinition } from '../../../core/slo/types.ts';

const base: SloDefinition = {
  name: 'api-availability',
  service: 'api',
  target: 0.999,
  window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 },
  budgetingMethod: 'Occurrences',
  indicator: { kind: 'ratio', bad: 'sum(rate(errors_total[{{window}}]))', total: 'sum(rate(requests_total[{{window}}]))' },
  labels: { team: 'sre', 'app.kubernetes.io/name': 'api', slo: 'spoofed' },
  source: { file: 'slos.yaml', line: 1 },
};

const recordings = (slo: SloDefinition) => buildRuleGroups([slo])[0]!.rules as RecordingRule[];
const alerts = (slo: SloDefinition, options = {}) =>
  (buildRuleGroups([slo], options).find((g) => g.name.startsWith('faultline-slo-alerts-'))?.rules ?? []) as AlertingRule[];

describe('recording rules', () => {
  it('record the error ratio over the Workbook windows and the SLO window', () => {
    const rules = recordings(base);
    expect(rules.map((r) => r.record)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate28d',
    ]);
    expect(rules[2]!.expr).toBe('sum(sum(rate(errors_total[1h]))) / sum(sum(rate(requests_total[1h])))');
  });

  it('label every series with slo and service, which the spec cannot override, and sanitise label names', () => {
    expect(recordings(base)[0]!.labels).toEqual({ team: 'sre', app_kubernetes_io_name: 'api', slo: 'api-availability', service: 'api' });
  });

  it('count good-based SLOs as total minus good, and Timeslices as the fraction of bad slices', () => {
    const good = { ...base, indicator: { kind: 'ratio' as const, good: 'sum(rate(ok_total[{{window}}]))', total: base.indicator.total } };
    expect(recordings(good)[0]!.expr).toBe(
      '(sum(sum(rate(requests_total[5m]))) - sum(sum(rate(ok_total[5m])))) / sum(sum(rate(requests_total[5m])))',
    );
    const slices = { ...base, budgetingMethod: 'Timeslices' as const, timeslice: { target: 0.95, window: '1m', seconds: 60 } };
    expect(recordings(slices)[2]!.expr).toMatch(/^avg_over_time\(\(\(.*\[1m\].*\) > bool 0\.05\)\[3599s:1m\]\)$/);
  });

  it('name a calendar window by its nominal length', () => {
    const calendar: SloDefinition = { ...base, window: { kind: 'calendar', duration: '1M', seconds: 30 * 86400, unit: 'Month' } };
    expect(recordings(calendar).at(-1)!.record).toBe('slo:sli_error:ratio_rate30d');
  });

  it('add objective, budget and budget-remaining series', () => {
    const meta = buildRuleGroups([base])[1]!.rules as RecordingRule[];
    expect(meta.map((r) => [r.record, r.expr])).toEqual([
      ['slo:objective:ratio', 'vector(0.999)'],
      ['slo:error_budget:ratio', 'vector(1 - 0.999)'],
      ['slo:period_error_budget_remaining:ratio', '1 - slo:sli_error:ratio_rate28d{slo="api-availability"} / (1 - 0.999)'],
    ]);
  });
});

describe('multi-window multi-burn-rate alerts', () => {
  it('page on 1h/5m at 14.4 or 6h/30m at 6, ticket on 1d/2h at 3 or 3d/6h at 1', () => {
    const [page, ticket] = alerts(base);
    expect(page!.labels.severity).toBe('page');
    expect(page!.expr).toBe(
      [
        '(slo:sli_error:ratio_rate1h{slo="api-availability"} >= (14.4 * (1 - 0.999))',
        'and',
        'slo:sli_error:ratio_rate5m{slo="api-availability"} >= (14.4 * (1 - 0.999)))',
        'or',
        '(slo:sli_error:ratio_rate6h{slo="api-availability"} >= (6 * (1 - 0.999))',
        'and',
        'slo:sli_error:ratio_rate30m{slo="api-availability"} >= (6 * (1 - 0.999)))',
      ].join('\n'),
    );
    expect(ticket!.labels).toMatchObject({ severity: 'ticket', slo: 'api-availability', service: 'api' });
    expect(ticket!.expr).toContain('slo:sli_error:ratio_rate3d{slo="api-availability"} >= (1 * (1 - 0.999))');
    expect(page!.annotations.description).toContain('≥ 14.4× over 1h and 5m, or ≥ 6× over 6h and 30m');
  });

  it('take configurable thresholds; a severity without conditions gets no rule', () => {
    const rules = alerts(base, { thresholds: { page: [{ long: '2h', short: '5m', burnRate: 10 }], ticket: [] }, alertName: 'Burn' });
    expect(rules).toHaveLength(1);
    expect(rules[0]!.alert).toBe('Burn');
    expect(rules[0]!.expr).toContain('slo:sli_error:ratio_rate2h{slo="api-availability"} >= (10 * (1 - 0.999))');
  });

  it("apply Sloth's alerting: name, labels, annotations, and disabled severities", () => {
    const [slo] = parseSloSpecs(
      `version: prometheus/v1
service: pay
slos:
  - name: avail
    objective: 99
    sli:
      events:
        error_query: sum(rate(e[{{.window}}]))
        total_query: sum(rate(t[{{.window}}]))
    alerting:
      name: PayBurn
      labels: {category: availability}
      annotations: {runbook: https://runbooks/pay}
      page_alert:
        labels: {routing_key: pay}
      ticket_alert:
        disable: true
`,
      'sloth.yaml',
    );
    const rules = alerts(slo!);
    expect(rules).toHaveLength(1);
    expect(rules[0]!.alert).toBe('PayBurn');
    expect(rules[0]!.labels).toEqual({ slo: 'pay-avail', service: 'pay', severity: 'page', category: 'availability', routing_key: 'pay' });
    expect(rules[0]!.annotations.runbook).toBe('https://runbooks/pay');
  });
});

describe('the rule file', () => {
  it('is YAML with a header saying it is generated, without anchors, and with one set of groups per SLO', () => {
    const other = { ...base, name: 'api-latency' };
    const text = generateRules([base, other], { generatedFrom: 'slos/', interval: '1m' });
    expect(text.startsWith('# Prometheus rules for SLOs, generated by `faultline slo rules`')).toBe(true);
    expect(text).toContain('# From: slos/');
    expect(text).not.toMatch(/[&*]a\d/);
    const parsed = parse(text) as { groups: { name: string; interval: string }[] };
    expect(parsed.groups.map((g) => g.name)).toEqual([
      'faultline-slo-sli-recordings-api-availability',
      'faultline-slo-meta-recordings-api-availability',
      'faultline-slo-alerts-api-availability',
      'faultline-slo-sli-recordings-api-latency',
      'faultline-slo-meta-recordings-api-latency',
      'faultline-slo-alerts-api-latency',
    ]);
    expect(parsed.groups.every((g) => g.interval === '1m')).toBe(true);
  });
});
