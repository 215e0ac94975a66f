/**
 * OpenSLO thresholdMetric SLIs and RatioTimeslices evaluated by a real Prometheus: the engine's
 * ratios over every window are the hand counts of the backfilled gauge's minutes (a minute is
 * good when the metric meets op and value; NaN minutes are no event), for Occurrences, Timeslices
 * and RatioTimeslices. Every SLO of the OpenSLO project's own files that the OpenSLO tooling
 * accepts is also evaluated against the same server: its queries must run (they find no series).
 */
import { join } from 'node:path';
import { HttpPrometheusClient } from '../../../core/prometheus/client.ts';
import { computeSloStatuses, type SloStatus } from '../../../core/slo/engine.ts';
import { loadSloSpecSet, parseSloSpecs } from '../../../core/slo/specs/index.ts';
import { BURN_WINDOWS } from '../../../core/slo/types.ts';
import { BURN_WINDOW_SECONDS } from '../../../core/slo/windows.ts';
import { type RunningPrometheus, startPrometheus } from '../../../cli/demo/support/prometheus.ts';
import { peerCorpus } from './specs/peers.ts';

// Evaluation on the hour (a multiple of every slice), with a sample every minute up to it.
const AT = Date.UTC(2025, 2, 1) / 1000;
const AT_MINUTE = AT / 60;
const FIRST_MINUTE = AT_MINUTE - 3 * 1440 - 60;

/** orders: 50 s of lag (bad) every 20th minute and for the last 30 minutes, else 5 s. */
const orders = (m: number): number => (m % 20 === 0 || m > AT_MINUTE - 30 ? 50 : 5);
/** reports: no number every 10th minute (NaN), 50 s every 4th minute, else 5 s. */
const reports = (m: number): number => (m % 10 === 1 ? Number.NaN : m % 4 === 0 ? 50 : 5);

