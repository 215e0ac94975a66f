/**
 * The app is stateless, so operators run several replicas behind a load balancer. Two app
 * processes share one fake GitHub (answering with a realistic delay, so their requests interleave)
 * and receive the same delivery, or different deliveries about one pull request, at the same time.
 * Afterwards there is one Faultline comment, and for every check name the run GitHub shows (the
 * newest) carries the right verdict, while any duplicate either says the same or is marked
 * superseded; the next write collapses duplicates to one.
 */
import { COMMENT_MARKER } from '../../app/sticky-comment.ts';
import { createResult } from '../../core/result.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { type FakeCheckRun, type FakeGitHub, startFakeGitHub } from '../support/fake-github.ts';
import {
  addPullRequest,
  addWorkflowRun,
  checkSuiteRerequestedPayload,
  pullRequestCommentPayload,
  pullRequestPayload,
  workflowRunPayload,
} from '../support/fake-github-events.ts';
import { appPrivateKey, deliver } from '../support/webhook-delivery.ts';

const SECRET = 'replica-webhook-secret';
const BASE = 'b'.repeat(40);
const WORKFLOW = '.github/workflows/db.yml';
const NAMES = ['faultline/chaos', 'faultline/slo-budget', 'faultline/migrations'];

let fake: FakeGitHub;
let replicas: AppProcess[];

beforeAll(async () => {
  fake = await startFakeGitHub({ owner: 'Codertocat', name: 'Hello-World', defaultBranch: 'master' }, { latencyMs: 15 });
  fake.repo.files.set('master:.github/faultline.yml', 'migrations:\n  paths: [db/**/*.sql]\n');
  fake.repo.files.set(`master:${WORKFLOW}`, 'on: pull_request\n');
  fake.repo.permissions.set('octocat', 'write');
  // One key and secret: replicas are copies of one app.
  const env = { APP_ID: String(fake.appId), PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: SECRET, GHE_HOST: fake.host, GHE_PROTOCOL: 'http' };
  replicas = await Promise.all([startAppProcess(env), startAppProcess(env)]);
});

afterAll(async () => {
  await Promise.all((replicas ?? []).map((r) => r.stop()));
  await fake?.stop();
});

afterEach(() => {
  expect(fake.problems).toEqual([]);
});

/** 202 is a success too: the handler runs on after the answer (see allIdle). */
async function send(replica: AppProcess, event: string, payload: unknown): Promise<void> {
  const response = await deliver(replica.url, SECRET, event, payload);
  if (response.status !== 200 && response.status !== 202) throw new Error(`delivery answered ${response.status} ${response.body}\n${replica.output()}`);
}

const allIdle = () => Promise.all(replicas.map((r) => r.idle()));

function ourComments(number: number) {
  return (fake.repo.comments.get(number) ?? []).filter((c) => c.body.startsWith(COMMENT_MARKER));
}

function runsNamed(sha: string, name: string): FakeCheckRun[] {
  return fake.repo.checkRuns.filter((r) => r.head_sha === sha && r.name === name).sort((a, b) => b.id - a.id);
}

/** Every name has one verdict: the newest run's, which no other non-superseded run contradicts. */
function expectOneVerdictPerName(sha: string, expected: Record<string, string>): void {
  for (const name of NAMES) {
    const [newest, ...older] = runsNamed(sha, name);
    expect({ name, conclusion: newest?.conclusion }).toEqual({ name, conclusion: expected[name] });
    // A duplicate is either marked superseded (conclusion `skipped`) or agrees with the newest.
    for (const run of older) expect([`${name}: skipped`, `${name}: ${expected[name]}`]).toContain(`${name}: ${run.conclusion}`);
  }
}

function liveRuns(sha: string, name: string): FakeCheckRun[] {
  return runsNamed(sha, name).filter((r) => r.conclusion !== 'skipped');
}

function failingMigrationRun(number: number, head: string) {
  fake.repo.files.set(`${head}:${WORKFLOW}`, 'on: pull_request\n');
  const at = new Date();
  return addWorkflowRun(fake, {
    id: 8000 + number,
    headSha: head,
    headBranch: `feature-${number}`,
    path: WORKFLOW,
    pullRequests: [number],
    results: [
      createResult({
        kind: 'migrations',
        name: 'migration-gate',
        verdict: 'fail',
        summary: '1 error',
        startedAt: at,
        finishedAt: at,
        findings: [{ rule: 'drop-column', severity: 'error', message: 'drops orders.note', path: 'db/V9__drop.sql', line: 1 }],
      }),
    ],
  });
}

describe('two replicas behind a load balancer', () => {
  it('converge on one comment when both receive the same push delivery at once', async () => {
    const numbers = [31, 32, 33, 34];
    for (const number of numbers) addPullRequest(fake, { number, headSha: String(number).repeat(20), baseSha: BASE, files: ['README.md'] });

    await Promise.all(numbers.flatMap((number) => replicas.map((replica) => send(replica, 'pull_request', pullRequestPayload(fake, number, 'synchronize')))));
    await allIdle();

    for (const number of numbers) {
      expect({ number, comments: ourComments(number).length }).toEqual({ number, comments: 1 });
      const [newest, ...older] = runsNamed(String(number).repeat(20), 'faultline/slo-budget');
      expect(newest).toMatchObject({ status: 'completed', conclusion: 'neutral' });
      for (const run of older) expect(run.conclusion).toBe('neutral');
    }
  });

  it('converge when different deliveries about one pull request arrive at both at once', async () => {
    const number = 41;
    const head = '4'.repeat(40);
    addPullRequest(fake, { number, headSha: head, baseSha: BASE, files: ['db/V9__drop.sql'] });
    const run = failingMigrationRun(number, head);
    fake.repo.pulls.get(number)!.labels.push({ name: 'needs-review' });
    const [a, b] = replicas as [AppProcess, AppProcess];

    await Promise.all([
      send(a, 'workflow_run', workflowRunPayload(fake, run)),
      send(b, 'workflow_run', workflowRunPayload(fake, run)),
      send(b, 'pull_request', pullRequestPayload(fake, number, 'labeled')),
      send(a, 'issue_comment', pullRequestCommentPayload(fake, number, 'octocat', '/faultline rerun')),
      send(b, 'check_suite', checkSuiteRerequestedPayload(fake, number)),
    ]);
    await allIdle();

    expect(ourComments(number)).toHaveLength(1);
    const verdicts = { 'faultline/chaos': 'neutral', 'faultline/slo-budget': 'neutral', 'faultline/migrations': 'failure' };
    expectOneVerdictPerName(head, verdicts);
    expect(ourComments(number)[0]!.body).toContain('drop-column');

    // The next write to each name (here a re-run request) marks every duplicate superseded.
    await send(a, 'check_suite', checkSuiteRerequestedPayload(fake, number));
    await allIdle();
    for (const name of NAMES) expect({ name, live: liveRuns(head, name).length }).toEqual({ name, live: 1 });
    expectOneVerdictPerName(head, verdicts);
    expect(ourComments(number)).toHaveLength(1);
  });
});
