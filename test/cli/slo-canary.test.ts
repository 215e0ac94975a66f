/**
 * `faultline slo canary` as a user runs it, replaying 40 minutes of backfilled canary and
 * baseline history from a real Prometheus with `--start`, and the exit codes a deploy script
 * relies on: 0 promote, 1 rollback, 2 bad input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.ts';
import { CANARY_DEMO_METRICS, generateCanaryTraffic } from '../../cli/demo/support/canary-traffic.ts';
import { closedPort } from '../support/http-server.ts';
import { type RunningPrometheus, startPrometheus } from '../../cli/demo/support/prometheus.ts';

const traffic = generateCanaryTraffic({
  lastSampleAt: Date.UTC(2025, 2, 1) / 1000,
  minutes: 40,
  tracks: [
    { track: 'baseline', errorRate: () => 0.005, latencySeconds: () => 0.12 },
    { track: 'canary-good', errorRate: () => 0.005, latencySeconds: () => 0.12 },
    // Slower from the second step (minute 10) on; errors stay like the baseline's.
    { track: 'canary-slow', errorRate: () => 0.005, latencySeconds: (m) => (m >= 10 ? 0.2 : 0.12) },
  ],
});
const START = new Date(traffic.firstSampleAt * 1000).toISOString();

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

describe('faultline slo canary', () => {
  let prometheus: RunningPrometheus;
  let dir: string;
  const canary = (track: string, ...extra: string[]) => [
    'slo',
    'canary',
    '--prometheus',
    prometheus.url,
    '--metrics',
    'metrics.yml',
    '--canary',
    `track="${track}"`,
    '--baseline',
    'track="baseline"',
    '--step-wait',
    '10m',
    '--start',
    START,
    ...extra,
  ];

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
    dir = mkdtempSync(join(tmpdir(), 'faultline-cli-canary-'));
    writeFileSync(join(dir, 'metrics.yml'), CANARY_DEMO_METRICS);
    writeFileSync(join(dir, 'typo.yml'), '- name: latency\n  query: avg(request_duration_p50_seconds{ {{selector}} )\n');
  });
  afterAll(async () => {
    await prometheus?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('promotes a canary like its baseline and exits 0, with every step and metric in the text', async () => {
    const { code, stdout, stderr } = await run(canary('canary-good'), dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Canary analysis: PROMOTE\n {2}canary track="canary-good" {2}vs {2}baseline track="baseline"\n {2}steps 10 % → 25 % → 50 % → 100 %, 10m each, confidence 95 %\n {2}Observation only/);
    for (const weight of [10, 25, 50, 100]) expect(stdout).toContain(`step ${weight} %: pass (score 100)`);
    expect(stdout).toMatch(/ {2}✓ latency-p50 {2}canary 0\.1\d* \(n=11\) {2}baseline 0\.1\d* \(n=11\) {2}shift [+-][\d.]+ % {2}U=\d+ {2}p=0?\.\d+ \(exact\)/);
    expect(stderr).toBe('step 10 %: pass (score 100.0)\nstep 25 %: pass (score 100.0)\nstep 50 %: pass (score 100.0)\nstep 100 %: pass (score 100.0)\n');
  });

  it('rolls back a slower canary at the step it slows down and exits 1; --format json prints one document', async () => {
    const { code, stdout } = await run(canary('canary-slow', '--format', 'json'), dir);
    expect(code).toBe(1);
    const document = JSON.parse(stdout);
    expect(document).toMatchObject({ version: 1, decision: 'rollback', finalWeight: 0, plannedSteps: [10, 25, 50, 100], weightControl: { kind: 'none' } });
    // Latency alone fails at 25 %: half the weight passes, and a score of 50 is below the marginal 75.
    expect(document.steps.map((s: { classification: string; score: number }) => [s.classification, s.score])).toEqual([
      ['pass', 100],
      ['fail', 50],
    ]);
    expect(document.reasons).toContainEqual(expect.stringMatching(/^step at 25 %: latency-p50: significant increase: canary median 0\.(19|2|21)\d* vs baseline 0\.1[1-3]/));
  });

  it('exits 2 on a metrics file that does not validate, naming file, line and key', async () => {
    writeFileSync(join(dir, 'bad.yml'), 'metrics:\n  - name: latency\n    query: avg(x{ {{selector}} })\n    tolerance: -1\n');
    const { code, stderr } = await run(canary('canary-good').map((a) => (a === 'metrics.yml' ? 'bad.yml' : a)), dir);
    expect(code).toBe(2);
    expect(stderr).toContain('bad.yml:4:16: metrics[0].tolerance: must be >= 0');
  });

  it('exits 2 before judging anything when Prometheus is unreachable or refuses a query', async () => {
    const port = await closedPort();
    const unreachable = await run(canary('canary-good').map((a) => (a === prometheus.url ? `http://127.0.0.1:${port}` : a)), dir);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('before moving any traffic, the query of metric "error-rate" failed');
    expect(unreachable.stderr).not.toContain('step 10 %');
    const typo = await run(canary('canary-good').map((a) => (a === 'metrics.yml' ? 'typo.yml' : a)), dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('before moving any traffic, the query of metric "latency" failed: Prometheus rejected a query as bad_data');
    expect(typo.stderr).toContain('hint: fix the PromQL of metric "latency" in the metrics file');
  });

  it('exits 2 on usage mistakes, saying what to do', async () => {
    const noMetrics = await run(['slo', 'canary', '--prometheus', prometheus.url, '--canary', 'a="1"', '--baseline', 'a="2"'], dir);
    expect(noMetrics.code).toBe(2);
    expect(noMetrics.stderr).toContain('--metrics FILE is required');
    const replayWithTraffic = await run(canary('canary-good', '--set-weight-url', 'http://127.0.0.1:1/w'), dir);
    expect(replayWithTraffic.code).toBe(2);
    expect(replayWithTraffic.stderr).toContain('--start replays history and cannot move traffic');
    const steps = await run(canary('canary-good', '--steps', '10,120'), dir);
    expect(steps.stderr).toContain('--steps: "120" is not a traffic weight between 1 and 100');
    const help = await run(['slo', 'canary', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 promote, 1 rollback, 2 bad input or Prometheus unreachable.');
  });
});
