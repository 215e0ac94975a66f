/**
 * The reusable pr-gates workflow run job by job the way a runner runs it (test/support/workflow-runner.ts):
 * the committed dists of migration-gate, security-gate and slo-gate with the inputs the workflow
 * gives them, on a pull request's checkout. GitHub's pull-request files API is a loopback server
 * whose every request is checked against GitHub's OpenAPI description; checkov and tflint, which
 * are not installed here, are stand-in executables with the real tools' arguments, outputs and exit
 * codes. Checks what the Faultline app later reads: one faultline-* artifact per gate that ran,
 * each a valid result, and the workflow's outputs.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { validateResult } from '../../core/result.ts';
import { checkGitHubRequest } from '../support/github-openapi.ts';
import { refusedPort } from '../support/refused-port.ts';
import { removeWorkflowDir, runWorkflow, workflowDir } from '../support/workflow-runner.ts';

const FIXTURES = new URL('../fixtures/scanners/', import.meta.url).pathname;
const HEAD_SHA = 'a'.repeat(40);

let dir: string;
let api: Server;
let apiUrl: string;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  api = createServer((request, response) => {
    const url = `http://localhost${request.url}`;
    requests.push(`${request.method} ${new URL(url).pathname}`);
    problems.push(...checkGitHubRequest(request.method ?? 'GET', url));
    if (request.method === 'GET' && new URL(url).pathname === '/repos/acme/shop/pulls/7/files') {
      const file = (filename: string, status: string) => ({ sha: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391', filename, status, additions: 1, deletions: 0, changes: 1, blob_url: '', raw_url: '', contents_url: '' });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify([file('db/migrations/002_orders_customer_index.sql', 'added'), file('infra/main.tf', 'modified')]));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"message":"Not Found"}');
  });
  await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => api.close(done));
});
beforeEach(() => {
  dir = workflowDir();
  requests.length = 0;
  problems.length = 0;
});
afterEach(() => removeWorkflowDir(dir));

/** The pull request's tree: one migration already on main, one the PR adds, and Terraform. */
function checkout(workspace: string): void {
  mkdirSync(join(workspace, 'db', 'migrations'), { recursive: true });
  mkdirSync(join(workspace, 'infra'));
  writeFileSync(join(workspace, 'db', 'migrations', '001_orders.sql'), 'CREATE INDEX orders_created ON orders (created_at);\n');
  writeFileSync(join(workspace, 'db', 'migrations', '002_orders_customer_index.sql'), 'CREATE INDEX orders_customer ON orders (customer_id);\n');
  writeFileSync(join(workspace, 'infra', 'main.tf'), 'resource "aws_s3_bucket" "evidence" {\n  bucket = "acme-evidence"\n}\n');
}

/** checkov and tflint as the gate runs them: their arguments, output files and exit codes. */
function scanners(): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const tool = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  tool('checkov', `if [ "$1" = "--version" ]; then echo 2.2.34; exit 0; fi\nwhile [ $# -gt 0 ]; do if [ "$1" = "--output-file-path" ]; then dir="$2"; fi; shift; done\ncp "${FIXTURES}checkov/checkov-json-terraform-4-failed-with-severity.json" "$dir/results_json.json"\nexit 1`);
  tool('tflint', `if [ "$1" = "--version" ]; then echo "TFLint version 0.50.3"; exit 0; fi\ncat "${FIXTURES}tflint/tflint-json-bundled-ruleset-6-warnings.json"\nexit 2`);
  return bin;
}

function pullRequestEnv(): Record<string, string> {
  const event = join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: HEAD_SHA, ref: 'add-index' }, base: { ref: 'main' } }, repository: { full_name: 'acme/shop' } }));
  return {
    PATH: `${scanners()}:${process.env.PATH}`,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: 'b'.repeat(40),
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_HEAD_REF: 'add-index',
    GITHUB_BASE_REF: 'main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'pull request',
    GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/pr.yml@refs/pull/7/merge',
  };
}

