/**
 * A PrometheusClient stand-in for canary unit tests: answers range queries from functions of
 * (side, time), with deterministic noise, and records what it was asked.
 */
import type { PrometheusClient, PromRangeSeries } from '../../../../core/prometheus/client.ts';

export type Side = 'canary' | 'baseline';

/** Mulberry32: small, seeded, good enough for test noise. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
