/**
 * The Faultline GitHub App: webhooks in, check runs and one PR comment out. Handlers read the
 * event, then call the pipeline; nothing here decides a verdict.
 */
import type { Context, Probot } from 'probot';
import { GATE_SECTIONS } from '../core/gates/applicability.ts';
import { parseCommands } from '../core/gates/commands.ts';
import type { PrometheusClient } from '../core/prometheus/client.ts';
import { RunResultCache, resultsForCommit, runOutcome } from './commit-results.ts';
import { appConfigSchema } from './config-schema.ts';
import { comparedFiles, type GitHubApi, pullRequestFiles, type Repo, runInfo } from './github-api.ts';
import { type AppDeps, type CommitEvaluation, evaluateCommit, type FaultlineConfig, type PullRequestInfo } from './pipeline.ts';
import { type ConfigApi, loadRepoConfig } from './repo-config.ts';
import { pullRequestsOfRun } from './workflow-results.ts';

export interface FaultlineAppOptions {
  /** The GitHub App id (check runs are looked up by it). */
  appId: number;
  prometheus?: PrometheusClient;
}

type AnyContext = Context;

interface PullRequestPayload {
  number: number;
  head: { sha: string };
  base: { sha: string; ref: string };
  labels?: { name: string }[];
  /** How many files the pull request changes (GitHub lists at most 3,000 of them). */
  changed_files?: number;
}

/** Whether deciding the gates needs the changed files: some section has a path rule. */
function needsFiles(loaded: { ok: boolean; config?: FaultlineConfig }): boolean {
  return loaded.ok && Object.values(GATE_SECTIONS).some((section) => loaded.config?.[section] !== undefined);
}

function api(context: AnyContext): GitHubApi & ConfigApi {
  return context.octokit as unknown as GitHubApi & ConfigApi;
}

function repoOf(context: AnyContext): Repo {
  const payload = context.payload as { repository: { owner: { login: string }; name: string } };
  return { owner: payload.repository.owner.login, repo: payload.repository.name };
}

function defaultBranchOf(context: AnyContext): string {
  return (context.payload as { repository: { default_branch?: string } }).repository.default_branch ?? 'main';
}

/** `gh-readonly-queue/main/pr-123-<sha>` → 123: a merge group carries its pull request in the ref. */
export function pullNumberOfMergeGroup(headRef: string): number | undefined {
  const match = /gh-readonly-queue\/.+\/pr-(\d+)-[0-9a-f]+$/.exec(headRef);
  return match ? Number(match[1]) : undefined;
}

