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

/** GitHub lists at most this many files of a pull request (`GET …/pulls/{n}/files`). */
export const PULL_REQUEST_FILES_CAP = 3000;
/** A comparison lists at most this many files, on its first page only. */
export const COMPARE_FILES_CAP = 300;

export interface FileList {
  paths: string[];
  /** Why the list is incomplete, when GitHub's cap was hit; gates then assume their paths match. */
  capped?: string;
}

type ChangedFile = { filename: string; previous_filename?: string };

const pathsOf = (files: ChangedFile[]) => files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));

/**
 * Paths a pull request adds, modifies, removes or renames (both names of a rename), all pages.
 * `changedFiles` is the pull request's `changed_files` count, which tells a capped list apart.
 */
export async function pullRequestFiles(api: GitHubApi, repo: Repo, pullNumber: number, changedFiles?: number): Promise<FileList> {
  const files = await api.paginate<ChangedFile>('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const known = changedFiles !== undefined && changedFiles > files.length;
  const capped = known || files.length >= PULL_REQUEST_FILES_CAP;
  const total = known ? String(changedFiles) : `${files.length} or more`;
  return { paths: pathsOf(files), ...(capped ? { capped: `GitHub lists only the first ${files.length} of ${total} changed files` } : {}) };
}

/**
 * Paths changed between two commits (merge queue groups have no pull-request file list). GitHub
 * lists at most 300 files of a comparison (on its first page, whatever the page size): beyond that
 * the list is marked capped.
 */
export async function comparedFiles(api: GitHubApi, repo: Repo, base: string, head: string): Promise<FileList> {
  const { data } = await api.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repo, basehead: `${base}...${head}`, per_page: 100, page: 1 });
  const files = (data as { files?: ChangedFile[] }).files ?? [];
  const capped = files.length >= COMPARE_FILES_CAP;
  return { paths: pathsOf(files), ...(capped ? { capped: `GitHub lists at most ${COMPARE_FILES_CAP} files of a comparison, and ${base.slice(0, 7)}...${head.slice(0, 7)} has at least that many` } : {}) };
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
  updated_at?: string;
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
    ...(run.updated_at ? { updated_at: run.updated_at } : {}),
    ...(run.name ? { name: run.name } : {}),
  };
}
