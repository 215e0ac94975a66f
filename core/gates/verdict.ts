/**
 * Turns trusted result files into a gate verdict (the check run's conclusion), applying an
 * approved override. `pass`/`fail` come only from results; a result that could not decide
 * (`error`) fails, and so does a rejected result file. With evidence about the commit (whether the
 * gate applies, which runs were ignored and why), a gate that applies and has no trusted result
 * once the commit's runs have completed fails ("no trusted result: …"): `neutral` only ever means
 * "does not apply", with the reason.
 */
import { codeSpan, escapeMarkdown } from '../report/markdown-escape.ts';
import { securityHeadline } from '../report/security-json.ts';
import type { FaultlineResult, ResultKind } from '../result.ts';
import type { Applicability } from './applicability.ts';
import type { GateName } from './commands.ts';
import type { ActiveOverride, OverrideRequest } from './overrides.ts';

export type Conclusion = 'success' | 'failure' | 'neutral';

export interface GateVerdict {
  gate: GateName;
  checkName: string;
  conclusion: Conclusion;
  title: string;
  /**
   * Markdown lines, safe to render as they are: every untrusted part (a result's name or summary,
   * a path, a workflow name, an override reason) is escaped where the line is built.
   */
  reasons: string[];
  results: FaultlineResult[];
  override?: ActiveOverride;
  pendingOverride?: OverrideRequest;
  /** No result yet, but workflow runs that may produce one are still going. */
  waiting?: boolean;
}

/** What the app saw for the commit, beyond the trusted results. */
export interface GateEvidence {
  applicability: Applicability;
  /** Result files that were rejected for this gate (or whose gate cannot be told), with why. */
  rejected: { where: string; problems: string[] }[];
  /** Runs whose results were ignored because the pull request changes what produced them. */
  untrusted: { run: string; url?: string; changed: string[] }[];
  /** Workflow runs that may still report results for the commit. */
  waiting: boolean;
  /** One line on what was looked at: runs, links, results for other gates. */
  seen: string;
  /** Set when not every run for the commit was read (a cap): then nothing can pass. */
  unread?: string;
}

export const GATE_CHANGED_ADVICE = 'ask a maintainer for an override';

export const GATE_KINDS: Record<GateName, ResultKind[]> = {
  chaos: ['chaos'],
  'slo-budget': ['slo', 'canary'],
  migrations: ['migrations'],
  security: ['security'],
  'dr-drill': ['failover'],
};

export function checkNameOf(gate: GateName): string {
  return `faultline/${gate}`;
}

function describe(result: FaultlineResult): string {
  return `${escapeMarkdown(result.name, 200)}: ${result.verdict}${result.summary ? ` — ${escapeMarkdown(result.summary, 500)}` : ''}`;
}

/**
 * What the check run's title says about results: for security the headline of each ("2 new high
 * in snyk, 1 fixed"), which is what a reviewer needs; for the others how many passed or failed.
 */
function resultsTitle(gate: GateName, shown: readonly FaultlineResult[], counted: string): string {
  if (gate !== 'security' || shown.length === 0) return counted;
  const headlines = shown.map((r) => (shown.length > 1 ? `${r.name}: ${securityHeadline(r)}` : securityHeadline(r)));
  return headlines.join('; ');
}

function overridden(base: Omit<GateVerdict, 'conclusion' | 'title' | 'reasons'>, reasons: string[], override: ActiveOverride): GateVerdict {
  return {
    ...base,
    override,
    conclusion: 'success',
    title: `Overridden by @${override.requestedBy}, approved by @${override.approvedBy}`,
    reasons: [...reasons, `override reason: ${escapeMarkdown(override.reason, 500)}`],
  };
}

function changedFiles(untrusted: GateEvidence['untrusted']): string {
  const files = [...new Set(untrusted.flatMap((u) => u.changed))].sort();
  return files.map((f) => codeSpan(f, 200)).join(', ');
}

export function gateVerdict(
  gate: GateName,
  results: readonly FaultlineResult[],
  override?: ActiveOverride,
  pendingOverride?: OverrideRequest,
  evidence?: GateEvidence,
): GateVerdict {
  const relevant = results.filter((r) => GATE_KINDS[gate].includes(r.kind));
  const blocking = relevant.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
  const rejected = evidence?.rejected ?? [];
  const base = { gate, checkName: checkNameOf(gate), results: relevant, pendingOverride };
  const decisive = relevant.filter((r) => r.verdict !== 'neutral');
  const applies = evidence?.applicability.applies ?? false;
  const why = evidence ? [`${applies ? 'Applies' : 'Does not apply'}: ${evidence.applicability.reason}.`] : [];

  // Failures first: they can be concluded even while other runs are still going.
  const unread = evidence?.unread && (applies || decisive.length > 0) ? [`not every workflow run for the commit was read (${evidence.unread}), so a failure may be unseen`] : [];
  if (blocking.length > 0 || rejected.length > 0 || unread.length > 0) {
    const reasons = [
      ...blocking.map(describe),
      ...rejected.map((r) => `rejected result file ${codeSpan(r.where, 200)}: ${escapeMarkdown(r.problems.join('; '), 1000)}`),
      ...unread,
    ];
    if (override) return overridden(base, reasons, override);
    const parts = [
      blocking.length > 0 ? resultsTitle(gate, blocking, `${blocking.length} of ${relevant.length} failed`) : '',
      rejected.length > 0 ? `${rejected.length} result file${rejected.length > 1 ? 's' : ''} rejected` : '',
      unread.length > 0 ? 'Not every run was read' : '',
    ];
    return { ...base, conclusion: 'failure', title: parts.filter(Boolean).join(', '), reasons };
  }
  // A pass is only final when no run that could still report a failure is going.
  if (evidence?.waiting) {
    return { ...base, conclusion: 'neutral', waiting: true, title: 'Waiting for workflow results', reasons: why };
  }
  if (decisive.length > 0) {
    return { ...base, conclusion: 'success', title: resultsTitle(gate, decisive, `${decisive.length} passed`), reasons: [...relevant.map(describe), ...why] };
  }
  if (!applies) {
    const ignored = (evidence?.untrusted ?? []).length > 0 ? [`Ignored runs that change the gate itself (${changedFiles(evidence!.untrusted)}); they do not matter while the gate does not apply.`] : [];
    return { ...base, conclusion: 'neutral', title: 'Does not apply to this change', reasons: [...relevant.map(describe), ...why, ...ignored] };
  }
  // The gate applies and nothing trusted decided it.
  const untrusted = evidence!.untrusted;
  const reasons =
    untrusted.length > 0
      ? [
          `this pull request changes the gate itself: ${changedFiles(untrusted)}; ${GATE_CHANGED_ADVICE}`,
          ...untrusted.map((u) => `ignored ${u.url ? `[${escapeMarkdown(u.run, 100)}](${u.url})` : escapeMarkdown(u.run, 100)}: changes ${changedFiles([u])}`),
        ]
      : [`no trusted result: ${evidence!.seen}`];
  if (override) return overridden(base, [...reasons, ...why, ...relevant.map(describe)], override);
  return {
    ...base,
    conclusion: 'failure',
    title: untrusted.length > 0 ? 'This pull request changes the gate itself' : 'No trusted result',
    reasons: [...reasons, ...why, ...relevant.map(describe)],
  };
}
