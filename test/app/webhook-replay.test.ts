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
    app.github.post('/repos/octo-org/octo-repo/check-runs').times(3).reply(201, { id: 4 });
    const first = await deliver(app.server.url, SECRET, 'merge_group', payload, { deliveryId: 'replayed-delivery-1' });
    const replay = await deliver(app.server.url, SECRET, 'merge_group', payload, { deliveryId: 'replayed-delivery-1' });
    // 202 when the handler outlives GitHub's answer window on a busy machine: wait for it.
    expect([200, 202]).toContain(first.status);
    await app.idle();
    expect(replay.status).toBe(200);
    expect(replay.body).toContain('duplicate delivery');
    app.watch.verify();
    expect(app.bodies('POST /repos/octo-org/octo-repo/check-runs')).toHaveLength(3);
  });
});
