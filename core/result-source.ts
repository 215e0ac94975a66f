/**
 * A result's `source`, from facts the face hands in (the GitHub Actions variables and event
 * payload; the core reads no environment itself): on pull_request and pull_request_target events
 * GITHUB_SHA is the test merge commit, so the commit the result is about is the pull request's
 * head SHA from the payload, and GITHUB_SHA is kept apart as `mergeSha`. The config a face read is
 * named by its git blob SHA, so the app can reject results produced under another config.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import type { ResultSource } from './result.ts';

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** Git's object id of a blob: sha1("blob <byte length>\0" + bytes), as `git hash-object` prints it. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

/** The config file read, as the result names it: path relative to `root` and its blob SHA. */
export function configSource(root: string, path: string, bytes: Uint8Array): Pick<ResultSource, 'configPath' | 'configSha'> {
  const shown = isAbsolute(path) ? relative(root, path) : path;
  return { configPath: shown.split('\\').join('/'), configSha: gitBlobSha(bytes) };
}

/** Drops empty fields: the schema wants strings where a field is present. */
function compact(source: ResultSource): ResultSource {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== '')) as ResultSource;
}

/** `source` from the GITHUB_* variables and the event payload (both empty outside Actions). */
export function sourceFromRun(env: Record<string, string | undefined>, payload: Record<string, unknown> | undefined): ResultSource {
  const pr = payload?.pull_request as { number?: unknown; head?: { sha?: unknown } } | undefined;
  const head = pr?.head?.sha;
  const headSha = typeof head === 'string' && /^[0-9a-f]{40,64}$/i.test(head) ? head : undefined;
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
