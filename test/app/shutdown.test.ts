/**
 * A rolling restart must not cut a verdict short. GitHub waits 10 s for an answer, so after 9 s the
 * app answers `202 still processing` while the handler goes on writing; SIGTERM then stops new
 * deliveries, and the process exits only once that handler has written its check run and comment.
 * GitHub is a fake that takes 1.5 s per request, so the handler outlives the 9 s answer.
 */
import { COMMENT_MARKER } from '../../app/sticky-comment.ts';
import { startAppProcess } from '../support/app-process.ts';
import { startFakeGitHub } from '../support/fake-github.ts';
import { addPullRequest, pullRequestPayload } from '../support/fake-github-events.ts';
import { appPrivateKey, deliver } from '../support/webhook-delivery.ts';

const SECRET = 'shutdown-webhook-secret';

it('finishes a handler that outlived its 202 answer before exiting on SIGTERM', async () => {
  const fake = await startFakeGitHub({ owner: 'acme', name: 'shop' }, { latencyMs: 1500 });
  const app = await startAppProcess({ APP_ID: String(fake.appId), PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: SECRET, GHE_HOST: fake.host, GHE_PROTOCOL: 'http' });
  try {
    const head = 'c'.repeat(40);
    addPullRequest(fake, { number: 1, headSha: head, baseSha: 'b'.repeat(40), files: ['README.md'] });

    const answer = await deliver(app.url, SECRET, 'pull_request', pullRequestPayload(fake, 1, 'synchronize'));
    expect(answer.status).toBe(202);
    const end = await app.stop(60_000);

    expect(end).toEqual({ code: 0, signal: null });
    expect(fake.repo.checkRuns).toEqual([expect.objectContaining({ name: 'faultline/slo-budget', head_sha: head, status: 'completed', conclusion: 'neutral' })]);
    expect(fake.repo.comments.get(1)?.filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1);
    expect(fake.problems).toEqual([]);
  } finally {
    await app.stop();
    await fake.stop();
  }
});
