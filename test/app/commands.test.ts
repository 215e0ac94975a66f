/**
 * Pull-request commands, invalid config, merge queues and re-run requests, driven by GitHub's
 * example payloads with nock answering and every request checked against the OpenAPI description.
 */
import { strToU8, zipSync } from 'fflate';
import nock from 'nock';
import { createResult } from '../../core/result.ts';
import { SECRET, useAppHarness } from '../support/app-harness.ts';
import { deliver, examplePayload } from '../support/webhook-delivery.ts';

const app = useAppHarness();
const REPO = '/repos/Codertocat/Hello-World';
const HEAD = 'c'.repeat(40);
const at = new Date('2026-11-25T10:00:00Z');
const failing = createResult({
  kind: 'migrations',
  name: 'migration-gate',
  verdict: 'fail',
  summary: '1 error',
  startedAt: at,
  finishedAt: at,
  findings: [{ rule: 'drop-column', severity: 'error', message: 'drops orders.note', path: 'db/V7__drop.sql', line: 1 }],
});

const DB_WORKFLOW = '.github/workflows/db.yml';
const DB_WORKFLOW_TEXT = 'on: pull_request\njobs:\n  db:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/faultline/actions/migration-gate@v1\n';

/** The failing result as the action writes it in run `id` for commit `sha` (no config on the default branch). */
function failingZip(sha: string, id: number): Buffer {
  return Buffer.from(zipSync({ 'faultline-result.json': strToU8(JSON.stringify({ ...failing, source: { sha, runId: String(id), runAttempt: '1' } })) }));
}

interface Comment {
  id: number;
  author: string;
  body: string;
  minute: number;
}

/** PR 1 at HEAD, with one trusted run whose artifact holds a failing migration result. */
function pullRequestWithFailingMigrations(comments: Comment[], permissions: Record<string, string>) {
  const g = app.github;
  g.get(`${REPO}/pulls/1`).reply(200, { number: 1, state: 'open', head: { sha: HEAD }, base: { sha: 'b'.repeat(40), ref: 'main' }, labels: [] });
  app.noConfig('Codertocat', 'Hello-World');
  g.get(`${REPO}/actions/runs`)
    .query((q) => q.head_sha === HEAD)
    .reply(200, { total_count: 1, workflow_runs: [{ id: 77, run_attempt: 1, name: 'db', html_url: 'https://github.com/Codertocat/Hello-World/actions/runs/77', path: '.github/workflows/db.yml', head_sha: HEAD, head_branch: 'feature', status: 'completed', pull_requests: [{ number: 1 }] }] })
    .get(`${REPO}/actions/runs/77/artifacts`)
    .query(true)
    .reply(200, { total_count: 1, artifacts: [{ id: 5, name: 'faultline-migrations', expired: false }] })
    .get(`${REPO}/actions/artifacts/5/zip`)
    .reply(200, failingZip(HEAD, 77), { 'content-type': 'application/zip' });
  app.gitFiles('Codertocat', 'Hello-World', { [`master:${DB_WORKFLOW}`]: DB_WORKFLOW_TEXT, [`${HEAD}:${DB_WORKFLOW}`]: DB_WORKFLOW_TEXT });
  const listed = comments.map((c) => ({
    id: c.id,
    body: c.body,
    user: { login: c.author, type: 'User' },
    created_at: `2026-11-25T10:${String(c.minute).padStart(2, '0')}:00Z`,
  }));
  g.get(`${REPO}/issues/1/comments`).query(true).times(2).reply(200, listed);
  for (const [login, role] of Object.entries(permissions)) {
    g.get(`${REPO}/collaborators/${login}/permission`).reply(200, { permission: role === 'maintain' ? 'write' : role, role_name: role, user: { login } });
  }
  g.get(`${REPO}/commits/${HEAD}/check-runs`).query(true).times(4).reply(200, { total_count: 0, check_runs: [] });
  g.post(`${REPO}/check-runs`).times(4).reply(201, { id: 9 });
  g.post(`${REPO}/issues/1/comments`).reply(201, { id: 99 });
  g.post(/\/issues\/comments\/\d+\/reactions/).reply(201, { id: 1, content: 'eyes' });
}

