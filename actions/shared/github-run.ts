/**
 * What every action reads from the GitHub Actions environment: the event payload, and where the
 * run comes from (the result file's `source`). One reading, so all results describe a run alike.
 *
 * On pull_request and pull_request_target events GITHUB_SHA is the test merge commit (or the base
 * branch's head), not the commit the pull request is about: the head SHA comes from the payload,
 * and GITHUB_SHA is kept apart as `mergeSha`, so the app can tie a result to the run's head SHA.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { ResultSource } from '../../core/result.ts';

export interface PullRequestPayload {
  number?: number;
  labels?: { name?: string }[];
  head?: { sha?: string };
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The event payload, or undefined outside Actions or when the file cannot be read. */
export function eventPayload(env: NodeJS.ProcessEnv): Record<string, unknown> | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function pullRequestOf(payload: Record<string, unknown> | undefined): PullRequestPayload | undefined {
  const pr = payload?.pull_request;
  return pr && typeof pr === 'object' ? (pr as PullRequestPayload) : undefined;
}

/** Git's object id of a blob: sha1("blob <byte length>\0" + bytes), as `git hash-object` prints it. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

/** The config file the action read, as the result names it: workspace-relative path and blob SHA. */
export function configSource(workspace: string, path: string, bytes: Uint8Array): Pick<ResultSource, 'configPath' | 'configSha'> {
  const shown = isAbsolute(path) ? relative(workspace, path) : path;
  return { configPath: shown.split('\\').join('/'), configSha: gitBlobSha(bytes) };
}

/** Drops empty fields: the schema wants strings where a field is present. */
function compact(source: ResultSource): ResultSource {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== '')) as ResultSource;
}

export function runSource(env: NodeJS.ProcessEnv, payload = eventPayload(env)): ResultSource {
  const pr = pullRequestOf(payload);
  const headSha = typeof pr?.head?.sha === 'string' && /^[0-9a-f]{40,64}$/i.test(pr.head.sha) ? pr.head.sha : undefined;
  const onPullRequest = PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '');
  const sha = onPullRequest && headSha ? headSha : env.GITHUB_SHA;
  return compact({
    repository: env.GITHUB_REPOSITORY,
    sha,
    ...(onPullRequest && env.GITHUB_SHA && env.GITHUB_SHA !== sha ? { mergeSha: env.GITHUB_SHA } : {}),
    ref: env.GITHUB_REF,
    eventName: env.GITHUB_EVENT_NAME,
    workflow: env.GITHUB_WORKFLOW,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    actor: env.GITHUB_ACTOR,
    ...(typeof pr?.number === 'number' ? { pullRequest: pr.number } : {}),
  });
}
