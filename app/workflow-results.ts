/**
 * Collects the result files a completed workflow run produced, and the pull requests they belong
 * to. Whether a run counts at all is decided by gate-chain.ts (workflow, local actions, reusable
 * workflows and config identical to the default branch); here each result file is also tied to
 * the run that produced it (core/gates/result-binding.ts).
 */
import type { Binding } from '../core/gates/result-binding.ts';
import type { FaultlineResult } from '../core/result.ts';
import { type ArtifactResults, readResultsFromZip } from './artifact-results.ts';

export interface GitHubRequester {
  request(route: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
}

export interface RunInfo {
  id: number;
  /** Re-running a workflow keeps its id and bumps the attempt; each attempt has its own artifacts. */
  attempt: number;
  /** e.g. `.github/workflows/ci.yml` */
  path: string;
  head_sha: string;
  head_branch: string | null;
  /** `owner` login of the repository the head commit lives in (a fork for fork PRs). */
  head_owner: string;
  /** When GitHub last changed the run (a new attempt, completion): orders runs, never the files. */
  updated_at?: string;
  /** The run's page, linked from the PR comment. */
  html_url?: string;
  name?: string;
  pull_requests: number[];
}

interface Repo {
  owner: string;
  repo: string;
}

/** Artifacts whose name starts with this are read; others are not ours. */
export const ARTIFACT_PREFIX = 'faultline';

const ARTIFACTS_PER_PAGE = 100;
/** GitHub keeps at most 500 artifacts a run (upload-artifact v4); more pages are not read. */
const MAX_ARTIFACT_PAGES = 10;

interface ArtifactEntry {
  id: number;
  name: string;
  expired: boolean;
}

async function runArtifacts(api: GitHubRequester, repo: Repo, runId: number): Promise<ArtifactEntry[]> {
  const all: ArtifactEntry[] = [];
  for (let page = 1; page <= MAX_ARTIFACT_PAGES; page++) {
    const { data } = await api.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', { ...repo, run_id: runId, per_page: ARTIFACTS_PER_PAGE, page });
    const listed = data as { total_count?: number; artifacts: ArtifactEntry[] };
    all.push(...listed.artifacts);
    if (listed.artifacts.length < ARTIFACTS_PER_PAGE || all.length >= (listed.total_count ?? 0)) break;
  }
  return all;
}

export interface RunResults extends ArtifactResults {
  /** Result files from an earlier attempt of the run: superseded, not counted. */
  stale: number;
}

/** Reads every result file in a run's `faultline*` artifacts (schema-checked, not yet tied to the run). */
export async function collectRunResults(api: GitHubRequester, repo: Repo, runId: number): Promise<ArtifactResults> {
  const artifacts = (await runArtifacts(api, repo, runId)).filter((a) => a.name.startsWith(ARTIFACT_PREFIX) && !a.expired);
  const combined: ArtifactResults = { results: [], rejected: [] };
  for (const artifact of artifacts) {
    const download = await api.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
      ...repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
    });
    const { results, rejected } = await readResultsFromZip(artifact.name, new Uint8Array(download.data as ArrayBuffer));
    for (const result of results) artifactOf.set(result, artifact.name);
    combined.results.push(...results);
    combined.rejected.push(...rejected);
  }
  return combined;
}

/** The artifact each result came from, for rejection messages. */
const artifactOf = new WeakMap<FaultlineResult, string>();

/** Ties each valid result to the run (and the default branch's policy); a refused one is rejected with the reason. */
export function bindResults(found: ArtifactResults, bind: (result: FaultlineResult) => Binding): RunResults {
  const out: RunResults = { results: [], rejected: [...found.rejected], stale: 0 };
  for (const result of found.results) {
    const binding = bind(result);
    if (binding.ok) out.results.push(result);
    else if (binding.stale) out.stale++;
    else {
      const artifact = artifactOf.get(result) ?? ARTIFACT_PREFIX;
      out.rejected.push({ artifact, file: `${result.kind} result “${result.name}”`, problems: [binding.problem], kind: result.kind });
    }
  }
  return out;
}

/**
 * Open pull requests whose head is this run's commit. The payload lists them only for branches of
 * the same repository; fork pull requests are found by `owner:branch`.
 */
export async function pullRequestsOfRun(api: GitHubRequester, repo: Repo, run: RunInfo): Promise<number[]> {
  if (run.pull_requests.length > 0) return run.pull_requests;
  if (!run.head_branch) return [];
  const { data } = await api.request('GET /repos/{owner}/{repo}/pulls', {
    ...repo,
    state: 'open',
    head: `${run.head_owner}:${run.head_branch}`,
    per_page: 100,
  });
  return (data as { number: number; head: { sha: string } }[]).filter((pr) => pr.head.sha === run.head_sha).map((pr) => pr.number);
}
