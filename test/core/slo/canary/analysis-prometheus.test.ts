/**
 * Canary analysis against a real Prometheus holding 40 minutes of backfilled canary and baseline
 * series: request counters (error rate through rate()) and a latency gauge. The analysis clock
 * is injected and starts at the data's beginning, so the four 10-minute steps read history.
 */
import { HttpPrometheusClient } from '../../../../core/prometheus/client.ts';
import { type CanaryAnalysisOptions, runCanaryAnalysis } from '../../../../core/slo/canary/analysis.ts';
import { generateCanaryTraffic } from '../../../../cli/demo/support/canary-traffic.ts';
import { type RunningPrometheus, startPrometheus } from '../../../../cli/demo/support/prometheus.ts';

const LAST = Date.UTC(2025, 2, 1) / 1000;

// Per track: 6000 requests a minute with errors around the rate (±40 %), and a p50 latency gauge.
// The bad canary regresses from minute 20 (the third step, at 50 % traffic) on.
const regressed = (minute: number) => minute >= 20;
const { openMetrics, firstSampleAt: FIRST } = generateCanaryTraffic({
  lastSampleAt: LAST,
  minutes: 40,
  tracks: [
    { track: 'baseline', errorRate: () => 0.005, latencySeconds: () => 0.12 },
    { track: 'canary-good', errorRate: () => 0.005, latencySeconds: () => 0.12 },
    { track: 'canary-bad', errorRate: (m) => (regressed(m) ? 0.05 : 0.005), latencySeconds: (m) => (regressed(m) ? 0.18 : 0.12) },
  ],
});

describe('canary analysis against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let client: HttpPrometheusClient;

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics });
    client = new HttpPrometheusClient({ url: prometheus.url });
  });
  afterAll(async () => {
    await prometheus?.stop();
  });

  function analysis(canary: string) {
    let now = FIRST * 1000;
    const weights: number[] = [];
    const options: CanaryAnalysisOptions = {
      client,
      metrics: [
        {
          name: 'error-rate',
          query:
            'sum(rate(http_requests_total{ {{selector}}, code="500" }[2m])) / sum(rate(http_requests_total{ {{selector}} }[2m]))',
          max: 0.02,
          tolerance: 0.5,
          critical: true,
        },
        { name: 'latency-p50', query: 'avg(request_duration_p50_seconds{ {{selector}} })', tolerance: 0.2 },
      ],
      canarySelector: `track="${canary}"`,
      baselineSelector: 'track="baseline"',
      steps: [10, 25, 50, 100],
      stepWaitSeconds: 600,
      setWeight: (weight) => {
        weights.push(weight);
      },
      sleep: async (ms) => {
        now += ms;
      },
      now: () => new Date(now),
    };
    return { options, weights };
  }

  it('promotes a canary that behaves like the baseline', async () => {
    const { options, weights } = analysis('canary-good');
    const result = await runCanaryAnalysis(options);
    expect(result.decision).toBe('promote');
    expect(weights).toEqual([10, 25, 50, 100]);
    for (const step of result.steps) {
      // 10 minutes at a 60 s query step: 11 samples a side, but the 2m rate has none at the very
      // first instant (a single counter sample in its range).
      expect(step.metrics.map((m) => m.canary.count)).toEqual([step.weight === 10 ? 10 : 11, 11]);
      expect(step.classification).toBe('pass');
    }
  });

  it('rolls back at the step where the canary regresses, with the reasons', async () => {
    const { options, weights } = analysis('canary-bad');
    const result = await runCanaryAnalysis(options);
    expect(result.decision).toBe('rollback');
    expect(weights).toEqual([10, 25, 50, 0]);
    expect(result.steps.map((s) => s.classification)).toEqual(['pass', 'pass', 'fail']);
    const failed = result.steps[2]!;
    expect(failed.metrics.map((m) => m.verdict)).toEqual(['fail', 'fail']);
    expect(result.reasons).toContain('step at 50 %: critical metric error-rate failed');
    expect(result.reasons).toContainEqual(expect.stringMatching(/^step at 50 %: error-rate: canary mean 0\.0[3-6]\d* is above the maximum 0\.02$/));
    expect(result.reasons).toContainEqual(expect.stringMatching(/^step at 50 %: latency-p50: significant increase: canary median 0\.1[6-9]\d* vs baseline 0\.1[1-3]/));
  });
});
