/**
 * The prometheus probe against a real Prometheus holding a day of backfilled request counters that
 * end just now, so the probe's instant query (at "now", as in a real run) sees them. The point of
 * the probe is the precondition: an experiment must not start while a service burns its error
 * budget.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { prometheusProbe } from '../../../core/probes/prometheus.ts';
import { startTestServer } from '../../support/http-server.ts';
import { refusedPort } from '../../support/refused-port.ts';
import { generateTraffic, type RunningPrometheus, startPrometheus } from '../../../cli/demo/support/prometheus.ts';
import { runText } from '../experiment/harness.ts';

const signal = new AbortController().signal;
const OBJECTIVE_ERROR_RATIO = 0.001; // a 99.9 % availability SLO

// checkout: 0.05 % errors all day (burn rate 0.5). search: the same until its last hour, 1 % since
// (burn rate 10), which has eaten most of its daily budget.
const DAY = 24 * 60;
const traffic = generateTraffic({
  lastSampleAt: Math.floor(Date.now() / 1000) - 1,
  services: [
    { labels: { service: 'checkout' }, phases: [{ steps: DAY + 60, requests: 6000, errors: 3 }] },
    {
      labels: { service: 'search' },
      phases: [
        { steps: DAY, requests: 6000, errors: 3 },
        { steps: 60, requests: 6000, errors: 60 },
      ],
    },
  ],
});

const errorRatio = (service: string, window: string) =>
  `sum(rate(http_requests_total{service="${service}",code="500"}[${window}])) / sum(rate(http_requests_total{service="${service}"}[${window}]))`;
const burnRate = (service: string) => `(${errorRatio(service, '1h')}) / ${OBJECTIVE_ERROR_RATIO}`;
const budgetRemaining = (service: string) => `1 - (${errorRatio(service, '1d')}) / ${OBJECTIVE_ERROR_RATIO}`;

/** A precondition on the error budget and burn rate, then a real fault on a process we own. */
const guardedExperiment = (prometheus: string, service: string, victim: number) => `
title: kill a ${service} worker only while the error budget allows it
description: preconditions on the burn rate and the remaining error budget
tags: [owner:sre]
configuration:
  prometheus: ${prometheus}
steady-state-hypothesis:
  title: ${service} has error budget to spend
  probes:
    - type: probe
      name: burn-rate-at-most-1
      provider: { type: faultline, probe: prometheus, arguments: { url: "\${prometheus}", query: '${burnRate(service)}' } }
      tolerance: { type: range, range: [0, 1] }
    - type: probe
      name: a-quarter-of-the-budget-left
      provider: { type: faultline, probe: prometheus, arguments: { url: "\${prometheus}", query: '${budgetRemaining(service)}' } }
      tolerance: { type: range, range: [0.25, 1] }
method:
  - type: action
    name: kill-the-worker
    provider: { type: faultline, driver: process, arguments: { action: kill, signal: SIGKILL, pid: ${victim} } }
runtime:
  hypothesis: { strategy: before-method-only }
`;

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

