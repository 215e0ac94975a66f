/**
 * What the app does for one commit: gather trusted results, evaluate the three gates (with the
 * repository's config and the pull request's overrides), publish check runs and refresh the PR
 * comment. Every event handler is a thin call into these functions.
 */
import { GATES, type GateName } from '../core/gates/commands.ts';
import { type CommandComment, evaluateOverrides, type OverrideState, type Permission } from '../core/gates/overrides.ts';
import { checkNameOf, type GateVerdict, gateVerdict } from '../core/gates/verdict.ts';
import type { PrometheusClient } from '../core/prometheus/client.ts';
import { codeSpan, escapeMarkdown } from '../core/report/markdown-escape.ts';
import { renderPrComment, resilienceScore } from '../core/report/pr-comment.ts';
import { type CheckAnnotation, type CheckRunReport, publishCheckRun } from './check-runs.ts';
import { baseBranchResults, type CommitResults, resultsForCommit, type RunResultCache } from './commit-results.ts';
import { type GitHubApi, type IssueComment, issueComments, permissionOf, type Repo } from './github-api.ts';
import type { ConfigOutcome } from './repo-config.ts';
import { type SloConfig, sloBudgetGate } from './slo-budget.ts';
import { upsertStickyComment } from './sticky-comment.ts';

export interface FaultlineConfig {
  slo?: SloConfig;
  [section: string]: unknown;
}

export interface AppDeps {
  appId: number;
  botLogin: string;
  prometheus?: PrometheusClient;
  cache: RunResultCache;
}

export interface PullRequestInfo {
  number: number;
  labels: string[];
  baseRef: string;
  baseSha: string;
  files: string[];
}

export interface CommitEvaluation {
  repo: Repo;
  defaultBranch: string;
  headSha: string;
  config: ConfigOutcome<FaultlineConfig>;
  pullRequest?: PullRequestInfo;
  /** Results known for the commit; undefined when none can exist yet (a push just happened). */
  results?: CommitResults;
  /** Files changed when there is no pull request (merge groups). */
  files?: string[];
  /** The commit was pushed just now: none of our check runs can exist on it yet. */
  fresh?: boolean;
}

/** Dual-control state from the PR conversation; permissions are looked up only for command authors. */
export async function overridesOf(api: GitHubApi, repo: Repo, comments: IssueComment[]): Promise<OverrideState> {
  const commandComments: CommandComment[] = comments
    .filter((c) => /^\s*\/faultline\b/m.test(c.body ?? ''))
    .map((c) => ({ id: c.id, author: c.user?.login ?? '', authorIsBot: c.user?.type === 'Bot', createdAt: c.created_at, updatedAt: c.updated_at, body: c.body ?? '' }));
  const permissions = new Map<string, Permission>();
  for (const author of new Set(commandComments.filter((c) => !c.authorIsBot).map((c) => c.author))) {
    permissions.set(author, await permissionOf(api, repo, author));
  }
  return evaluateOverrides(commandComments, permissions);
}

function annotationsOf(verdict: GateVerdict): CheckAnnotation[] {
  return verdict.results.flatMap((r) =>
    (r.findings ?? [])
      .filter((f) => f.path && f.line)
      .map((f) => ({
        path: f.path!,
        start_line: f.line!,
        end_line: f.endLine ?? f.line!,
        annotation_level: f.severity === 'error' ? 'failure' : f.severity === 'warning' ? 'warning' : 'notice',
        title: f.rule,
        message: f.help ? `${f.message}\n\nSafe alternative:\n${f.help}` : f.message,
      })),
  );
}

/** The check run's summary is Markdown: every string a pull request or a result file controls is escaped as in the PR comment. */
function summaryOf(verdict: GateVerdict, overrides: OverrideState): string {
  const lines = verdict.reasons.map((r) => `- ${escapeMarkdown(r, 1000)}`);
  const pending = overrides.pending[verdict.gate];
  if (pending) lines.push('', `Override requested by @${escapeMarkdown(pending.requestedBy, 60)} (${escapeMarkdown(pending.reason, 500)}); it needs \`/faultline approve ${verdict.gate}\` from a second person with write access.`);
  if (verdict.override) {
    const o = verdict.override;
    lines.push('', `Override requested by @${escapeMarkdown(o.requestedBy, 60)} at ${escapeMarkdown(o.requestedAt, 40)}, approved by @${escapeMarkdown(o.approvedBy, 60)} at ${escapeMarkdown(o.approvedAt, 40)}.`);
  }
  return lines.length > 0 ? lines.join('\n') : escapeMarkdown(verdict.title);
}

