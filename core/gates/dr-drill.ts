/**
 * `faultline/dr-drill`: the default branch's newest trusted failover drill must be met and
 * recent. The drill is not about the pull request's own commit (drills run nightly, on the
 * default branch); the check makes a breached or forgotten drill block merges, as
 * `failover.max-age` in the default branch's `.github/faultline.yml` asks.
 *
 * Which drill counts is the app's to find (app/drill-results.ts): the newest workflow run of the
 * default branch itself (schedule, workflow_dispatch or push in this repository) with failover
 * results tied to it. Its age is GitHub's start time of the run, never a time from the file.
 */
import { durationMs, formatSeconds } from '../failover/duration.ts';
import { codeSpan, escapeMarkdown } from '../report/markdown-escape.ts';
import type { FaultlineResult } from '../result.ts';
import type { ActiveOverride, OverrideRequest } from './overrides.ts';
import type { GateVerdict } from './verdict.ts';

export interface FailoverConfig {
  'max-age'?: string;
  [key: string]: unknown;
}

/** The newest drill run of the default branch, as the app found it. */
export interface DrillRun {
  /** GitHub's start time of the run (its attempt). */
  startedAt: string;
  url?: string;
  name: string;
  /** Failover results tied to the run. */
  results: FaultlineResult[];
  /** Failover result files of that run that were refused, with why. */
  rejected: { where: string; problems: string[] }[];
}

export interface DrillSearch {
  /** Undefined: no drill run was found among those looked at. */
  newest?: DrillRun;
  /** What was looked at, for "no trusted drill". */
  seen?: string;
}

export interface DrillGateInput {
  config: FailoverConfig | null | undefined;
  search: DrillSearch;
  defaultBranch: string;
  now: Date;
  override?: ActiveOverride;
  pendingOverride?: OverrideRequest;
}

/** `7d`, `36h`, `1d12h`: the longest a drill may be old, in milliseconds; undefined when unset or invalid. */
export function maxAgeMs(config: FailoverConfig | null | undefined): number | undefined {
  const value = config?.['max-age'];
  const ms = durationMs(value);
  return ms;
}

/** Whether `faultline/dr-drill` is published: only when `failover.max-age` is set. */
export function drillGateEnabled(config: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return maxAgeMs(config?.failover as FailoverConfig | undefined) !== undefined;
}

/** `3 h`, `2.5 d`: an age for people. */
export function formatAge(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.max(0, Math.round(ms / 60_000))} min`;
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} d`;
}

interface Objective {
  targetSeconds?: unknown;
  actualSeconds?: unknown;
  status?: unknown;
}

/** `RTO 12 s / 15 min met, RPO 0 s / 5 min met` from a failover result (its details, else its summary). */
export function objectivesLine(result: FaultlineResult): string {
  const objectives = (result.details?.objectives ?? {}) as Record<string, Objective | undefined>;
  const parts: string[] = [];
  for (const name of ['rto', 'rpo']) {
    const o = objectives[name];
    if (!o || typeof o.targetSeconds !== 'number') continue;
    const actual = typeof o.actualSeconds === 'number' ? formatSeconds(o.actualSeconds) : 'n/a';
    const status = o.status === 'met' || o.status === 'breached' ? o.status : 'unknown';
    parts.push(`${name.toUpperCase()} ${actual} / ${formatSeconds(o.targetSeconds)} ${status}`);
  }
  if (parts.length > 0) return parts.join(', ');
  return result.verdict === 'error' ? `could not decide: ${result.summary ?? 'no reason given'}` : (result.summary ?? result.verdict);
}

function describe(result: FaultlineResult): string {
  const verdict = result.verdict === 'pass' ? 'met' : result.verdict === 'fail' ? 'breached' : result.verdict;
  return `${escapeMarkdown(result.name, 200)}: ${verdict} — ${escapeMarkdown(objectivesLine(result), 400)}`;
}

function runLink(run: DrillRun): string {
  return run.url ? `[${escapeMarkdown(run.name, 100)}](${run.url})` : escapeMarkdown(run.name, 100);
}

