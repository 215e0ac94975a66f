/**
 * The SLO gate as the runner drives it: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
 * files, an event payload with the pull request's labels, and a real Prometheus.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { run } from '../../actions/slo-gate/src/run.ts';
import { validateResult } from '../../core/result.ts';
import { gitBlobSha } from '../../core/result-source.ts';
import { runActionInProcess } from '../support/action-run.ts';
import { closedPort } from '../support/http-server.ts';
import { generateTraffic, type RunningPrometheus, startPrometheus } from '../../cli/demo/support/prometheus.ts';

const traffic = generateTraffic({
  lastSampleAt: Math.floor(Date.now() / 1000 / 60) * 60,
  services: [
    { labels: { job: 'search' }, phases: [{ steps: 3 * 1440 + 120, requests: 6000, errors: 3 }] },
    { labels: { job: 'checkout' }, phases: [{ steps: 3 * 1440 + 120, requests: 6000, errors: 18 }] },
  ],
});

const spec = (name: string, job: string) => `version: prometheus/v1
service: ${job}
slos:
  - name: ${name}
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="${job}",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="${job}"}[{{.window}}]))
`;

describe('actions/slo-gate', () => {
  let prometheus: RunningPrometheus;
  let workspace: string;

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
    workspace = mkdtempSync(join(tmpdir(), 'faultline-slo-gate-'));
    writeFileSync(join(workspace, 'search.yaml'), spec('availability', 'search'));
    writeFileSync(join(workspace, 'checkout.yaml'), spec('availability', 'checkout'));
    writeFileSync(join(workspace, 'event.json'), JSON.stringify({ pull_request: { number: 7, labels: [{ name: 'reliability-fix' }] } }));
  });
  afterAll(async () => {
    await prometheus?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  const gate = (inputs: Record<string, string>, extraEnv: Record<string, string> = {}) => runActionInProcess(run, workspace, inputs, extraEnv);

  it('passes with budget left, writing outputs, a job summary and a valid result file', async () => {
    const { outputs, summary, exitCode, result } = await gate({ specs: 'search.yaml', 'prometheus-url': prometheus.url });
    expect(exitCode).toBeUndefined();
    expect(outputs.verdict).toBe('pass');
    expect(Number(outputs['budget-remaining'])).toBeCloseTo(0.5, 9);
    expect(outputs['result-file']).toBe(join(workspace, 'faultline-slo-result.json'));
    expect(summary).toContain('## SLO gate: ✅ pass');
    // A healthy SLO needs no chart: the table says it all, its details folded.
    expect(summary).not.toContain('```mermaid');
    expect(summary).toContain('<details><summary>Objective, window, error ratio and burn rate per window</summary>');
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'slo', verdict: 'pass', details: { slos: [{ name: 'search-availability', verdict: 'pass' }], requests: 9 } });
  });

  it('fails on a spent budget, and the pull request’s exception label from the event lets it through', async () => {
    const failed = await gate({ specs: 'search.yaml\ncheckout.yaml', 'prometheus-url': prometheus.url });
    expect(failed.exitCode).toBe(1);
    expect(failed.outputs.verdict).toBe('fail');
    expect(Number(failed.outputs['budget-remaining'])).toBeCloseTo(-2, 9);
    expect(failed.stdout).toContain('::error::SLO gate fail: checkout-availability: error budget spent');
    expect(failed.result).toMatchObject({ verdict: 'fail', findings: [{ rule: 'slo-budget', severity: 'error' }] });

    const excused = await gate(
      { specs: 'search.yaml\ncheckout.yaml', 'prometheus-url': prometheus.url },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(workspace, 'event.json') },
    );
    expect(excused.outputs.verdict).toBe('pass');
    expect(excused.result).toMatchObject({ verdict: 'pass', source: { pullRequest: 7 }, details: { labels: ['reliability-fix'] } });
  });

  it('applies an inline policy', async () => {
    const { outputs, summary } = await gate({ specs: 'search.yaml', 'prometheus-url': prometheus.url, policy: 'min-budget-remaining: 0.6' });
    expect(outputs.verdict).toBe('fail');
    expect(summary).toContain('below the policy minimum of 60 %');
  });

  it('masks every header value before anything is logged', async () => {
    const { stdout, outputs } = await gate({
      specs: 'search.yaml',
      'prometheus-url': prometheus.url,
      'prometheus-headers': 'Authorization: Bearer s3cr3t-token\nX-Scope-OrgID: team-a',
    });
    expect(stdout).toContain('::add-mask::Bearer s3cr3t-token');
    expect(stdout).toContain('::add-mask::team-a');
    expect(outputs.verdict).toBe('pass');
  });

  it('fails with the reason and a result file of verdict error when Prometheus is unreachable', async () => {
    const port = await closedPort();
    const { outputs, stdout, exitCode, result } = await gate({ specs: 'search.yaml', 'prometheus-url': `http://127.0.0.1:${port}` });
    expect(exitCode).toBe(1);
    expect(outputs.verdict).toBe('fail');
    expect(stdout).toContain(`::error::Prometheus at http://127.0.0.1:${port}/api/v1/query refused the connection`);
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ verdict: 'error', findings: [{ rule: 'slo-gate-error' }] });
  });

  it('records a policy file by path and git blob SHA in the result, and refuses one outside the workspace', async () => {
    writeFileSync(join(workspace, 'slo-policy.yaml'), 'min-budget-remaining: 0.1\n');
    const { result } = await gate({ specs: 'search.yaml', 'prometheus-url': prometheus.url, policy: 'slo-policy.yaml' });
    expect(result.source).toMatchObject({ configPath: 'slo-policy.yaml', configSha: gitBlobSha(Buffer.from('min-budget-remaining: 0.1\n')) });
    const outside = await gate({ specs: 'search.yaml', 'prometheus-url': prometheus.url, policy: '../slo-policy.yaml' });
    expect(outside.exitCode).toBe(1);
    expect(outside.result).toMatchObject({ verdict: 'error', summary: expect.stringContaining("input policy: '../slo-policy.yaml' is outside the workspace") });
  });

  it('marks each problem of a spec file on its repository-relative file and line, and still writes a summary', async () => {
    writeFileSync(join(workspace, 'broken.yaml'), 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\nspec:\n  budgetingMethod: Occurrences\n  objectives: [{target: 2}]\n');
    const { stdout, summary, exitCode, result } = await gate({ specs: 'broken.yaml', 'prometheus-url': prometheus.url });
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/^::error title=slo-gate%3A invalid SLO spec \(3 problems\),file=broken\.yaml,line=5,col=3::spec: missing required key "service"/m);
    expect(stdout).toMatch(/^::error title=[^:]*,file=broken\.yaml,line=6,col=25::spec\.objectives\[0\]\.target: must be < 1/m);
    // Neither the log, the summary nor the result file names the runner's own paths.
    expect(stdout).not.toContain(workspace);
    expect(JSON.stringify(result)).not.toContain(workspace);
    expect(result).toMatchObject({ verdict: 'error', summary: 'could not decide: broken.yaml:5:3: invalid SLO spec (3 problems):' });
    expect(summary).toContain('### ❌ slo-gate: could not decide');
    expect(summary).toContain('| `broken.yaml:6:25` | spec.objectives\\[0\\].target: must be \\< 1 |');
    expect(summary).toContain('**What to do:** see the schema in policy/schemas/');
  });

  it('writes a summary naming the input when an input is wrong', async () => {
    const { summary } = await gate({ specs: 'nope.yaml', 'prometheus-url': prometheus.url });
    expect(summary).toContain('### ❌ slo-gate: could not decide');
    expect(summary).toContain('input specs: "nope.yaml" does not exist in the workspace');
  });

  it('fails on bad input, naming the input', async () => {
    const missing = await gate({ specs: 'nope.yaml', 'prometheus-url': prometheus.url });
    expect(missing.stdout).toContain('::error::input specs: "nope.yaml" does not exist in the workspace');
    const headers = await gate({ specs: 'search.yaml', 'prometheus-url': prometheus.url, 'prometheus-headers': 'just-a-token' });
    expect(headers.stdout).toContain('::error::input prometheus-headers: every line must look like "Name: value"');
    // A line without a name may be a bare token: it is masked before the error is printed.
    expect(headers.stdout).toContain('::add-mask::just-a-token');
  });

  it('documents every input and output of action.yml', () => {
    const manifest = parse(readFileSync(new URL('../../actions/slo-gate/action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { description: string }>;
      outputs: Record<string, { description: string }>;
    };
    const docs = readFileSync(new URL('../../docs/actions/slo-gate.md', import.meta.url), 'utf8');
    for (const name of [...Object.keys(manifest.inputs), ...Object.keys(manifest.outputs)]) expect(docs).toContain(`\`${name}\``);
  });
});
