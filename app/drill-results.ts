/**
 * The default branch's newest failover drill, for `faultline/dr-drill` and the PR comment.
 *
 * Drills run on the default branch (nightly, or by hand), not on a pull request's commit. A drill
 * counts only from a run of the default branch itself: event `schedule`, `workflow_dispatch` or
 * `push`, head branch the default branch, head repository this repository. Such a run ran code
 * that was merged; a pull request's run (a fork's `main` too) is never one, whatever its branch is
 * called. Each result is tied to its run (commit, run id, attempt; core/gates/result-binding.ts).
 * Runs are ordered by GitHub's start time, never by a time in a file.
 */
import type { DrillRun, DrillSearch } from '../core/gates/dr-drill.ts';
import { bindToRun } from '../core/gates/result-binding.ts';
import type { RunResultCache } from './commit-results.ts';
import type { GitHubApi, Repo } from './github-api.ts';
import { collectRunResults } from './workflow-results.ts';

/** Events whose runs on the default branch run the default branch's own code. */
export const DRILL_EVENTS = ['schedule', 'workflow_dispatch', 'push'] as const;
/** Newest completed runs read per event. */
export const DRILL_RUNS_PER_EVENT = 30;

interface RawRun {
  id: number;
  run_attempt?: number;
  name?: string | null;
  path: string;
  html_url?: string;
  event: string;
  head_sha: string;
  head_branch: string | null;
  run_started_at?: string;
  created_at?: string;
  head_repository?: { full_name?: string } | null;
}

function startedAt(run: RawRun): string {
  return run.run_started_at ?? run.created_at ?? '';
}

function ofDefaultBranch(run: RawRun, repo: Repo, defaultBranch: string): boolean {
  return (
    (DRILL_EVENTS as readonly string[]).includes(run.event) &&
    run.head_branch === defaultBranch &&
    run.head_repository?.full_name?.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase()
  );
}

/** The newest run of the default branch with failover results (or refused failover result files). */
export async function newestDrill(api: GitHubApi, repo: Repo, defaultBranch: string, cache: RunResultCache): Promise<DrillSearch> {
  const runs = new Map<number, RawRun>();
  for (const event of DRILL_EVENTS) {
    const { data } = await api.request('GET /repos/{owner}/{repo}/actions/runs', { ...repo, branch: defaultBranch, event, status: 'completed', exclude_pull_requests: true, per_page: DRILL_RUNS_PER_EVENT });
    for (const run of (data as { workflow_runs: RawRun[] }).workflow_runs) if (ofDefaultBranch(run, repo, defaultBranch)) runs.set(run.id, run);
  }
  const newestFirst = [...runs.values()].sort((a, b) => startedAt(b).localeCompare(startedAt(a)) || b.id - a.id);
  for (const run of newestFirst) {
    const attempt = run.run_attempt ?? 1;
    const key = `${repo.owner}/${repo.repo}#${run.id}.${attempt}`;
    const found = cache.artifacts(key) ?? (await collectRunResults(api, repo, run.id));
    cache.setArtifacts(key, found);
    const name = run.name ?? run.path;
    const drill: DrillRun = { startedAt: startedAt(run), name, ...(run.html_url ? { url: run.html_url } : {}), results: [], rejected: [] };
    for (const r of found.rejected) if (r.kind === 'failover') drill.rejected.push({ where: `${r.artifact}/${r.file}`, problems: r.problems });
    for (const result of found.results.filter((r) => r.kind === 'failover')) {
      const binding = bindToRun(result, { id: run.id, attempt, headSha: run.head_sha });
      if (binding.ok) drill.results.push(result);
      else if (!binding.stale) drill.rejected.push({ where: `failover result “${result.name}”`, problems: [binding.problem] });
    }
    if (drill.results.length > 0 || drill.rejected.length > 0) return { newest: drill };
  }
  return {
    seen: `none of the newest ${runs.size} completed ${DRILL_EVENTS.join('/')} run${runs.size === 1 ? '' : 's'} of this repository’s ${defaultBranch} (up to ${DRILL_RUNS_PER_EVENT} per event) uploaded a failover result`,
  };
}
