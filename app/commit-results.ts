/**
 * All trusted result files for one commit, gathered from its completed workflow runs. A run counts
 * only when nothing that produced it differs from the default branch (gate-chain.ts), and each
 * result only when it is tied to that run and judged by the default branch's config
 * (result-binding.ts). Results of different runs are all kept: a failure in one run is never hidden
 * by a pass in another, and no file's own timestamps order anything.
 *
 * A completed run never changes, so what we learnt about it is cached, keyed by the run, its
 * attempt and the default branch's tree (a new default branch means judging again); the cache only
 * saves requests, correctness never depends on it.
 */
import { bindResult } from '../core/gates/result-binding.ts';
import type { FaultlineResult } from '../core/result.ts';
import type { ArtifactResults, RejectedResult } from './artifact-results.ts';
import { CONFIG_PATH, checkGateChain, RepoSnapshot } from './gate-chain.ts';
import { type GitHubApi, type Repo, runInfo } from './github-api.ts';
import { bindResults, collectRunResults, type RunInfo } from './workflow-results.ts';

export interface UntrustedRun {
  id: number;
  name: string;
  url?: string;
  /** What the pull request changes in the run's chain (workflow, local actions, config). */
  changed: string[];
}

export interface CommitResults {
  results: FaultlineResult[];
  rejected: RejectedResult[];
  /** Workflow runs for the commit that have not finished: their results may still come. */
  runsInProgress: number;
  /** Completed workflow runs seen for the commit (trusted or not). */
  runsCompleted: number;
  /** Runs ignored because something that produced them differs from the default branch. */
  untrustedRuns: UntrustedRun[];
  /** Result files from earlier attempts of a run, superseded by the run's current attempt. */
  staleResults: number;
  /** Pages of the trusted runs that produced results. */
  links: { name: string; url: string }[];
  /** Every completed run looked at, for "what was seen" when a gate has no trusted result. */
  completed: { name: string; url?: string; trusted: boolean; results: number }[];
  /** Set when GitHub's list of runs was longer than the app reads. */
  capped?: string;
}

interface RunOutcome {
  trusted: boolean;
  changed: string[];
  results: FaultlineResult[];
  rejected: RejectedResult[];
  stale: number;
}

const MAX_CACHED_RUNS = 2000;
/** Runs for one commit the app reads (a commit re-run a thousand times is not a normal one). */
export const MAX_RUNS_PER_COMMIT = 1000;

export class RunResultCache {
  readonly #runs = new Map<string, RunOutcome>();
  /** What a run's artifacts hold, by run and attempt: judging it again needs no new download. */
  readonly #artifacts = new Map<string, ArtifactResults>();

  get(key: string): RunOutcome | undefined {
    return this.#runs.get(key);
  }

  set(key: string, outcome: RunOutcome): void {
    if (this.#runs.size >= MAX_CACHED_RUNS) this.#runs.delete(this.#runs.keys().next().value!);
    this.#runs.set(key, outcome);
  }

  artifacts(key: string): ArtifactResults | undefined {
    return this.#artifacts.get(key);
  }

  setArtifacts(key: string, found: ArtifactResults): void {
    if (this.#artifacts.size >= MAX_CACHED_RUNS) this.#artifacts.delete(this.#artifacts.keys().next().value!);
    this.#artifacts.set(key, found);
  }
}

/** Trust and results of one completed run, judged against `defaultRef` (the default branch). */
export async function runOutcome(api: GitHubApi, repo: Repo, run: RunInfo, defaultRef: string, cache: RunResultCache, snapshot = new RepoSnapshot(api, repo)): Promise<RunOutcome> {
  const defaultTree = await snapshot.rootOf(defaultRef);
  const key = `${repo.owner}/${repo.repo}#${run.id}.${run.attempt}@${defaultTree}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const chain = await checkGateChain(snapshot, run.path, run.head_sha, defaultRef);
  let outcome: RunOutcome;
  if (chain.changed.length > 0) {
    outcome = { trusted: false, changed: chain.changed, results: [], rejected: [], stale: 0 };
  } else {
    const configSha = await snapshot.objectSha(defaultRef, CONFIG_PATH);
    const identity = { id: run.id, attempt: run.attempt, headSha: run.head_sha };
    const artifactsKey = `${repo.owner}/${repo.repo}#${run.id}.${run.attempt}`;
    const found = cache.artifacts(artifactsKey) ?? (await collectRunResults(api, repo, run.id));
    cache.setArtifacts(artifactsKey, found);
    const judged = bindResults(found, (result) => bindResult(result, identity, configSha));
    outcome = { trusted: true, changed: [], results: judged.results, rejected: judged.rejected, stale: judged.stale };
  }
  cache.set(key, outcome);
  return outcome;
}

type RawRun = Parameters<typeof runInfo>[0] & { status: string | null };

/** Each run once, at its newest attempt (pages can shift while GitHub updates runs). */
function newestAttempts(runs: RawRun[]): RawRun[] {
  const byId = new Map<number, RawRun>();
  for (const run of runs) {
    const seen = byId.get(run.id);
    const newer = !seen || (run.run_attempt ?? 1) > (seen.run_attempt ?? 1) || ((run.run_attempt ?? 1) === (seen.run_attempt ?? 1) && (run.updated_at ?? '') > (seen.updated_at ?? ''));
    if (newer) byId.set(run.id, run);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export async function resultsForCommit(api: GitHubApi, repo: Repo, sha: string, defaultBranch: string, cache: RunResultCache): Promise<CommitResults> {
  const listed = await api.paginate<RawRun>('GET /repos/{owner}/{repo}/actions/runs', { ...repo, head_sha: sha, per_page: 100 });
  // GitHub-managed runs (CodeQL default setup, Dependabot, Pages: `dynamic/…`) have no workflow file
  // a pull request could change and upload no Faultline artifacts: they neither count nor delay.
  const runs = newestAttempts(listed.slice(0, MAX_RUNS_PER_COMMIT)).filter((run) => !run.path.startsWith('dynamic/'));
  const combined: CommitResults = { results: [], rejected: [], runsInProgress: 0, runsCompleted: 0, untrustedRuns: [], staleResults: 0, links: [], completed: [] };
  if (listed.length > MAX_RUNS_PER_COMMIT) combined.capped = `only the first ${MAX_RUNS_PER_COMMIT} of ${listed.length} workflow runs were read`;
  const snapshot = new RepoSnapshot(api, repo);
  for (const raw of runs) {
    if (raw.status !== 'completed') {
      combined.runsInProgress++;
      continue;
    }
    combined.runsCompleted++;
    const run = runInfo(raw);
    const outcome = await runOutcome(api, repo, run, defaultBranch, cache, snapshot);
    const name = run.name ?? run.path;
    if (!outcome.trusted) combined.untrustedRuns.push({ id: run.id, name, changed: outcome.changed, ...(run.html_url ? { url: run.html_url } : {}) });
    if (outcome.results.length > 0 && run.html_url) combined.links.push({ name, url: run.html_url });
    combined.completed.push({ name, trusted: outcome.trusted, results: outcome.results.length + outcome.rejected.length, ...(run.html_url ? { url: run.html_url } : {}) });
    combined.results.push(...outcome.results);
    combined.rejected.push(...outcome.rejected);
    combined.staleResults += outcome.stale;
  }
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
