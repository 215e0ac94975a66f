/**
 * SLO status from a Prometheus-compatible API: error ratio over the SLO window, budget left, burn
 * rates over the Workbook's windows, time to exhaustion and the alert state.
 *
 * Batched: one query per window evaluates every SLO (labelled with `slo`), split only when the
 * query would grow past `maxQueryBytes`. 100 SLOs cost about nine requests, not eight hundred.
 */
import type { PrometheusClient, PromSample } from '../prometheus/client.ts';
import { type AlertThresholds, evaluateAlert, WORKBOOK_THRESHOLDS } from './alerts.ts';
import { promDurationSeconds } from './duration.ts';
import { budgetRemaining, burnRate, timeToExhaustion } from './burn-rate.ts';
import { batchExprs, checkQueryable, type LabelledExpr, resetsExpr, SLO_LABEL, sloRatioExpr } from './queries.ts';
import { type AlertState, BURN_WINDOWS, type BurnWindow, type SloDefinition } from './types.ts';
import { BURN_WINDOW_SECONDS, promDuration, sloRangeSeconds } from './windows.ts';

/** Why a number is missing. */
export type DataProblemKind = 'no-series' | 'no-traffic' | 'out-of-range';

export interface DataProblem {
  /** `slo` for the SLO window, else a burn window such as `1h`. */
  window: 'slo' | BurnWindow;
  kind: DataProblemKind;
  message: string;
}

export interface SloStatus {
  name: string;
  service: string;
  target: number;
  /** The window as written in the spec, e.g. `28d`. */
  window: string;
  budgetingMethod: SloDefinition['budgetingMethod'];
  /** The range the SLO ratio was computed over (the calendar period so far for calendar windows). */
  rangeSeconds: number;
  /** Errors ÷ total (Occurrences) or bad slices ÷ slices (Timeslices) over the SLO window. */
  errorRatio: number | null;
  budgetRemaining: number | null;
  burnRates: Record<BurnWindow, number | null>;
  /** At the `exhaustionWindow` burn rate (default 1h). */
  timeToExhaustionSeconds: number | null;
  alert: AlertState;
  firingConditions: string[];
  /** Counter resets seen by the total query over the SLO window (handled by increase()/rate()). */
  counterResets: number | null;
  problems: DataProblem[];
  source: SloDefinition['source'];
}

export interface SloStatusReport {
  evaluatedAt: Date;
  statuses: SloStatus[];
  /** HTTP requests sent to Prometheus for this report. */
  requests: number;
}

export interface SloEngineOptions {
  /** Evaluation time; default now. */
  at?: Date;
  alerting?: AlertThresholds;
  /** Which burn rate "the current burn" is, for time to exhaustion. */
  exhaustionWindow?: BurnWindow;
  /** Bound on one batched query's size; default 16 KB (well inside proxies' body limits). */
  maxQueryBytes?: number;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  /** Skip the counter-reset report (saves one request per batch). */
  countResets?: boolean;
}

/** `alert:<window>`: a window only a spec's own burn-rate alerts use (Pyrra's scaled windows). */
type WindowKey = 'slo' | BurnWindow | 'resets' | `alert:${string}`;

