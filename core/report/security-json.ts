/**
 * The security gate's result file (kind `security`): every current finding with its status, tool
 * severity and fingerprint (so the file can serve as the next baseline), counts per tool and
 * severity, the fixed findings, scan errors and suppressions. The CLI's `--format json` prints it.
 */
import { createResult, type FaultlineResult, type ResultFinding, type ResultSource, validateResult } from '../result.ts';
import { describeCounts, type EvaluatedFinding, type SecurityOutcome } from '../security/gate.ts';
import { atOrAbove, isSeverity, sarifLevelOf } from '../security/severity.ts';
import type { Severity } from '../security/types.ts';

export const SECURITY_RESULT_NAME = 'security-gate';

export function securitySummary(outcome: SecurityOutcome): string {
  const head = outcome.verdict === 'error' ? 'could not decide' : outcome.verdict === 'fail' ? 'fail' : 'pass';
  const parts = [`${outcome.counts.new} new`, `${outcome.counts.fixed} fixed`, `${outcome.counts.unchanged} unchanged`];
  if (outcome.counts.suppressed > 0) parts.push(`${outcome.counts.suppressed} suppressed`);
  return `${head}: ${outcome.reasons[0] ?? ''} (${parts.join(', ')}${outcome.baseline ? '' : '; no baseline'})`;
}

function resultFinding(f: EvaluatedFinding): ResultFinding {
  return {
    rule: f.rule,
    severity: sarifLevelOf(f.severity),
    message: f.message,
    ...(f.path ? { path: f.path } : {}),
    ...(f.line ? { line: f.line } : {}),
    ...(f.column ? { column: f.column } : {}),
    ...(f.endLine ? { endLine: f.endLine } : {}),
    ...(f.endColumn ? { endColumn: f.endColumn } : {}),
    ...(f.helpUri ? { help: f.helpUri } : {}),
    properties: {
      tool: f.tool,
      severity: f.severity,
      status: f.status,
      fingerprint: f.fingerprint,
      movedKey: f.movedKey,
      ...(f.movedFrom ? { movedFrom: f.movedFrom } : {}),
      ...(f.packages ? { packages: f.packages } : {}),
      ...(f.resource ? { resource: f.resource } : {}),
      ...(f.fixedIn ? { fixedIn: f.fixedIn } : {}),
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
      ...f.properties,
    },
  };
}

export interface SecurityResultOptions {
  startedAt: Date;
  finishedAt?: Date;
  source?: ResultSource;
  components?: Record<string, string>;
}

export function securityResult(outcome: SecurityOutcome, options: SecurityResultOptions): FaultlineResult {
  const components: Record<string, string> = { ...options.components };
  for (const tool of outcome.tools) if (tool.version && !components[tool.tool]) components[tool.tool] = tool.version;
  const levels = outcome.findings.map((f) => sarifLevelOf(f.severity));
  const result = createResult({
    kind: 'security',
    name: SECURITY_RESULT_NAME,
    verdict: outcome.verdict,
    summary: securitySummary(outcome),
    startedAt: options.startedAt,
    finishedAt: options.finishedAt ?? new Date(),
    ...(Object.keys(components).length > 0 ? { components } : {}),
    ...(options.source ? { source: options.source } : {}),
    counts: { errors: levels.filter((l) => l === 'error').length, warnings: levels.filter((l) => l === 'warning').length, notes: levels.filter((l) => l === 'note').length },
    findings: outcome.findings.map(resultFinding),
    details: {
      failOn: outcome.failOn,
      reasons: outcome.reasons,
      baseline: outcome.baseline ?? null,
      new: outcome.counts.new,
      fixed: outcome.counts.fixed,
      unchanged: outcome.counts.unchanged,
      suppressed: outcome.counts.suppressed,
      perTool: outcome.counts.perTool,
      tools: outcome.tools,
      fixedFindings: outcome.fixed,
      scanErrors: outcome.errors,
      scanWarnings: outcome.warnings,
      expiredSuppressions: outcome.suppressions.expired,
      unusedSuppressions: outcome.suppressions.unused,
    },
  });
  const problems = validateResult(result);
  if (problems.length > 0) throw new Error(`the result file would be invalid (a bug in Faultline): ${problems.join('; ')}`);
  return result;
}

/**
 * The line the PR comment and the check run title show, from a result file (what the app reads):
 * "2 new high in snyk, 1 fixed". New findings below the threshold are counted, not itemised.
 */
export function securityHeadline(result: FaultlineResult): string {
  if (result.verdict === 'error') return result.summary?.startsWith('could not decide') ? result.summary : `could not decide: ${result.summary ?? 'the security gate ended in error'}`;
  const findings = (result.findings ?? [])
    .map((f) => f.properties ?? {})
    .filter((p) => p.status === 'new' && !p.suppressed && typeof p.tool === 'string' && isSeverity(p.severity)) as { tool: string; severity: Severity }[];
  const details = (result.details ?? {}) as { failOn?: unknown; fixed?: unknown };
  const failOn = isSeverity(details.failOn) ? details.failOn : 'high';
  const blocking = findings.filter((f) => atOrAbove(f.severity, failOn));
  const parts = describeCounts(blocking, 'new');
  // Say what was judged: "no new findings" alone would hide new ones below the threshold.
  if (parts.length === 0) parts.push(`no new findings at or above ${failOn}`);
  const below = findings.length - blocking.length;
  if (below > 0) parts.push(`${below} new below ${failOn}`);
  const fixed = typeof details.fixed === 'number' ? details.fixed : 0;
  if (fixed > 0) parts.push(`${fixed} fixed`);
  return parts.join(', ');
}
