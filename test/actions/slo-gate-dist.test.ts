/**
 * The committed bundle (actions/slo-gate/dist/index.js) run the way the runner runs it: its own
 * Node process, INPUT_* variables, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. One real canary
 * step of a second against a real Prometheus whose data lies in the past: the canary has no
 * samples now, which must never pass, so the weight goes 100 → 0 and the decision is rollback.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateResult } from '../../core/result.ts';
import { CANARY_DEMO_METRICS, generateCanaryTraffic } from '../../cli/demo/support/canary-traffic.ts';
import { readOutputs } from '../support/action-run.ts';
import { json, startTestServer, type TestServer } from '../support/http-server.ts';
import { type RunningPrometheus, startPrometheus } from '../../cli/demo/support/prometheus.ts';

const BUNDLE = new URL('../../actions/slo-gate/dist/index.js', import.meta.url).pathname;

function runBundle(workspace: string, inputs: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(workspace, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'),
    GITHUB_REPOSITORY: 'acme/shop',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  writeFileSync(env.GITHUB_OUTPUT!, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '');
  const child = spawn(process.execPath, [BUNDLE], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

describe('actions/slo-gate/dist in canary mode', () => {
  let prometheus: RunningPrometheus;
  let weights: TestServer;
  let workspace: string;
  beforeAll(async () => {
    const traffic = generateCanaryTraffic({
      lastSampleAt: Date.UTC(2025, 2, 1) / 1000,
      minutes: 10,
      tracks: [
        { track: 'baseline', errorRate: () => 0.005, latencySeconds: () => 0.12 },
        { track: 'canary', errorRate: () => 0.005, latencySeconds: () => 0.12 },
      ],
    });
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
    weights = await startTestServer((_request, response) => json(response, 200, {}));
    workspace = mkdtempSync(join(tmpdir(), 'faultline-slo-gate-dist-'));
    writeFileSync(join(workspace, 'metrics.yml'), `query-step: 1s\nmetrics:\n${CANARY_DEMO_METRICS.replace(/^/gm, '  ')}`);
  });
  afterAll(async () => {
    await prometheus?.stop();
    await weights?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('runs a step for real, finds no canary samples now, and rolls back through the endpoint', async () => {
    const { code, stdout } = await runBundle(workspace, {
      mode: 'canary',
      'prometheus-url': prometheus.url,
      'canary-selector': 'track="canary"',
      'baseline-selector': 'track="baseline"',
      metrics: 'metrics.yml',
      steps: '100',
      'step-wait': '1s',
      'set-weight-url': `${weights.url}/weight`,
    });
    expect(code).toBe(1);
    expect(weights.requests.map((r) => JSON.parse(r.body).weight)).toEqual([100, 0]);
    expect(stdout).toContain('error-rate: no canary data (the query returned no numeric samples)');
    const outputs = readOutputs(join(workspace, 'output.txt'));
    expect(outputs).toMatchObject({ decision: 'rollback', verdict: 'fail' });
    expect(readFileSync(join(workspace, 'summary.md'), 'utf8')).toContain('## Canary analysis: ❌ rollback');
    const result = JSON.parse(readFileSync(outputs['result-file']!, 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'canary', verdict: 'fail' });
  });
});