export function faultlineApp(options: FaultlineAppOptions) {
  return (app: Probot): void => {
    const cache = new RunResultCache();
    let botLogin: Promise<string> | undefined;
    const deps = async (): Promise<AppDeps> => {
      botLogin ??= app.auth().then(async (octokit) => {
        const { data } = await octokit.request('GET /app');
        return `${(data as { slug: string }).slug}[bot]`;
      });
      return { appId: options.appId, botLogin: await botLogin, prometheus: options.prometheus, cache };
    };

    const config = (context: AnyContext) => loadRepoConfig<FaultlineConfig>(api(context), repoOf(context), appConfigSchema);

    async function pullRequestInfo(context: AnyContext, pr: PullRequestPayload, needFiles: boolean): Promise<PullRequestInfo> {
      const files = needFiles ? await pullRequestFiles(api(context), repoOf(context), pr.number, pr.changed_files) : { paths: [] };
      return {
        number: pr.number,
        labels: (pr.labels ?? []).map((l) => l.name),
        baseRef: pr.base.ref,
        baseSha: pr.base.sha,
        files: files.paths,
        ...(files.capped ? { filesCapped: files.capped } : {}),
        ...(needFiles ? {} : { filesUnread: true }),
      };
    }

    /**
     * The files a commit without a pull request is gated on: for a merge group's commit (its ref
     * names the queued pull request), that pull request's files; otherwise none. Without them no
     * path rule could apply, and a missing result would pass as neutral.
     */
    async function mergeGroupFiles(context: AnyContext, headBranch: string | null | undefined, loaded: { ok: boolean; config?: FaultlineConfig }) {
      const queued = pullNumberOfMergeGroup(headBranch ?? '');
      if (queued === undefined || !needsFiles(loaded)) return {};
      return { files: await pullRequestFiles(api(context), repoOf(context), queued) };
    }

    /**
     * Full re-evaluation of a pull request's head: after results, commands or a re-run request.
     * `final`: a person asked for a verdict, so a commit without any workflow run concludes.
     */
    async function reevaluatePullRequest(context: AnyContext, number: number, final = false): Promise<void> {
      const { data } = await api(context).request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repoOf(context), pull_number: number });
      const pr = data as PullRequestPayload & { state: string };
      if (pr.state !== 'open') return;
      const loaded = await config(context);
      const evaluation: CommitEvaluation = {
        repo: repoOf(context),
        defaultBranch: defaultBranchOf(context),
        headSha: pr.head.sha,
        config: loaded,
        pullRequest: await pullRequestInfo(context, pr, needsFiles(loaded)),
        results: await resultsForCommit(api(context), repoOf(context), pr.head.sha, defaultBranchOf(context), cache),
        final,
      };
      await evaluateCommit(api(context), await deps(), evaluation);
    }

    app.on(
      ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review', 'pull_request.labeled', 'pull_request.unlabeled'],
      async (context) => {
        const pr = context.payload.pull_request as unknown as PullRequestPayload;
        const fresh = context.payload.action === 'opened' || context.payload.action === 'synchronize';
        if (!fresh) return reevaluatePullRequest(context, pr.number);
        // A new head: no workflow has reported yet, so only the live SLO gate and the default
        // branch's drill (faultline/dr-drill) can be decided now;
        // chaos and migrations wait for their workflow runs (created on check_suite).
        const loaded = await config(context);
        await evaluateCommit(
          api(context),
          await deps(),
          {
            repo: repoOf(context),
            defaultBranch: defaultBranchOf(context),
            headSha: pr.head.sha,
            config: loaded,
            pullRequest: await pullRequestInfo(context, pr, needsFiles(loaded)),
            fresh: true,
          },
          ['slo-budget', 'dr-drill'],
        );
      },
    );

    app.on(['check_suite.requested', 'check_suite.rerequested'], async (context) => {
      const suite = context.payload.check_suite as { head_sha: string; head_branch?: string | null; pull_requests: { number: number }[] };
      // The PR comment shows every check run, so whenever ours change it is refreshed with them:
      // with a pull request to show them on, the whole pull request is evaluated. "Re-run all
      // checks" (rerequested) also concludes gates that still have no run.
      if (suite.pull_requests.length > 0) {
        for (const pr of suite.pull_requests) await reevaluatePullRequest(context, pr.number, context.payload.action === 'rerequested');
        return;
      }
      // Not `fresh`: a redelivered or late check_suite must not replace a verdict that a finished
      // workflow run already published with "waiting".
      const loaded = await config(context);
      const repo = repoOf(context);
      const results = loaded.ok ? await resultsForCommit(api(context), repo, suite.head_sha, defaultBranchOf(context), cache) : undefined;
      const files = await mergeGroupFiles(context, suite.head_branch, loaded);
      await evaluateCommit(api(context), await deps(), { repo, defaultBranch: defaultBranchOf(context), headSha: suite.head_sha, config: loaded, results, ...files }, [
        'chaos',
        'migrations',
        'security',
        'dr-drill',
      ]);
    });

    app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
      const payload = context.payload as {
        action: string;
        requested_action?: { identifier: string };
        check_run: { head_sha: string; pull_requests: { number: number }[]; app?: { id: number }; check_suite?: { head_branch?: string | null } };
      };
      if (payload.action === 'requested_action' && payload.requested_action?.identifier !== 'rerun') return;
      if (payload.check_run.pull_requests.length === 0) {
        const repo = repoOf(context);
        const results = await resultsForCommit(api(context), repo, payload.check_run.head_sha, defaultBranchOf(context), cache);
        const loaded = await config(context);
        const files = await mergeGroupFiles(context, payload.check_run.check_suite?.head_branch, loaded);
        await evaluateCommit(api(context), await deps(), { repo, defaultBranch: defaultBranchOf(context), headSha: payload.check_run.head_sha, config: loaded, results, final: true, ...files });
        return;
      }
      for (const pr of payload.check_run.pull_requests) await reevaluatePullRequest(context, pr.number, true);
    });

    app.on('workflow_run.completed', async (context) => {
      const run = runInfo(context.payload.workflow_run as unknown as Parameters<typeof runInfo>[0]);
      const repo = repoOf(context);
      // Reads the run's results once; the re-evaluation below finds them in the cache. An untrusted
      // run still re-evaluates: the gates it was meant to decide conclude with the reason instead of
      // waiting for results that will never count.
      const outcome = await runOutcome(api(context), repo, run, defaultBranchOf(context), cache);
      if (!outcome.trusted) context.log.info({ run: run.id, path: run.path, changed: outcome.changed }, 'ignoring results of a run whose gate chain differs from the default branch');
      const headRef = (context.payload.workflow_run as { head_branch: string | null }).head_branch ?? '';
      const queued = pullNumberOfMergeGroup(headRef);
      const prs = queued === undefined ? await pullRequestsOfRun(api(context), repo, run) : [];
      if (prs.length > 0) {
        for (const number of prs) await reevaluatePullRequest(context, number);
        return;
      }
      const results = await resultsForCommit(api(context), repo, run.head_sha, defaultBranchOf(context), cache);
      const loaded = await config(context);
      const files = await mergeGroupFiles(context, headRef, loaded);
      await evaluateCommit(api(context), await deps(), { repo, defaultBranch: defaultBranchOf(context), headSha: run.head_sha, config: loaded, results, ...files }, ['chaos', 'migrations', 'security', 'dr-drill']);
    });

    app.on('merge_group.checks_requested', async (context) => {
      const group = context.payload.merge_group as { head_sha: string; base_sha: string; head_ref: string };
      const repo = repoOf(context);
      const loaded = await config(context);
      const files = needsFiles(loaded) ? await comparedFiles(api(context), repo, group.base_sha, group.head_sha) : { paths: [] };
      await evaluateCommit(api(context), await deps(), { repo, defaultBranch: defaultBranchOf(context), headSha: group.head_sha, config: loaded, files, fresh: true });
    });

    // Commands are re-read from the whole conversation on every evaluation, so an edit or a
    // deletion must re-evaluate at once: a deleted approval stops counting, an edited request
    // voids its approval (edited comments carry no command).
    app.on(['issue_comment.created', 'issue_comment.edited', 'issue_comment.deleted'], async (context) => {
      const { action, issue, comment, changes } = context.payload as {
        action: string;
        issue: { number: number; pull_request?: unknown };
        comment: { id: number; body: string | null; user: { type: string } | null };
        changes?: { body?: { from?: string } };
      };
      if (!issue.pull_request || comment.user?.type === 'Bot') return;
      const hadCommand = parseCommands(changes?.body?.from ?? '').length > 0;
      if (parseCommands(comment.body ?? '').length === 0 && !hadCommand) return;
      if (action === 'created') {
        await api(context).request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...repoOf(context), comment_id: comment.id, content: 'eyes' });
      }
      // A new command (a rerun, an override) also concludes gates that still have no run.
      await reevaluatePullRequest(context, issue.number, action === 'created');
    });
  };
}
