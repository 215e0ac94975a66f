/**
 * SLO status for 100 SLOs against a real Prometheus with backfilled data: batched (one query per
 * window for all SLOs) vs one query per SLO and window, in the same run. Prints wall time and the
 * number of HTTP requests each way, and checks that both give the same numbers.
 */
import { HttpPrometheusClient } from '../core/prometheus/client.ts';
import { computeSloStatuses } from '../core/slo/engine.ts';
import type { SloDefinition } from '../core/slo/types.ts';
import { generateTraffic, startPrometheus } from '../cli/demo/support/prometheus.ts';

const SERVICES = 50;
const traffic = generateTraffic({
  lastSampleAt: Date.UTC(2025, 2, 1) / 1000 - 30,
  services: Array.from({ length: SERVICES }, (_, i) => ({
    labels: { service: `svc-${i}` },
    phases: [
      { steps: 3 * 1440, requests: 6000, errors: 1 + (i % 7) },
      { steps: 120, requests: 6000, errors: 5 * (i % 11) },
    ],
  })),
});

function slo(i: number, by: 'bad' | 'good'): SloDefinition {
  const selector = `service="svc-${i}"`;
  return {
    name: `svc-${i}-${by}`,
    service: `svc-${i}`,
    target: by === 'bad' ? 0.999 : 0.995,
    window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 },
    budgetingMethod: 'Occurrences',
    indicator: {
      kind: 'ratio',
      total: `sum(rate(http_requests_total{${selector}}[{{window}}]))`,
      [by]: `sum(rate(http_requests_total{${selector},code${by === 'bad' ? '=~' : '!~'}"5.."}[{{window}}]))`,
    },
    source: { file: 'bench' },
  };
}
const slos = Array.from({ length: SERVICES }, (_, i) => [slo(i, 'bad'), slo(i, 'good')]).flat();

const started = performance.now();
const prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
console.log(`Prometheus ${prometheus.version} with ${SERVICES * 2} series × ${traffic.good[0].length} samples ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
try {
  const measure = async (label: string, maxQueryBytes: number) => {
    const client = new HttpPrometheusClient({ url: prometheus.url });
    const t0 = performance.now();
    const report = await computeSloStatuses(client, slos, { at: traffic.evaluationTime, maxQueryBytes });
    const ms = performance.now() - t0;
    console.log(`${label.padEnd(34)} ${String(client.requests).padStart(4)} requests  ${ms.toFixed(0).padStart(6)} ms`);
    return report;
  };
  await measure('warm-up (batched)', 16_000);
  const batched = await measure(`batched, ${slos.length} SLOs`, 16_000);
  const single = await measure(`one query per SLO and window`, 1);
  const differing = batched.statuses.filter((s, i) => JSON.stringify(s) !== JSON.stringify(single.statuses[i]));
  console.log(differing.length === 0 ? 'both ways give identical statuses' : `MISMATCH in ${differing.length} statuses`);
  if (differing.length > 0) process.exitCode = 1;
} finally {
  await prometheus.stop();
}
