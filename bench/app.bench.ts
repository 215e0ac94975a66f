/**
 * The GitHub App under load, as a process (`bin/faultline app`) against the local fake GitHub
 * (GHE_HOST) and a real Prometheus, with a repo config mapping paths to services and OpenSLO specs:
 *
 * 1. GitHub API requests per `pull_request.synchronize` when nothing but the head changed (target
 *    ≤ 5), counted from the fake's request log and listed, the installation-token request aside.
 * 2. Handler latency p50/p99 for synchronize deliveries sent one after another.
 * 3. Throughput (deliveries/s) for a burst from one installation and from many installations.
 *
 * @octokit/plugin-throttling queues writes (POST/PATCH/DELETE) one at a time, ≥ 1 s apart, per
 * installation and process (and writes that notify people, such as a new comment, ≥ 3 s apart):
 * GitHub's advice against secondary rate limits. A synchronize writes twice (check run, comment),
 * so its latency has a 1 s floor and one installation's pushes are bounded near one every two
 * seconds per replica; different installations do not wait for each other. Requests to the fake
 * cost no network time: against github.com add its latency to each of the five requests.
 */
import { createHash } from 'node:crypto';
import { startAppProcess } from '../test/support/app-process.ts';
import { startFakeGitHub } from '../test/support/fake-github.ts';
import { addPullRequest, pullRequestPayload } from '../test/support/fake-github-events.ts';
import { generateTraffic, startPrometheus } from '../cli/demo/support/prometheus.ts';
import { appPrivateKey, deliver } from '../test/support/webhook-delivery.ts';

const SECRET = 'bench-webhook-secret';
const BASE = 'b'.repeat(40);
const SEQUENTIAL = 20;
const BURST_ONE_INSTALLATION = 8;
const BURST_MANY_INSTALLATIONS = 30;
const TOKEN_REQUEST = /^POST \/app\/installations\/\d+\/access_tokens$/;

const openSlo = (service: string) => `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${service}-availability }
spec:
  service: ${service}
  indicator:
    metadata: { name: ${service}-errors }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{job="${service}",code=~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{job="${service}"}' } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
`;

const traffic = generateTraffic({
  lastSampleAt: Math.floor(Date.now() / 1000 / 60) * 60,
  services: [{ labels: { job: 'checkout' }, phases: [{ steps: 3 * 1440, requests: 6000, errors: 3 }] }],
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, min ${ms(sorted[0]!)}`;
};
let headCounter = 0;
/** Distinct in the first 7 characters too: the comment shows the short SHA. */
const nextHead = () => createHash('sha1').update(String(++headCounter)).digest('hex');

const prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
const fake = await startFakeGitHub({ owner: 'acme', name: 'shop', defaultBranch: 'main' });
fake.repo.files.set('main:.github/faultline.yml', 'slo:\n  specs: [slo]\n  services:\n    checkout: [services/checkout/**]\n');
fake.repo.files.set(`${BASE}:slo/checkout.yaml`, openSlo('checkout'));
const app = await startAppProcess({
  APP_ID: String(fake.appId),
  PRIVATE_KEY: appPrivateKey(),
  WEBHOOK_SECRET: SECRET,
  GHE_HOST: fake.host,
  GHE_PROTOCOL: 'http',
  PROMETHEUS_URL: prometheus.url,
});

/** Pushes a new head to pull request `number` and delivers the synchronize; returns ms to the answer. */
async function push(number: number, installation = 1): Promise<number> {
  const pr = fake.repo.pulls.get(number) ?? addPullRequest(fake, { number, headSha: nextHead(), baseSha: BASE, files: ['services/checkout/cart.ts'] });
  pr.head.sha = nextHead();
  const payload = pullRequestPayload(fake, number, 'synchronize');
  payload.installation = { id: installation, node_id: `I_${installation}` };
  const started = performance.now();
  const response = await deliver(app.url, SECRET, 'pull_request', payload);
  if (response.status !== 200 && response.status !== 202) throw new Error(`delivery answered ${response.status}: ${response.body}\n${app.output()}`);
  return performance.now() - started;
}

async function burst(count: number, installationOf: (i: number) => number, firstNumber: number): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => push(firstNumber + i, installationOf(i))));
  await app.idle();
  return count / ((performance.now() - started) / 1000);
}

try {
  console.log(`Prometheus ${prometheus.version}; app process ${app.pid}; fake GitHub ${fake.url} (no added latency)`);

  // 1. Requests for a push when nothing but the head changed (the first push warms the caches).
  await push(1);
  const before = fake.requests.length;
  await push(1);
  const sent = fake.requests.slice(before).filter((line) => !TOKEN_REQUEST.test(line));
  console.log(`\nGitHub requests for pull_request.synchronize, only the head changed: ${sent.length} (target ≤ 5)`);
  for (const line of sent) console.log(`  ${line}`);
  const conclusion = fake.repo.checkRuns.at(-1)?.conclusion;
  console.log(`  → faultline/slo-budget ${conclusion}; installation token requests in that delivery: ${fake.requests.slice(before).length - sent.length}`);
  if (sent.length > 5) process.exitCode = 1;

  // 2. Latency, one delivery at a time. From a new installation each time, no earlier write is
  // queued ahead; back to back from one installation, each push waits out the previous one's.
  const fresh: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) fresh.push(await push(100 + (i % 5), 500 + i));
  const backToBack: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) backToBack.push(await push(100 + (i % 5), 2));
  console.log(`\nHandler latency (delivery to answer), ${SEQUENTIAL} synchronize deliveries one at a time:`);
  console.log(`  each from its own installation:   ${summary(fresh)}`);
  console.log(`  back to back from one installation: ${summary(backToBack)}`);
  console.log('  (a synchronize writes twice; the throttling plugin spaces one installation\'s writes ≥ 1 s apart)');

  // 3. Throughput: bursts of pushes, all answered and all handlers finished.
  const created = await burst(BURST_ONE_INSTALLATION, () => 3, 200);
  const edited = await burst(BURST_ONE_INSTALLATION, () => 3, 200);
  const many = await burst(BURST_MANY_INSTALLATIONS, (i) => 1000 + i, 300);
  console.log(`\nThroughput, ${BURST_ONE_INSTALLATION} deliveries at once from one installation, new pull requests: ${created.toFixed(2)} deliveries/s`);
  console.log('  (creating a comment also waits for the plugin\'s 3 s spacing of notification-triggering writes)');
  console.log(`Throughput, the same ${BURST_ONE_INSTALLATION} pull requests pushed again (comment edited): ${edited.toFixed(2)} deliveries/s`);
  console.log(`Throughput, ${BURST_MANY_INSTALLATIONS} deliveries at once from ${BURST_MANY_INSTALLATIONS} installations: ${many.toFixed(2)} deliveries/s`);

  const handled = (await (await fetch(`${app.url}/metrics`)).text()).match(/faultline_app_webhook_events_total\{event="pull_request",outcome="(\w+)"\} (\d+)/g) ?? [];
  console.log(`\n/metrics: ${handled.join(', ')}`);
  if (fake.problems.length > 0) {
    console.log(`REQUESTS GITHUB WOULD REJECT:\n${fake.problems.join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  await app.stop();
  await fake.stop();
  await prometheus.stop();
}
