/**
 * `faultline/dr-drill` and the PR comment's drill line, as GitHub drives the app: `bin/faultline
 * app` as a process, GitHub's own webhook payloads, a stateful fake GitHub on loopback (every
 * request checked against GitHub's OpenAPI description). Drills are workflow runs of the default
 * branch that upload a failover result; the tests add them one by one, newest last, so each test
 * sees the drills of the tests before it, as a repository would.
 */
import { COMMENT_MARKER } from '../../app/sticky-comment.ts';
import { createResult, type FaultlineResult } from '../../core/result.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { type FakeCheckRun, type FakeGitHub, startFakeGitHub } from '../support/fake-github.ts';
import { actionSource, addPullRequest, addWorkflowRun, pullRequestPayload } from '../support/fake-github-events.ts';
import { appPrivateKey, deliver } from '../support/webhook-delivery.ts';

const SECRET = 'dr-drill-webhook-secret';
const BASE = 'b'.repeat(40);
const DRILL_WORKFLOW = '.github/workflows/dr-drill.yml';
const HOUR = 3_600_000;

let fake: FakeGitHub;
let app: AppProcess;
let nextPr = 300;
let nextRun = 7000;

beforeAll(async () => {
  fake = await startFakeGitHub({ owner: 'Codertocat', name: 'Hello-World', defaultBranch: 'master' });
  fake.repo.files.set('master:.github/faultline.yml', 'failover:\n  max-age: 7d\n');
  fake.repo.files.set(`master:${DRILL_WORKFLOW}`, 'on: {schedule: [{cron: "0 3 * * *"}], workflow_dispatch: {}}\npermissions: {contents: read}\n');
  fake.repo.permissions.set('alice', 'write');
  fake.repo.permissions.set('bob', 'write');
  app = await startAppProcess({ APP_ID: String(fake.appId), PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: SECRET, GHE_HOST: fake.host, GHE_PROTOCOL: 'http' });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
});

afterEach(() => {
  // Every request the app sent must be one GitHub accepts.
  expect(fake.problems).toEqual([]);
});

/** A drill's result as actions/failover-verify writes it (objectives under details). */
function drill(verdict: 'pass' | 'fail' | 'error', rto = 12.4, name = 'orders database failover'): FaultlineResult {
  const status = verdict === 'pass' ? 'met' : 'breached';
  return createResult({
    kind: 'failover',
    name,
    verdict,
    summary: `${name}: ${status}`,
    startedAt: new Date(),
    finishedAt: new Date(),
    measurements: [{ name: 'rto', value: rto, unit: 's' }],
    details: { objectives: { rto: { targetSeconds: 900, actualSeconds: verdict === 'pass' ? rto : 1260, status }, rpo: { targetSeconds: 300, actualSeconds: 0, status: 'met' } } },
  });
}

/** A run of the default branch that ran a drill `hoursAgo` (GitHub's run_started_at). */
function drillRun(hoursAgo: number, results: FaultlineResult[], options: { event?: string; headRepository?: string; stamp?: boolean } = {}) {
  const sha = (nextRun).toString(16).padStart(40, 'd');
  return addWorkflowRun(fake, {
    id: nextRun++,
    headSha: sha,
    headBranch: 'master',
    path: DRILL_WORKFLOW,
    event: options.event ?? 'schedule',
    results,
    startedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    ...(options.headRepository ? { headRepository: options.headRepository } : {}),
    ...(options.stamp === false ? { stamp: false } : {}),
  });
}

async function send(event: string, payload: unknown): Promise<void> {
  const response = await deliver(app.url, SECRET, event, payload);
  if (response.status !== 200 && response.status !== 202) throw new Error(`delivery answered ${response.status} ${response.body}\n${app.output()}`);
  if (response.status === 202) await app.idle();
}

