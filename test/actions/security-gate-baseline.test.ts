/**
 * baseline: artifact — the base branch's newest trusted faultline-security artifact, read through
 * the GitHub API (nock, every request checked against GitHub's OpenAPI description). run.ts runs
 * in-process because nock cannot reach the built action in a child process.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import nock from 'nock';
import { run } from '../../actions/security-gate/src/run.ts';
import { securityResult } from '../../core/report/security-json.ts';
import { evaluateSecurityGate } from '../../core/security/gate.ts';
import { readReportText } from '../../core/security/read-report.ts';
import { runActionInProcess } from '../support/action-run.ts';
import { expectValidGitHubRequests } from '../support/github-openapi.ts';
import { FIXTURES, fixtureText } from '../core/security/fixtures.ts';

const API = 'https://api.github.com';
const RUNS = '/repos/acme/shop/actions/workflows/security.yml/runs';
const ENV = {
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_BASE_REF: 'main',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/security.yml@refs/pull/7/merge',
  GITHUB_API_URL: API,
};

/** The zip the base branch's push run uploaded: its result file for the checkov fixture. */
function artifactZip(sha: string, runId: string, fixture = 'checkov/checkov-json-terraform-4-failed-with-severity.json'): Uint8Array {
  const reports = readReportText(fixtureText(fixture), fixture, { root: '/repo' });
  const result = securityResult(evaluateSecurityGate({ reports, failOn: 'high' }), { startedAt: new Date(), source: { repository: 'acme/shop', sha, runId } });
  return zipSync({ 'faultline-security-result.json': new TextEncoder().encode(JSON.stringify(result)) });
}

const workflowRun = (id: number, sha: string) => ({ id, head_sha: sha, head_branch: 'main', event: 'push', conclusion: 'success', status: 'completed' });
const artifact = (id: number) => ({ id, name: 'faultline-security', expired: false, size_in_bytes: 100 });

describe('actions/security-gate baseline: artifact', () => {
  let workspace: string;
  beforeAll(() => {
    nock.disableNetConnect();
    workspace = mkdtempSync(join(tmpdir(), 'faultline-security-baseline-'));
    mkdirSync(join(workspace, 'scans'));
    copyFileSync(join(FIXTURES, 'checkov/checkov-json-terraform-4-failed-with-severity.json'), join(workspace, 'scans/checkov.json'));
  });
  afterAll(() => {
    nock.enableNetConnect();
    rmSync(workspace, { recursive: true, force: true });
  });
  afterEach(() => nock.cleanAll());

  const gate = () => runActionInProcess(run, workspace, { 'checkov-json': 'scans/checkov.json', baseline: 'artifact', 'github-token': 'ghs_test' }, ENV);

  it('uses the newest push run whose result names that run and commit, skipping one that does not', async () => {
    const api = nock(API)
      .get(RUNS)
      .query({ branch: 'main', event: 'push', status: 'success', per_page: '10' })
      .reply(200, { total_count: 2, workflow_runs: [workflowRun(902, 'b'.repeat(40)), workflowRun(901, 'a'.repeat(40))] })
      .get('/repos/acme/shop/actions/runs/902/artifacts')
      .query({ name: 'faultline-security', per_page: '100' })
      .reply(200, { total_count: 1, artifacts: [artifact(72)] })
      .get('/repos/acme/shop/actions/artifacts/72/zip')
      .reply(302, '', { location: 'https://blob.example.com/72.zip' })
      .get('/repos/acme/shop/actions/runs/901/artifacts')
      .query({ name: 'faultline-security', per_page: '100' })
      .reply(200, { total_count: 1, artifacts: [artifact(71)] })
      .get('/repos/acme/shop/actions/artifacts/71/zip')
      .reply(302, '', { location: 'https://blob.example.com/71.zip' });
    const blobs = nock('https://blob.example.com')
      // Run 902's artifact claims another run: a result copied from elsewhere is not trusted.
      .get('/72.zip')
      .reply(200, Buffer.from(artifactZip('b'.repeat(40), '1')), { 'content-type': 'application/zip' })
      .get('/71.zip')
      .reply(200, Buffer.from(artifactZip('a'.repeat(40), '901')), { 'content-type': 'application/zip' });
    const github = expectValidGitHubRequests(api);

    const { outputs, stdout } = await gate();
    expect(api.isDone() && blobs.isDone()).toBe(true);
    github.verify();
    expect(stdout).toContain('baseline: skipped run 902: its result names commit bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb and run 1, not the run\'s own');
    expect(outputs).toMatchObject({ verdict: 'pass', new: '0', fixed: '0' });
  });

  it('judges every finding as new, and says why, when the base branch has no run yet', async () => {
    const api = nock(API).get(RUNS).query(true).reply(200, { total_count: 0, workflow_runs: [] });
    const { outputs, stdout } = await gate();
    expect(api.isDone()).toBe(true);
    expect(stdout).toContain('::notice::no baseline: no successful push run on main yet; every finding is judged as new');
    expect(outputs).toMatchObject({ verdict: 'fail', new: '4' });
  });

  it('is an error asking for actions: read when GitHub refuses the listing', async () => {
    nock(API).get(RUNS).query(true).reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    const { outputs, stdout, result } = await gate();
    expect(outputs.verdict).toBe('error');
    expect(result).toMatchObject({ kind: 'security', verdict: 'error' });
    expect(stdout).toMatch(/::error::GitHub API: listing security\.yml runs on main failed \(HTTP 403\).*hint: give the job `permissions: actions: read`/);
  });
});
