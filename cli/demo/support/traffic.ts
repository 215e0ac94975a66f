/**
 * Generates request counters as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`,
 * and says what Prometheus will compute from them, so tests know expected error ratios exactly.
 *
 * Each service gets `<metric>_total{...labels, code="200"}` (good) and `{code="500"}` (bad),
 * sampled every `stepSeconds`. Counters start high (they "started long ago"), so Prometheus'
 * zero-point clamp in extrapolation never kicks in; with integer increments they stay exact.
 */

export interface TrafficPhase {
  /** How many samples this phase lasts. */
  steps: number;
  /** Requests and failed requests per step; integers keep the counters exact. */
  requests: number;
  errors: number;
  /** The process restarts just before this phase: both counters drop to zero and count up again. */
  resetAtStart?: boolean;
}

/** One emitted counter: its full sample name, labels, and which count it carries. */
export interface CounterSeries {
  /** e.g. `http_requests_total` (a counter) or `http_request_duration_seconds_count`. */
  name: string;
  labels: Record<string, string>;
  counts: 'good' | 'bad' | 'total';
}

export interface ServiceTraffic {
  labels: Record<string, string>;
  phases: TrafficPhase[];
  /** Default: `<metric>_total{...labels, code="200"}` (good) and `{code="500"}` (bad). */
  series?: CounterSeries[];
}

export interface TrafficOptions {
  /** Counter family name; samples are `<metric>_total`. Default `http_requests`. */
  metric?: string;
  /** Unix seconds of the last sample. */
  lastSampleAt: number;
  stepSeconds?: number;
  services: ServiceTraffic[];
}

/** One counter sample: unix seconds and value. */
export type CounterPoint = [number, number];

export interface GeneratedTraffic {
  openMetrics: string;
  stepSeconds: number;
  firstSampleAt: number;
  lastSampleAt: number;
  /**
   * Half a step after the last sample. Evaluating there, a range [t-w, t] holds the same samples
   * whether the server treats its start as closed (Prometheus 2) or open (Prometheus 3).
   */
  evaluationTime: Date;
  good: CounterPoint[][];
  bad: CounterPoint[][];
  /**
   * The error ratio `sum(increase(bad[w])) / sum(increase(total[w]))` that Prometheus computes for
   * service `index` at `at` (default evaluationTime); null when it has no samples or 0/0.
   */
  errorRatio(index: number, windowSeconds: number, at?: Date): number | null;
}

const BASE_GOOD = 10_000_000;
const BASE_BAD = 100_000;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',');
}

export function generateTraffic(options: TrafficOptions): GeneratedTraffic {
  const metric = options.metric ?? 'http_requests';
  const step = options.stepSeconds ?? 60;
  const lengths = options.services.map((s) => 1 + s.phases.reduce((n, p) => n + p.steps, 0));
  const longest = Math.max(...lengths);
  const firstSampleAt = options.lastSampleAt - (longest - 1) * step;
  const good: CounterPoint[][] = [];
  const bad: CounterPoint[][] = [];
  for (const [index, service] of options.services.entries()) {
    // Shorter services start later, so every series ends at lastSampleAt.
    let t = options.lastSampleAt - (lengths[index] - 1) * step;
    let g = BASE_GOOD;
    let b = BASE_BAD;
    const goodPoints: CounterPoint[] = [[t, g]];
    const badPoints: CounterPoint[] = [[t, b]];
    for (const phase of service.phases) {
      for (let i = 0; i < phase.steps; i++) {
        if (i === 0 && phase.resetAtStart) {
          g = 0;
          b = 0;
        }
        t += step;
        g += phase.requests - phase.errors;
        b += phase.errors;
        goodPoints.push([t, g]);
        badPoints.push([t, b]);
      }
    }
    good.push(goodPoints);
    bad.push(badPoints);
  }
  // OpenMetrics wants each family's samples together: group by name first.
  const families = new Map<string, string[]>();
  for (const [index, service] of options.services.entries()) {
    const series = service.series ?? [
      { name: `${metric}_total`, labels: { ...service.labels, code: '200' }, counts: 'good' as const },
      { name: `${metric}_total`, labels: { ...service.labels, code: '500' }, counts: 'bad' as const },
    ];
    for (const one of series) {
      const points =
        one.counts === 'good'
          ? good[index]
          : one.counts === 'bad'
            ? bad[index]
            : good[index].map(([t, g], i): CounterPoint => [t, g + bad[index][i][1]]);
      const lines = families.get(one.name) ?? [];
      const labels = formatLabels(one.labels);
      for (const [t, v] of points) lines.push(`${one.name}{${labels}} ${v} ${t}`);
      families.set(one.name, lines);
    }
  }
  const lines: string[] = [];
  for (const [name, samples] of families) {
    // `x_total` is a sample of counter family `x`; other names go out as type unknown.
    lines.push(name.endsWith('_total') ? `# TYPE ${name.slice(0, -'_total'.length)} counter` : `# TYPE ${name} unknown`);
    // Not push(...samples): hundreds of thousands of arguments overflow the stack.
    for (const sample of samples) lines.push(sample);
  }
  lines.push('# EOF', '');
  const evaluationTime = new Date((options.lastSampleAt + step / 2) * 1000);
  return {
    openMetrics: lines.join('\n'),
    stepSeconds: step,
    firstSampleAt,
    lastSampleAt: options.lastSampleAt,
    evaluationTime,
    good,
    bad,
    errorRatio(index, windowSeconds, at = evaluationTime) {
      const end = at.getTime() / 1000;
      const errors = extrapolatedIncrease(bad[index], end - windowSeconds, end);
      const goods = extrapolatedIncrease(good[index], end - windowSeconds, end);
      if (errors === null || goods === null) return null;
      const total = errors + goods;
      return total === 0 ? null : errors / total;
    },
  };
}

/**
 * Prometheus' `increase()` (promql/functions.go, extrapolatedRate): the counter's rise over the
 * samples in the range, corrected for resets, then extrapolated towards the range edges when the
 * first/last sample is within 1.1 average intervals of them (else by half an interval).
 */
export function extrapolatedIncrease(points: CounterPoint[], start: number, end: number): number | null {
  const inRange = points.filter(([t]) => t >= start && t <= end);
  if (inRange.length < 2) return null;
  let result = inRange[inRange.length - 1][1] - inRange[0][1];
  for (let i = 1; i < inRange.length; i++) {
    if (inRange[i][1] < inRange[i - 1][1]) result += inRange[i - 1][1];
  }
  const firstT = inRange[0][0];
  const lastT = inRange[inRange.length - 1][0];
  const sampled = lastT - firstT;
  const average = sampled / (inRange.length - 1);
  let toStart = firstT - start;
  const toEnd = end - lastT;
  if (result > 0 && inRange[0][1] >= 0) {
    const toZero = sampled * (inRange[0][1] / result);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = average * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : average / 2;
  interval += toEnd < threshold ? toEnd : average / 2;
  return result * (interval / sampled);
}
