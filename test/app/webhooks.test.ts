/**
 * The app as GitHub drives it: signed deliveries of GitHub's own example payloads to the HTTP
 * server, GitHub answered by nock, and every request the app sends checked against GitHub's
 * OpenAPI description.
 */
import { strToU8, zipSync } from 'fflate';
import nock from 'nock';
import type { RunningAppServer } from '../../app/server.ts';
import { COMMENT_MARKER } from '../../app/sticky-comment.ts';
import { createResult } from '../../core/result.ts';
import { SECRET, useAppHarness } from '../support/app-harness.ts';
import type { GitHubRequestWatch } from '../support/github-openapi.ts';
import { deliver, examplePayload } from '../support/webhook-delivery.ts';

const app = useAppHarness();
const { bodies } = app;
let github: nock.Scope;
let watch: GitHubRequestWatch;
let server: RunningAppServer;
const noConfig = (owner: string, repo: string) => app.noConfig(owner, repo);
beforeEach(() => {
  ({ github, watch, server } = app);
});

function zipOf(value: unknown): Buffer {
  return Buffer.from(zipSync({ 'faultline-result.json': strToU8(JSON.stringify(value)) }));
}

const at = new Date('2026-11-25T10:00:00Z');
const failingMigrations = createResult({
  kind: 'migrations',
  name: 'migration-gate',
  verdict: 'fail',
  summary: '1 error',
  startedAt: at,
  finishedAt: at,
  findings: [
    { rule: 'non-concurrent-index', severity: 'error', message: 'CREATE INDEX blocks writes on orders', path: 'db/V3__idx.sql', line: 2, column: 1, help: 'CREATE INDEX CONCURRENTLY …' },
  ],
});

describe('webhook deliveries', () => {
  it('rejects an unsigned delivery with 401 and touches nothing', async () => {
    const response = await deliver(server.url, SECRET, 'pull_request', examplePayload('pull_request', 'synchronize'), { signature: null });
    expect(response.status).toBe(401);
    expect(watch.requests).toEqual([]);
  });

  it('rejects a delivery signed with another secret with 401', async () => {
    const response = await deliver(server.url, 'not-the-secret', 'pull_request', examplePayload('pull_request', 'synchronize'));
    expect(response.status).toBe(401);
    expect(response.body).toContain('signature');
    expect(watch.requests).toEqual([]);
  });

  it('answers /healthz and exposes metrics about what it did', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('faultline_app_webhook_events_total{event="unverified",outcome="rejected"}');
  });
});

