/**
 * Cross-check: a real Prometheus loads our generated rule file and evaluates it with its own rule
 * manager; the recorded ratios, the budget left and the firing alerts must be what the engine
 * reports for the same instant, and what the counters say by hand.
 *
 * Rules are only evaluated at "now", so the backfilled traffic ends a few seconds in the future.
 * Between the last sample and the next minute every window holds the same samples, so each rule
 * evaluation in that minute and the engine at any instant in it see identical data.
 */
import { HttpPrometheusClient } from '../../../core/prometheus/client.ts';
import { computeSloStatuses, type SloStatus } from '../../../core/slo/engine.ts';
import { generateRules } from '../../../core/slo/rules.ts';
import { parseSloSpecs } from '../../../core/slo/specs/index.ts';
import { BURN_WINDOWS, type SloDefinition } from '../../../core/slo/types.ts';
import { BURN_WINDOW_SECONDS } from '../../../core/slo/windows.ts';
import { generateTraffic, type GeneratedTraffic, type RunningPrometheus, startPrometheus } from '../../../cli/demo/support/prometheus.ts';

const DAY = 1440;
const SERVICES = ['checkout', 'search', 'batch'] as const;

/** One OpenSLO document per service, through the real spec loader. */
function specs(): SloDefinition[] {
  const text = SERVICES.map(
    (service) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${service}-availability
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${service}-errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            spec:
              query: http_requests_total{service="${service}",code="500"}
        total:
          metricSource:
            spec:
              query: http_requests_total{service="${service}"}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`,
  ).join('---\n');
  return parseSloSpecs(text, 'crosscheck.yaml');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('generated rules evaluated by Prometheus agree with the engine', () => {
  let prometheus: RunningPrometheus;
  let client: HttpPrometheusClient;
  let traffic: GeneratedTraffic;
  let at: Date;
  let statuses: Map<string, SloStatus>;
  const slos = specs();

  beforeAll(async () => {
    const lastSampleAt = Math.floor(Date.now() / 1000) + 8;
    traffic = generateTraffic({
      lastSampleAt,
      services: [
        // 0.1 % errors for three days, then 5 % for the last hour: pages (1h and 5m ≥ 1.44 %).
        { labels: { service: 'checkout' }, phases: [{ steps: 3 * DAY - 60, requests: 6000, errors: 6 }, { steps: 60, requests: 6000, errors: 300 }] },
        // A steady 0.5 % (burn rate 5): tickets (1d and 2h ≥ 0.3 %), never pages.
        { labels: { service: 'search' }, phases: [{ steps: 3 * DAY, requests: 6000, errors: 30 }] },
        // A steady 0.05 %: quiet.
        { labels: { service: 'batch' }, phases: [{ steps: 3 * DAY, requests: 6000, errors: 3 }] },
      ],
    });
    prometheus = await startPrometheus({
      openMetrics: traffic.openMetrics,
      rules: { 'slo-rules.yml': generateRules(slos) },
      evaluationInterval: '1s',
    });
    client = new HttpPrometheusClient({ url: prometheus.url });
    // An instant a few rule evaluations after the last sample, inside its stable minute.
    const instant = Math.max(lastSampleAt + 5, Date.now() / 1000 + 3);
    if (instant > lastSampleAt + 50) throw new Error('Prometheus took too long to start for the cross-check window');
    while (Date.now() / 1000 < instant + 2) await sleep(250);
    at = new Date(Math.floor(instant) * 1000);
    const report = await computeSloStatuses(client, slos, { at, countResets: false });
    statuses = new Map(report.statuses.map((s) => [s.name, s]));
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  const recorded = async (expr: string): Promise<Map<string, number>> => {
    const samples = await client.query(expr, at);
    return new Map(samples.map((s) => [s.labels.slo ?? '', s.value]));
  };

  it('records every window from evaluations after the last sample', async () => {
    for (const window of [...BURN_WINDOWS, '28d']) {
      const stamps = await client.query(`timestamp(slo:sli_error:ratio_rate${window})`, at);
      expect(stamps.map((s) => s.labels.slo).sort()).toEqual(SERVICES.map((s) => `${s}-availability`).sort());
      for (const stamp of stamps) {
        expect(stamp.value).toBeGreaterThan(traffic.lastSampleAt);
        expect(stamp.value).toBeLessThanOrEqual(at.getTime() / 1000);
      }
    }
  });

  it.each([...BURN_WINDOWS, '28d'])('records the %s error ratio the engine computes, and the counters say', async (window) => {
    const values = await recorded(`slo:sli_error:ratio_rate${window}`);
    for (const [index, service] of SERVICES.entries()) {
      const name = `${service}-availability`;
      const status = statuses.get(name)!;
      const engine = window === '28d' ? status.errorRatio : status.burnRates[window as (typeof BURN_WINDOWS)[number]]! * (1 - 0.999);
      const seconds = window === '28d' ? 28 * 86400 : BURN_WINDOW_SECONDS[window as (typeof BURN_WINDOWS)[number]];
      expect(values.get(name)).toBeCloseTo(engine!, 12);
      expect(values.get(name)).toBeCloseTo(traffic.errorRatio(index, seconds, at)!, 12);
    }
  });

  it('records the budget remaining the engine reports', async () => {
    const values = await recorded('slo:period_error_budget_remaining:ratio');
    for (const service of SERVICES) {
      expect(values.get(`${service}-availability`)).toBeCloseTo(statuses.get(`${service}-availability`)!.budgetRemaining!, 9);
    }
  });

  it('fires the alert the engine reports: page for the incident, ticket for the slow burn, none when quiet', async () => {
    const firing = await client.query('ALERTS{alertname="SloErrorBudgetBurn",alertstate="firing"}', at);
    const bySlo = new Map<string, string[]>();
    for (const alert of firing) bySlo.set(alert.labels.slo!, [...(bySlo.get(alert.labels.slo!) ?? []), alert.labels.severity!].sort());
    expect(statuses.get('checkout-availability')!.alert).toBe('page');
    expect(statuses.get('search-availability')!.alert).toBe('ticket');
    expect(statuses.get('batch-availability')!.alert).toBe('none');
    // The engine reports the highest severity; Prometheus may fire both for one SLO.
    expect(bySlo.get('checkout-availability')).toContain('page');
    expect(bySlo.get('search-availability')).toEqual(['ticket']);
    expect(bySlo.has('batch-availability')).toBe(false);
  });
});
