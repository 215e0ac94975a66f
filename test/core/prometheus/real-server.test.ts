/**
 * The client against a real Prometheus with backfilled counters: it proves the test support
 * (generator + server) gives the numbers the engine tests rely on, counter reset included.
 */
import { HttpPrometheusClient } from '../../../core/prometheus/client.ts';
import { generateTraffic, type RunningPrometheus, startPrometheus } from '../../../cli/demo/support/prometheus.ts';

// A round time in the past: 2025-03-01T00:00:00Z minus half a step, so evaluation is on the hour.
const LAST_SAMPLE_AT = Date.UTC(2025, 2, 1) / 1000 - 30;

const traffic = generateTraffic({
  lastSampleAt: LAST_SAMPLE_AT,
  services: [
    {
      labels: { service: 'checkout' },
      phases: [
        { steps: 24 * 60 + 10, requests: 6000, errors: 6 },
        // The process restarts inside the last day: increase() must still see 0.1 %.
        { steps: 22 * 60 - 10, requests: 6000, errors: 6, resetAtStart: true },
        { steps: 120, requests: 6000, errors: 300 },
      ],
    },
  ],
});

describe('a real Prometheus with backfilled counters', () => {
  let prometheus: RunningPrometheus;
  let client: HttpPrometheusClient;
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
    client = new HttpPrometheusClient({ url: prometheus.url });
  });
  afterAll(async () => {
    await prometheus?.stop();
  });

  const ratio = (window: string) =>
    `sum(increase(http_requests_total{service="checkout",code="500"}[${window}])) / sum(increase(http_requests_total{service="checkout"}[${window}]))`;

  it('answers the error ratio of the last hour exactly (5 % in the incident)', async () => {
    const [sample] = await client.query(ratio('1h'), traffic.evaluationTime);
    expect(sample.value).toBeCloseTo(0.05, 12);
    expect(traffic.errorRatio(0, 3600)).toBeCloseTo(0.05, 12);
  });

  it('mixes phases over 1d as the hand count says, across the counter reset', async () => {
    // 1d at the evaluation time holds 1439 increments (see traffic.ts): 120 at 300 errors, 1319 at 6.
    const expected = (120 * 300 + 1319 * 6) / (1439 * 6000);
    const [sample] = await client.query(ratio('1d'), traffic.evaluationTime);
    expect(sample.value).toBeCloseTo(expected, 12);
    expect(traffic.errorRatio(0, 86400)).toBeCloseTo(expected, 12);
    const [resets] = await client.query('sum(resets(http_requests_total{service="checkout"}[2d]))', traffic.evaluationTime);
    expect(resets.value).toBe(2);
  });

  it('agrees with the generator’s model of increase() where extrapolation is uneven', async () => {
    // Here the 1d range starts at the first sample after the reset: the bad counter's low value
    // makes Prometheus extrapolate it less than the good one (zero-point clamp), so the ratio is
    // not the plain hand count; the generator computes it the way Prometheus does.
    const at = new Date(traffic.evaluationTime.getTime() + 10 * 60_000);
    const [sample] = await client.query(ratio('1d'), at);
    const modelled = traffic.errorRatio(0, 86400, at);
    expect(modelled).not.toBeNull();
    expect(sample.value).toBeCloseTo(modelled as number, 12);
    // The plain count: 1429 increments after the reset sample, 120 of them at 300 errors.
    const plain = (120 * 300 + 1309 * 6) / (1429 * 6000);
    expect(sample.value).not.toBeCloseTo(plain, 6);
  });

  it('reports NaN for 0/0 and nothing for a metric that does not exist', async () => {
    const [nan] = await client.query('sum(increase(http_requests_total{service="checkout"}[5m])) * 0 / 0', traffic.evaluationTime);
    expect(nan.value).toBeNaN();
    expect(await client.query('sum(increase(no_such_metric_total[5m]))', traffic.evaluationTime)).toEqual([]);
  });
});
