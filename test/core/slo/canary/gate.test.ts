/**
 * One canary run as the faces drive it: the preflight before any traffic moves, the recorded
 * weight changes, and a failed rollback kept in the report. Prometheus is the synthetic stand-in.
 */
import { PrometheusError } from '../../../../core/prometheus/client.ts';
import { type CanaryGateOptions, runCanaryGate } from '../../../../core/slo/canary/gate.ts';
import { SyntheticPrometheus } from './synthetic.ts';

function options(client: CanaryGateOptions['client'], overrides: Partial<CanaryGateOptions> = {}): CanaryGateOptions {
  let now = Date.UTC(2025, 2, 1);
  return {
    client,
    metrics: [{ name: 'latency', query: 'latency{ {{selector}} }' }],
    canarySelector: 'track="canary"',
    baselineSelector: 'track="baseline"',
    steps: [50, 100],
    stepWaitSeconds: 600,
    sleep: async (ms) => {
      now += ms;
    },
    now: () => new Date(now),
    weightControl: { kind: 'none' },
    ...overrides,
  };
}

// The canary is 50 % slower than the baseline: every step fails.
const slowCanary = new SyntheticPrometheus((side, _metric, _t, noise) => (side === 'canary' ? 150 : 100) + noise * 10);

describe('a canary run', () => {
  it('asks each canary query once before moving traffic, and moves none when Prometheus refuses it', async () => {
    const weights: number[] = [];
    const refusing = {
      queryRange: async () => {
        throw new PrometheusError('bad_data', 'http://prom/api/v1/query_range', 'Prometheus rejected a query as bad_data: parse error', { hint: 'about SLO specs' });
      },
    };
    const run = runCanaryGate(options(refusing, { setter: async (w) => void weights.push(w), weightControl: { kind: 'url', target: 'http://deploy/w' } }));
    await expect(run).rejects.toThrow('before moving any traffic, the query of metric "latency" failed: Prometheus rejected a query as bad_data');
    await expect(run).rejects.toMatchObject({ exitCode: 2, hint: expect.stringContaining('fix the PromQL of metric "latency" in the metrics file') });
    expect(weights).toEqual([]);
  });

  it('refuses a configuration that cannot be judged before the preflight', async () => {
    const client = new SyntheticPrometheus(() => 1);
    await expect(runCanaryGate(options(client, { steps: [50, 25] }))).rejects.toThrow('step weights must increase');
    expect(client.asked).toEqual([]);
  });

  it('records each weight change and keeps a failed rollback in the report instead of throwing it away', async () => {
    const report = await runCanaryGate(
      options(slowCanary, {
        setter: async (weight) => {
          if (weight === 0) throw new Error('mesh API down');
        },
        weightControl: { kind: 'url', target: 'http://deploy/w' },
      }),
    );
    expect(report.result.decision).toBe('rollback');
    expect(report.changes).toEqual([{ weight: 50 }, { weight: 0, error: 'mesh API down' }]);
    expect(report.rollbackFailure).toBe('mesh API down');
    expect(report).toMatchObject({ steps: [50, 100], stepWaitSeconds: 600, confidence: 0.95, weightControl: { kind: 'url', target: 'http://deploy/w' } });
  });

  it('observes only without a setter: no changes recorded, the decision still made', async () => {
    const report = await runCanaryGate(options(slowCanary));
    expect(report.result.decision).toBe('rollback');
    expect(report.changes).toEqual([]);
    expect(report.rollbackFailure).toBeUndefined();
  });
});
