/**
 * Traffic during the drill (k6 or any command), started before the fault and stopped after the
 * measurement. A k6 summary gives p95 latency and the error rate for the report; both k6 formats
 * are read: `--summary-export` (metrics.<name>.p(95), http_req_failed.value) and the
 * handleSummary/`--summary-mode=full` JSON (metrics.<name>.values.…).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { LoadSummary } from './types.ts';

type Metric = Record<string, unknown> & { values?: Record<string, unknown> };

function figure(metric: Metric | undefined, ...keys: string[]): number | null {
  if (!metric) return null;
  for (const source of [metric.values, metric]) {
    for (const key of keys) {
      const value = source?.[key];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
    }
  }
  return null;
}

export function readK6Summary(path: string): Pick<LoadSummary, 'p95Ms' | 'errorRate' | 'requests' | 'summaryError'> {
  const none = { p95Ms: null, errorRate: null, requests: null };
  if (!existsSync(path)) return { ...none, summaryError: `the load summary ${path} was not written` };
  let parsed: { metrics?: Record<string, Metric> };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as typeof parsed;
  } catch (error) {
    return { ...none, summaryError: `the load summary ${path} is not JSON: ${(error as Error).message}` };
  }
  const metrics = parsed.metrics;
  if (!metrics || typeof metrics !== 'object') return { ...none, summaryError: `the load summary ${path} has no "metrics": is it a k6 summary?` };
  const failed = metrics.http_req_failed;
  // --summary-export writes a rate as {value, passes, fails}; in k6's rate for http_req_failed a
  // "pass" is a failed request.
  const errorRate = figure(failed, 'rate', 'value');
  return {
    p95Ms: figure(metrics.http_req_duration, 'p(95)'),
    errorRate,
    requests: figure(metrics.http_reqs, 'count'),
  };
}
