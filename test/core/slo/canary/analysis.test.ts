import { FaultlineError } from '../../../../core/errors.ts';
import { type CanaryAnalysisOptions, runCanaryAnalysis } from '../../../../core/slo/canary/analysis.ts';
import { PrometheusError } from '../../../../core/prometheus/client.ts';
import { type Side, SyntheticPrometheus } from './synthetic.ts';

const T0 = Date.UTC(2025, 0, 1, 12);

/** A clock that only moves when the analysis sleeps, and a record of the weights set. */
function harness(valueAt: ConstructorParameters<typeof SyntheticPrometheus>[0]) {
  let now = T0;
  const weights: number[] = [];
  const sleeps: number[] = [];
  const client = new SyntheticPrometheus(valueAt);
  const options: CanaryAnalysisOptions = {
    client,
    metrics: [
      { name: 'latency', query: 'latency_p50{ {{selector}} }', direction: 'increase' },
      { name: 'error_rate', query: 'error_rate{ {{selector}} }', max: 0.05 },
    ],
    canarySelector: 'track="canary"',
    baselineSelector: 'track="baseline"',
    steps: [10, 25, 50, 100],
    stepWaitSeconds: 600,
    queryStepSeconds: 30,
    setWeight: (weight) => {
      weights.push(weight);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => new Date(now),
  };
  return { options, weights, sleeps, client };
}

const healthy = (_side: Side, metric: string, _t: number, noise: number) => (metric === 'latency_p50' ? 100 + noise * 10 : 0.01 + noise * 0.004);

describe('progressive canary analysis', () => {
  it('steps through the weights, waiting between steps, and promotes a healthy canary', async () => {
    const { options, weights, sleeps, client } = harness(healthy);
    const result = await runCanaryAnalysis(options);
    expect(result.decision).toBe('promote');
    expect(result.finalWeight).toBe(100);
    expect(weights).toEqual([10, 25, 50, 100]);
    expect(sleeps).toEqual([600_000, 600_000, 600_000, 600_000]);
    expect(result.steps.map((s) => [s.weight, s.classification, s.score])).toEqual([
      [10, 'pass', 100],
      [25, 'pass', 100],
      [50, 'pass', 100],
      [100, 'pass', 100],
    ]);
    expect(result.reasons[0]).toBe('all 4 steps judged; the last (100 %) scored 100.0');
    // Each step is judged on its own interval, canary and baseline through their selectors.
    expect(client.asked).toHaveLength(16);
    expect(client.asked[0]).toEqual({ expr: 'latency_p50{ track="canary" }', start: T0 / 1000, end: T0 / 1000 + 600, step: 30 });
    expect(client.asked.at(-1)!.start).toBe(T0 / 1000 + 1800);
  });

  it('rolls back as soon as the canary gets slower than the baseline, naming the step and the numbers', async () => {
    // From the third step on (weight 50) the canary's latency is 40 % higher.
    const degrading = (side: Side, metric: string, t: number, noise: number) =>
      side === 'canary' && metric === 'latency_p50' && t >= T0 / 1000 + 1200 ? 140 + noise * 10 : healthy(side, metric, t, noise);
    const { options, weights } = harness(degrading);
    const result = await runCanaryAnalysis(options);
    expect(result.decision).toBe('rollback');
    expect(result.finalWeight).toBe(0);
    expect(weights).toEqual([10, 25, 50, 0]);
    expect(result.steps.map((s) => s.classification)).toEqual(['pass', 'pass', 'fail']);
    expect(result.steps[2]!.score).toBe(50);
    expect(result.reasons).toEqual([
      'step at 50 %: score 50 is below the marginal threshold 75',
      expect.stringMatching(/^step at 50 %: latency: significant increase: canary median 1[34]\d(\.\d+)? vs baseline \d+(\.\d+)? \(shift \+\d+(\.\d+)? %, beyond the 10 % tolerance; Mann-Whitney p = .* < 0\.05\)$/),
    ]);
  });

  it('rolls back on an absolute threshold breach even when the baseline is just as bad', async () => {
    const bothBad = (side: Side, metric: string, t: number, noise: number) => (metric === 'error_rate' ? 0.2 + noise * 0.01 : healthy(side, metric, t, noise));
    const { options } = harness(bothBad);
    const result = await runCanaryAnalysis({ ...options, metrics: options.metrics.map((m) => ({ ...m, critical: m.name === 'error_rate' })) });
    expect(result.decision).toBe('rollback');
    expect(result.steps).toHaveLength(1);
    expect(result.reasons).toEqual(['step at 10 %: critical metric error_rate failed', expect.stringMatching(/^step at 10 %: error_rate: canary mean 0\.\d+ is above the maximum 0\.05$/)]);
  });

  it('continues through a marginal step but needs the last step to pass', async () => {
    // 20 % slower, but 3 samples a side (a 5-minute query step over 10 minutes) cannot make it
    // significant: each step is marginal (score 50).
    const slower = (side: Side, metric: string, t: number, noise: number) =>
      side === 'canary' && metric === 'latency_p50' ? 120 + noise * 2 : healthy(side, metric, t, noise);
    const { options } = harness(slower);
    // The error rate's noise is large relative to its level: judge it by its bound only.
    const metrics = options.metrics.map((m) => (m.name === 'error_rate' ? { ...m, tolerance: 1 } : m));
    const coarse = { ...options, metrics, queryStepSeconds: 300, thresholds: { marginal: 50, pass: 95 } };
    const result = await runCanaryAnalysis(coarse);
    expect(result.steps.map((s) => s.classification)).toEqual(['marginal', 'marginal', 'marginal', 'marginal']);
    expect(result.decision).toBe('rollback');
    expect(result.reasons.at(-1)).toBe('the last step (100 %) must pass to promote');
    expect(result.reasons).toContainEqual(expect.stringContaining('step at 100 %: latency: inconclusive increase, not significant with 3 + 3 samples'));

    const { options: again } = harness(slower);
    expect((await runCanaryAnalysis({ ...again, metrics, queryStepSeconds: 300, thresholds: { marginal: 50, pass: 50 } })).decision).toBe('promote');
  });

  it('rolls back when the canary has no data, never reading silence as health', async () => {
    const silentCanary = (side: Side, metric: string, t: number, noise: number) => (side === 'canary' ? null : healthy(side, metric, t, noise));
    const { options, weights } = harness(silentCanary);
    const result = await runCanaryAnalysis(options);
    expect(result.decision).toBe('rollback');
    expect(weights).toEqual([10, 0]);
    expect(result.reasons).toContain('step at 10 %: latency: no canary data (the query returned no numeric samples)');
  });

  it('rolls back when Prometheus cannot answer, or the weight cannot be set', async () => {
    const { options, weights } = harness(healthy);
    options.client = {
      queryRange: async () => {
        throw new PrometheusError('unreachable', 'http://127.0.0.1:1/', 'Prometheus at http://127.0.0.1:1/ refused the connection', { hint: 'x' });
      },
    };
    const result = await runCanaryAnalysis(options);
    expect(result.decision).toBe('rollback');
    expect(result.reasons).toEqual(['step at 10 %: could not read the metrics: Prometheus at http://127.0.0.1:1/ refused the connection']);
    expect(weights).toEqual([10, 0]);

    const failing = harness(healthy);
    const calls: number[] = [];
    failing.options.setWeight = (weight) => {
      calls.push(weight);
      if (weight === 25) throw new Error('mesh API answered 503');
    };
    const stopped = await runCanaryAnalysis(failing.options);
    expect(stopped.reasons).toEqual(['could not set the canary weight to 25 %: mesh API answered 503']);
    expect(calls).toEqual([10, 25, 0]);
  });

  it('refuses a configuration it cannot judge before moving any traffic', async () => {
    const cases: [Partial<CanaryAnalysisOptions>, string][] = [
      [{ metrics: [] }, 'no metrics'],
      [{ metrics: [{ name: 'a', query: 'x' }] }, 'has no {{selector}}'],
      [{ steps: [50, 25] }, 'must increase'],
      [{ steps: [0, 100] }, 'not in 1…100'],
      [{ baselineSelector: 'track="canary"' }, 'are the same'],
      [{ confidence: 95 }, 'confidence 95'],
      [{ thresholds: { marginal: 95, pass: 75 } }, 'out of order'],
      [{ stepWaitSeconds: 0 }, 'step wait'],
    ];
    for (const [override, message] of cases) {
      const { options, weights } = harness(healthy);
      await expect(runCanaryAnalysis({ ...options, ...override })).rejects.toThrow(FaultlineError);
      await expect(runCanaryAnalysis({ ...options, ...override })).rejects.toThrow(message);
      expect(weights).toEqual([]);
    }
  });
});
