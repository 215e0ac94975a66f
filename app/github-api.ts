/**
 * The GitHub reads the app makes, each one request (or one paginated listing), named for what
 * they return. Routes are GitHub's own so tests can check them against the OpenAPI description.
 */
import type { Permission } from '../core/gates/overrides.ts';
import type { RunInfo } from './workflow-results.ts';

export interface GitHubApi {
  request(route: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
  paginate<T>(route: string, params: Record<string, unknown>): Promise<T[]>;
}

export interface Repo {
  owner: string;
  repo: string;
}

export interface IssueComment {
  id: number;
  body?: string | null;
  created_at: string;
  /** Differs from created_at once edited: commands in edited comments do not count. */
  updated_at?: string;
  html_url?: string;
  user?: { login: string; type?: string } | null;
}

/** Paths a pull request adds, modifies, removes or renames (both names of a rename). */
export async function pullRequestFiles(api: GitHubApi, repo: Repo, pullNumber: number): Promise<string[]> {
  const files = await api.paginate<{ filename: string; previous_filename?: string }>('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
}

/** Paths changed between two commits (merge queue groups have no pull-request file list). */
export async function comparedFiles(api: GitHubApi, repo: Repo, base: string, head: string): Promise<string[]> {
  const { data } = await api.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repo, basehead: `${base}...${head}`, per_page: 100 });
  return ((data as { files?: { filename: string; previous_filename?: string }[] }).files ?? []).flatMap((f) =>
    f.previous_filename ? [f.filename, f.previous_filename] : [f.filename],
  );
}

export function issueComments(api: GitHubApi, repo: Repo, issueNumber: number): Promise<IssueComment[]> {
  return api.paginate<IssueComment>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, per_page: 100 });
}

/** A person's permission on the repository; `none` when GitHub does not know them as a collaborator. */
export async function permissionOf(api: GitHubApi, repo: Repo, username: string): Promise<Permission> {
  try {
    const { data } = await api.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repo, username });
    const d = data as { permission?: string; role_name?: string };
    // role_name distinguishes maintain/triage, which `permission` folds into write/read.
    const role = d.role_name ?? d.permission;
    return (['admin', 'maintain', 'write', 'triage', 'read'] as const).find((p) => p === role) ?? 'none';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return 'none';
    throw error;
  }
}

interface WorkflowRunPayload {
  id: number;
  run_attempt?: number;
  name?: string | null;
  html_url?: string;
  path: string;
  head_sha: string;
  head_branch: string | null;
  status: string | null;
  head_repository?: { owner?: { login: string } } | null;
  repository?: { owner?: { login: string } };
  pull_requests?: { number: number }[] | null;
}

export function runInfo(run: WorkflowRunPayload): RunInfo {
  return {
    id: run.id,
    attempt: run.run_attempt ?? 1,
    path: run.path,
    head_sha: run.head_sha,
    head_branch: run.head_branch,
    head_owner: run.head_repository?.owner?.login ?? run.repository?.owner?.login ?? '',
    pull_requests: (run.pull_requests ?? []).map((p) => p.number),
    ...(run.html_url ? { html_url: run.html_url } : {}),
    ...(run.name ? { name: run.name } : {}),
  };
}

/** Completed workflow runs for a commit (newest first). */
export async function completedRunsForCommit(api: GitHubApi, repo: Repo, sha: string): Promise<RunInfo[]> {
  const { data } = await api.request('GET /repos/{owner}/{repo}/actions/runs', { ...repo, head_sha: sha, status: 'completed', per_page: 50 });
  return (data as { workflow_runs: WorkflowRunPayload[] }).workflow_runs.map(runInfo);
}
