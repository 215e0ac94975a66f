/**
 * A captured delivery sent again (same `x-github-delivery`) is answered and handled once: the
 * replay creates nothing.
 */
import { SECRET, useAppHarness } from '../support/app-harness.ts';
import { deliver, examplePayload } from '../support/webhook-delivery.ts';

const app = useAppHarness();

describe('replayed deliveries', () => {
  it('handles a replayed delivery once: the same x-github-delivery creates nothing the second time', async () => {
    const payload = examplePayload('merge_group', 'checks_requested');
    app.github.get('/repos/octo-org/octo-repo/contents/.github%2Ffaultline.yml').reply(404, { message: 'Not Found' });
    app.github.get('/repos/octo-org/.github/contents/.github%2Ffaultline.yml').reply(404, { message: 'Not Found' });
    app.github.post('/repos/octo-org/octo-repo/check-runs').times(4).reply(201, { id: 4 });
    const first = await deliver(app.server.url, SECRET, 'merge_group', payload, { deliveryId: 'replayed-delivery-1' });
    const replay = await deliver(app.server.url, SECRET, 'merge_group', payload, { deliveryId: 'replayed-delivery-1' });
    // 202 when the handler outlives GitHub's answer window on a busy machine: wait for it.
    expect([200, 202]).toContain(first.status);
    await app.idle();
    expect(replay.status).toBe(200);
    expect(replay.body).toContain('duplicate delivery');
    app.watch.verify();
    expect(app.bodies('POST /repos/octo-org/octo-repo/check-runs')).toHaveLength(4);
  });

  it('handles a redelivery of a delivery that failed (GitHub’s Redeliver keeps the id)', async () => {
    const comment = examplePayload('issue_comment', 'created');
    (comment.issue as Record<string, unknown>).pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
    (comment.comment as Record<string, unknown>).body = '/faultline rerun';
    app.github
      .post(/\/repos\/Codertocat\/Hello-World\/issues\/comments\/\d+\/reactions/)
      .times(2)
      .reply(201, { id: 1, content: 'eyes' })
      .get('/repos/Codertocat/Hello-World/pulls/1')
      .reply(404, { message: 'Not Found' })
      .get('/repos/Codertocat/Hello-World/pulls/1')
      .reply(200, { number: 1, state: 'closed', head: { sha: 'c'.repeat(40) }, base: { sha: 'b'.repeat(40), ref: 'main' }, labels: [] });
    const failed = await deliver(app.server.url, SECRET, 'issue_comment', comment, { deliveryId: 'failed-then-redelivered' });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    const redelivered = await deliver(app.server.url, SECRET, 'issue_comment', comment, { deliveryId: 'failed-then-redelivered' });
    expect([200, 202]).toContain(redelivered.status);
    await app.idle();
    app.watch.verify();
    expect(app.watch.requests.filter((r) => r.endsWith('/repos/Codertocat/Hello-World/pulls/1'))).toHaveLength(2);
  });
});
