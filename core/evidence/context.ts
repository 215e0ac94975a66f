/** The run context recorded in a bundle, from what a face read (the CI environment, flags). */
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import type { RunContext } from './types.ts';

export interface RunFacts {
  repository?: string;
  commit?: string;
  ref?: string;
  workflow?: string;
  runId?: string;
  runAttempt?: string;
  actor?: string;
  eventName?: string;
}

export function runContext(facts: RunFacts, now: Date = new Date()): RunContext {
  const known = Object.fromEntries(Object.entries(facts).filter(([, v]) => typeof v === 'string' && v !== '')) as RunFacts;
  return { ...known, time: now.toISOString(), tool: { name: TOOL_NAME, version: TOOL_VERSION } };
}

/** GitHub Actions' variables, read by the face that owns the environment and handed in here. */
export function githubRunFacts(env: Record<string, string | undefined>): RunFacts {
  return {
    repository: env.GITHUB_REPOSITORY,
    commit: env.GITHUB_SHA,
    ref: env.GITHUB_REF,
    workflow: env.GITHUB_WORKFLOW,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    actor: env.GITHUB_ACTOR,
    eventName: env.GITHUB_EVENT_NAME,
  };
}
