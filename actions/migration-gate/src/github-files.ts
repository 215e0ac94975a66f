/**
 * The pull request's changed files, from the GitHub API (`pulls.listFiles`, paginated), through an
 * Octokit that retries transient failures and waits out rate limits instead of failing the step.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { FaultlineError } from '../../../core/errors.ts';
import type { PullRequestRef } from './inputs.ts';

const GitHubClient = Octokit.plugin(retry, throttling);
export type GitHub = InstanceType<typeof GitHubClient>;

/** GitHub lists at most this many files of a pull request; beyond it the list is incomplete. */
export const LIST_FILES_LIMIT = 3000;
const RATE_LIMIT_RETRIES = 2;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  log?: (message: string) => void;
}

export function createGitHubClient({ token, baseUrl, log = () => {} }: ClientOptions): GitHub {
  return new GitHubClient({
    auth: token || undefined,
    baseUrl,
    userAgent: 'faultline-migration-gate',
    throttle: {
      onRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log(`GitHub rate limit reached for ${options.method} ${options.url}; retrying in ${retryAfter}s`);
        return retryCount < RATE_LIMIT_RETRIES;
      },
      onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log(`GitHub secondary rate limit for ${options.method} ${options.url}; retrying in ${retryAfter}s`);
        return retryCount < RATE_LIMIT_RETRIES;
      },
    },
  });
}

export interface ChangedFiles {
  /** Repository-relative paths the pull request adds or modifies (renamed files by new name). */
  paths: Set<string>;
  /** True when GitHub's list stopped at its limit, so files may be missing from it. */
  truncated: boolean;
}

const KEPT_STATUSES = new Set(['added', 'modified', 'renamed', 'copied', 'changed']);

export async function listChangedFiles(github: GitHub, pr: PullRequestRef): Promise<ChangedFiles> {
  let files: { filename: string; status: string }[];
  try {
    files = await github.paginate(github.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  } catch (error) {
    const status = (error as { status?: number }).status;
    const hint =
      status === 401 || status === 403 || status === 404
        ? 'give the job `permissions: pull-requests: read` (and contents: read), or set changed-only: false'
        : 'retry the job; set changed-only: false to lint every matching file without the API';
    throw new FaultlineError(
      `cannot list the files of pull request #${pr.number} in ${pr.owner}/${pr.repo}: ${status ? `HTTP ${status} ` : ''}${(error as Error).message}`,
      { hint, cause: error },
    );
  }
  return {
    paths: new Set(files.filter((f) => KEPT_STATUSES.has(f.status)).map((f) => f.filename)),
    truncated: files.length >= LIST_FILES_LIMIT,
  };
}
