/**
 * Writes to GitHub are queued one at a time, ≥ 1 s apart, per installation (GitHub's advice against
 * secondary rate limits), not per process: Probot's clients for webhook events carry no throttle
 * id, and without one every installation would wait behind every other. The fake GitHub answers
 * after 500 ms and records how many writes it was working on at once.
 */
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.ts';
import { addPullRequest, pullRequestPayload } from '../support/fake-github-events.ts';
import { appPrivateKey, deliver } from '../support/webhook-delivery.ts';

const SECRET = 'throttling-webhook-secret';
let fake: FakeGitHub;
let app: AppProcess;

beforeEach(async () => {
  fake = await startFakeGitHub({ owner: 'acme', name: 'shop' }, { latencyMs: 500 });
  app = await startAppProcess({ APP_ID: String(fake.appId), PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: SECRET, GHE_HOST: fake.host, GHE_PROTOCOL: 'http' });
});

afterEach(async () => {
  await app.stop();
  await fake.stop();
});

/** Pushes to pull requests 1 and 2 at once, delivered from the given installations. */
async function pushBoth(installations: [number, number]): Promise<void> {
  const payloads = installations.map((installation, i) => {
    addPullRequest(fake, { number: i + 1, headSha: String(i + 1).repeat(40), baseSha: 'b'.repeat(40), files: ['README.md'] });
    return { ...pullRequestPayload(fake, i + 1, 'synchronize'), installation: { id: installation } };
  });
  const answers = await Promise.all(payloads.map((payload) => deliver(app.url, SECRET, 'pull_request', payload)));
  expect(answers.map((a) => a.status).every((status) => status === 200 || status === 202)).toBe(true);
  await app.idle();
  expect(fake.repo.checkRuns).toHaveLength(2);
  expect(fake.problems).toEqual([]);
}

it('lets two installations write side by side', async () => {
  await pushBoth([11, 22]);
  expect(fake.peakConcurrentWrites()).toBe(2);
});

it('keeps one installation to one write at a time', async () => {
  await pushBoth([11, 11]);
  expect(fake.peakConcurrentWrites()).toBe(1);
});
