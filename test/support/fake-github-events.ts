/**
 * Puts pull requests and workflow runs into the fake GitHub and builds the webhook payloads GitHub
 * would send about them: GitHub's own example payloads (@octokit/webhooks-examples) with the
 * repository, numbers and SHAs of the fake's state, so the app reads back what the event says.
 */
import { strToU8, zipSync } from 'fflate';
import type { FaultlineResult } from '../../core/result.ts';
import { gitBlobSha } from './fake-git.ts';
import type { FakeGitHub, FakePullRequest, FakeRun } from './fake-github.ts';
import { examplePayload } from './webhook-delivery.ts';

let nextArtifactId = 9000;

export interface PullRequestSpec {
  number: number;
  headSha: string;
  baseSha: string;
  files: string[];
  labels?: string[];
  headRef?: string;
}

/**
 * A pull request whose head commit holds the default branch's files as they are now (set
 * `<head>:<path>` afterwards for what the pull request changes).
 */
export function addPullRequest(fake: FakeGitHub, spec: PullRequestSpec): FakePullRequest {
  copyDefaultBranch(fake, spec.headSha);
  const pr: FakePullRequest = {
    number: spec.number,
    state: 'open',
    head: { sha: spec.headSha, ref: spec.headRef ?? `feature-${spec.number}`, repo: { owner: { login: fake.repo.owner } } },
    base: { sha: spec.baseSha, ref: fake.repo.defaultBranch },
    labels: (spec.labels ?? []).map((name) => ({ name })),
    files: spec.files,
  };
  fake.repo.pulls.set(spec.number, pr);
  return pr;
}

/** Makes commit `sha` hold the default branch's files (those it does not have already). */
export function copyDefaultBranch(fake: FakeGitHub, sha: string): void {
  const prefix = `${fake.repo.defaultBranch}:`;
  for (const [key, text] of [...fake.repo.files]) {
    if (!key.startsWith(prefix)) continue;
    const at = `${sha}:${key.slice(prefix.length)}`;
    if (!fake.repo.files.has(at)) fake.repo.files.set(at, text);
  }
}

/** The repository object of a payload, for the fake's repository. */
function repositoryOf(fake: FakeGitHub, template: Record<string, unknown>): Record<string, unknown> {
  const repository = structuredClone(template) as Record<string, unknown> & { owner: Record<string, unknown> };
  repository.owner.login = fake.repo.owner;
  return { ...repository, name: fake.repo.name, full_name: `${fake.repo.owner}/${fake.repo.name}`, default_branch: fake.repo.defaultBranch };
}

/** A `pull_request` delivery (synchronize, labeled, opened …) describing the fake's pull request as it is now. */
export function pullRequestPayload(fake: FakeGitHub, number: number, action: string): Record<string, unknown> {
  const pr = fake.repo.pulls.get(number);
  if (!pr) throw new Error(`the fake GitHub has no pull request #${number}`);
  const payload = examplePayload('pull_request', action === 'synchronize' || action === 'labeled' ? action : 'opened');
  payload.action = action;
  payload.number = number;
  payload.repository = repositoryOf(fake, payload.repository as Record<string, unknown>);
  const example = payload.pull_request as Record<string, unknown> & { head: Record<string, unknown>; base: Record<string, unknown> };
  payload.pull_request = {
    ...example,
    number,
    state: pr.state,
    labels: pr.labels.map((l, i) => ({ id: i + 1, node_id: `LA_${i}`, url: '', name: l.name, color: 'ededed', default: false, description: null })),
    head: { ...example.head, sha: pr.head.sha, ref: pr.head.ref },
    base: { ...example.base, sha: pr.base.sha, ref: pr.base.ref, repo: payload.repository },
  };
  if (action === 'labeled') payload.label = { name: pr.labels.at(-1)?.name ?? '' };
  return payload;
}

/** A zip holding result files, as the upload-artifact action stores them. */
export function resultArtifact(results: FaultlineResult[]): Uint8Array {
  return zipSync(Object.fromEntries(results.map((r, i) => [`faultline-result-${i}.json`, strToU8(JSON.stringify(r))])));
}

export interface RunSpec {
  id: number;
  headSha: string;
  headBranch: string;
  /** The workflow file; its text at the run's commit and on the default branch decide trust. */
  path: string;
  event?: string;
  pullRequests?: number[];
  results?: FaultlineResult[];
  /** GitHub's run_attempt (default 1). */
  attempt?: number;
  /** GitHub's run_started_at (default: now). */
  startedAt?: string;
  /** `owner/name` the head commit comes from, for a fork's run (default: the fake's repository). */
  headRepository?: string;
  /** Default true: results without a `source` get the one the actions write (commit, run, config read). */
  stamp?: boolean;
}