export function drillGateVerdict(input: DrillGateInput): GateVerdict {
  const base = { gate: 'dr-drill' as const, checkName: 'faultline/dr-drill', results: input.search.newest?.results ?? [], pendingOverride: input.pendingOverride };
  const limit = maxAgeMs(input.config);
  const branch = codeSpan(input.defaultBranch, 100);
  const why = `Applies: \`failover.max-age\` is ${codeSpan(String(input.config?.['max-age']), 40)} in the default branch’s .github/faultline.yml; the newest trusted drill of ${branch} must be met and younger than that.`;
  const fail = (title: string, reasons: string[]): GateVerdict => {
    if (input.override) {
      const o = input.override;
      return { ...base, override: o, conclusion: 'success', title: `Overridden by @${o.requestedBy}, approved by @${o.approvedBy}`, reasons: [...reasons, why, `override reason: ${escapeMarkdown(o.reason, 500)}`] };
    }
    return { ...base, conclusion: 'failure', title, reasons: [...reasons, why] };
  };
  if (limit === undefined) return { ...base, conclusion: 'neutral', title: 'Does not apply', reasons: ['Does not apply: `failover.max-age` is not set in the default branch’s .github/faultline.yml.'] };

  const run = input.search.newest;
  if (!run) return fail('No trusted drill', [`no trusted failover drill on ${branch}: ${escapeMarkdown(input.search.seen ?? 'none found', 400)}. Run the drill workflow on ${branch} (schedule or workflow_dispatch) and upload its result in an artifact whose name starts with \`faultline\`.`]);

  const ageMs = input.now.getTime() - Date.parse(run.startedAt);
  const ranAt = `${formatAge(ageMs)} ago (${escapeMarkdown(run.startedAt, 40)}, ${runLink(run)})`;
  const reasons: string[] = [];
  const titles: string[] = [];
  if (run.rejected.length > 0) {
    titles.push(`${run.rejected.length} drill result file${run.rejected.length > 1 ? 's' : ''} rejected`);
    reasons.push(...run.rejected.map((r) => `rejected drill result ${codeSpan(r.where, 200)}: ${escapeMarkdown(r.problems.join('; '), 1000)}`));
  }
  const breached = run.results.filter((r) => r.verdict !== 'pass');
  if (breached.length > 0) {
    const errors = breached.filter((r) => r.verdict === 'error').length;
    titles.push(errors === breached.length ? `Newest drill could not decide` : `Newest drill breached`);
  }
  if (!Number.isFinite(ageMs) || ageMs > limit) {
    titles.push(Number.isFinite(ageMs) ? `Newest drill is ${formatAge(ageMs)} old (max ${escapeMarkdown(String(input.config?.['max-age']), 20)})` : 'Newest drill has no start time');
    reasons.push(`the newest trusted drill on ${branch} ran ${Number.isFinite(ageMs) ? ranAt : `at an unknown time (${runLink(run)})`}, longer ago than \`failover.max-age\` allows: run the drill again`);
  } else {
    reasons.push(`newest trusted drill on ${branch}: ran ${ranAt}`);
  }
  reasons.push(...run.results.map(describe));
  if (titles.length > 0) return fail(titles.join(', '), reasons);
  const title = run.results.length === 1 ? `Drill met ${formatAge(ageMs)} ago: ${objectivesLine(run.results[0]!)}` : `${run.results.length} drills met ${formatAge(ageMs)} ago`;
  return { ...base, conclusion: 'success', title, reasons: [...reasons, why] };
}

/** The PR comment's drill line(s): each result of the newest drill with its objectives, when it ran, the link. */
export function drillCommentLines(search: DrillSearch | undefined, defaultBranch: string, now: Date): string[] {
  if (!search) return [];
  const run = search.newest;
  if (!run) return [`_No trusted failover drill on ${codeSpan(defaultBranch, 100)} (${escapeMarkdown(search.seen ?? 'none found', 300)})._`];
  const when = `${formatAge(now.getTime() - Date.parse(run.startedAt))} ago`;
  const icon = (r: FaultlineResult) => (r.verdict === 'pass' ? '✅' : r.verdict === 'fail' ? '❌' : '⚠️');
  const lines = run.results.map((r) => `- ${icon(r)} ${escapeMarkdown(r.name, 120)}: ${escapeMarkdown(objectivesLine(r), 300)} — ran ${when} on ${codeSpan(defaultBranch, 100)} (${runLink(run)})`);
  for (const r of run.rejected) lines.push(`- ❌ rejected drill result ${codeSpan(r.where, 200)} (${runLink(run)})`);
  return lines;
}
