/**
 * What every action reads from the GitHub Actions environment: the event payload, and where the
 * run comes from (the result file's `source`). One reading, so all results describe a run alike.
 *
 * On pull_request and pull_request_target events GITHUB_SHA is the test merge commit (or the base
 * branch's head), not the commit the pull request is about: the head SHA comes from the payload,
 * and GITHUB_SHA is kept apart as `mergeSha`, so the app can tie a result to the run's head SHA.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ResultSource } from '../../core/result.ts';
import { configSource, gitBlobSha, sourceFromRun } from '../../core/result-source.ts';

export interface PullRequestPayload {
  number?: number;
  labels?: { name?: string }[];
  head?: { sha?: string };
}

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

export { configSource, gitBlobSha };

export function runSource(env: NodeJS.ProcessEnv, payload = eventPayload(env)): ResultSource {
  return sourceFromRun(env, payload);
}
