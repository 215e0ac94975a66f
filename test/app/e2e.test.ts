/**
 * End to end, as an operator runs it: `bin/faultline app` as a process, configured only through
 * its environment; GitHub is a stateful fake on loopback reached through GHE_HOST (every request
 * checked against GitHub's OpenAPI description); SLO data comes from a real Prometheus holding
 * three days of backfilled traffic. The repository's config and OpenSLO specs live in the fake.
 */
import { COMMENT_MARKER } from '../../app/sticky-comment.ts';
import { createResult } from '../../core/result.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { type FakeCheckRun, type FakeGitHub, startFakeGitHub } from '../support/fake-github.ts';
import { addPullRequest, addWorkflowRun, pullRequestPayload, workflowRunPayload } from '../support/fake-github-events.ts';
import { generateTraffic, type RunningPrometheus, startPrometheus } from '../../cli/demo/support/prometheus.ts';
import { appPrivateKey, deliver } from '../support/webhook-delivery.ts';

const SECRET = 'e2e-webhook-secret';
const BASE = 'b'.repeat(40);
const WORKFLOW = '.github/workflows/ci.yml';

// checkout fails 0.3 % of requests against a 99.9 % objective (budget spent); search 0.05 %.
const traffic = generateTraffic({
  lastSampleAt: Math.floor(Date.now() / 1000 / 60) * 60,
  services: [
    { labels: { job: 'checkout' }, phases: [{ steps: 3 * 1440 + 120, requests: 6000, errors: 18 }] },
    { labels: { job: 'search' }, phases: [{ steps: 3 * 1440 + 120, requests: 6000, errors: 3 }] },
  ],
});

const openSlo = (service: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${service}-availability
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${service}-http-errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="${service}",code=~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="${service}"}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;

const config = `slo:
  specs: [slo]
  services:
    checkout: ['services/checkout/**']
    search: ['services/search/**']
  exception-labels: [reliability-fix]
`;

const workflow = 'on: pull_request\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/faultline/actions/migration-gate@v1\n';

let prometheus: RunningPrometheus;
let fake: FakeGitHub;
let app: AppProcess;

beforeAll(async () => {
  prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
  fake = await startFakeGitHub({ owner: 'Codertocat', name: 'Hello-World', defaultBranch: 'master' });
  const files = fake.repo.files;
  files.set('master:.github/faultline.yml', config);
  files.set(`master:${WORKFLOW}`, workflow);
  // The specs that count are the base commit's: the pull request cannot relax its own SLOs.
  files.set(`${BASE}:slo/checkout.yaml`, openSlo('checkout'));
  files.set(`${BASE}:slo/search.yaml`, openSlo('search'));
  app = await startAppProcess({
    APP_ID: String(fake.appId),
    PRIVATE_KEY: appPrivateKey(),
    WEBHOOK_SECRET: SECRET,
    GHE_HOST: fake.host,
    GHE_PROTOCOL: 'http',
    PROMETHEUS_URL: prometheus.url,
  });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await prometheus?.stop();
});

afterEach(() => {
  // Every request the app sent must be one GitHub accepts.
  expect(fake.problems).toEqual([]);
});

function runsNamed(sha: string, name: string): FakeCheckRun[] {
  return fake.repo.checkRuns.filter((r) => r.head_sha === sha && r.name === name);
}

/** The run GitHub shows and branch protection reads: the newest of that name on the commit. */
function effective(sha: string, name: string): FakeCheckRun | undefined {
  return runsNamed(sha, name).sort((a, b) => b.id - a.id)[0];
}

