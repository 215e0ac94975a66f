/**
 * The engine against a real Prometheus with backfilled counters. Evaluation is half a step after
 * the last sample (see cli/demo/support/traffic.ts), so a window of w seconds holds w/60 − 1 counter
 * increments and increase()'s extrapolation scales errors and total alike: the ratios below are
 * plain hand counts of increments.
 */
import { HttpPrometheusClient } from '../../../core/prometheus/client.ts';
import { computeSloStatuses, type SloStatus } from '../../../core/slo/engine.ts';
import { BURN_WINDOWS } from '../../../core/slo/types.ts';
import { BURN_WINDOW_SECONDS } from '../../../core/slo/windows.ts';
import { generateTraffic, type RunningPrometheus, startPrometheus } from '../../../cli/demo/support/prometheus.ts';
import { requestSlo } from './fixtures.ts';

const DAY = 1440; // one-minute steps per day
const traffic = generateTraffic({
  // Evaluation at 2025-03-01T00:00:00Z, a multiple of every slice length.
  lastSampleAt: Date.UTC(2025, 2, 1) / 1000 - 30,
  services: [
    // 0.1 % errors for three days, then an incident: 5 % for the last hour.
    { labels: { service: 'checkout' }, phases: [{ steps: 3 * DAY + 60, requests: 6000, errors: 6 }, { steps: 60, requests: 6000, errors: 300 }] },
    // A steady 0.05 %, with a restart two days ago.
    {
      labels: { service: 'search' },
      phases: [
        { steps: DAY + 120, requests: 6000, errors: 3 },
        { steps: 2 * DAY, requests: 6000, errors: 3, resetAtStart: true },
      ],
    },
    // No requests at all in the last two hours.
    { labels: { service: 'batch' }, phases: [{ steps: 3 * DAY, requests: 6000, errors: 6 }, { steps: 120, requests: 0, errors: 0 }] },
  ],
});
const at = traffic.evaluationTime;

