/**
 * The SLO gate in canary mode as the runner drives it (INPUT_* variables, GITHUB_OUTPUT, the job
 * summary), against a real Prometheus holding 40 minutes of backfilled canary and baseline
 * series. The gate's clock is injected and starts at the data's first sample, so the four
 * 10-minute steps replay history instead of waiting. Weights go to a local HTTP server of the
 * test, or to a local program run without a shell.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../actions/slo-gate/src/run.ts';
import { validateResult } from '../../core/result.ts';
import { CANARY_DEMO_METRICS, generateCanaryTraffic } from '../../cli/demo/support/canary-traffic.ts';
import { runActionInProcess } from '../support/action-run.ts';
import { closedPort, json, startTestServer, type TestServer } from '../support/http-server.ts';
import { type RunningPrometheus, startPrometheus } from '../../cli/demo/support/prometheus.ts';

const LAST = Date.UTC(2025, 2, 1) / 1000;
// The bad canary regresses from minute 20 (the third step, at 50 % traffic) on.
const regressed = (minute: number) => minute >= 20;
const traffic = generateCanaryTraffic({
  lastSampleAt: LAST,
  minutes: 40,
  tracks: [
    { track: 'baseline', errorRate: () => 0.005, latencySeconds: () => 0.12 },
    { track: 'canary-good', errorRate: () => 0.005, latencySeconds: () => 0.12 },
    { track: 'canary-bad', errorRate: (m) => (regressed(m) ? 0.05 : 0.005), latencySeconds: (m) => (regressed(m) ? 0.18 : 0.12) },
  ],
});

describe('actions/slo-gate in canary mode', () => {
  let prometheus: RunningPrometheus;
  let weightServer: TestServer;
  let failingServer: TestServer;
  let workspace: string;

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
    weightServer = await startTestServer((_request, response) => json(response, 200, { ok: true }));
    // Refuses every weight but the rollback's, like a mesh API whose canary route is broken.
    failingServer = await startTestServer((request, response) =>
      JSON.parse(request.body).weight === 0 ? json(response, 503, { error: 'rollback refused' }) : json(response, 200, {}),
    );
    workspace = mkdtempSync(join(tmpdir(), 'faultline-slo-canary-'));
    writeFileSync(join(workspace, 'canary-metrics.yml'), CANARY_DEMO_METRICS);
    writeFileSync(
      join(workspace, 'record-weight.mjs'),
      "import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)) + '\\n');\nconsole.log('weight applied');\n",
    );
  });
  afterAll(async () => {
    await prometheus?.stop();
    await weightServer?.close();
    await failingServer?.close();
    rmSync(workspace, { recursive: true, force: true });
  });
  beforeEach(() => {
    weightServer.requests.length = 0;
    failingServer.requests.length = 0;
  });

  /** Runs the gate with a clock that starts at the data's first minute and jumps instead of waiting. */
  function gate(inputs: Record<string, string>) {
    let now = traffic.firstSampleAt * 1000;
    const clock = {
      sleep: async (ms: number) => {
        now += ms;
      },
      now: () => new Date(now),
    };
    return runActionInProcess((env) => run(env, clock), workspace, {
      mode: 'canary',
      'prometheus-url': prometheus.url,
      'baseline-selector': 'track="baseline"',
      metrics: 'canary-metrics.yml',
      'step-wait': '10m',
      ...inputs,
    });
  }

  const postedWeights = (server: TestServer) => server.requests.map((r) => JSON.parse(r.body).weight);

  it('promotes a canary that behaves like the baseline, POSTing each weight with masked headers', async () => {
    const { outputs, summary, stdout, exitCode, result } = await gate({
      'canary-selector': 'track="canary-good"',
      'set-weight-url': `${weightServer.url}/canary/weight`,
      'set-weight-headers': 'Authorization: Bearer weight-s3cret',
    });
    expect(exitCode).toBeUndefined();
    expect(outputs).toMatchObject({ decision: 'promote', verdict: 'pass', 'result-file': join(workspace, 'faultline-slo-result.json') });
    expect(postedWeights(weightServer)).toEqual([10, 25, 50, 100]);
    expect(weightServer.requests[0]).toMatchObject({ method: 'POST', path: '/canary/weight', headers: { authorization: 'Bearer weight-s3cret', 'content-type': 'application/json' } });
    expect(stdout).toContain('::add-mask::Bearer weight-s3cret');

    expect(summary).toContain('## Canary analysis: ✅ promote');
    expect(summary).toContain(`Weights set via POST ${weightServer.url}/canary/weight: 10 % → 25 % → 50 % → 100 %.`);
    expect(summary).toContain('| Metric | Verdict | Canary median (n) | Baseline median (n) | Shift (Hodges-Lehmann) | U | p-value |');
    for (const weight of [10, 25, 50, 100]) expect(summary).toMatch(new RegExp(`### Step \\d: ${weight} % — ✅ pass \\(score 100\\)`));

    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'canary', name: 'slo-gate', verdict: 'pass', details: { decision: 'promote', finalWeight: 100 } });
    const steps = (result.details as { steps: { metrics: { name: string; u: number; pValue: number }[] }[] }).steps;
    expect(steps).toHaveLength(4);
    // 11 latency samples a side at a 60 s step: U counts pairs, so it lies between 0 and 11 × 11.
    for (const step of steps) {
      const latency = step.metrics.find((m) => m.name === 'latency-p50')!;
      expect(latency.u).toBeGreaterThanOrEqual(0);
      expect(latency.u).toBeLessThanOrEqual(121);
      expect(latency.pValue).toBeGreaterThan(0);
      expect(latency.pValue).toBeLessThanOrEqual(1);
    }
  });

  it('rolls back at the step where the canary regresses: weight 0 is POSTed and the job fails with the reasons', async () => {
    const { outputs, summary, stdout, exitCode, result } = await gate({
      'canary-selector': 'track="canary-bad"',
      'set-weight-url': `${weightServer.url}/canary/weight`,
    });
    expect(exitCode).toBe(1);
    expect(outputs).toMatchObject({ decision: 'rollback', verdict: 'fail' });
    expect(postedWeights(weightServer)).toEqual([10, 25, 50, 0]);
    // Workflow commands escape '%' as %25; the runner shows it as '%'.
    expect(stdout).toContain('::error::Canary rollback: step at 50 %25: critical metric error-rate failed');
    expect(summary).toContain('## Canary analysis: ❌ rollback');
    expect(summary).toMatch(/### Step 3: 50 % — ❌ fail/);
    expect(summary).toMatch(/\| error-rate \(critical\) \| ❌ fail \|/);
    expect(summary).toMatch(/- latency-p50: significant increase: canary median 0\.1[6-9]\d* vs baseline 0\.1[1-3]/);
    expect(summary).toContain('Not reached: 100 %.');
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'canary', verdict: 'fail', details: { decision: 'rollback', finalWeight: 0 } });
    // One finding per reason of the deciding step: error-rate broke its bound and shifted, latency shifted.
    expect(result.findings).toEqual([
      { rule: 'canary-fail', severity: 'error', message: expect.stringMatching(/^step at 50 %: error-rate: canary mean 0\.0\d+ is above the maximum 0\.02$/) },
      { rule: 'canary-fail', severity: 'error', message: expect.stringMatching(/^step at 50 %: error-rate: significant increase/) },
      { rule: 'canary-fail', severity: 'error', message: expect.stringMatching(/^step at 50 %: latency-p50: significant increase/) },
    ]);
  });

  it('runs a set-weight command without a shell: {weight} is replaced and shell syntax arrives literally', async () => {
    const log = join(workspace, 'weights.log');
    writeFileSync(log, '');
    const { outputs } = await gate({
      'canary-selector': 'track="canary-bad"',
      'set-weight-command': JSON.stringify([process.execPath, 'record-weight.mjs', log, '{weight}', '$(touch pwned);{weight}']),
    });
    expect(outputs.decision).toBe('rollback');
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(calls).toEqual([
      ['10', '$(touch pwned);10'],
      ['25', '$(touch pwned);25'],
      ['50', '$(touch pwned);50'],
      ['0', '$(touch pwned);0'],
    ]);
  });

  it('without a way to move traffic, observes only and says so', async () => {
    const { outputs, summary } = await gate({ 'canary-selector': 'track="canary-good"', steps: '50,100' });
    expect(outputs.decision).toBe('promote');
    expect(summary).toContain('Observation only: no set-weight-url or set-weight-command was given, so no traffic weight was changed');
    expect(weightServer.requests).toEqual([]);
  });

  it('reports a failed rollback instead of hiding it: the canary may still take traffic', async () => {
    const { outputs, summary, stdout, result } = await gate({ 'canary-selector': 'track="canary-bad"', 'set-weight-url': failingServer.url });
    expect(outputs.decision).toBe('rollback');
    expect(postedWeights(failingServer)).toEqual([10, 25, 50, 0]);
    expect(stdout).toContain('::error::Canary rollback: moving traffic back to the baseline failed, the canary may still take traffic: POST');
    expect(stdout).toContain('(weight 0) answered HTTP 503: {"error":"rollback refused"}');
    expect(summary).toContain('> [!CAUTION]');
    expect(result).toMatchObject({ verdict: 'fail', details: { rollbackFailure: expect.stringContaining('HTTP 503') } });
  });

  it('refuses a bad metrics file with one error naming the file, line and key, before any traffic moves', async () => {
    writeFileSync(
      join(workspace, 'bad-metrics.yml'),
      ['- name: error-rate', '  query: sum(rate(http_requests_total{ {{selector}} }[2m]))', '- name: latency', '  query: avg(request_duration_p50_seconds)', '  direction: up', ''].join('\n'),
    );
    const { outputs, stdout, exitCode, result } = await gate({
      'canary-selector': 'track="canary-good"',
      metrics: 'bad-metrics.yml',
      'set-weight-url': weightServer.url,
    });
    expect(exitCode).toBe(1);
    expect(outputs).toMatchObject({ decision: 'rollback', verdict: 'fail' });
    // One annotation, on the file's line and column in the diff.
    const errors = stdout.split('\n').filter((line) => line.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error title=slo-gate%3A could not decide,file=bad-metrics\.yml,line=5,col=14::invalid canary metrics \(1 problem\):/);
    expect(errors[0]).toContain('bad-metrics.yml:5:14: [1].direction: must be one of "increase", "decrease", "either"');
    expect(weightServer.requests).toEqual([]);
    expect(result).toMatchObject({ kind: 'canary', verdict: 'error', findings: [{ rule: 'slo-gate-error' }] });
  });

  it('moves no traffic when Prometheus cannot be asked: the preflight fails first', async () => {
    const port = await closedPort();
    const { outputs, stdout, result } = await gate({
      'canary-selector': 'track="canary-good"',
      'prometheus-url': `http://127.0.0.1:${port}`,
      'set-weight-url': weightServer.url,
    });
    expect(outputs).toMatchObject({ decision: 'rollback', verdict: 'fail' });
    expect(stdout).toContain('::error::before moving any traffic, the query of metric "error-rate" failed: Prometheus at');
    expect(weightServer.requests).toEqual([]);
    expect(result).toMatchObject({ kind: 'canary', verdict: 'error' });
  });

  it('names a query without {{selector}} at its line, after the schema is satisfied', async () => {
    writeFileSync(join(workspace, 'no-selector.yml'), 'metrics:\n  - name: latency\n    query: avg(request_duration_p50_seconds)\n');
    const { stdout } = await gate({ 'canary-selector': 'track="canary-good"', metrics: 'no-selector.yml' });
    expect(stdout).toContain('no-selector.yml:3:12: metrics[0].query: has no {{selector}}');
  });

  it('names the input for missing or contradictory canary inputs', async () => {
    const missing = await gate({});
    expect(missing.stdout).toContain('::error::input canary-selector: is required in canary mode');
    const both = await gate({ 'canary-selector': 'track="canary-good"', 'set-weight-url': weightServer.url, 'set-weight-command': './set-weight.sh {weight}' });
    expect(both.stdout).toContain('::error::input set-weight-command: cannot be combined with set-weight-url');
    const specs = await gate({ 'canary-selector': 'track="canary-good"', specs: 'slos/' });
    expect(specs.stdout).toContain('::error::input specs: belongs to mode: budget, but mode is canary');
    const shell = await gate({ 'canary-selector': 'track="canary-good"', 'set-weight-command': 'kubectl set weight "{weight}" | tee log' });
    expect(shell.stdout).toContain('uses quotes or shell syntax, but the command runs without a shell');
    const steps = await gate({ 'canary-selector': 'track="canary-good"', steps: '50,25' });
    expect(steps.stdout).toContain('::error::input steps: weights must increase, but 25 follows 50');
    for (const run of [missing, both, specs, shell, steps]) expect(run.outputs.decision).toBe('rollback');
  });
});
