/**
 * All trusted result files for one commit, gathered from its completed workflow runs. A completed
 * run never changes, so what we learnt about it (trusted or not, its results) is kept in a small
 * in-memory cache; the cache only saves requests, correctness never depends on it.
 */
import type { FaultlineResult } from '../core/result.ts';
import type { RejectedResult } from './artifact-results.ts';
import { type GitHubApi, type Repo, runInfo } from './github-api.ts';
import { collectRunResults, isTrustedWorkflow, type RunInfo } from './workflow-results.ts';

export interface CommitResults {
  results: FaultlineResult[];
  rejected: RejectedResult[];
  /** Workflow runs for the commit that have not finished: their results may still come. */
  runsInProgress: number;
  /** Runs ignored because their workflow file differs from the default branch's. */
  untrustedRuns: { id: number; path: string }[];
  /** Pages of the trusted runs that produced results. */
  links: { name: string; url: string }[];
}

interface RunOutcome {
  trusted: boolean;
  results: FaultlineResult[];
  rejected: RejectedResult[];
}

const MAX_CACHED_RUNS = 2000;

export class RunResultCache {
  readonly #runs = new Map<string, RunOutcome>();

  get(key: string): RunOutcome | undefined {
    return this.#runs.get(key);
  }

  set(key: string, outcome: RunOutcome): void {
    if (this.#runs.size >= MAX_CACHED_RUNS) this.#runs.delete(this.#runs.keys().next().value!);
    this.#runs.set(key, outcome);
  }
}

export async function runOutcome(api: GitHubApi, repo: Repo, run: RunInfo, defaultBranch: string, cache: RunResultCache): Promise<RunOutcome> {
  const key = `${repo.owner}/${repo.repo}#${run.id}.${run.attempt}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const trusted = await isTrustedWorkflow(api, repo, run, defaultBranch);
  const outcome = trusted ? { trusted, ...(await collectRunResults(api, repo, run.id)) } : { trusted, results: [], rejected: [] };
  cache.set(key, outcome);
  return outcome;
}

export async function resultsForCommit(api: GitHubApi, repo: Repo, sha: string, defaultBranch: string, cache: RunResultCache): Promise<CommitResults> {
  const { data } = await api.request('GET /repos/{owner}/{repo}/actions/runs', { ...repo, head_sha: sha, per_page: 50 });
  const runs = (data as { workflow_runs: (Parameters<typeof runInfo>[0] & { status: string | null })[] }).workflow_runs;
  const combined: CommitResults = { results: [], rejected: [], runsInProgress: 0, untrustedRuns: [], links: [] };
  for (const raw of runs) {
    if (raw.status !== 'completed') {
      combined.runsInProgress++;
      continue;
    }
    const run = runInfo(raw);
    const outcome = await runOutcome(api, repo, run, defaultBranch, cache);
    if (!outcome.trusted) combined.untrustedRuns.push({ id: run.id, path: run.path });
    if (outcome.results.length > 0 && run.html_url) combined.links.push({ name: run.name ?? run.path, url: run.html_url });
    combined.results.push(...outcome.results);
    combined.rejected.push(...outcome.rejected);
  }
  // The same experiment may have run in several workflows or attempts: the newest counts.
  const newest = new Map<string, FaultlineResult>();
  for (const result of combined.results) {
    const key = `${result.kind}:${result.name}`;
    const seen = newest.get(key);
    if (!seen || seen.finishedAt < result.finishedAt) newest.set(key, result);
  }
  combined.results = [...newest.values()];
  return combined;
}

/** Last resilience scores on the base branch, from its newest trusted push run with chaos results. */
export async function baseBranchResults(api: GitHubApi, repo: Repo, branch: string, cache: RunResultCache): Promise<FaultlineResult[]> {
  const { data } = await api.request('GET /repos/{owner}/{repo}/actions/runs', { ...repo, branch, event: 'push', status: 'completed', per_page: 5 });
  for (const raw of (data as { workflow_runs: Parameters<typeof runInfo>[0][] }).workflow_runs) {
    const outcome = await runOutcome(api, repo, runInfo(raw), branch, cache);
    const chaos = outcome.results.filter((r) => r.kind === 'chaos');
    if (chaos.length > 0) return chaos;
  }
  return [];
}