function commentOn(number: number): string {
  const comments = (fake.repo.comments.get(number) ?? []).filter((c) => c.body.startsWith(COMMENT_MARKER));
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

async function send(event: string, payload: unknown): Promise<void> {
  const response = await deliver(app.url, SECRET, event, payload);
  if (response.status !== 200 && response.status !== 202) throw new Error(`delivery answered ${response.status} ${response.body}\n${app.output()}`);
  // 202: past 9 s (writes spaced by the throttling plugin on a loaded machine) the handler works on.
  if (response.status === 202) await app.idle();
}

describe('the app as a process against a fake GitHub and a real Prometheus', () => {
  it('fails faultline/slo-budget for a pull request touching a service whose budget is spent, and shows the SLO table', async () => {
    const head = '1'.repeat(40);
    addPullRequest(fake, { number: 11, headSha: head, baseSha: BASE, files: ['services/checkout/cart.ts'] });

    await send('pull_request', pullRequestPayload(fake, 11, 'synchronize'));

    const check = effective(head, 'faultline/slo-budget');
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure', app: { id: fake.appId } });
    expect(check!.output.title).toBe('Error budget policy breached');
    const comment = commentOn(11);
    expect(comment).toContain('### Error budgets');
    // 0.3 % errors against a 0.1 % budget: spent twice over, burning at 3× in every window.
    expect(comment).toContain('| checkout | checkout-availability | 99.90 % | ❌ -200.00 % | 3.00 | 3.00 | ticket |');
    // Only the touched service's SLOs are shown.
    expect(comment).not.toContain('search-availability');
  });

  it('lets the same change through once it carries the exception label, editing the same check run and comment', async () => {
    const head = '2'.repeat(40);
    const pr = addPullRequest(fake, { number: 12, headSha: head, baseSha: BASE, files: ['services/checkout/retry.ts'] });
    await send('pull_request', pullRequestPayload(fake, 12, 'synchronize'));
    const before = effective(head, 'faultline/slo-budget')!;
    expect(before.conclusion).toBe('failure');

    pr.labels.push({ name: 'reliability-fix' });
    await send('pull_request', pullRequestPayload(fake, 12, 'labeled'));

    expect(runsNamed(head, 'faultline/slo-budget')).toHaveLength(1);
    expect(effective(head, 'faultline/slo-budget')).toMatchObject({ id: before.id, status: 'completed', conclusion: 'success' });
    expect(commentOn(12)).toMatch(/\| checkout \| checkout-availability \|/);
  });

  it('passes a change that touches only a service within its budget', async () => {
    const head = '3'.repeat(40);
    addPullRequest(fake, { number: 13, headSha: head, baseSha: BASE, files: ['services/search/index.ts'] });

    await send('pull_request', pullRequestPayload(fake, 13, 'synchronize'));

    expect(effective(head, 'faultline/slo-budget')).toMatchObject({ conclusion: 'success' });
    expect(commentOn(13)).toContain('| search | search-availability | 99.90 % | ✅ 50.00 % | 0.50 | 0.50 | none |');
  });

  it('turns a workflow run’s result artifact into faultline/migrations with annotations', async () => {
    const head = '4'.repeat(40);
    addPullRequest(fake, { number: 14, headSha: head, baseSha: BASE, files: ['db/V7__orders_index.sql'] });
    fake.repo.files.set(`${head}:${WORKFLOW}`, workflow);
    const at = new Date();
    const run = addWorkflowRun(fake, {
      id: 7014,
      headSha: head,
      headBranch: 'feature-14',
      path: WORKFLOW,
      pullRequests: [14],
      results: [
        createResult({
          kind: 'migrations',
          name: 'migration-gate',
          verdict: 'fail',
          summary: '1 error',
          startedAt: at,
          finishedAt: at,
          findings: [{ rule: 'non-concurrent-index', severity: 'error', message: 'CREATE INDEX blocks writes on orders', path: 'db/V7__orders_index.sql', line: 1 }],
        }),
      ],
    });

    await send('workflow_run', workflowRunPayload(fake, run));

    const migrations = effective(head, 'faultline/migrations');
    expect(migrations).toMatchObject({ status: 'completed', conclusion: 'failure', output: { annotations_count: 1 } });
    expect(migrations!.output.summary).toContain('migration-gate: fail — 1 error');
    // The run reported no chaos results, and no SLO-mapped path changed.
    expect(effective(head, 'faultline/chaos')).toMatchObject({ conclusion: 'neutral' });
    expect(effective(head, 'faultline/slo-budget')).toMatchObject({ conclusion: 'neutral' });
    expect(commentOn(14)).toContain('non-concurrent-index');
  });

  it('ignores results from a workflow the pull request itself changed, and still concludes', async () => {
    const head = '5'.repeat(40);
    addPullRequest(fake, { number: 15, headSha: head, baseSha: BASE, files: [WORKFLOW] });
    fake.repo.files.set(`${head}:${WORKFLOW}`, `${workflow}      # skip the gate\n`);
    const at = new Date();
    const run = addWorkflowRun(fake, {
      id: 7015,
      headSha: head,
      headBranch: 'feature-15',
      path: WORKFLOW,
      pullRequests: [15],
      results: [createResult({ kind: 'migrations', name: 'migration-gate', verdict: 'pass', summary: 'no findings', startedAt: at, finishedAt: at })],
    });

    await send('workflow_run', workflowRunPayload(fake, run));

    // Its pass does not count, and the gate is concluded rather than left waiting: this repository's
    // config has no `migrations:` section, so the gate does not apply (with a section and a changed
    // migration it fails: test/app/gate-truth.test.ts).
    const migrations = effective(head, 'faultline/migrations');
    expect(migrations).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(migrations!.output.summary).toContain('Ignored runs that change the gate itself (`.github/workflows/ci.yml`)');
  });

  it('refuses a wrongly signed delivery with 401 and sends GitHub nothing', async () => {
    const before = fake.requests.length;
    const response = await deliver(app.url, 'not-the-secret', 'pull_request', pullRequestPayload(fake, 11, 'synchronize'));
    expect(response.status).toBe(401);
    expect(fake.requests.length).toBe(before);
  });

  it('answers /healthz and exposes what it did on /metrics', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/faultline_app_webhook_events_total\{event="pull_request",outcome="handled"\} [1-9]/);
    expect(metrics).toMatch(/faultline_app_webhook_events_total\{event="unverified",outcome="rejected"\} [1-9]/);
    expect(metrics).toMatch(/faultline_app_github_requests_total\{method="POST",route="[^"]*check-runs",status="201"\} [1-9]/);
    expect(metrics).toMatch(/faultline_app_handler_duration_seconds_count\{event="workflow_run"\} [1-9]/);
    expect(metrics).toMatch(/^faultline_app_handlers_in_flight 0$/m);
  });
});
