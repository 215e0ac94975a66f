/**
 * Canary and baseline series for a backfilled Prometheus: per-track request counters (errors
 * through `rate()`) and a p50 latency gauge, one sample a minute, with seeded noise so every run
 * writes the same data. Used by the canary tests and the demo.
 *
 * Series: `http_requests_total{track, code="200"|"500"}` and `request_duration_p50_seconds{track}`.
 */
import { generateTraffic } from './traffic.ts';

export interface CanaryTrack {
  /** Value of the `track` label, e.g. `baseline`, `canary`. */
  track: string;
  /** Error ratio in minute m (0-based), before noise. */
  errorRate: (minute: number) => number;
  /** Median latency in seconds in minute m, before noise. */
  latencySeconds: (minute: number) => number;
}

export interface CanaryTrafficOptions {
  /** Unix seconds of the last sample. */
  lastSampleAt: number;
  minutes: number;
  tracks: CanaryTrack[];
  requestsPerMinute?: number;
  seed?: number;
}

export interface CanaryTraffic {
  openMetrics: string;
  /** Unix seconds of the first sample: an analysis replaying the data starts here. */
  firstSampleAt: number;
}

/** Mulberry32: small, seeded, enough for plausible noise. */
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

export function generateCanaryTraffic(options: CanaryTrafficOptions): CanaryTraffic {
  const random = seededRandom(options.seed ?? 7);
  const requests = options.requestsPerMinute ?? 6000;
  const firstSampleAt = options.lastSampleAt - options.minutes * 60;
  const counters = generateTraffic({
    lastSampleAt: options.lastSampleAt,
    services: options.tracks.map((t) => ({
      labels: { track: t.track },
      // Errors vary ±40 % around the rate; integers keep the counters exact.
      phases: Array.from({ length: options.minutes }, (_, minute) => ({
        steps: 1,
        requests,
        errors: Math.round(requests * t.errorRate(minute) * (0.6 + 0.8 * random())),
      })),
    })),
  });
  const gauge = options.tracks.flatMap((t) =>
    Array.from({ length: options.minutes + 1 }, (_, minute) => {
      const value = t.latencySeconds(minute) * (0.9 + 0.2 * random());
      return `request_duration_p50_seconds{track="${t.track}"} ${value.toFixed(6)} ${firstSampleAt + minute * 60}`;
    }),
  );
  const openMetrics = [counters.openMetrics.replace(/# EOF\n$/, '').trimEnd(), '# TYPE request_duration_p50_seconds gauge', ...gauge, '# EOF', ''].join('\n');
  return { openMetrics, firstSampleAt };
}

/** The two metrics the canary tests and the demo judge, as a metrics file would list them. */
export const CANARY_DEMO_METRICS = `- name: error-rate
  query: sum(rate(http_requests_total{ {{selector}}, code="500" }[2m])) / sum(rate(http_requests_total{ {{selector}} }[2m]))
  max: 0.02
  tolerance: 0.5
  critical: true
- name: latency-p50
  query: avg(request_duration_p50_seconds{ {{selector}} })
  tolerance: 0.2
`;