describe('prometheus probe against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
  });
  afterAll(async () => {
    await prometheus?.stop();
  });

  let victim: ChildProcess;
  beforeEach(() => {
    victim = spawn('sleep', ['300'], { stdio: 'ignore' });
  });
  afterEach(() => {
    if (alive(victim)) victim.kill('SIGKILL');
  });

  it('gives the first sample as the value and every sample with its labels', async () => {
    const output = await prometheusProbe.run(prometheusProbe.validate({ url: prometheus.url, query: burnRate('checkout') }), { signal });
    expect(output.ok).toBe(true);
    expect(output.value).toBeCloseTo(0.5, 9);
    const byService = await prometheusProbe.run(
      prometheusProbe.validate({ url: prometheus.url, query: `sum by (service) (rate(http_requests_total{code="500"}[1h])) / sum by (service) (rate(http_requests_total[1h]))` }),
      { signal },
    );
    const samples = byService.samples as { labels: Record<string, string>; value: number }[];
    expect(samples.map((s) => [s.labels.service, Number(s.value.toFixed(6))]).sort()).toEqual([
      ['checkout', 0.0005],
      ['search', 0.01],
    ]);
  });

  it('refuses to start the experiment while the burn rate and used budget are over their tolerances', async () => {
    const ran = await runText(guardedExperiment(prometheus.url, 'search', victim.pid!));
    try {
      expect(ran.journal.status).toBe('failed');
      expect(ran.journal.steady_states.before?.steady_state_met).toBe(false);
      const burn = ran.journal.steady_states.before!.probes[0]!.output as { ok: boolean; value: number };
      expect(burn.ok).toBe(true);
      expect(burn.value).toBeCloseTo(10, 9);
      expect(ran.journal.faultline.reason).toMatch(/burn-rate-at-most-1/);
      // The method never ran: nothing was injected and the worker lives.
      expect(ran.journal.run).toEqual([]);
      expect(ran.journal.faultline.faults).toEqual([]);
      expect(alive(victim)).toBe(true);
    } finally {
      ran.cleanup();
    }
  });

  it('runs the experiment when the service has budget to spend', async () => {
    const exited = new Promise((resolve) => victim.once('exit', resolve));
    const ran = await runText(guardedExperiment(prometheus.url, 'checkout', victim.pid!));
    try {
      expect(ran.journal.steady_states.before?.steady_state_met).toBe(true);
      const values = ran.journal.steady_states.before!.probes.map((p) => (p.output as { value: number }).value);
      expect(values[0]).toBeCloseTo(0.5, 9);
      expect(values[1]).toBeCloseTo(0.5, 9);
      expect(ran.journal.status).toBe('completed');
      expect(ran.journal.run.map((r) => [r.activity.name, r.status])).toEqual([['kill-the-worker', 'succeeded']]);
      expect(await exited).toBe(null);
      expect(victim.signalCode).toBe('SIGKILL');
    } finally {
      ran.cleanup();
    }
  });

  it('reports a query without data as null, which no numeric tolerance accepts', async () => {
    const output = await prometheusProbe.run(prometheusProbe.validate({ url: prometheus.url, query: 'http_requests_total{service="nope"}' }), { signal });
    expect(output).toMatchObject({ ok: false, value: null, samples: [] });
    const ran = await runText(guardedExperiment(prometheus.url, 'nope', victim.pid!));
    try {
      expect(ran.journal.status).toBe('failed');
      expect(ran.journal.run).toEqual([]);
      expect(alive(victim)).toBe(true);
    } finally {
      ran.cleanup();
    }
  });

  it('fails with the server’s own words on a query Prometheus rejects', async () => {
    const args = prometheusProbe.validate({ url: prometheus.url, query: 'sum(rate(http_requests_total[1h])' });
    const failure = prometheusProbe.run(args, { signal });
    await expect(failure).rejects.toThrow(/^Prometheus query failed: .*unclosed left parenthesis/);
    await expect(failure).rejects.toThrow("(check the probe's query: Prometheus could not parse or run it)");
  });

  it('says what to check when the url answers but is not Prometheus, or refuses the credentials', async () => {
    const impostor = await startTestServer((request, response) => {
      if (request.headers.authorization) {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>Grafana</html>');
      } else {
        response.writeHead(401, { 'content-type': 'text/plain' });
        response.end('unauthorized');
      }
    });
    try {
      const html = prometheusProbe.run(prometheusProbe.validate({ url: impostor.url, query: 'up', headers: { Authorization: 'Bearer t0ken' } }), { signal });
      await expect(html).rejects.toThrow("(check that the probe's url points at the Prometheus server itself (its /api/v1/query answers))");
      const refused = prometheusProbe.run(prometheusProbe.validate({ url: impostor.url, query: 'up' }), { signal });
      await expect(refused).rejects.toThrow(/401/);
      await expect(refused).rejects.toThrow("its headers (Authorization, X-Scope-OrgID)");
      expect(impostor.requests[0]?.headers.authorization).toBe('Bearer t0ken');
    } finally {
      await impostor.close();
    }
  });

  it('names the server when nothing answers there', async () => {
    const url = `http://127.0.0.1:${refusedPort()}`;
    const failure = prometheusProbe.run(prometheusProbe.validate({ url, query: 'up' }), { signal });
    await expect(failure).rejects.toThrow(url);
    await expect(failure).rejects.toThrow("check the probe's url (scheme, host, port) and that Prometheus runs and is reachable from here");
  });
});
