/**
 * A PrometheusClient stand-in for canary unit tests: answers range queries from functions of
 * (side, time), with deterministic noise, and records what it was asked.
 */
import type { PrometheusClient, PromRangeSeries } from '../../../../core/prometheus/client.ts';
import { seededRandom } from '../../../../cli/demo/support/canary-traffic.ts';

export type Side = 'canary' | 'baseline';

export class SyntheticPrometheus implements Pick<PrometheusClient, 'queryRange'> {
  readonly asked: { expr: string; start: number; end: number; step: number }[] = [];
  private readonly random = seededRandom(42);
  private readonly valueAt: (side: Side, metric: string, time: number, noise: number) => number | null;

  constructor(valueAt: (side: Side, metric: string, time: number, noise: number) => number | null) {
    this.valueAt = valueAt;
  }

  async queryRange(expr: string, start: Date, end: Date, stepSeconds: number): Promise<PromRangeSeries[]> {
    this.asked.push({ expr, start: start.getTime() / 1000, end: end.getTime() / 1000, step: stepSeconds });
    const side: Side = expr.includes('track="canary"') ? 'canary' : 'baseline';
    const metric = /^(\w+)/.exec(expr)![1]!;
    const values: [number, number][] = [];
    for (let t = start.getTime() / 1000; t <= end.getTime() / 1000; t += stepSeconds) {
      const value = this.valueAt(side, metric, t, this.random() - 0.5);
      if (value !== null) values.push([t, value]);
    }
    return values.length > 0 ? [{ labels: { track: side }, values }] : [];
  }
}