describe('a pull request is pushed to', () => {
  it('decides the live SLO gate on the new head and posts the comment, in at most six requests', async () => {
    const payload = examplePayload('pull_request', 'synchronize');
    const pr = payload.pull_request as { number: number; head: { sha: string } };
    noConfig('Codertocat', 'Hello-World');
    github
      .get(`/repos/Codertocat/Hello-World/issues/${pr.number}/comments`)
      .query(true)
      .reply(200, [])
      .post('/repos/Codertocat/Hello-World/check-runs')
      .reply(201, { id: 1 })
      .post(`/repos/Codertocat/Hello-World/issues/${pr.number}/comments`)
      .reply(201, { id: 7, body: 'x', user: { login: 'faultline[bot]', type: 'Bot' } })
      .get(`/repos/Codertocat/Hello-World/issues/${pr.number}/comments`)
      .query(true)
      .reply(200, [{ id: 7, body: `${COMMENT_MARKER}\n…`, user: { login: 'faultline[bot]', type: 'Bot' }, created_at: at.toISOString() }]);

    const response = await deliver(server.url, SECRET, 'pull_request', payload);
    // The throttling plugin spaces writes (a new comment 3 s after the last one); on a loaded machine
    // that can pass the 9 s after which the app answers 202 and works on: wait for the comment.
    expect([200, 202]).toContain(response.status);
    for (let i = 0; i < 600 && bodies(`POST /repos/Codertocat/Hello-World/issues/${pr.number}/comments`).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    watch.verify();
    const [checkRun] = bodies('POST /repos/Codertocat/Hello-World/check-runs');
    const comment = String(bodies(`POST /repos/Codertocat/Hello-World/issues/${pr.number}/comments`)[0]?.body);
    expect(checkRun).toMatchObject({ name: 'faultline/slo-budget', head_sha: pr.head.sha, status: 'completed', conclusion: 'neutral' });
    expect(comment).toContain(COMMENT_MARKER);
    expect(comment).toContain('⏳ pending');
    const repoRequests = watch.requests.filter((r) => r.includes('/repos/Codertocat/Hello-World/'));
    expect(repoRequests.length).toBeLessThanOrEqual(6);
  });
});

describe('a workflow run completes', () => {
  function runPayload(nth: number) {
    const payload = examplePayload('workflow_run', 'completed', nth);
    const run = payload.workflow_run as { id: number; head_sha: string; path: string };
    return { payload, run };
  }

  const WORKFLOW_TEXT = 'on: pull_request\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/faultline/actions/migration-gate@v1\n';

  /** The run's workflow is the default branch's, byte for byte. */
  function trustedWorkflow(run: { path: string; head_sha: string }) {
    app.gitFiles('octo-org', 'octo-repo', { [`master:${run.path}`]: WORKFLOW_TEXT, [`${run.head_sha}:${run.path}`]: WORKFLOW_TEXT });
  }

  /** As the action writes it: tied to the run's commit, id and attempt (no config on the default branch). */
  function fromRun(run: { id: number; head_sha: string }, result: typeof failingMigrations) {
    return { ...result, source: { sha: run.head_sha, runId: String(run.id), runAttempt: '1' } };
  }

  function runsWithArtifact(run: { id: number; head_sha: string; path: string }, result: typeof failingMigrations) {
    github
      .get('/repos/octo-org/octo-repo/actions/runs')
      .query((q) => q.head_sha === run.head_sha)
      .reply(200, { total_count: 1, workflow_runs: [{ id: run.id, run_attempt: 1, path: run.path, head_sha: run.head_sha, head_branch: 'master', status: 'completed', pull_requests: [] }] })
      .get(`/repos/octo-org/octo-repo/actions/runs/${run.id}/artifacts`)
      .query(true)
      .reply(200, { total_count: 1, artifacts: [{ id: 55, name: 'faultline-migrations', expired: false }] })
      .get('/repos/octo-org/octo-repo/actions/artifacts/55/zip')
      .reply(302, '', { location: 'https://pipelines.actions.githubusercontent.com/artifact/55.zip' });
    nock('https://pipelines.actions.githubusercontent.com').get('/artifact/55.zip').reply(200, zipOf(fromRun(run, result)), { 'content-type': 'application/zip' });
  }

  it('publishes the failing migrations verdict with annotations on the pull request head', async () => {
    const { payload, run } = runPayload(2);
    trustedWorkflow(run);
    noConfig('octo-org', 'octo-repo');
    github
      .get('/repos/octo-org/octo-repo/pulls/2')
      .reply(200, { number: 2, state: 'open', head: { sha: run.head_sha }, base: { sha: 'b'.repeat(40), ref: 'master' }, labels: [] });
    runsWithArtifact(run, failingMigrations);
    github
      .get('/repos/octo-org/octo-repo/issues/2/comments')
      .query(true)
      .reply(200, [])
      .get(`/repos/octo-org/octo-repo/commits/${run.head_sha}/check-runs`)
      .query(true)
      .times(4)
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/octo-org/octo-repo/check-runs')
      .times(4)
      .reply(201, { id: 9 })
      .post('/repos/octo-org/octo-repo/issues/2/comments')
      .reply(201, { id: 8 })
      .get('/repos/octo-org/octo-repo/issues/2/comments')
      .query(true)
      .reply(200, []);

    const response = await deliver(server.url, SECRET, 'workflow_run', payload);
    // A loaded machine may answer `202 still processing`; the handler's effects are complete once idle.
    expect([200, 202]).toContain(response.status);
    await app.idle();
    watch.verify();
    const published = Object.fromEntries(bodies('POST /repos/octo-org/octo-repo/check-runs').map((b) => [b.name as string, b]));
    expect(published['faultline/migrations']).toMatchObject({ conclusion: 'failure', status: 'completed', head_sha: run.head_sha });
    const output = published['faultline/migrations']!.output as { annotations: { path: string; start_line: number; annotation_level: string }[] };
    expect(output.annotations).toEqual([expect.objectContaining({ path: 'db/V3__idx.sql', start_line: 2, annotation_level: 'failure' })]);
    expect(published['faultline/chaos']).toMatchObject({ conclusion: 'neutral' });
  });

  it('ignores results of a workflow the pull request changed, and still concludes the gates instead of leaving them waiting', async () => {
    const { payload, run } = runPayload(2);
    // Another attempt than the other tests' run: the app caches what it learnt about each attempt.
    (payload.workflow_run as { run_attempt: number }).run_attempt = 2;
    app.gitFiles('octo-org', 'octo-repo', { [`master:${run.path}`]: WORKFLOW_TEXT, [`${run.head_sha}:${run.path}`]: `${WORKFLOW_TEXT}    # gate skipped\n` });
    app.config('octo-org', 'octo-repo', 'migrations:\n  paths: [db/**]\n');
    github
      .get('/repos/octo-org/octo-repo/pulls/2')
      .reply(200, { number: 2, state: 'open', head: { sha: run.head_sha }, base: { sha: 'b'.repeat(40), ref: 'master' }, labels: [] })
      .get('/repos/octo-org/octo-repo/pulls/2/files')
      .query(true)
      .reply(200, [{ filename: 'db/V3__drop.sql', status: 'added' }, { filename: run.path, status: 'modified' }])
      .get('/repos/octo-org/octo-repo/actions/runs')
      .query((q) => q.head_sha === run.head_sha)
      .reply(200, { total_count: 1, workflow_runs: [{ id: run.id, run_attempt: 2, path: run.path, head_sha: run.head_sha, head_branch: 'master', status: 'completed', pull_requests: [] }] })
      .get('/repos/octo-org/octo-repo/issues/2/comments')
      .query(true)
      .times(2)
      .reply(200, [])
      .get(`/repos/octo-org/octo-repo/commits/${run.head_sha}/check-runs`)
      .query(true)
      .times(4)
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/octo-org/octo-repo/check-runs')
      .times(4)
      .reply(201, { id: 9 })
      .post('/repos/octo-org/octo-repo/issues/2/comments')
      .reply(201, { id: 8 });
    const response = await deliver(server.url, SECRET, 'workflow_run', payload);
    // A loaded machine may answer `202 still processing`; the handler's effects are complete once idle.
    expect([200, 202]).toContain(response.status);
    await app.idle();
    watch.verify();
    // The run's artifacts are never read, and no gate is left in_progress.
    expect(watch.requests.some((r) => r.includes('/artifacts'))).toBe(false);
    const published = Object.fromEntries(bodies('POST /repos/octo-org/octo-repo/check-runs').map((b) => [b.name as string, b]));
    expect(published['faultline/migrations']).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'This pull request changes the gate itself' } });
    expect((published['faultline/migrations']!.output as { summary: string }).summary).toContain(`this pull request changes the gate itself: \`${run.path}\`; ask a maintainer for an override`);
    expect(published['faultline/chaos']).toMatchObject({ status: 'completed', conclusion: 'neutral' });
  });

  it('fails a merge group’s migrations gate when its run reported nothing, judging by the queued pull request’s files', async () => {
    const { payload, run } = runPayload(1);
    (payload.workflow_run as { head_branch: string; run_attempt: number }).head_branch = `gh-readonly-queue/master/pr-7-${'d'.repeat(40)}`;
    // Another attempt than the other tests' run: the app caches what it learnt about each attempt.
    (payload.workflow_run as { run_attempt: number }).run_attempt = 3;
    trustedWorkflow(run);
    app.config('octo-org', 'octo-repo', 'migrations:\n  paths: [db/**]\n');
    github
      .get(`/repos/octo-org/octo-repo/actions/runs/${run.id}/artifacts`)
      .query(true)
      .reply(200, { total_count: 0, artifacts: [] })
      .get('/repos/octo-org/octo-repo/actions/runs')
      .query((q) => q.head_sha === run.head_sha)
      .reply(200, { total_count: 1, workflow_runs: [{ id: run.id, run_attempt: 3, path: run.path, head_sha: run.head_sha, head_branch: 'x', status: 'completed', pull_requests: [] }] })
      .get('/repos/octo-org/octo-repo/pulls/7/files')
      .query(true)
      .reply(200, [{ filename: 'db/V9__drop.sql', status: 'added' }])
      .get(`/repos/octo-org/octo-repo/commits/${run.head_sha}/check-runs`)
      .query(true)
      .times(3)
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/octo-org/octo-repo/check-runs')
      .times(3)
      .reply(201, { id: 9 });
    const response = await deliver(server.url, SECRET, 'workflow_run', payload);
    expect([200, 202]).toContain(response.status);
    for (let i = 0; i < 600 && bodies('POST /repos/octo-org/octo-repo/check-runs').length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    watch.verify();
    const published = Object.fromEntries(bodies('POST /repos/octo-org/octo-repo/check-runs').map((b) => [b.name as string, b]));
    expect(published['faultline/migrations']).toMatchObject({ head_sha: run.head_sha, status: 'completed', conclusion: 'failure', output: { title: 'No trusted result' } });
    expect(published['faultline/chaos']).toMatchObject({ conclusion: 'neutral' });
  });

  it('finds a fork pull request by owner:branch when the payload lists none', async () => {
    const { payload, run } = runPayload(1);
    (payload.workflow_run as { head_repository: { owner: { login: string } }; head_branch: string }).head_repository.owner.login = 'forker';
    (payload.workflow_run as { head_branch: string }).head_branch = 'feature';
    trustedWorkflow(run);
    github
      .get('/repos/octo-org/octo-repo/pulls')
      .query((q) => q.head === 'forker:feature' && q.state === 'open')
      .reply(200, [{ number: 31, head: { sha: run.head_sha } }])
      .get('/repos/octo-org/octo-repo/pulls/31')
      .reply(200, { number: 31, state: 'closed', head: { sha: run.head_sha }, base: { sha: 'b'.repeat(40), ref: 'master' }, labels: [] });
    const response = await deliver(server.url, SECRET, 'workflow_run', payload);
    // A loaded machine may answer `202 still processing`; the handler's effects are complete once idle.
    expect([200, 202]).toContain(response.status);
    await app.idle();
    watch.verify();
    expect(watch.requests).toContain('GET https://api.github.com/repos/octo-org/octo-repo/pulls/31');
  });
});
