/**
 * The app links the stored evidence: when a trusted workflow run uploaded evidence (an
 * evidence-upload result, kind `evidence`), the PR comment and the check runs whose verdict that
 * run produced show the bundle's digest and where it is locked (bucket, key, version, retain-until)
 * with the artifact and attestation pages. Evidence from a run the pull request changed is never
 * linked. The app runs as a process; GitHub is the stateful fake (every request checked against
 * GitHub's OpenAPI description) and deliveries are GitHub's example payloads.
 */
import { COMMENT_MARKER } from '../../app/sticky-comment.ts';
import { createResult, type FaultlineResult } from '../../core/result.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { type FakeCheckRun, type FakeGitHub, startFakeGitHub } from '../support/fake-github.ts';
import { addPullRequest, addWorkflowRun, workflowRunPayload } from '../support/fake-github-events.ts';
import { appPrivateKey, deliver } from '../support/webhook-delivery.ts';

const SECRET = 'evidence-webhook-secret';
const BASE = 'b'.repeat(40);
const WORKFLOW = '.github/workflows/db.yml';
const workflow = 'on: pull_request\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/faultline/actions/migration-gate@v1\n      - uses: acme/faultline/actions/evidence-upload@v1\n';
const DIGEST = `sha256:${'c0ffee'.repeat(10)}abcd`;

let fake: FakeGitHub;
let app: AppProcess;

beforeAll(async () => {
  fake = await startFakeGitHub({ owner: 'Codertocat', name: 'Hello-World', defaultBranch: 'master' });
  fake.repo.files.set('master:.github/faultline.yml', 'migrations:\n  paths: [db/**/*.sql]\n');
  fake.repo.files.set(`master:${WORKFLOW}`, workflow);
  app = await startAppProcess({ APP_ID: String(fake.appId), PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: SECRET, GHE_HOST: fake.host, GHE_PROTOCOL: 'http' });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
});

afterEach(() => {
  expect(fake.problems).toEqual([]);
});

async function send(event: string, payload: unknown): Promise<void> {
  const response = await deliver(app.url, SECRET, event, payload);
  if (response.status !== 200 && response.status !== 202) throw new Error(`delivery answered ${response.status} ${response.body}\n${app.output()}`);
  if (response.status === 202) await app.idle();
}

function effective(sha: string, name: string): FakeCheckRun | undefined {
  return fake.repo.checkRuns.filter((r) => r.head_sha === sha && r.name === name).sort((a, b) => b.id - a.id)[0];
}