function artifact(run: { artifacts: string }, name: string, file: string): Record<string, unknown> {
  const result = JSON.parse(readFileSync(join(run.artifacts, name, file), 'utf8')) as Record<string, unknown>;
  expect(validateResult(result)).toEqual([]);
  return result;
}

describe('reusable workflow pr-gates.yml, run job by job', () => {
  it("gates the pull request's changed migration and its new IaC findings, and uploads a result per gate", async () => {
    const run = await runWorkflow({ workflow: 'pr-gates.yml', inputs: { 'migration-paths': 'db/migrations/*.sql' }, checkout, env: pullRequestEnv(), dir });

    // migrations: only the PR's file is linted (from the files API), and its blocking index fails the job.
    expect(run.jobs.migrations!.result).toBe('failure');
    expect(run.step('migrations', 'gate').outcome).toBe('failure');
    expect(requests).toContain('GET /repos/acme/shop/pulls/7/files');
    expect(problems).toEqual([]);
    const migrations = artifact(run, 'faultline-migrations', 'faultline-migrations-result.json');
    expect(migrations).toMatchObject({ kind: 'migrations', verdict: 'fail' });
    expect(JSON.stringify(migrations)).toContain('002_orders_customer_index.sql');
    expect(JSON.stringify(migrations)).not.toContain('001_orders.sql');
    expect(run.outputs['migrations-errors']).toBe('1');

    // security: checkov and tflint run by the gate; no baseline, so their high findings are new.
    expect(run.jobs.security!.result).toBe('failure');
    expect(run.step('security', 'gate').log).toContain('checkov exited 1: 4 finding(s)');
    expect(run.step('security', /upload-sarif/).outcome).toBe('success');
    expect(artifact(run, 'faultline-security', 'faultline-security-result.json')).toMatchObject({ kind: 'security', verdict: 'fail' });
    expect(run.outputs['security-verdict']).toBe('fail');

    // slo: without the Prometheus secret (a fork's pull request) the job runs nothing and uploads nothing.
    expect(run.jobs.slo!.result).toBe('success');
    expect(run.jobs.slo!.steps.filter((s) => s.outcome !== 'skipped').map((s) => s.label)).toEqual(['secret']);
    expect(() => readFileSync(join(run.artifacts, 'faultline-slo', 'faultline-slo-result.json'))).toThrow();
  }, 300_000);

  it('runs the SLO gate when the caller passes the Prometheus secret, and an unreachable Prometheus fails closed with a result', async () => {
    const run = await runWorkflow({
      workflow: 'pr-gates.yml',
      inputs: { migrations: false, security: false },
      secrets: { 'prometheus-url': `http://127.0.0.1:${refusedPort()}` },
      checkout: (workspace) => {
        checkout(workspace);
        mkdirSync(join(workspace, '.slo'));
        writeFileSync(
          join(workspace, '.slo', 'checkout.yaml'),
          'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: checkout-availability\nspec:\n  service: checkout\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n  timeWindow:\n    - duration: 28d\n      isRolling: true\n  indicator:\n    metadata:\n      name: checkout-errors\n    spec:\n      ratioMetric:\n        good:\n          metricSource:\n            type: Prometheus\n            spec:\n              query: sum(rate(http_requests_total{job="checkout",code!~"5.."}[{{.window}}]))\n        total:\n          metricSource:\n            type: Prometheus\n            spec:\n              query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))\n',
        );
      },
      env: pullRequestEnv(),
      dir,
    });
    expect(run.jobs.migrations!.result).toBe('skipped');
    expect(run.jobs.security!.result).toBe('skipped');
    expect(run.outputs).toEqual({ 'migrations-errors': '', 'security-verdict': '' });
    expect(run.jobs.slo!.result).toBe('failure');
    const slo = artifact(run, 'faultline-slo', 'faultline-slo-result.json');
    expect(slo).toMatchObject({ kind: 'slo', verdict: 'error' });
    expect(run.step('slo', /slo-gate/).log).toMatch(/refused|cannot reach|unreachable/i);
  }, 300_000);
});