function openMetrics(): string {
  const lines = ['# TYPE queue_lag_seconds gauge'];
  for (const [queue, value] of [
    ['orders', orders],
    ['reports', reports],
  ] as const) {
    for (let m = FIRST_MINUTE; m <= AT_MINUTE; m++) lines.push(`queue_lag_seconds{queue="${queue}"} ${value(m)} ${m * 60}`);
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

/** Minutes in the `seconds` before AT (the evaluation minute included), as the subquery samples them. */
function minutes(seconds: number, end = AT_MINUTE): number[] {
  return Array.from({ length: seconds / 60 }, (_, i) => end - i).filter((m) => m >= FIRST_MINUTE);
}

/** Bad points ÷ numeric points, good meaning value ≤ 10. */
function errorRatio(series: (m: number) => number, list: number[]): number {
  const numeric = list.map(series).filter((v) => !Number.isNaN(v));
  return numeric.filter((v) => v > 10).length / numeric.length;
}

/** The 5-minute slices in `seconds` before AT, each as its minutes. */
function slices(seconds: number): number[][] {
  return Array.from({ length: Math.max(1, seconds / 300) }, (_, k) => minutes(300, AT_MINUTE - 5 * k));
}

const spec = (name: string, queue: string, method: string, objective: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: queues
  indicator:
    metadata:
      name: ${name}-lag
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: max(queue_lag_seconds{queue="${queue}"})
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: ${method}
  objectives:
    - op: lte
      value: 10
      target: 0.99
${objective}`;

const TARGET = 0.99;
const SLOS = parseSloSpecs(
  [
    spec('orders-occurrences', 'orders', 'Occurrences', ''),
    spec('orders-timeslices', 'orders', 'Timeslices', '      timeSliceTarget: 0.8\n      timeSliceWindow: 5m'),
    spec('orders-ratio-timeslices', 'orders', 'RatioTimeslices', '      timeSliceWindow: 5m'),
    spec('reports-occurrences', 'reports', 'Occurrences', ''),
    spec('reports-ratio-timeslices', 'reports', 'RatioTimeslices', '      timeSliceWindow: 5m'),
  ].join('\n---\n'),
  'thresholds.yaml',
);

/** What each SLO's ratio over `seconds` must be, from the data by hand. */
const EXPECTED: Record<string, (seconds: number) => number> = {
  'orders-occurrences': (seconds) => errorRatio(orders, minutes(seconds)),
  // A slice is bad when more than 1 − 0.8 of its minutes are bad, i.e. 2 or more of 5.
  'orders-timeslices': (seconds) => {
    const all = slices(seconds);
    return all.filter((slice) => errorRatio(orders, slice) > 0.2 + 1e-9).length / all.length;
  },
  'orders-ratio-timeslices': (seconds) => {
    const all = slices(seconds);
    return all.reduce((sum, slice) => sum + errorRatio(orders, slice), 0) / all.length;
  },
  'reports-occurrences': (seconds) => errorRatio(reports, minutes(seconds)),
  'reports-ratio-timeslices': (seconds) => {
    const all = slices(seconds);
    return all.reduce((sum, slice) => sum + errorRatio(reports, slice), 0) / all.length;
  },
};

describe('thresholdMetric SLOs against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let client: HttpPrometheusClient;
  let statuses: Map<string, SloStatus>;

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: openMetrics() });
    client = new HttpPrometheusClient({ url: prometheus.url });
    const report = await computeSloStatuses(client, SLOS, { at: new Date(AT * 1000) });
    statuses = new Map(report.statuses.map((s) => [s.name, s]));
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('has data that tells the methods apart (sanity of the hand counts)', () => {
    expect(EXPECTED['orders-occurrences']!(86400)).toBeCloseTo((72 - 2 + 30) / 1440, 12);
    expect(EXPECTED['orders-timeslices']!(3600)).toBe(6 / 12);
    // Slices of unequal weight (a NaN minute is no event) make the mean of slice ratios differ.
    expect(EXPECTED['reports-ratio-timeslices']!(86400)).not.toBeCloseTo(EXPECTED['reports-occurrences']!(86400), 3);
  });

  it.each(Object.keys(EXPECTED))('%s: the SLO-window ratio and every burn window are the hand counts', (name) => {
    const status = statuses.get(name)!;
    expect(status.problems).toEqual([]);
    expect(status.errorRatio).toBeCloseTo(EXPECTED[name]!(86400), 12);
    for (const window of BURN_WINDOWS) {
      expect(status.burnRates[window]! * (1 - TARGET)).toBeCloseTo(EXPECTED[name]!(BURN_WINDOW_SECONDS[window]), 9);
    }
  });

  it('counts NaN minutes as no event, neither good nor bad', () => {
    const status = statuses.get('reports-occurrences')!;
    const day = minutes(86400);
    const numeric = day.filter((m) => !Number.isNaN(reports(m))).length;
    expect(numeric).toBe(1440 - 144);
    expect(status.errorRatio).toBeCloseTo(day.filter((m) => reports(m) === 50).length / numeric, 12);
  });

  it('pages for the last half hour of lag (1h and 5m burn at least 14.4 times the 1 % budget)', () => {
    expect(statuses.get('orders-occurrences')!.alert).toBe('page');
  });

  const { root, files, verdicts } = peerCorpus('openslo');
  const accepted = files.filter((file) => verdicts[file]!.peer === 'accepts' && verdicts[file]!.ours === undefined);

  it.each(accepted)('the OpenSLO file %s evaluates (its queries run; its metrics are not here)', async (file) => {
    const paths = [file, ...(verdicts[file]!.with ?? [])].map((f) => join(root, f));
    const { slos, objects } = await loadSloSpecSet(paths, { allowNoSlo: true });
    // Services, SLIs, DataSources or alert objects only: nothing to evaluate.
    expect(slos.length > 0).toBe(objects.SLO !== undefined);
    if (slos.length === 0) return;
    const report = await computeSloStatuses(client, slos, { at: new Date(AT * 1000) });
    expect(report.statuses.map((s) => s.name)).toEqual(slos.map((s) => s.name));
    for (const status of report.statuses) {
      expect(status.errorRatio).toBeNull();
      expect(status.problems.map((p) => p.kind)).toContain('no-series');
    }
  });
});
