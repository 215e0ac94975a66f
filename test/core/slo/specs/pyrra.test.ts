/**
 * Pyrra ServiceLevelObjectives read as SLOs: each indicator kind becomes a ratio the engine and
 * the rules evaluate, the burn-rate windows scale with the SLO window as Pyrra's `slo.Windows`,
 * and the alerts (rules and status) use those windows.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrometheusClient } from '../../../../core/prometheus/client.ts';
import { computeSloStatuses } from '../../../../core/slo/engine.ts';
import { generateRules } from '../../../../core/slo/rules.ts';
import { loadSloSpecs, parseSloSpecs } from '../../../../core/slo/specs/index.ts';
import { pyrraBurnRateAlerts } from '../../../../core/slo/specs/pyrra.ts';
import { promtool } from '../promtool.ts';
import { specError } from './spec-error.ts';

const EXAMPLES = 'test/fixtures/peers/pyrra/examples';

const slo = (spec: string, metadata = 'metadata:\n  name: api\n  namespace: shop\n') =>
  parseSloSpecs(`apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\n${metadata}spec:\n${spec}`, 'pyrra.yaml')[0]!;

describe('Pyrra ServiceLevelObjective', () => {
  it('reads a ratio indicator: errors over total, target in percent, the window as written', () => {
    const read = slo('  target: "99.5"\n  window: 4w\n  indicator:\n    ratio:\n      errors:\n        metric: http_requests_total{job="api",code=~"5.."}\n      total:\n        metric: http_requests_total{job="api"}\n');
    expect(read).toMatchObject({
      name: 'api',
      service: 'shop',
      target: 0.995,
      window: { kind: 'rolling', duration: '4w', seconds: 28 * 86_400 },
      indicator: { kind: 'ratio', bad: 'rate(http_requests_total{job="api",code=~"5.."}[{{window}}])', total: 'rate(http_requests_total{job="api"}[{{window}}])' },
    });
  });

  it('reads latency (bucket over count), latencyNative (histogram_fraction) and bool_gauge (share of 1s)', () => {
    const [caddy] = parseSloSpecs(
      '---\napiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: fast\nspec:\n  target: 90\n  window: 4w\n  indicator:\n    latency:\n      success:\n        metric: d_bucket{le="0.05"}\n      total:\n        metric: d_count\n',
      'l.yaml',
    );
    expect(caddy!.indicator).toEqual({ kind: 'ratio', good: 'rate(d_bucket{le="0.05"}[{{window}}])', total: 'rate(d_count[{{window}}])' });
    expect(slo('  target: "99"\n  window: 2w\n  indicator:\n    latencyNative:\n      latency: 200ms\n      total:\n        metric: d{job="x"}\n').indicator).toEqual({
      kind: 'ratio',
      good: 'histogram_fraction(0, 0.2, rate(d{job="x"}[{{window}}])) * histogram_count(rate(d{job="x"}[{{window}}]))',
      total: 'histogram_count(rate(d{job="x"}[{{window}}]))',
    });
    expect(slo('  target: "99"\n  window: 7d\n  indicator:\n    bool_gauge:\n      metric: probe_success\n').indicator).toEqual({
      kind: 'ratio',
      good: 'sum_over_time(probe_success[{{window}}])',
      total: 'count_over_time(probe_success[{{window}}])',
    });
  });

  it("scales the burn-rate windows with the SLO window, as Pyrra's slo.Windows", () => {
    expect(pyrraBurnRateAlerts(28 * 86_400)).toEqual({
      page: [
        { long: '1h', short: '5m', burnRate: 14 },
        { long: '6h', short: '30m', burnRate: 7 },
      ],
      ticket: [
        { long: '1d', short: '2h', burnRate: 2 },
        { long: '4d', short: '6h', burnRate: 1 },
      ],
    });
    // 2w: 150 s rounds to 3m like Go's Duration.Round.
    expect(pyrraBurnRateAlerts(14 * 86_400).page[0]).toEqual({ long: '30m', short: '3m', burnRate: 14 });
  });

  it('turns alerting.disabled or burnrates: false into no burn-rate alerts, and keeps alerting.name', () => {
    expect(slo('  target: "99"\n  window: 4w\n  alerting:\n    disabled: true\n  indicator:\n    bool_gauge:\n      metric: up\n').alerting).toEqual({ page: { disable: true }, ticket: { disable: true } });
    expect(slo('  target: "99"\n  window: 4w\n  alerting:\n    name: ApiBurn\n  indicator:\n    bool_gauge:\n      metric: up\n').alerting).toEqual({ name: 'ApiBurn' });
  });

  it('keeps pyrra.dev/ labels as rule labels, like Pyrra', () => {
    const read = slo('  target: "99"\n  window: 4w\n  indicator:\n    bool_gauge:\n      metric: up\n', 'metadata:\n  name: api\n  labels:\n    prometheus: k8s\n    pyrra.dev/team: payments\n');
    expect(read.labels).toEqual({ team: 'payments' });
    expect(read.service).toBe('api');
  });

  it('accepts keys Pyrra ignores and warns, naming each key and its line', () => {
    const read = slo('  target: "99"\n  window: 4w\n  objective: 99\n  indicator:\n    bool_gauge:\n      metric: up\n      by: [instance]\n');
    expect(read.warnings).toEqual([
      'pyrra.yaml:9: spec.objective: unknown key "objective" is ignored (as Pyrra does)',
      'pyrra.yaml:13: spec.indicator.bool_gauge.by: unknown key "by" is ignored (as Pyrra does)',
    ]);
  });

  it('refuses what the webhook refuses, naming the key', () => {
    const error = specError('apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: a\nspec:\n  target: "99"\n  window: 4w\n  indicator:\n    ratio:\n      errors:\n        metric: sum(rate(e[5m]))\n      total:\n        metric: t\n', 'bad.yaml');
    expect(error.message).toContain('spec.indicator.ratio.errors.metric: ratio errors metric must be a PromQL vector selector');
    expect(error.file).toBe('bad.yaml');
    expect(error.line).toBe(11);
  });

  describe('rules and status', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'faultline-pyrra-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("generates rules for every Pyrra example that pass promtool, recording Pyrra's own windows", async () => {
      // Each example is its own deployment (two reuse a name), so each gets its own rule file.
      const written: string[] = [];
      let rules = '';
      for (const name of await readdir(EXAMPLES)) {
        const file = join(dir, name);
        const text = generateRules(await loadSloSpecs([join(EXAMPLES, name)]));
        await writeFile(file, text);
        written.push(file);
        if (name === 'caddy-response-latency.yaml') rules = text;
      }
      const result = await promtool(['check', 'rules', ...written]);
      expect(result.output).not.toMatch(/FAILED/);
      expect(result.output.match(/SUCCESS: \d+ rules found/g)).toHaveLength(written.length);
      expect(result.code).toBe(0);
      // caddy-response-latency has a 4w window: its slowest ticket pair is 4d/6h.
      expect(rules).toContain('record: slo:sli_error:ratio_rate4d');
    });

    it('judges the alert state with the spec windows and factors, not the Workbook ones', async () => {
      const read = slo('  target: "99"\n  window: 4w\n  indicator:\n    bool_gauge:\n      metric: up\n');
      const queries: string[] = [];
      // Every window burns 6.5× the budget: the Workbook pages (6h/30m ≥ 6), Pyrra tickets (1d/2h ≥ 2; pages need 7).
      const client: PrometheusClient = {
        query: async (expr) => {
          queries.push(expr);
          return [{ labels: { slo: 'api' }, value: 6.5 * 0.01, timestamp: 0 }];
        },
        queryRange: async () => [],
      };
      const report = await computeSloStatuses(client, [read], { countResets: false });
      expect(report.statuses[0]!.alert).toBe('ticket');
      expect(report.statuses[0]!.firingConditions).toEqual(['1d and 2h burn ≥ 2', '4d and 6h burn ≥ 1']);
      expect(queries.some((q) => q.includes('[4d]'))).toBe(true);
      const workbook = await computeSloStatuses(client, [{ ...read, burnRateAlerts: undefined }], { countResets: false });
      expect(workbook.statuses[0]!.alert).toBe('page');
    });
  });
});
