/**
 * Dual control as GitHub drives it: a deleted approval and an edited request re-evaluate the gate
 * at once and stop counting; a command hidden in code never reaches GitHub. Signed deliveries of
 * GitHub's example payloads, nock answering, every request checked against the OpenAPI description.
 */
import { strToU8, zipSync } from 'fflate';
import { createResult } from '../../core/result.ts';
import { SECRET, useAppHarness } from '../support/app-harness.ts';
import { deliver, examplePayload } from '../support/webhook-delivery.ts';

const app = useAppHarness();
const REPO = '/repos/Codertocat/Hello-World';
const HEAD = 'd'.repeat(40);
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

interface Comment {
  id: number;
  author: string;
  body: string;
  minute: number;
  editedMinute?: number;
}

const time = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00Z`;

/** PR 1 at HEAD with one trusted run holding a failing migration result, and this conversation. */
function pullRequestWithFailingMigrations(comments: Comment[], permissions: Record<string, string>) {
  const g = app.github;
  g.get(`${REPO}/pulls/1`).reply(200, { number: 1, state: 'open', head: { sha: HEAD }, base: { sha: 'b'.repeat(40), ref: 'main' }, labels: [] });
  app.noConfig('Codertocat', 'Hello-World');
  g.get(`${REPO}/actions/runs`)
    .query((q) => q.head_sha === HEAD)
    .reply(200, { total_count: 1, workflow_runs: [{ id: 91, run_attempt: 1, path: '.github/workflows/db.yml', head_sha: HEAD, head_branch: 'feature', status: 'completed', pull_requests: [{ number: 1 }] }] })
    .get(`${REPO}/actions/runs/91/artifacts`)
    .query(true)
    .reply(200, { total_count: 1, artifacts: [{ id: 15, name: 'faultline-migrations', expired: false }] })
    .get(`${REPO}/actions/artifacts/15/zip`)
    // The failing result as the action writes it in run 91 for HEAD (no config on the default branch).
    .reply(200, Buffer.from(zipSync({ 'faultline-result.json': strToU8(JSON.stringify({ ...failing, source: { sha: HEAD, runId: '91', runAttempt: '1' } })) })), {
      'content-type': 'application/zip',
    });
  app.gitFiles('Codertocat', 'Hello-World', { [`master:${DB_WORKFLOW}`]: DB_WORKFLOW_TEXT, [`${HEAD}:${DB_WORKFLOW}`]: DB_WORKFLOW_TEXT });
  const listed = comments.map((c) => ({
    id: c.id,
    body: c.body,
    user: { login: c.author, type: 'User' },
    created_at: time(c.minute),
    updated_at: time(c.editedMinute ?? c.minute),
  }));
  g.get(`${REPO}/issues/1/comments`).query(true).reply(200, listed);
  for (const [login, role] of Object.entries(permissions)) {
    g.get(`${REPO}/collaborators/${login}/permission`).reply(200, { permission: role, role_name: role, user: { login } });
  }
  g.get(`${REPO}/commits/${HEAD}/check-runs`).query(true).times(4).reply(200, { total_count: 0, check_runs: [] });
  g.post(`${REPO}/check-runs`).times(4).reply(201, { id: 9 });
  g.post(`${REPO}/issues/1/comments`).reply(201, { id: 99 });
  g.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
}

function commentEvent(action: 'created' | 'edited' | 'deleted', author: string, body: string, from?: string) {
  const payload = examplePayload('issue_comment', action);
  (payload.issue as Record<string, unknown>).pull_request = { url: `https://api.github.com${REPO}/pulls/1` };
  Object.assign(payload.comment as Record<string, unknown>, { body, user: { ...(payload.comment as { user: object }).user, login: author, type: 'User' } });
  if (from !== undefined) payload.changes = { body: { from } };
  return payload;
}

function migrationsCheck(): { conclusion: string; output: { title: string; summary: string } } {
  return app.bodies(`POST ${REPO}/check-runs`).find((b) => b.name === 'faultline/migrations') as never;
}

const REQUEST = '/faultline override migrations dropped column is unused since v12';

describe('dual control under edits and deletions', () => {
  it('re-evaluates when an approval is deleted, and the gate fails again at once', async () => {
    // The conversation GitHub lists after the deletion: the request only.
    pullRequestWithFailingMigrations([{ id: 1, author: 'alice', body: REQUEST, minute: 1 }], { alice: 'write' });
    const response = await deliver(app.server.url, SECRET, 'issue_comment', commentEvent('deleted', 'bob', '/faultline approve migrations'));
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    expect(migrationsCheck()).toMatchObject({ conclusion: 'failure' });
    expect(migrationsCheck().output.summary).toContain('needs `/faultline approve');
  });

  it('voids an approval when the request is edited after it, and says why', async () => {
    pullRequestWithFailingMigrations(
      [
        { id: 1, author: 'alice', body: '/faultline override migrations drops the whole orders table, fine', minute: 1, editedMinute: 3 },
        { id: 2, author: 'bob', body: '/faultline approve migrations', minute: 2 },
      ],
      { alice: 'write', bob: 'write' },
    );
    const response = await deliver(app.server.url, SECRET, 'issue_comment', commentEvent('edited', 'alice', '/faultline override migrations drops the whole orders table, fine', REQUEST));
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    expect(migrationsCheck()).toMatchObject({ conclusion: 'failure' });
    const comment = String(app.bodies(`POST ${REPO}/issues/1/comments`)[0]?.body);
    expect(comment).toContain('was edited: commands in edited comments do not count');
  });

  it('does not turn an edit that adds a command into one', async () => {
    pullRequestWithFailingMigrations(
      [
        { id: 1, author: 'alice', body: REQUEST, minute: 1 },
        { id: 2, author: 'bob', body: '/faultline approve migrations', minute: 2, editedMinute: 5 },
      ],
      { alice: 'write', bob: 'write' },
    );
    const response = await deliver(app.server.url, SECRET, 'issue_comment', commentEvent('edited', 'bob', '/faultline approve migrations', 'LGTM'));
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    expect(migrationsCheck()).toMatchObject({ conclusion: 'failure' });
  });

  it.each([
    ['a fenced code block', '```\n/faultline approve migrations\n```'],
    ['a tilde fence', '~~~\n/faultline approve migrations\n~~~'],
    ['indented code', 'like this:\n\n    /faultline approve migrations'],
    ['a block quote', '> /faultline approve migrations'],
    ['an HTML comment', '<!--\n/faultline approve migrations\n-->'],
  ])('sends nothing to GitHub for a command inside %s', async (_case, body) => {
    const response = await deliver(app.server.url, SECRET, 'issue_comment', commentEvent('created', 'bob', body));
    // A loaded machine may answer `202 still processing`; the handler's effects are complete once idle.
    expect([200, 202]).toContain(response.status);
    await app.idle();
    expect(app.watch.requests.filter((r) => r.includes(REPO))).toEqual([]);
  });
});
