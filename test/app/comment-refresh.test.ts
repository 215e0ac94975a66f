/**
 * The PR comment shows every Faultline check run, so it is refreshed whenever they change,
 * check_suite included (it used to update the check runs and leave the comment stale).
 */
import { COMMENT_MARKER } from '../../app/sticky-comment.ts';
import { SECRET, useAppHarness } from '../support/app-harness.ts';
import { deliver, examplePayload } from '../support/webhook-delivery.ts';

const app = useAppHarness();
const REPO = '/repos/Codertocat/Hello-World';

describe('the PR comment follows the check runs', () => {
  it('is refreshed after check_suite.requested on a pull request head', async () => {
    const payload = examplePayload('check_suite', 'requested');
    const suite = payload.check_suite as { head_sha: string; pull_requests: unknown[] };
    suite.pull_requests = [{ number: 2, id: 2, url: `https://api.github.com${REPO}/pulls/2`, head: { ref: 'changes', sha: suite.head_sha, repo: { id: 1, url: '', name: 'Hello-World' } }, base: { ref: 'master', sha: 'b'.repeat(40), repo: { id: 1, url: '', name: 'Hello-World' } } }];
    const g = app.github;
    g.get(`${REPO}/pulls/2`).reply(200, { number: 2, state: 'open', head: { sha: suite.head_sha }, base: { sha: 'b'.repeat(40), ref: 'master' }, labels: [] });
    app.noConfig('Codertocat', 'Hello-World');
    g.get(`${REPO}/actions/runs`)
      .query((q) => q.head_sha === suite.head_sha)
      .reply(200, { total_count: 1, workflow_runs: [{ id: 5, run_attempt: 1, path: '.github/workflows/ci.yml', head_sha: suite.head_sha, head_branch: 'changes', status: 'in_progress', pull_requests: [] }] })
      .get(`${REPO}/issues/2/comments`)
      .query(true)
      .reply(200, [])
      .get(`${REPO}/commits/${suite.head_sha}/check-runs`)
      .query(true)
      .times(4)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${REPO}/check-runs`)
      .times(4)
      .reply(201, { id: 3 })
      .post(`${REPO}/issues/2/comments`)
      .reply(201, { id: 8 })
      .get(`${REPO}/issues/2/comments`)
      .query(true)
      .reply(200, [{ id: 8, body: `${COMMENT_MARKER}\n…`, user: { login: 'faultline[bot]', type: 'Bot' }, created_at: '2026-11-25T10:00:00Z' }]);
    const response = await deliver(app.server.url, SECRET, 'check_suite', payload);
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    const comment = String(app.bodies(`POST ${REPO}/issues/2/comments`)[0]?.body);
    expect(comment).toContain(COMMENT_MARKER);
    expect(comment).toContain('`faultline/chaos` | ⏳ pending');
  });
});

describe('an invalid config on a pull request', () => {
  it('puts the same failure in the PR comment as in the check runs', async () => {
    const payload = examplePayload('pull_request', 'labeled');
    const pr = payload.pull_request as { number: number; head: { sha: string } };
    const repo = payload.repository as { owner: { login: string }; name: string };
    const base = `/repos/${repo.owner.login}/${repo.name}`;
    const g = app.github;
    g.get(`${base}/pulls/${pr.number}`).reply(200, { ...pr, state: 'open', base: { sha: 'b'.repeat(40), ref: 'master' }, labels: [] });
    app.config(repo.owner.login, repo.name, 'slo:\n  servces: {}\n');
    g.get(`${base}/actions/runs`).query((q) => q.head_sha === pr.head.sha).reply(200, { total_count: 0, workflow_runs: [] });
    g.get(`${base}/commits/${pr.head.sha}/check-runs`).query(true).times(4).reply(200, { total_count: 0, check_runs: [] });
    g.post(`${base}/check-runs`).times(4).reply(201, { id: 3 });
    g.get(`${base}/issues/${pr.number}/comments`).query(true).reply(200, []);
    g.post(`${base}/issues/${pr.number}/comments`).reply(201, { id: 8 });
    g.get(`${base}/issues/${pr.number}/comments`).query(true).reply(200, []);
    const response = await deliver(app.server.url, SECRET, 'pull_request', payload);
    expect([200, 202]).toContain(response.status);
    await app.idle();
    app.watch.verify();
    const comment = String(app.bodies(`POST ${base}/issues/${pr.number}/comments`)[0]?.body);
    expect(comment).toContain('| `faultline/migrations` | ❌ failure | Invalid .github/faultline.yml |');
  });
});
