/**
 * What the app does for one commit: gather trusted results, evaluate the three gates (with the
 * repository's config and the pull request's overrides), publish check runs and refresh the PR
 * comment. Every event handler is a thin call into these functions.
 */
import { type ChangedFiles, gateApplies } from '../core/gates/applicability.ts';
import { GATES, type GateName } from '../core/gates/commands.ts';
import { type DrillSearch, drillCommentLines, drillGateEnabled, drillGateVerdict, type FailoverConfig } from '../core/gates/dr-drill.ts';
import { baselineFileOf, checkSecurityBaselines } from '../core/gates/security-baseline.ts';
import { type CommandComment, evaluateOverrides, type OverrideState, type Permission } from '../core/gates/overrides.ts';
import { checkNameOf, GATE_KINDS, type GateEvidence, type GateVerdict, gateVerdict } from '../core/gates/verdict.ts';
import type { PrometheusClient } from '../core/prometheus/client.ts';
import { type FaultlineResult, resultSchema } from '../core/result.ts';
import { evidenceLinksOf, evidenceOfRuns, evidenceParagraph } from '../core/report/evidence-links.ts';
import { codeSpan, escapeMarkdown } from '../core/report/markdown-escape.ts';
import { renderPrComment, resilienceScore } from '../core/report/pr-comment.ts';
import { type CheckAnnotation, type CheckRunReport, publishCheckRun } from './check-runs.ts';
import { newestDrill } from './drill-results.ts';
import { baseBranchResults, type CommitResults, resultsForCommit, type RunResultCache } from './commit-results.ts';
import { type FileList, type GitHubApi, type IssueComment, issueComments, permissionOf, pullRequestFiles, type Repo } from './github-api.ts';
import type { ConfigOutcome } from './repo-config.ts';
import { type SloConfig, sloBudgetGate } from './slo-budget.ts';
import { upsertStickyComment } from './sticky-comment.ts';
import { ARTIFACT_PREFIX } from './workflow-results.ts';

const RESULT_KINDS: readonly string[] = (resultSchema as { properties: { kind: { enum: string[] } } }).properties.kind.enum;

export interface FaultlineConfig {
  slo?: SloConfig;
  failover?: FailoverConfig | null;
  [section: string]: unknown;
}

export interface AppDeps {
  appId: number;
  botLogin: string;
  prometheus?: PrometheusClient;
  cache: RunResultCache;
  /** The clock drill ages are measured with (tests set it). */
  now?: () => Date;
}

