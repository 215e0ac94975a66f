/**
 * The base branch's artifacts through the GitHub API (workflow runs, run artifacts, artifact
 * download), with an Octokit that retries transient failures and waits out rate limits.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { FaultlineError } from '../../../core/errors.ts';
import type { ArtifactStore } from '../../../core/security/baseline-artifact.ts';

const GitHubClient = Octokit.plugin(retry, throttling);
const RATE_LIMIT_RETRIES = 2;

export interface RepoRef {
  owner: string;
  repo: string;
  /** The workflow file (e.g. security.yml) whose push runs produce the baseline. */
  workflow: string;
}

function apiError(error: unknown, what: string): FaultlineError {
  const status = (error as { status?: number }).status;
  const hint =
    status === 401 || status === 403 || status === 404
      ? 'give the job `permissions: actions: read` so the gate can read the base branch\'s artifacts, or set baseline to a file'
      : 'retry the job; or set baseline to a file you downloaded';
  return new FaultlineError(`GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`, { hint, cause: error });
}

export function githubArtifactStore(options: { token: string; baseUrl: string; repo: RepoRef; log?: (message: string) => void }): ArtifactStore {
  const log = options.log ?? (() => {});
  const github = new GitHubClient({
    auth: options.token || undefined,
    baseUrl: options.baseUrl,
    userAgent: 'faultline-security-gate',
    // Octokit logs failed requests to the console; the step log gets them through `log` instead.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: (m: string) => log(m) },
    throttle: {
      onRateLimit: (after, o, _k, count) => {
        log(`GitHub rate limit reached for ${o.method} ${o.url}; retrying in ${after}s`);
        return count < RATE_LIMIT_RETRIES;
      },
      onSecondaryRateLimit: (after, o, _k, count) => {
        log(`GitHub secondary rate limit for ${o.method} ${o.url}; retrying in ${after}s`);
        return count < RATE_LIMIT_RETRIES;
      },
    },
  });
  const { owner, repo, workflow } = options.repo;
  return {
    async listRuns(branch) {
      try {
        const { data } = await github.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: workflow, branch, event: 'push', status: 'success', per_page: 10 });
        return data.workflow_runs.map((r) => ({ id: r.id, headSha: r.head_sha, headBranch: r.head_branch, event: r.event, conclusion: r.conclusion }));
      } catch (error) {
        throw apiError(error, `listing ${workflow} runs on ${branch}`);
      }
    },
    async listArtifacts(runId, name) {
      try {
        const { data } = await github.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: runId, name, per_page: 100 });
        return data.artifacts.map((a) => ({ id: a.id, name: a.name, expired: a.expired }));
      } catch (error) {
        throw apiError(error, `listing the artifacts of run ${runId}`);
      }
    },
    async download(artifactId) {
      try {
        const { data } = await github.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifactId, archive_format: 'zip' });
        return new Uint8Array(data as ArrayBuffer);
      } catch (error) {
        throw apiError(error, `downloading artifact ${artifactId}`);
      }
    },
  };
}

/** `owner/repo/.github/workflows/security.yml@refs/…` → `security.yml`. */
export function workflowFile(workflowRef: string | undefined): string | undefined {
  const match = workflowRef ? /^[^/]+\/[^/]+\/\.github\/workflows\/([^@]+)@/.exec(workflowRef) : null;
  return match?.[1];
}