function configErrorReport(name: string, headSha: string, problems: string[]): CheckRunReport {
  return {
    name,
    head_sha: headSha,
    status: 'completed',
    conclusion: 'failure',
    title: 'Invalid .github/faultline.yml',
    summary: ['The Faultline config could not be used, so no verdict was reached:', '', ...problems.map((p) => `- ${codeSpan(p, 1000)}`)].join('\n'),
  };
}

/** Evaluates and publishes the gates for a commit, and refreshes the PR comment when there is a PR. */
export async function evaluateCommit(api: GitHubApi, deps: AppDeps, evaluation: CommitEvaluation, only: readonly GateName[] = GATES): Promise<GateVerdict[]> {
  const { repo, headSha, config, pullRequest } = evaluation;
  if (!config.ok) {
    for (const gate of only) await publishCheckRun(api, repo, deps.appId, configErrorReport(checkNameOf(gate), headSha, config.problems), evaluation.fresh);
    // The comment shows the check runs, so it says the same instead of keeping an older verdict.
    if (pullRequest) {
      const gates: GateVerdict[] = GATES.map((gate) => ({ gate, checkName: checkNameOf(gate), conclusion: 'failure', title: 'Invalid .github/faultline.yml', reasons: config.problems, results: [] }));
      const { body, fallback } = renderPrComment({ headSha, gates, slos: [], baseScores: {}, overrides: { active: {}, pending: {}, refused: [] }, rejected: [], links: [] });
      await upsertStickyComment(api, { ...repo, issue_number: pullRequest.number }, deps.botLogin, body, fallback);
    }
    return [];
  }
  const comments = pullRequest ? await issueComments(api, repo, pullRequest.number) : [];
  const overrides = await overridesOf(api, repo, comments);
  const results = evaluation.results?.results ?? [];
  const waiting = evaluation.results === undefined || evaluation.results.runsInProgress > 0;

  const verdicts: GateVerdict[] = [];
  let slo: Awaited<ReturnType<typeof sloBudgetGate>> | undefined;
  for (const gate of GATES) {
    if (gate === 'slo-budget') {
      slo = await sloBudgetGate(api, repo, {
        config: config.config.slo,
        files: pullRequest?.files ?? evaluation.files ?? [],
        labels: pullRequest?.labels ?? [],
        specRef: pullRequest?.baseSha ?? evaluation.defaultBranch,
        results: results.filter((r) => r.kind === 'slo' || r.kind === 'canary'),
        prometheus: deps.prometheus,
        override: overrides.active['slo-budget'],
      });
      verdicts.push(slo.verdict);
    } else {
      const verdict = gateVerdict(gate, results, overrides.active[gate], overrides.pending[gate]);
      verdicts.push(waiting && verdict.results.length === 0 ? { ...verdict, waiting: true, title: 'Waiting for workflow results' } : verdict);
    }
  }
  for (const verdict of verdicts) {
    if (!only.includes(verdict.gate)) continue;
    await publishCheckRun(api, repo, deps.appId, {
      name: verdict.checkName,
      head_sha: headSha,
      status: verdict.waiting ? 'in_progress' : 'completed',
      conclusion: verdict.conclusion,
      title: verdict.title,
      summary: verdict.waiting ? 'Workflow runs for this commit have not reported Faultline results yet.' : summaryOf(verdict, overrides),
      annotations: annotationsOf(verdict),
    }, evaluation.fresh);
  }
  if (pullRequest) {
    const baseScores: Record<string, number> = {};
    if (results.some((r) => r.kind === 'chaos')) {
      for (const r of await baseBranchResults(api, repo, pullRequest.baseRef, deps.cache)) {
        const score = resilienceScore(r);
        if (score !== undefined) baseScores[r.name] = score;
      }
    }
    const { body, fallback } = renderPrComment({
      headSha,
      gates: verdicts,
      slos: slo?.rows ?? [],
      sloError: slo?.error,
      baseScores,
      overrides,
      rejected: evaluation.results?.rejected ?? [],
      links: evaluation.results?.links ?? [],
    });
    await upsertStickyComment(api, { ...repo, issue_number: pullRequest.number }, deps.botLogin, body, fallback, comments);
  }
  return verdicts;
}

export { resultsForCommit };