/** The `source` a Faultline action writes in that run: the head commit, run id, attempt, config it read. */
export function actionSource(fake: FakeGitHub, run: { id: number; headSha: string; attempt?: number }): NonNullable<FaultlineResult['source']> {
  const config = fake.repo.files.get(`${run.headSha}:.github/faultline.yml`);
  return {
    repository: `${fake.repo.owner}/${fake.repo.name}`,
    sha: run.headSha,
    runId: String(run.id),
    runAttempt: String(run.attempt ?? 1),
    ...(config !== undefined ? { configPath: '.github/faultline.yml', configSha: gitBlobSha(config) } : {}),
  };
}

export function addWorkflowRun(fake: FakeGitHub, spec: RunSpec): FakeRun {
  const stamped = (spec.results ?? []).map((r) => (r.source || spec.stamp === false ? r : { ...r, source: actionSource(fake, spec) }));
  const run: FakeRun = {
    id: spec.id,
    run_attempt: spec.attempt ?? 1,
    name: spec.path.split('/').pop(),
    html_url: `${fake.url}/${fake.repo.owner}/${fake.repo.name}/actions/runs/${spec.id}`,
    updated_at: new Date().toISOString(),
    run_started_at: spec.startedAt ?? new Date().toISOString(),
    ...(spec.headRepository ? { head_full_name: spec.headRepository } : {}),
    path: spec.path,
    head_sha: spec.headSha,
    head_branch: spec.headBranch,
    event: spec.event ?? 'pull_request',
    status: 'completed',
    conclusion: 'success',
    pull_requests: (spec.pullRequests ?? []).map((number) => ({ number })),
    artifacts: spec.results ? [{ id: nextArtifactId++, name: 'faultline-results', zip: resultArtifact(stamped) }] : [],
  };
  fake.repo.runs.push(run);
  return run;
}

/** A `workflow_run.completed` delivery for a run of the fake's. */
export function workflowRunPayload(fake: FakeGitHub, run: FakeRun): Record<string, unknown> {
  const payload = examplePayload('workflow_run', 'completed');
  payload.repository = repositoryOf(fake, payload.repository as Record<string, unknown>);
  const example = payload.workflow_run as Record<string, unknown>;
  payload.workflow_run = {
    ...example,
    id: run.id,
    run_attempt: run.run_attempt,
    path: run.path,
    event: run.event,
    head_sha: run.head_sha,
    head_branch: run.head_branch,
    status: 'completed',
    conclusion: run.conclusion,
    pull_requests: run.pull_requests.map(({ number }) => ({ number, id: number, url: '', head: { sha: run.head_sha, ref: run.head_branch, repo: {} }, base: { sha: '', ref: fake.repo.defaultBranch, repo: {} } })),
    repository: payload.repository,
    head_repository: payload.repository,
  };
  return payload;
}

/** GitHub's example payload for `event.action`, about the fake's repository. */
export function repositoryPayload(fake: FakeGitHub, event: string, action: string): Record<string, unknown> {
  const payload = examplePayload(event, action);
  payload.repository = repositoryOf(fake, payload.repository as Record<string, unknown>);
  return payload;
}

/** `issue_comment.created` on pull request `number`, written by `login` (a person). */
export function pullRequestCommentPayload(fake: FakeGitHub, number: number, login: string, body: string): Record<string, unknown> {
  const payload = repositoryPayload(fake, 'issue_comment', 'created');
  const issue = payload.issue as Record<string, unknown>;
  payload.issue = { ...issue, number, pull_request: { url: `${fake.url}/api/v3/repos/${fake.repo.owner}/${fake.repo.name}/pulls/${number}` } };
  const comment = payload.comment as Record<string, unknown> & { user: Record<string, unknown> };
  payload.comment = { ...comment, id: 50_000 + number, body, user: { ...comment.user, login, type: 'User' } };
  return payload;
}

/** `check_suite.rerequested` for the pull request's head (someone pressed "Re-run all checks"). */
export function checkSuiteRerequestedPayload(fake: FakeGitHub, number: number): Record<string, unknown> {
  const pr = fake.repo.pulls.get(number)!;
  const payload = repositoryPayload(fake, 'check_suite', 'rerequested');
  const suite = payload.check_suite as Record<string, unknown>;
  payload.check_suite = { ...suite, head_sha: pr.head.sha, head_branch: pr.head.ref, pull_requests: [{ number, id: number, url: '', head: { sha: pr.head.sha, ref: pr.head.ref, repo: {} }, base: { sha: pr.base.sha, ref: pr.base.ref, repo: {} } }] };
  return payload;
}