export interface PullRequestInfo {
  number: number;
  labels: string[];
  baseRef: string;
  baseSha: string;
  files: string[];
  /** Set when GitHub's list of the pull request's files was capped. */
  filesCapped?: string;
  /** The files were not listed (no config section has a path rule); read when something needs them. */
  filesUnread?: boolean;
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
  files?: FileList;
  /** The commit was pushed just now: none of our check runs can exist on it yet. */
  fresh?: boolean;
  /**
   * Someone asked for a verdict (re-run, `/faultline rerun`): a commit with no workflow run at all
   * then concludes instead of waiting for runs that may never start.
   */
  final?: boolean;
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

/** A security result lists every current finding (it is the next baseline); only new, unsuppressed ones are annotated. */
function annotated(result: FaultlineResult): NonNullable<FaultlineResult['findings']> {
  const findings = result.findings ?? [];
  if (result.kind !== 'security') return findings;
  return findings.filter((f) => f.properties?.status === 'new' && !f.properties?.suppressed);
}

function annotationsOf(verdict: GateVerdict): CheckAnnotation[] {
  return verdict.results.flatMap((r) =>
    annotated(r)
      .filter((f) => f.path && f.line)
      .map((f) => ({
        path: f.path!,
        start_line: f.line!,
        end_line: f.endLine ?? f.line!,
        annotation_level: f.severity === 'error' ? 'failure' : f.severity === 'warning' ? 'warning' : 'notice',
        title: f.rule,
        message: f.help ? `${f.message}\n\n${r.kind === 'security' ? 'More: ' : 'Safe alternative:\n'}${f.help}` : f.message,
      })),
  );
}

/** The check run's summary is Markdown: every string a pull request or a result file controls is escaped as in the PR comment. */
function summaryOf(verdict: GateVerdict, overrides: OverrideState): string {
  // Reasons are Markdown-safe as built (GateVerdict.reasons); escaping them again would show backslashes.
  const lines = verdict.reasons.map((r) => `- ${r}`);
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

/** Runs named (with links) in a "no trusted result" summary. */
const MAX_RUNS_NAMED = 5;

function runLink(run: { name: string; url?: string }): string {
  // The name is the workflow's (a pull request can set it); the URL is GitHub's own.
  return run.url ? `[${escapeMarkdown(run.name, 100)}](${run.url})` : escapeMarkdown(run.name, 100);
}

/** "what was seen" for a gate without a trusted result: runs, links, rejected and stale files. */
function seenFor(gate: GateName, evaluation: CommitEvaluation): string {
  const found = evaluation.results;
  if (!found) return 'no workflow run has been looked at for this commit yet';
  const parts: string[] = [];
  if (found.runsCompleted === 0) parts.push('no completed workflow run for this commit');
  else {
    const other = found.results.filter((r) => !GATE_KINDS[gate].includes(r.kind)).length;
    const shown = found.completed.slice(0, MAX_RUNS_NAMED).map((r) => `${runLink(r)}${r.trusted ? '' : ' (ignored: changes the gate)'}`);
    const more = found.completed.length > MAX_RUNS_NAMED ? ` and ${found.completed.length - MAX_RUNS_NAMED} more` : '';
    parts.push(
      `${found.runsCompleted} completed workflow run${found.runsCompleted > 1 ? 's' : ''} reported no ${GATE_KINDS[gate].join('/')} result (${shown.join(', ')}${more})`,
    );
    if (other > 0) parts.push(`${other} result${other > 1 ? 's' : ''} for other gates`);
  }
  if (found.staleResults > 0) parts.push(`${found.staleResults} result file${found.staleResults > 1 ? 's' : ''} from an earlier attempt of a run (re-run all jobs of that workflow)`);
  if (found.capped) parts.push(found.capped);
  return `${parts.join('; ')}. A step may have crashed or skipped its upload; the result artifact’s name must start with \`faultline\``;
}

function evidenceFor(gate: GateName, config: FaultlineConfig, files: ChangedFiles, evaluation: CommitEvaluation): GateEvidence {
  const applicability = gateApplies(gate, config, files);
  const found = evaluation.results;
  const kinds: readonly string[] = GATE_KINDS[gate];
  // A rejected file that names no known kind may have been meant for any gate that applies.
  const rejected = (found?.rejected ?? [])
    .filter((r) => (r.kind !== undefined && kinds.includes(r.kind)) || (applicability.applies && (r.kind === undefined || !RESULT_KINDS.includes(r.kind))))
    .map((r) => ({ where: `${r.artifact}/${r.file}`, problems: r.problems }));

  const noRunYet = found !== undefined && found.runsCompleted === 0 && found.runsInProgress === 0 && !evaluation.final;
  return {
    applicability,
    rejected,
    untrusted: (found?.untrustedRuns ?? []).map((u) => ({ run: u.name, changed: u.changed, ...(u.url ? { url: u.url } : {}) })),
    waiting: found === undefined || found.runsInProgress > 0 || noRunYet,
    // Runs beyond what the app reads could hold a failure: a pass cannot be concluded.
    ...(found?.capped ? { unread: found.capped } : {}),
    seen: seenFor(gate, evaluation),
  };
}

function waitingSummary(verdict: GateVerdict, evaluation: CommitEvaluation): string {
  const found = evaluation.results;
  const lines = [
    found && found.runsInProgress > 0
      ? `${found.runsInProgress} workflow run${found.runsInProgress > 1 ? 's' : ''} for this commit ${found.runsInProgress > 1 ? 'are' : 'is'} still going; a pass is concluded only once every run has completed.`
      : 'No workflow run for this commit has completed yet. If none is going to run, ask for a verdict with `/faultline rerun` or the Re-run button: a gate that applies then fails.',
    ...verdict.reasons.map((r) => `- ${r}`),
  ];
  return lines.join('\n');
}

/** Security results whose committed baseline file the change touches become rejected files (core/gates/security-baseline.ts). */
function withoutTamperedBaselines(evaluation: CommitEvaluation, files: ChangedFiles): CommitEvaluation {
  const found = evaluation.results;
  if (!found) return evaluation;
  const { kept, rejected } = checkSecurityBaselines(found.results, files);
  if (rejected.length === 0) return evaluation;
  const refused = rejected.map((r) => ({ artifact: ARTIFACT_PREFIX, file: `security result “${r.result.name}”`, problems: [r.problem], kind: 'security' }));
  return { ...evaluation, results: { ...found, results: kept, rejected: [...found.rejected, ...refused] } };
}

/** Evaluates and publishes the gates for a commit, and refreshes the PR comment when there is a PR. */
export async function evaluateCommit(api: GitHubApi, deps: AppDeps, given: CommitEvaluation, only: readonly GateName[] = GATES): Promise<GateVerdict[]> {
  const { repo, headSha, config } = given;
  let { pullRequest } = given;
  let evaluation = given;
  if (!config.ok) {
    // Whether faultline/dr-drill is wanted is in the config that cannot be read: it is left out.
    const wanted = only.filter((gate) => gate !== 'dr-drill');
    for (const gate of wanted) await publishCheckRun(api, repo, deps.appId, configErrorReport(checkNameOf(gate), headSha, config.problems), evaluation.fresh);
    // The comment shows the check runs, so it says the same instead of keeping an older verdict.
    if (pullRequest) {
      const gates: GateVerdict[] = GATES.filter((gate) => gate !== 'dr-drill').map((gate) => ({ gate, checkName: checkNameOf(gate), conclusion: 'failure', title: 'Invalid .github/faultline.yml', reasons: config.problems.map((p) => codeSpan(p, 1000)), results: [] }));
      const { body, fallback } = renderPrComment({ headSha, gates, slos: [], baseScores: {}, overrides: { active: {}, pending: {}, refused: [] }, rejected: [], links: [] });
      await upsertStickyComment(api, { ...repo, issue_number: pullRequest.number }, deps.botLogin, body, fallback);
    }
    return [];
  }
  const comments = pullRequest ? await issueComments(api, repo, pullRequest.number) : [];
  const overrides = await overridesOf(api, repo, comments);
  if (pullRequest?.filesUnread && (evaluation.results?.results ?? []).some((r) => r.kind === 'security' && baselineFileOf(r) !== undefined)) {
    // A committed baseline is only as good as the proof that the pull request leaves it alone.
    const listed = await pullRequestFiles(api, repo, pullRequest.number);
    pullRequest = { ...pullRequest, files: listed.paths, filesUnread: false, ...(listed.capped ? { filesCapped: listed.capped } : {}) };
  }
  const files: ChangedFiles = pullRequest
    ? { paths: pullRequest.files, ...(pullRequest.filesCapped ? { capped: pullRequest.filesCapped } : {}) }
    : (evaluation.files ?? { paths: [] });
  evaluation = withoutTamperedBaselines(evaluation, files);
  const results = evaluation.results?.results ?? [];

  const verdicts: GateVerdict[] = [];
  let slo: Awaited<ReturnType<typeof sloBudgetGate>> | undefined;
  const now = deps.now?.() ?? new Date();
  // The default branch's newest drill: for faultline/dr-drill and, with any `failover:` section, the PR comment.
  const wantsDrill = config.config.failover !== undefined && (pullRequest !== undefined || (drillGateEnabled(config.config) && only.includes('dr-drill')));
  const drill: DrillSearch | undefined = wantsDrill ? await newestDrill(api, repo, evaluation.defaultBranch, deps.cache) : undefined;
  for (const gate of GATES) {
    if (gate === 'dr-drill') {
      if (drill && drillGateEnabled(config.config)) {
        verdicts.push(drillGateVerdict({ config: config.config.failover, search: drill, defaultBranch: evaluation.defaultBranch, now, override: overrides.active['dr-drill'], pendingOverride: overrides.pending['dr-drill'] }));
      }
      continue;
    }
    const evidence = evidenceFor(gate, config.config, files, evaluation);
    if (gate === 'slo-budget') {
      slo = await sloBudgetGate(api, repo, {
        config: config.config.slo,
        files: files.paths,
        filesCapped: files.capped,
        labels: pullRequest?.labels ?? [],
        specRef: pullRequest?.baseSha ?? evaluation.defaultBranch,
        results: results.filter((r) => r.kind === 'slo' || r.kind === 'canary'),
        prometheus: deps.prometheus,
        override: overrides.active['slo-budget'],
        // The live check is this gate's trusted verdict; result files can only add failures to it.
        evidence: { ...evidence, waiting: false },
      });
      verdicts.push(slo.verdict);
    } else {
      verdicts.push(gateVerdict(gate, results, overrides.active[gate], overrides.pending[gate], evidence));
    }
  }
  // Evidence is linked only from trusted results, like every verdict: `results` holds no other kind.
  const evidence = evidenceLinksOf(results);
  for (const verdict of verdicts) {
    if (!only.includes(verdict.gate)) continue;
    await publishCheckRun(api, repo, deps.appId, {
      name: verdict.checkName,
      head_sha: headSha,
      status: verdict.waiting ? 'in_progress' : 'completed',
      conclusion: verdict.conclusion,
      title: verdict.title,
      summary: (verdict.waiting ? waitingSummary(verdict, evaluation) : summaryOf(verdict, overrides)) + evidenceParagraph(evidenceOfRuns(evidence, verdict.results)),
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
      drill: drill ? drillCommentLines(drill, evaluation.defaultBranch, now) : undefined,
      evidence,
    });
    await upsertStickyComment(api, { ...repo, issue_number: pullRequest.number }, deps.botLogin, body, fallback, comments);
  }
  return verdicts;
}

export { resultsForCommit };