function commentDelivery(author: string, body: string) {
  const payload = examplePayload('issue_comment', 'created');
  (payload.issue as Record<string, unknown>).pull_request = { url: `https://api.github.com${REPO}/pulls/1` };
  Object.assign(payload.comment as Record<string, unknown>, { body, user: { ...(payload.comment as { user: object }).user, login: author, type: 'User' } });
  return payload;
}

function migrationsCheck(): Record<string, unknown> {
  return app.bodies(`POST ${REPO}/check-runs`).find((b) => b.name === 'faultline/migrations')!;
}

describe('overrides need two people', () => {
  it('keeps the gate failing when the requester approves their own override', async () => {
    pullRequestWithFailingMigrations(
      [
        { id: 1, author: 'alice', body: '/faultline override migrations dropped column is unused since v12', minute: 1 },
        { id: 2, author: 'alice', body: '/faultline approve migrations', minute: 2 },
      ],
      { alice: 'write' },
    );
    const response = await deliver(app.server.url, SECRET, 'issue_comment', commentDelivery('alice', '/faultline approve migrations'));
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    const check = migrationsCheck();
    expect(check).toMatchObject({ conclusion: 'failure', head_sha: HEAD });
    expect((check.output as { summary: string }).summary).toContain('Override requested by @alice');
    const comment = String(app.bodies(`POST ${REPO}/issues/1/comments`)[0]?.body);
    expect(comment).toContain('cannot approve their own override');
    expect(comment).toContain('[db](https://github.com/Codertocat/Hello-World/actions/runs/77)');
  });

  it('passes the gate once a second person with write access approves, and records who', async () => {
    pullRequestWithFailingMigrations(
      [
        { id: 1, author: 'alice', body: '/faultline override migrations dropped column is unused since v12', minute: 1 },
        { id: 2, author: 'bob', body: '/faultline approve migrations', minute: 2 },
      ],
      { alice: 'write', bob: 'maintain' },
    );
    const response = await deliver(app.server.url, SECRET, 'issue_comment', commentDelivery('bob', '/faultline approve migrations'));
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    const check = migrationsCheck();
    expect(check).toMatchObject({ conclusion: 'success' });
    expect((check.output as { title: string }).title).toBe('Overridden by @alice, approved by @bob');
  });

  it('does nothing for comments without a command', async () => {
    const response = await deliver(app.server.url, SECRET, 'issue_comment', commentDelivery('carol', 'LGTM, ship it'));
    // A loaded machine may answer `202 still processing`; the handler's effects are complete once idle.
    expect([200, 202]).toContain(response.status);
    await app.idle();
    expect(app.watch.requests.filter((r) => r.includes(REPO))).toEqual([]);
  });
});

describe('an invalid .github/faultline.yml', () => {
  it('makes every check run report the problem with key and line instead of a verdict', async () => {
    const payload = examplePayload('check_suite', 'requested');
    const suite = payload.check_suite as { head_sha: string };
    const yaml = 'migrations:\n  pg-version: 9\nslo:\n  servces: {}\n';
    app.config('Codertocat', 'Hello-World', yaml);
    app.github.get(`${REPO}/commits/${suite.head_sha}/check-runs`).query(true).times(3).reply(200, { total_count: 0, check_runs: [] });
    app.github.post(`${REPO}/check-runs`).times(3).reply(201, { id: 3 });
    const response = await deliver(app.server.url, SECRET, 'check_suite', payload);
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    const checks = app.bodies(`POST ${REPO}/check-runs`);
    expect(checks.map((c) => c.name).sort()).toEqual(['faultline/chaos', 'faultline/migrations', 'faultline/security']);
    for (const check of checks) {
      expect(check).toMatchObject({ head_sha: suite.head_sha, conclusion: 'failure', output: { title: 'Invalid .github/faultline.yml' } });
      const summary = (check.output as { summary: string }).summary;
      expect(summary).toContain('Codertocat/Hello-World:.github/faultline.yml:2:3: migrations.pg-version: must be >= 11');
      expect(summary).toContain('Codertocat/Hello-World:.github/faultline.yml:4:3: slo.servces: unknown key "servces"');
    }
  });
});

