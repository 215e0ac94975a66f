/**
 * The pull request's changed files, from the GitHub API (`pulls.listFiles`, paginated), through an
 * Octokit that retries transient failures and waits out rate limits instead of failing the step.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { describeError, FaultlineError } from '../../../core/errors.ts';
import type { PullRequestRef } from './inputs.ts';

const GitHubClient = Octokit.plugin(retry, throttling);
export type GitHub = InstanceType<typeof GitHubClient>;

/** GitHub lists at most this many files of a pull request; beyond it the list is incomplete. */
export const LIST_FILES_LIMIT = 3000;
const RATE_LIMIT_RETRIES = 2;
/** Transient failures (5xx, a dropped connection) are retried after 1 s and 4 s, not for 14 s. */
const ERROR_RETRIES = 2;
const quiet = () => {};

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
    // Octokit's own request lines (and its console.error of each failure) would bury the one line
    // this action prints about what failed.
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    retry: { retries: ERROR_RETRIES },
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
  /** Set when the list could not be read (GitHub unreachable or failing): one line saying why. */
  unavailable?: string;
}

const KEPT_STATUSES = new Set(['added', 'modified', 'renamed', 'copied', 'changed']);

/** Statuses that mean the token may not read the pull request: a workflow mistake to fix, not to skip. */
const PERMISSION_STATUSES = new Set([401, 403, 404]);

/** What went wrong, in one line: an HTTP status from GitHub, or why GitHub could not be reached. */
function listingFailure(error: unknown): string {
  const { status, response, cause } = error as { status?: number; response?: unknown; cause?: unknown };
  // Octokit reports a request that never got a response (refused, DNS, TLS) as "HTTP 500".
  if (response === undefined) {
    const system = (cause as { cause?: { code?: unknown } } | undefined)?.cause;
    const reason = typeof system?.code === 'string' ? describeError(system).split('\n')[0] : (error as Error).message;
    return `GitHub could not be reached: ${reason}`;
  }
  return `HTTP ${status ?? '?'} ${(error as Error).message}`.trim();
}

export async function listChangedFiles(github: GitHub, pr: PullRequestRef): Promise<ChangedFiles> {
  let files: { filename: string; status: string }[];
  try {
    files = await github.paginate(github.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  } catch (error) {
    const status = (error as { status?: number; response?: unknown }).status;
    const failure = listingFailure(error);
    if ((error as { response?: unknown }).response !== undefined && status !== undefined && PERMISSION_STATUSES.has(status)) {
      throw new FaultlineError(`cannot list the files of pull request #${pr.number} in ${pr.owner}/${pr.repo}: ${failure}`, {
        hint: 'give the job `permissions: pull-requests: read` (and contents: read), or set changed-only: false',
        cause: error,
      });
    }
    // Linting every matching file checks more, never less: a safe answer when the list is out of reach.
    return { paths: new Set(), truncated: false, unavailable: `could not list the files of pull request #${pr.number} (${failure})` };
  }
  return {
    paths: new Set(files.filter((f) => KEPT_STATUSES.has(f.status)).map((f) => f.filename)),
    truncated: files.length >= LIST_FILES_LIMIT,
  };
}
