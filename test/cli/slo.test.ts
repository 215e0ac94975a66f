/**
 * `faultline slo` as a user runs it: spec files on disk, a real Prometheus with backfilled data,
 * and the exit codes a CI step relies on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.ts';
import { closedPort, json, startTestServer } from '../support/http-server.ts';
import { generateTraffic, type RunningPrometheus, startPrometheus } from '../../cli/demo/support/prometheus.ts';

const traffic = generateTraffic({
  lastSampleAt: Date.UTC(2025, 2, 1) / 1000 - 30,
  services: [
    // 0.05 % errors: half the 99.9 % budget left.
    { labels: { job: 'search' }, phases: [{ steps: 3 * 1440 + 120, requests: 6000, errors: 3 }] },
    // 0.3 % errors: the budget is spent three times over.
    { labels: { job: 'checkout' }, phases: [{ steps: 3 * 1440 + 120, requests: 6000, errors: 18 }] },
  ],
});
const AT = traffic.evaluationTime.toISOString();

function openSlo(name: string, job: string, extra = ''): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: ${job}
  indicator:
    metadata:
      name: ${name}-sli
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="${job}",code=~"5.."}${extra}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="${job}"}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;
}

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(args, { stdout, stderr, colour: false, cwd, env: {} });
  return { code, stdout: out, stderr: err };
}

describe('faultline slo', () => {
  let prometheus: RunningPrometheus;
  let dir: string;
  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
    dir = mkdtempSync(join(tmpdir(), 'faultline-cli-slo-'));
    writeFileSync(join(dir, 'search.yaml'), openSlo('search-availability', 'search'));
    writeFileSync(join(dir, 'checkout.yaml'), openSlo('checkout-availability', 'checkout'));
    writeFileSync(join(dir, 'ghost.yaml'), openSlo('ghost-availability', 'ghost'));
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\nspec:\n  service: [\n');
    writeFileSync(join(dir, 'policy.yml'), 'min-budget-remaining: 0.6\n');
  });
  afterAll(async () => {
    await prometheus?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('status', () => {
    it('prints exactly the documented JSON document and exits 0 when every budget holds', async () => {
      const { code, stdout } = await run(['slo', 'status', '--prometheus', prometheus.url, '--at', AT, '--format', 'json', 'search.yaml'], dir);
      expect(code).toBe(0);
      const document = JSON.parse(stdout);
      expect(document).toEqual({
        version: 1,
        evaluatedAt: new Date(AT).toISOString(),
        verdict: 'pass',
        slos: [
          {
            name: 'search-availability',
            service: 'search',
            target: 0.999,
            window: '28d',
            errorRatio: expect.any(Number),
            budgetRemaining: expect.any(Number),
            burnRates: { '5m': expect.any(Number), '30m': expect.any(Number), '1h': expect.any(Number), '2h': expect.any(Number), '6h': expect.any(Number), '1d': expect.any(Number), '3d': expect.any(Number) },
            alert: 'none',
            firingConditions: [],
            timeToExhaustionSeconds: expect.any(Number),
            verdict: 'pass',
            reasons: [],
            problems: [],
          },
        ],
      });
      expect(stdout).toMatch(/^\{\n {2}"version": 1,/);
      expect(document.slos[0].errorRatio).toBeCloseTo(0.0005, 12);
      expect(document.slos[0].budgetRemaining).toBeCloseTo(0.5, 9);
      expect(document.slos[0].burnRates['1h']).toBeCloseTo(0.5, 9);
    });

    it('exits 1 when a budget is spent, and 0 again with an exception label', async () => {
      const args = ['slo', 'status', '--prometheus', prometheus.url, '--at', AT, 'checkout.yaml', 'search.yaml'];
      const breached = await run(args, dir);
      expect(breached.code).toBe(1);
      expect(breached.stdout).toContain('✗ checkout-availability (checkout): 99.9 % over 28d  FAIL');
      expect(breached.stdout).toContain('- error budget spent: -200 % remaining (error ratio 0.3 % against an allowed 0.1 %)');
      const excused = await run([...args, '--labels', 'docs,reliability-fix'], dir);
      expect(excused.code).toBe(0);
      expect(excused.stdout).toContain('excused by label "reliability-fix"');
    });

    it('applies a policy file: 50 % left is below a 60 % minimum', async () => {
      const { code, stdout } = await run(['slo', 'status', '--prometheus', prometheus.url, '--at', AT, '--policy', 'policy.yml', '--format', 'markdown', 'search.yaml'], dir);
      expect(code).toBe(1);
      expect(stdout).toContain('## SLO gate: ❌ fail');
      expect(stdout).toContain('error budget 50 % remaining, below the policy minimum of 60 %');
    });

    it('exits 1 with verdict no-data when a metric does not exist, never 0', async () => {
      const { code, stdout } = await run(['slo', 'status', '--prometheus', prometheus.url, '--at', AT, '--format', 'json', 'ghost.yaml'], dir);
      expect(code).toBe(1);
      const document = JSON.parse(stdout);
      expect(document.verdict).toBe('no-data');
      expect(document.slos[0]).toMatchObject({ errorRatio: null, budgetRemaining: null, timeToExhaustionSeconds: null, verdict: 'no-data' });
      expect(document.slos[0].reasons[0]).toMatch(/no data/);
    });

    it('exits 2 and names the URL when Prometheus is unreachable', async () => {
      const port = await closedPort();
      const { code, stdout, stderr } = await run(['slo', 'status', '--prometheus', `http://127.0.0.1:${port}`, 'search.yaml'], dir);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`faultline slo: Prometheus at http://127.0.0.1:${port}/api/v1/query refused the connection`);
      expect(stderr).toContain('hint: check the URL');
    });

    it('exits 2 on an HTTP 503 from a proxy in front of Prometheus', async () => {
      const server = await startTestServer((_req, res) => json(res, 503, { message: 'upstream unavailable' }));
      try {
        const { code, stderr } = await run(['slo', 'status', '--prometheus', server.url, 'search.yaml'], dir);
        expect(code).toBe(2);
        expect(stderr).toContain('answered HTTP 503');
      } finally {
        await server.close();
      }
    });

    it('exits 2 when Prometheus rejects a query as bad_data, quoting its reason', async () => {
      // Valid PromQL syntax (the loader checks that), which Prometheus refuses: rate takes one argument.
      writeFileSync(join(dir, 'bad-promql.yaml'), openSlo('bad-promql', 'search').replace('query: http_requests_total{job="search",code=~"5.."}', 'query: rate(http_requests_total{job="search"}[{{window}}], 5)'));
      const { code, stderr } = await run(['slo', 'status', '--prometheus', prometheus.url, '--at', AT, 'bad-promql.yaml'], dir);
      expect(code).toBe(2);
      expect(stderr).toMatch(/Prometheus rejected a query as bad_data: .*parse error/);
    });

    it('exits 2 before querying when a query is not PromQL, naming file, line and key', async () => {
      writeFileSync(join(dir, 'not-promql.yaml'), openSlo('not-promql', 'search').replace('query: http_requests_total{job="search",code=~"5.."}', 'query: sum(rate(http_requests_total{job="search"}[{{window}}])) by ('));
      const { code, stderr } = await run(['slo', 'status', '--prometheus', prometheus.url, '--at', AT, 'not-promql.yaml'], dir);
      expect(code).toBe(2);
      expect(stderr).toMatch(/not-promql\.yaml:\d+:\d+: .*metricSource\.spec\.query: .* is not PromQL: syntax error at character/);
    });

    it('exits 2 on a spec that does not parse, with file and line', async () => {
      const { code, stderr } = await run(['slo', 'status', '--prometheus', prometheus.url, 'broken.yaml'], dir);
      expect(code).toBe(2);
      expect(stderr).toMatch(/broken\.yaml:\d+:\d+: /);
    });

    it('exits 2 on bad usage, saying what is missing', async () => {
      expect((await run(['slo', 'status', 'search.yaml'], dir)).stderr).toContain('--prometheus URL (or PROMETHEUS_URL) is required');
      const format = await run(['slo', 'status', '--prometheus', prometheus.url, '--format', 'yaml', 'search.yaml'], dir);
      expect(format.code).toBe(2);
      expect(format.stderr).toContain('--format must be text, json or markdown, not "yaml"');
      expect((await run(['slo', 'status', '--prometheus', prometheus.url, '--bogus', 'x'], dir)).code).toBe(2);
    });
  });

  describe('rules', () => {
    it('prints a Prometheus rule file for the specs', async () => {
      const { code, stdout } = await run(['slo', 'rules', 'search.yaml'], dir);
      expect(code).toBe(0);
      expect(stdout).toContain('# From: search.yaml');
      expect(stdout).toContain('record: slo:sli_error:ratio_rate1h');
    });
  });

  describe('validate', () => {
    it('lists the SLOs it read and exits 0', async () => {
      const { code, stdout } = await run(['slo', 'validate', 'search.yaml', 'checkout.yaml'], dir);
      expect(code).toBe(0);
      expect(stdout).toContain('✓ search-availability (search): 99.9 % over 28d, Occurrences  search.yaml:');
      expect(stdout).toContain('2 SLOs valid');
    });

    it("validates the repository's own examples folder, skipping its generated rule file with a note", async () => {
      const repo = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
      const { code, stdout, stderr } = await run(['slo', 'validate', 'examples/slos'], repo);
      expect(code).toBe(0);
      expect(stdout).toMatch(/\d+ SLOs valid/);
      expect(stderr).toContain('warning: examples/slos/rules/slo-rules.yml: skipped: a Prometheus rule file (top-level "groups"), not an SLO spec');
    });

    it('exits 2 on a spec that does not parse', async () => {
      const { code, stderr } = await run(['slo', 'validate', 'broken.yaml'], dir);
      expect(code).toBe(2);
      expect(stderr).toContain('broken.yaml');
    });
  });
});
