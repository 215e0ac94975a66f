/** GitHub misbehaving: the app retries what can be retried, and never crashes or loses a verdict. */
import { SECRET, useAppHarness } from '../support/app-harness.ts';
import { deliver, examplePayload } from '../support/webhook-delivery.ts';

const app = useAppHarness();

/** GitHub's webhook delivery gets 202 after a timeout while the work goes on: wait for the work. */
async function eventually(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for the app; requests: ${app.watch.requests.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function pushedPullRequest() {
  const payload = examplePayload('pull_request', 'synchronize');
  const pr = payload.pull_request as { number: number; head: { sha: string } };
  return { payload, pr };
}

function commentRoutes(number: number) {
  app.github
    .get(`/repos/Codertocat/Hello-World/issues/${number}/comments`)
    .query(true)
    .times(2)
    .reply(200, [])
    .post(`/repos/Codertocat/Hello-World/issues/${number}/comments`)
    .reply(201, { id: 7 });
}

describe('when GitHub fails', () => {
  it('retries a 5xx and still publishes the verdict', async () => {
    const { payload, pr } = pushedPullRequest();
    app.noConfig('Codertocat', 'Hello-World');
    commentRoutes(pr.number);
    app.github
      .post('/repos/Codertocat/Hello-World/check-runs')
      .reply(502, { message: 'Bad Gateway' })
      .post('/repos/Codertocat/Hello-World/check-runs')
      .reply(201, { id: 1 });
    const response = await deliver(app.server.url, SECRET, 'pull_request', payload);
    expect([200, 202]).toContain(response.status);
    await eventually(() => app.bodies(`POST /repos/Codertocat/Hello-World/issues/${pr.number}/comments`).length === 1);
    app.watch.verify();
    const attempts = app.bodies('POST /repos/Codertocat/Hello-World/check-runs');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toMatchObject({ name: 'faultline/slo-budget', head_sha: pr.head.sha, conclusion: 'neutral' });
  });

  it('waits out a secondary rate limit (retry-after) and goes on', async () => {
    const { payload, pr } = pushedPullRequest();
    app.noConfig('Codertocat', 'Hello-World');
    commentRoutes(pr.number);
    app.github
      .post('/repos/Codertocat/Hello-World/check-runs')
      .reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' })
      .post('/repos/Codertocat/Hello-World/check-runs')
      .reply(201, { id: 1 });
    const response = await deliver(app.server.url, SECRET, 'pull_request', payload);
    expect([200, 202]).toContain(response.status);
    await eventually(() => app.bodies(`POST /repos/Codertocat/Hello-World/issues/${pr.number}/comments`).length === 1);
    expect(app.bodies('POST /repos/Codertocat/Hello-World/check-runs')).toHaveLength(2);
    expect(app.bodies(`POST /repos/Codertocat/Hello-World/issues/${pr.number}/comments`)).toHaveLength(1);
  });

  it('answers a 404 with an error status and keeps serving', async () => {
    const comment = examplePayload('issue_comment', 'created');
    (comment.issue as Record<string, unknown>).pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
    (comment.comment as Record<string, unknown>).body = '/faultline rerun';
    app.github
      .post(/\/repos\/Codertocat\/Hello-World\/issues\/comments\/\d+\/reactions/)
      .reply(201, { id: 1, content: 'eyes' })
      .get('/repos/Codertocat/Hello-World/pulls/1')
      .reply(404, { message: 'Not Found' });
    const failed = await deliver(app.server.url, SECRET, 'issue_comment', comment);
    expect(failed.status).toBeGreaterThanOrEqual(400);
    app.watch.verify();
    expect((await fetch(`${app.server.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${app.server.url}/metrics`)).text();
    expect(metrics).toMatch(/faultline_app_github_requests_total\{method="GET",route="\/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\}",status="404"\} 1/);
  });
});