function commentOn(number: number): string {
  const comments = (fake.repo.comments.get(number) ?? []).filter((c) => c.body.startsWith(COMMENT_MARKER));
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

const at = new Date();
const migrationPass = () => createResult({ kind: 'migrations', name: 'migration-gate', verdict: 'pass', summary: 'no findings', startedAt: at, finishedAt: at });

/** What actions/evidence-upload writes after storing in S3 and as an artifact, signed (run.ts). */
function evidenceResult(runId: number): FaultlineResult {
  const prefix = `drills/Codertocat/Hello-World/${runId}/1`;
  return createResult({
    kind: 'evidence',
    name: 'nightly-drill',
    verdict: 'pass',
    summary: '2 file(s) bundled, signed, locked in S3 until 2027-12-07T10:00:00.000Z, artifact kept 30 day(s)',
    startedAt: at,
    finishedAt: at,
    measurements: [{ name: 'files', value: 2 }],
    details: {
      digest: DIGEST,
      manifestUrl: `s3://faultline-evidence/${prefix}/manifest.json?versionId=v-42`,
      files: [
        { path: 'faultline-result.json', size: 900, sha256: 'a'.repeat(64), mediaType: 'application/json' },
        { path: 'drill/journal.json', size: 4000, sha256: 'b'.repeat(64), mediaType: 'application/json' },
      ],
      signature: { kind: 'sigstore', file: 'attestation.sigstore.json', sha256: 'd'.repeat(64) },
      s3: { bucket: 'faultline-evidence', prefix, manifest: { key: `${prefix}/manifest.json`, versionId: 'v-42', size: 1200, lockMode: 'COMPLIANCE', retainUntil: '2027-12-07T10:00:00.000Z' } },
      artifact: { name: 'nightly-drill', retentionDays: 30, url: `https://github.com/Codertocat/Hello-World/actions/runs/${runId}/artifacts/555` },
    },
    links: [
      { name: 'attestation', url: 'https://github.com/Codertocat/Hello-World/attestations/777' },
      { name: 'artifact', url: `https://github.com/Codertocat/Hello-World/actions/runs/${runId}/artifacts/555` },
    ],
  });
}

describe('evidence links from the app', () => {
  it('links the evidence a trusted run stored from the PR comment and from the check run it decided', async () => {
    const head = '6'.repeat(40);
    addPullRequest(fake, { number: 21, headSha: head, baseSha: BASE, files: ['db/V8__orders.sql'] });
    fake.repo.files.set(`${head}:${WORKFLOW}`, workflow);
    const run = addWorkflowRun(fake, { id: 8021, headSha: head, headBranch: 'feature-21', path: WORKFLOW, pullRequests: [21], results: [migrationPass(), evidenceResult(8021)] });

    await send('workflow_run', workflowRunPayload(fake, run));

    const line = `📦 nightly-drill: digest \`${DIGEST}\` (2 files) · S3 \`s3://faultline-evidence/drills/Codertocat/Hello-World/8021/1/manifest.json\` version \`v-42\`, COMPLIANCE until 2027-12-07 · [artifact](https://github.com/Codertocat/Hello-World/actions/runs/8021/artifacts/555) kept 30 day(s) · [attestation](https://github.com/Codertocat/Hello-World/attestations/777)`;
    const migrations = effective(head, 'faultline/migrations');
    expect(migrations).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(migrations!.output.summary).toContain(`**Evidence** (verify with \`faultline evidence verify\`):\n- ${line}`);
    // Chaos was not decided by that run: its check run links nothing.
    expect(effective(head, 'faultline/chaos')!.output.summary).not.toContain('Evidence');
    expect(commentOn(21)).toContain(`### Evidence\n\n- ${line}\n`);
  });

  it('shows a failed evidence upload as not stored, with the reason', async () => {
    const head = '7'.repeat(40);
    addPullRequest(fake, { number: 22, headSha: head, baseSha: BASE, files: ['db/V9__orders.sql'] });
    fake.repo.files.set(`${head}:${WORKFLOW}`, workflow);
    const failed = createResult({ kind: 'evidence', name: 'nightly-drill', verdict: 'error', summary: 'could not decide: s3://faultline-evidence: AccessDenied', startedAt: at, finishedAt: at, findings: [{ rule: 'evidence-upload-error', severity: 'error', message: 'AccessDenied' }] });
    const run = addWorkflowRun(fake, { id: 8022, headSha: head, headBranch: 'feature-22', path: WORKFLOW, pullRequests: [22], results: [migrationPass(), failed] });

    await send('workflow_run', workflowRunPayload(fake, run));

    // The reason is escaped like any result text (a zero-width space keeps `s3://` from becoming a link).
    expect(commentOn(22)).toMatch(/^- ⚠️ nightly-drill: not stored — could not decide: s3:\u200b?\/\/faultline-evidence: AccessDenied$/m);
    expect(effective(head, 'faultline/migrations')!.output.summary).toContain('⚠️ nightly-drill: not stored');
  });

  it('never links evidence from a run whose workflow the pull request changed', async () => {
    const head = '8'.repeat(40);
    addPullRequest(fake, { number: 23, headSha: head, baseSha: BASE, files: [WORKFLOW, 'db/V10__orders.sql'] });
    fake.repo.files.set(`${head}:${WORKFLOW}`, `${workflow}      # and upload what I say\n`);
    const run = addWorkflowRun(fake, { id: 8023, headSha: head, headBranch: 'feature-23', path: WORKFLOW, pullRequests: [23], results: [migrationPass(), evidenceResult(8023)] });

    await send('workflow_run', workflowRunPayload(fake, run));

    expect(commentOn(23)).not.toContain('Evidence');
    expect(commentOn(23)).not.toContain(DIGEST);
    const migrations = effective(head, 'faultline/migrations')!;
    expect(migrations.conclusion).toBe('failure');
    expect(migrations.output.summary).not.toContain(DIGEST);
  });
});