describe('SLO status from a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let client: HttpPrometheusClient;
  let statuses: Map<string, SloStatus>;
  let requests: number;

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
    client = new HttpPrometheusClient({ url: prometheus.url });
    const report = await computeSloStatuses(
      client,
      [
        requestSlo('checkout-availability', 'checkout', 0.999),
        requestSlo('search-availability', 'search', 0.999, { by: 'good' }),
        requestSlo('batch-availability', 'batch', 0.99),
        requestSlo('ghost-availability', 'ghost', 0.999),
        requestSlo('checkout-slices', 'checkout', 0.95, {
          budgetingMethod: 'Timeslices',
          timeslice: { target: 0.99, window: '5m', seconds: 300 },
        }),
      ],
      { at },
    );
    statuses = new Map(report.statuses.map((s) => [s.name, s]));
    requests = report.requests;
  });
  afterAll(async () => {
    await prometheus?.stop();
  });

  describe('an incident on checkout (99.9 %)', () => {
    it('computes the error ratio over the SLO window from every increment in the data', () => {
      // 4440 increments: the last 60 at 300 errors, the rest at 6, each of 6000 requests.
      const expected = (60 * 300 + 4380 * 6) / (4440 * 6000);
      const status = statuses.get('checkout-availability')!;
      expect(status.errorRatio).toBeCloseTo(expected, 12);
      expect(status.budgetRemaining).toBeCloseTo(1 - expected / 0.001, 9);
      expect(status.budgetRemaining!).toBeLessThan(0);
    });

    it('burns 50× over the windows inside the incident and less over the longer ones', () => {
      const { burnRates } = statuses.get('checkout-availability')!;
      expect(burnRates['5m']).toBeCloseTo(50, 9);
      expect(burnRates['30m']).toBeCloseTo(50, 9);
      expect(burnRates['1h']).toBeCloseTo(50, 9);
      // 2h: 119 increments, 60 in the incident.
      expect(burnRates['2h']).toBeCloseTo((60 * 300 + 59 * 6) / (119 * 6000) / 0.001, 9);
      expect(burnRates['3d']).toBeCloseTo((60 * 300 + 4259 * 6) / (4319 * 6000) / 0.001, 9);
    });

    it('matches the generator’s model of increase() in every window', () => {
      const { burnRates } = statuses.get('checkout-availability')!;
      for (const window of BURN_WINDOWS) {
        expect(burnRates[window]).toBeCloseTo(traffic.errorRatio(0, BURN_WINDOW_SECONDS[window])! / 0.001, 9);
      }
    });

    it('pages (1h and 5m burn ≥ 14.4) and says the budget is already gone', () => {
      const status = statuses.get('checkout-availability')!;
      expect(status.alert).toBe('page');
      expect(status.firingConditions).toEqual(['1h and 5m burn ≥ 14.4', '6h and 30m burn ≥ 6']);
      expect(status.timeToExhaustionSeconds).toBe(0);
      expect(status.problems).toEqual([]);
    });
  });

  describe('steady search traffic (99.9 %, good/total, one restart)', () => {
    it('reads 0.05 % everywhere although the counters reset two days ago', () => {
      const status = statuses.get('search-availability')!;
      expect(status.errorRatio).toBeCloseTo(0.0005, 12);
      for (const window of BURN_WINDOWS) expect(status.burnRates[window]).toBeCloseTo(0.5, 9);
      expect(status.budgetRemaining).toBeCloseTo(0.5, 9);
      expect(status.alert).toBe('none');
    });

    it('reports the reset it counted across', () => {
      // Both series (code 200 and 500) restart once.
      expect(statuses.get('search-availability')!.counterResets).toBe(2);
      expect(statuses.get('checkout-availability')!.counterResets).toBe(0);
    });

    it('gives the time until the remaining half budget is gone at the 1h burn rate', () => {
      // Half of a 28-day budget at half speed lasts 28 days.
      expect(statuses.get('search-availability')!.timeToExhaustionSeconds).toBeCloseTo(28 * 86400, 3);
    });
  });

  describe('missing data is reported, never read as 100 %', () => {
    it('reports 0/0 windows of a quiet service as no traffic, with null burn rates', () => {
      const status = statuses.get('batch-availability')!;
      expect(status.burnRates['5m']).toBeNull();
      expect(status.burnRates['2h']).toBeNull();
      expect(status.burnRates['6h']).toBeCloseTo(0.1, 9);
      expect(status.problems.map((p) => `${p.window}:${p.kind}`)).toEqual(['5m:no-traffic', '30m:no-traffic', '1h:no-traffic', '2h:no-traffic']);
      expect(status.problems[0].message).toBe('no traffic over the last 5m: 0 of 0 requests (the ratio is 0/0)');
      expect(status.errorRatio).toBeCloseTo(0.001, 12);
    });

    it('reports a metric that does not exist as no series in every window', () => {
      const status = statuses.get('ghost-availability')!;
      expect(status.errorRatio).toBeNull();
      expect(status.budgetRemaining).toBeNull();
      expect(Object.values(status.burnRates).every((v) => v === null)).toBe(true);
      expect(status.alert).toBe('none');
      expect(status.problems).toHaveLength(8);
      expect(status.problems[0]).toEqual({
        window: 'slo',
        kind: 'no-series',
        message: 'no data over the 28d SLO window: the queries returned no series (metric missing, labels wrong, or not scraped)',
      });
    });
  });

  describe('Timeslices budgeting', () => {
    it('counts the fraction of bad 5-minute slices: the 12 of the incident out of 888 with data', () => {
      const status = statuses.get('checkout-slices')!;
      expect(status.errorRatio).toBeCloseTo(12 / 888, 12);
      expect(status.budgetRemaining).toBeCloseTo(1 - 12 / 888 / 0.05, 9);
      expect(status.burnRates['1h']).toBeCloseTo(20, 9);
      expect(status.burnRates['2h']).toBeCloseTo(10, 9);
    });
  });

  it('asks Prometheus once per window for all five SLOs (8 windows + the reset count)', () => {
    expect(requests).toBe(9);
  });
});