describe('merge queues and re-runs', () => {
  it('reports every check on the merge group commit', async () => {
    const payload = examplePayload('merge_group', 'checks_requested');
    const group = payload.merge_group as { head_sha: string };
    app.github.get('/repos/octo-org/octo-repo/contents/.github%2Ffaultline.yml').reply(404, { message: 'Not Found' });
    app.github.get('/repos/octo-org/.github/contents/.github%2Ffaultline.yml').reply(404, { message: 'Not Found' });
    app.github.post('/repos/octo-org/octo-repo/check-runs').times(4).reply(201, { id: 4 });
    const response = await deliver(app.server.url, SECRET, 'merge_group', payload);
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    const checks = app.bodies('POST /repos/octo-org/octo-repo/check-runs');
    expect(checks.map((c) => c.name).sort()).toEqual(['faultline/chaos', 'faultline/migrations', 'faultline/security', 'faultline/slo-budget']);
    expect(checks.every((c) => c.head_sha === group.head_sha)).toBe(true);
    expect(checks.find((c) => c.name === 'faultline/chaos')).toMatchObject({ status: 'in_progress' });
  });

  it('does not turn a published verdict back into "waiting" when a check_suite arrives late', async () => {
    const payload = examplePayload('check_suite', 'requested');
    const sha = (payload.check_suite as { head_sha: string }).head_sha;
    const g = app.github;
    app.noConfig('Codertocat', 'Hello-World');
    app.gitFiles('Codertocat', 'Hello-World', { [`master:${DB_WORKFLOW}`]: DB_WORKFLOW_TEXT, [`${sha}:${DB_WORKFLOW}`]: DB_WORKFLOW_TEXT });
    g.get(`${REPO}/actions/runs`)
      .query((q) => q.head_sha === sha)
      .reply(200, { total_count: 1, workflow_runs: [{ id: 78, run_attempt: 1, path: '.github/workflows/db.yml', head_sha: sha, head_branch: 'x', status: 'completed', pull_requests: [] }] })
      .get(`${REPO}/actions/runs/78/artifacts`)
      .query(true)
      .reply(200, { total_count: 1, artifacts: [{ id: 6, name: 'faultline-migrations', expired: false }] })
      .get(`${REPO}/actions/artifacts/6/zip`)
      .reply(200, failingZip(sha, 78), { 'content-type': 'application/zip' })
      .get(`${REPO}/commits/${sha}/check-runs`)
      .query(true)
      .times(2)
      .reply(200, { total_count: 1, check_runs: [{ id: 50, name: 'faultline/migrations', app: { id: 4242 } }] })
      .patch(`${REPO}/check-runs/50`)
      .reply(200, { id: 50 })
      .post(`${REPO}/check-runs`)
      .reply(201, { id: 51 });
    const response = await deliver(app.server.url, SECRET, 'check_suite', payload);
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    expect(app.bodies(`PATCH ${REPO}/check-runs/50`)[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(app.bodies(`POST ${REPO}/check-runs`)[0]).toMatchObject({ name: 'faultline/chaos', conclusion: 'neutral', status: 'completed' });
  });

  it('re-evaluates the pull request when someone presses Re-run on a check', async () => {
    const payload = examplePayload('check_run', 'requested_action');
    const repo = payload.repository as { owner: { login: string }; name: string };
    const base = `/repos/${repo.owner.login}/${repo.name}`;
    (payload.check_run as { pull_requests: unknown[] }).pull_requests = [{ number: 5, id: 5, url: '', head: { ref: 'x', sha: HEAD, repo: { id: 1, url: '', name: repo.name } }, base: { ref: 'main', sha: 'b'.repeat(40), repo: { id: 1, url: '', name: repo.name } } }];
    (payload.requested_action as { identifier: string }) = { identifier: 'rerun' };
    app.github.get(`${base}/pulls/5`).reply(200, { number: 5, state: 'closed', head: { sha: HEAD }, base: { sha: 'b'.repeat(40), ref: 'main' }, labels: [] });
    const response = await deliver(app.server.url, SECRET, 'check_run', payload);
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    expect(app.watch.requests).toContain(`GET https://api.github.com${base}/pulls/5`);
    nock.cleanAll();
  });
});
