/**
 * What every action reads from the GitHub Actions environment: the event payload, and where the
 * run comes from (the result file's `source`). One reading, so all results describe a run alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ResultSource } from '../../core/result.ts';

export interface PullRequestPayload {
  number?: number;
  labels?: { name?: string }[];
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
  return payload?.pull_request as PullRequestPayload | undefined;
}

export function runSource(env: NodeJS.ProcessEnv, payload = eventPayload(env)): ResultSource {
  const number = pullRequestOf(payload)?.number;
  return {
    repository: env.GITHUB_REPOSITORY,
    sha: env.GITHUB_SHA,
    ref: env.GITHUB_REF,
    eventName: env.GITHUB_EVENT_NAME,
    workflow: env.GITHUB_WORKFLOW,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    actor: env.GITHUB_ACTOR,
    ...(typeof number === 'number' ? { pullRequest: number } : {}),
  };
}
