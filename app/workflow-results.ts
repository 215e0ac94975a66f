/**
 * Collects the result files a completed workflow run produced, and the pull requests they belong
 * to. A run counts only when its workflow file at the run's commit is byte-identical to the one on
 * the default branch: a pull request can edit its own workflow files, but then its results carry no
 * weight on a gate that protects the default branch.
 */
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

async function blobSha(api: GitHubRequester, repo: Repo, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await api.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path, ref });
    return (data as { sha?: string }).sha;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** True when the workflow that ran is the default branch's own. */
export async function isTrustedWorkflow(api: GitHubRequester, repo: Repo, run: RunInfo, defaultBranch: string): Promise<boolean> {
  const [onDefault, atRun] = await Promise.all([
    blobSha(api, repo, run.path, defaultBranch),
    blobSha(api, repo, run.path, run.head_sha),
  ]);
  return onDefault !== undefined && onDefault === atRun;
}

export async function collectRunResults(api: GitHubRequester, repo: Repo, runId: number): Promise<ArtifactResults> {
  const { data } = await api.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
    ...repo,
    run_id: runId,
    per_page: 100,
  });
  const artifacts = (data as { artifacts: { id: number; name: string; expired: boolean }[] }).artifacts.filter(
    (a) => a.name.startsWith(ARTIFACT_PREFIX) && !a.expired,
  );
  const combined: ArtifactResults = { results: [], rejected: [] };
  for (const artifact of artifacts) {
    const download = await api.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
      ...repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
    });
    const { results, rejected } = await readResultsFromZip(artifact.name, new Uint8Array(download.data as ArrayBuffer));
    combined.results.push(...results);
    combined.rejected.push(...rejected);
  }
  return combined;
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