/** A new pull request and its `pull_request.synchronize` delivery; returns its head. */
async function pushToPullRequest(): Promise<{ number: number; head: string }> {
  const number = nextPr++;
  const head = number.toString(16).padStart(40, 'e');
  addPullRequest(fake, { number, headSha: head, baseSha: BASE, files: ['services/orders/db.ts'] });
  await send('pull_request', pullRequestPayload(fake, number, 'synchronize'));
  return { number, head };
}

function check(sha: string): FakeCheckRun | undefined {
  return fake.repo.checkRuns.filter((r) => r.head_sha === sha && r.name === 'faultline/dr-drill').sort((a, b) => b.id - a.id)[0];
}

function commentOn(number: number): string {
  const comments = (fake.repo.comments.get(number) ?? []).filter((c) => c.body.startsWith(COMMENT_MARKER));
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

describe('faultline/dr-drill with failover.max-age: 7d', () => {
  it('fails when the default branch has no drill yet, and says what was looked at', async () => {
    const { number, head } = await pushToPullRequest();
    expect(check(head)).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'No trusted drill' } });
    expect(check(head)!.output.summary).toContain('no trusted failover drill on `master`');
    expect(check(head)!.output.summary).toContain('uploaded a failover result');
    expect(commentOn(number)).toContain('| `faultline/dr-drill` | ❌ failure | No trusted drill |');
    expect(commentOn(number)).toContain('### Failover drill');
  });

  it('ignores a passing drill from a pull request (a fork’s master too) and from a fork’s scheduled run', async () => {
    drillRun(1, [drill('pass')], { event: 'pull_request', headRepository: 'mallory/Hello-World' });
    drillRun(1, [drill('pass')], { event: 'pull_request' });
    drillRun(1, [drill('pass')], { headRepository: 'mallory/Hello-World' });
    const { head } = await pushToPullRequest();
    expect(check(head)).toMatchObject({ conclusion: 'failure', output: { title: 'No trusted drill' } });
  });

  it('passes on a met drill of the default branch 2 days old, and the PR comment gives its RTO/RPO, age and link', async () => {
    const run = drillRun(48, [drill('pass')]);
    const { number, head } = await pushToPullRequest();
    expect(check(head)).toMatchObject({ conclusion: 'success' });
    expect(check(head)!.output.title).toMatch(/^Drill met 2 d ago: RTO 12\.4 s \/ 15\.0 min met, RPO 0 s \/ 5\.0 min met$/);
    const comment = commentOn(number);
    expect(comment).toMatch(/- ✅ orders database failover: RTO 12\.4 s \/ 15\.0 min met, RPO 0 s \/ 5\.0 min met — ran 2 d ago on `master` \(\[dr-drill\.yml\]\(/);
    expect(comment).toContain(`/actions/runs/${run.id})`);
  });

  it('fails on a newer breached drill: an older met one does not hide it', async () => {
    drillRun(2, [drill('fail')], { event: 'workflow_dispatch' });
    const { number, head } = await pushToPullRequest();
    expect(check(head)).toMatchObject({ conclusion: 'failure', output: { title: 'Newest drill breached' } });
    expect(check(head)!.output.summary).toContain('orders database failover: breached — RTO 21.0 min / 15.0 min breached');
    expect(commentOn(number)).toContain('- ❌ orders database failover: RTO 21.0 min / 15.0 min breached');
  });

  it('rejects a drill result that is not tied to its run (a file copied from another run)', async () => {
    const copied = { ...drill('pass'), source: { ...actionSource(fake, { id: 1, headSha: 'f'.repeat(40) }) } };
    drillRun(1, [copied], { stamp: false });
    const { head } = await pushToPullRequest();
    expect(check(head)).toMatchObject({ conclusion: 'failure', output: { title: '1 drill result file rejected' } });
    expect(check(head)!.output.summary).toMatch(/rejected drill result `failover result “orders database failover”`: source\.sha is f{40}, but the run is for commit/);
  });

  it('counts a newest drill that could not decide as a failure', async () => {
    drillRun(0.5, [drill('error')]);
    const { head } = await pushToPullRequest();
    expect(check(head)).toMatchObject({ conclusion: 'failure', output: { title: 'Newest drill could not decide' } });
  });

  it('passes again once a fresh drill is met, and passes with two drills of one run only when both are met', async () => {
    drillRun(0.2, [drill('pass', 3), drill('pass', 5, 'payments database failover')]);
    const { number, head } = await pushToPullRequest();
    expect(check(head)).toMatchObject({ conclusion: 'success' });
    expect(check(head)!.output.title).toMatch(/^2 drills met \d+ min ago$/);
    expect(commentOn(number)).toContain('- ✅ payments database failover: RTO 5 s / 15.0 min met');
  });

  it('fails when the newest drill is older than max-age', async () => {
    fake.repo.files.set('master:.github/faultline.yml', 'failover:\n  max-age: 1m\n');
    try {
      const { head } = await pushToPullRequest();
      expect(check(head)).toMatchObject({ conclusion: 'failure' });
      expect(check(head)!.output.title).toMatch(/^Newest drill is \d+ min old \(max 1m\)$/);
      expect(check(head)!.output.summary).toContain('longer ago than `failover.max-age` allows: run the drill again');
    } finally {
      fake.repo.files.set('master:.github/faultline.yml', 'failover:\n  max-age: 7d\n');
    }
  });

  it('lets a breached drill through only with an override approved by a second person', async () => {
    drillRun(0.1, [drill('fail')]);
    const number = nextPr++;
    const head = number.toString(16).padStart(40, 'e');
    addPullRequest(fake, { number, headSha: head, baseSha: BASE, files: ['services/orders/db.ts'] });
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    fake.repo.comments.set(number, [
      { id: 1, body: '/faultline override dr-drill the standby is being rebuilt, INC-42', user: { login: 'alice', type: 'User' }, created_at: at(5), html_url: '' },
      { id: 2, body: '/faultline approve dr-drill', user: { login: 'bob', type: 'User' }, created_at: at(4), html_url: '' },
    ]);
    await send('pull_request', pullRequestPayload(fake, number, 'synchronize'));
    expect(check(head)).toMatchObject({ conclusion: 'success', output: { title: 'Overridden by @alice, approved by @bob' } });
    expect(check(head)!.output.summary).toContain('override reason: the standby is being rebuilt, INC-42');
  });

  it('publishes no faultline/dr-drill without max-age, while the PR comment still shows the newest drill', async () => {
    fake.repo.files.set('master:.github/faultline.yml', 'failover: {}\n');
    try {
      const { number, head } = await pushToPullRequest();
      expect(check(head)).toBeUndefined();
      expect(commentOn(number)).toContain('### Failover drill');
      expect(commentOn(number)).toContain('- ❌ orders database failover: RTO 21.0 min / 15.0 min breached');
      expect(commentOn(number)).not.toContain('faultline/dr-drill');
    } finally {
      fake.repo.files.set('master:.github/faultline.yml', 'failover:\n  max-age: 7d\n');
    }
  });

  it('reports a max-age that is not a duration on the check runs, with file and line', async () => {
    fake.repo.files.set('master:.github/faultline.yml', 'failover:\n  max-age: 7 days\n');
    try {
      const number = nextPr++;
      const head = number.toString(16).padStart(40, 'e');
      addPullRequest(fake, { number, headSha: head, baseSha: BASE, files: ['a.txt'] });
      await send('pull_request', pullRequestPayload(fake, number, 'synchronize'));
      const slo = fake.repo.checkRuns.find((r) => r.head_sha === head && r.name === 'faultline/slo-budget');
      expect(slo).toMatchObject({ conclusion: 'failure', output: { title: 'Invalid .github/faultline.yml' } });
      expect(slo!.output.summary).toMatch(/faultline\.yml:2:\d+: failover\.max-age/);
    } finally {
      fake.repo.files.set('master:.github/faultline.yml', 'failover:\n  max-age: 7d\n');
    }
  });
});
