/**
 * The gate: tool reports → one finding per unique problem → suppressions → baseline comparison →
 * verdict. Only new, unsuppressed findings at or above `failOn` fail; a scanner that could not
 * check something (a tool error, a file it could not parse) makes the verdict `error`, never a pass.
 */
import { type Baseline, type BaselineFinding, compareWithBaseline } from './baseline.ts';
import { fingerprintFindings } from './fingerprint.ts';
import { atOrAbove, severityRank } from './severity.ts';
import { applySuppressions, type Suppression } from './suppressions.ts';
import type { ScanError, SecurityFinding, Severity, ToolReport } from './types.ts';

export interface GateInput {
  reports: readonly ToolReport[];
  baseline?: Baseline;
  suppressions?: readonly Suppression[];
  failOn: Severity;
  now?: Date;
  /** Problems running the scanners themselves (missing tool, error exit code). */
  runErrors?: readonly ScanError[];
}

export interface EvaluatedFinding extends SecurityFinding {
  status: 'new' | 'unchanged';
  /** The path the finding had on the base branch, when its file was renamed. */
  movedFrom?: string;
  suppressed?: Suppression;
}

export type SeverityCounts = Record<Severity, number>;

export interface ToolCounts {
  total: SeverityCounts;
  new: SeverityCounts;
  fixed: SeverityCounts;
  unchanged: number;
  suppressed: number;
}

export interface ToolSummary {
  tool: string;
  name: string;
  version?: string;
  source: string;
  format: string;
  findings: number;
  errors: number;
}

export interface SecurityOutcome {
  verdict: 'pass' | 'fail' | 'error';
  reasons: string[];
  failOn: Severity;
  findings: EvaluatedFinding[];
  /** New, unsuppressed, at or above failOn: what fails the gate. */
  blocking: EvaluatedFinding[];
  fixed: BaselineFinding[];
  errors: ScanError[];
  warnings: ScanError[];
  baseline?: { source: string; findings: number; file?: string; sha?: string; runId?: string; verdict?: string };
  counts: { perTool: Record<string, ToolCounts>; total: number; new: number; fixed: number; unchanged: number; suppressed: number };
  suppressions: { expired: Suppression[]; unused: Suppression[] };
  tools: ToolSummary[];
}

export function zeroCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

function toolCounts(perTool: Record<string, ToolCounts>, tool: string): ToolCounts {
  perTool[tool] ??= { total: zeroCounts(), new: zeroCounts(), fixed: zeroCounts(), unchanged: 0, suppressed: 0 };
  return perTool[tool];
}

/** "2 new high in snyk, 1 new critical in checkov": what a check run title or PR comment says. */
export function describeCounts(findings: readonly { tool: string; severity: Severity }[], word: string): string[] {
  const groups = new Map<string, number>();
  const sorted = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.tool.localeCompare(b.tool));
  for (const f of sorted) groups.set(`${f.severity}\u0000${f.tool}`, (groups.get(`${f.severity}\u0000${f.tool}`) ?? 0) + 1);
  return [...groups].map(([key, n]) => {
    const [severity, tool] = key.split('\u0000');
    return `${n} ${word}${word ? ' ' : ''}${severity} in ${tool}`;
  });
}

export function evaluateSecurityGate(input: GateInput): SecurityOutcome {
  const now = input.now ?? new Date();
  const findings = fingerprintFindings(input.reports.flatMap((r) => r.findings));
  const { applied, expired, unused } = applySuppressions(findings, input.suppressions ?? [], now);
  const comparison = compareWithBaseline(findings, input.baseline);
  const evaluated: EvaluatedFinding[] = findings.map((f) => {
    const state = comparison.status.get(f) ?? { status: 'new' as const };
    const suppressed = applied.get(f);
    return { ...f, status: state.status, ...(state.movedFrom ? { movedFrom: state.movedFrom } : {}), ...(suppressed ? { suppressed } : {}) };
  });
  const scanIssues = [...(input.runErrors ?? []), ...input.reports.flatMap((r) => r.errors)];
  const errors = scanIssues.filter((e) => e.severity !== 'warning');
  const warnings = scanIssues.filter((e) => e.severity === 'warning');
  const blocking = evaluated.filter((f) => f.status === 'new' && !f.suppressed && atOrAbove(f.severity, input.failOn));

  const perTool: Record<string, ToolCounts> = {};
  for (const report of input.reports) toolCounts(perTool, report.tool);
  for (const f of evaluated) {
    const counts = toolCounts(perTool, f.tool);
    counts.total[f.severity]++;
    if (f.suppressed) counts.suppressed++;
    else if (f.status === 'new') counts.new[f.severity]++;
    else counts.unchanged++;
  }
  for (const f of comparison.fixed) toolCounts(perTool, f.tool).fixed[f.severity]++;

  const reasons: string[] = [];
  let verdict: SecurityOutcome['verdict'] = 'pass';
  if (input.reports.length === 0 && errors.length === 0) {
    verdict = 'error';
    reasons.push('nothing was scanned: give at least one scanner output or a tool to run');
  }
  if (errors.length > 0) {
    verdict = 'error';
    reasons.push(`${errors.length} scan error${errors.length === 1 ? '' : 's'}: the scanners could not check everything, so the gate cannot pass (${errors.slice(0, 3).map((e) => `${e.tool}: ${e.path ? `${e.path}: ` : ''}${firstLine(e.message)}`).join('; ')})`);
  }
  if (blocking.length > 0) {
    if (verdict === 'pass') verdict = 'fail';
    reasons.push(`${describeCounts(blocking, 'new').join(', ')} (fail-on: ${input.failOn})`);
  } else if (verdict === 'pass') {
    reasons.push(`no new finding at or above ${input.failOn}`);
  }
  if (!input.baseline) reasons.push('no baseline: every finding is judged as new');
  if (input.baseline?.verdict === 'error') reasons.push('the baseline\'s own scan ended in error: findings it missed show as new');
  for (const entry of expired) reasons.push(`suppression of ${entry.rule}${entry.path ? ` in ${entry.path}` : ''} expired on ${entry.expires}: it no longer applies`);

  const fixed = comparison.fixed;
  return {
    verdict,
    reasons,
    failOn: input.failOn,
    findings: evaluated,
    blocking,
    fixed,
    errors,
    warnings,
    ...(input.baseline
      ? {
          baseline: {
            source: input.baseline.source,
            findings: input.baseline.findings.length,
            ...(input.baseline.file ? { file: input.baseline.file } : {}),
            ...(input.baseline.sha ? { sha: input.baseline.sha } : {}),
            ...(input.baseline.runId ? { runId: input.baseline.runId } : {}),
            ...(input.baseline.verdict ? { verdict: input.baseline.verdict } : {}),
          },
        }
      : {}),
    counts: {
      perTool,
      total: evaluated.length,
      new: evaluated.filter((f) => f.status === 'new' && !f.suppressed).length,
      fixed: fixed.length,
      unchanged: evaluated.filter((f) => f.status === 'unchanged' && !f.suppressed).length,
      suppressed: evaluated.filter((f) => f.suppressed).length,
    },
    suppressions: { expired, unused },
    tools: input.reports.map((r) => ({
      tool: r.tool,
      name: r.name,
      ...(r.version ? { version: r.version } : {}),
      source: r.source,
      format: r.format,
      findings: r.findings.length,
      errors: r.errors.length,
    })),
  };
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}