/** Clamp float noise around 0 and 1 (e.g. total − good of equal counters), not real errors. */
const TOLERANCE = 1e-9;

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function computeSloStatuses(client: PrometheusClient, slos: SloDefinition[], options: SloEngineOptions = {}): Promise<SloStatusReport> {
  checkQueryable(slos);
  const at = options.at ?? new Date();
  const maxBytes = options.maxQueryBytes ?? 16_000;
  const ranges = new Map(slos.map((slo) => [slo.name, sloRangeSeconds(slo.window, at)]));

  const perWindow = new Map<WindowKey, LabelledExpr[]>();
  perWindow.set(
    'slo',
    slos.map((slo) => ({ slo: slo.name, expr: sloRatioExpr(slo, ranges.get(slo.name)!) })),
  );
  for (const window of BURN_WINDOWS) {
    perWindow.set(
      window,
      slos.map((slo) => ({ slo: slo.name, expr: sloRatioExpr(slo, BURN_WINDOW_SECONDS[window]) })),
    );
  }
  const alertWindows = specAlertWindows(slos);
  for (const [window, { seconds, owners }] of alertWindows) {
    perWindow.set(
      `alert:${window}`,
      owners.map((slo) => ({ slo: slo.name, expr: sloRatioExpr(slo, seconds) })),
    );
  }
  if (options.countResets !== false) {
    const resets: LabelledExpr[] = [];
    for (const slo of slos) {
      const expr = resetsExpr(slo.indicator, promDuration(ranges.get(slo.name)!));
      if (expr) resets.push({ slo: slo.name, expr });
    }
    if (resets.length > 0) perWindow.set('resets', resets);
  }

  const jobs: { window: WindowKey; query: string }[] = [];
  for (const [window, exprs] of perWindow) {
    for (const query of batchExprs(exprs, maxBytes)) jobs.push({ window, query });
  }
  const answers = await mapLimited(jobs, options.concurrency ?? 4, (job) => client.query(job.query, at));

  const values = new Map<WindowKey, Map<string, number>>();
  for (const [index, job] of jobs.entries()) {
    const byName = values.get(job.window) ?? new Map<string, number>();
    for (const sample of answers[index]) collect(byName, sample);
    values.set(job.window, byName);
  }

  const thresholds = options.alerting ?? WORKBOOK_THRESHOLDS;
  const exhaustionWindow = options.exhaustionWindow ?? '1h';
  const statuses = slos.map((slo): SloStatus => {
    const problems: DataProblem[] = [];
    const read = (window: 'slo' | BurnWindow): number | null => ratioOf(slo, window, values.get(window)?.get(slo.name), problems);
    const errorRatio = read('slo');
    const burnRates = Object.fromEntries(BURN_WINDOWS.map((w) => [w, burnRate(read(w), slo.target)])) as Record<BurnWindow, number | null>;
    const remaining = budgetRemaining(errorRatio, slo.target);
    const alertRates: Record<string, number | null> = { ...burnRates };
    for (const [window, { owners }] of alertWindows) {
      if (!owners.includes(slo)) continue;
      // Data problems of these windows show in the standard ones; they only feed the alert.
      alertRates[window] = burnRate(ratioOf(slo, window as BurnWindow, values.get(`alert:${window}`)?.get(slo.name), []), slo.target);
    }
    const alert = evaluateAlert(alertRates, slo.burnRateAlerts ?? thresholds);
    const resets = values.get('resets')?.get(slo.name);
    return {
      name: slo.name,
      service: slo.service,
      target: slo.target,
      window: slo.window.duration,
      budgetingMethod: slo.budgetingMethod,
      rangeSeconds: ranges.get(slo.name)!,
      errorRatio,
      budgetRemaining: remaining,
      burnRates,
      timeToExhaustionSeconds: timeToExhaustion(remaining, burnRates[exhaustionWindow], slo.window.seconds),
      alert: alert.state,
      firingConditions: alert.firing,
      counterResets: resets === undefined || Number.isNaN(resets) ? null : resets,
      problems,
      source: slo.source,
    };
  });
  return { evaluatedAt: at, statuses, requests: jobs.length };
}

/** Windows that specs' own burn-rate alerts need beyond BURN_WINDOWS, and the SLOs that need them. */
function specAlertWindows(slos: SloDefinition[]): Map<string, { seconds: number; owners: SloDefinition[] }> {
  const windows = new Map<string, { seconds: number; owners: SloDefinition[] }>();
  for (const slo of slos) {
    if (!slo.burnRateAlerts) continue;
    for (const condition of [...slo.burnRateAlerts.page, ...slo.burnRateAlerts.ticket]) {
      for (const window of [condition.long, condition.short]) {
        const seconds = promDurationSeconds(window);
        if ((BURN_WINDOWS as readonly string[]).includes(window) || seconds === undefined) continue;
        const entry = windows.get(window) ?? { seconds, owners: [] };
        if (!entry.owners.includes(slo)) entry.owners.push(slo);
        windows.set(window, entry);
      }
    }
  }
  return windows;
}

function collect(byName: Map<string, number>, sample: PromSample): void {
  const name = sample.labels[SLO_LABEL];
  if (name !== undefined) byName.set(name, sample.value);
}

function ratioOf(slo: SloDefinition, window: 'slo' | BurnWindow, value: number | undefined, problems: DataProblem[]): number | null {
  const span = window === 'slo' ? `the ${slo.window.duration} SLO window` : `the last ${window}`;
  if (value === undefined) {
    problems.push({
      window,
      kind: 'no-series',
      message: `no data over ${span}: the queries returned no series (metric missing, labels wrong, or not scraped)`,
    });
    return null;
  }
  if (Number.isNaN(value)) {
    problems.push({ window, kind: 'no-traffic', message: `no traffic over ${span}: 0 of 0 requests (the ratio is 0/0)` });
    return null;
  }
  if (value < -TOLERANCE || value > 1 + TOLERANCE) {
    problems.push({
      window,
      kind: 'out-of-range',
      message: `error ratio ${value} over ${span} is outside 0…1: the good/bad and total queries do not count the same requests`,
    });
    return null;
  }
  return Math.min(1, Math.max(0, value));
}
