/**
 * The security gate's result file (kind `security`): every current finding with its status, tool
 * severity and fingerprint (so the file can serve as the next baseline), counts per tool and
 * severity, the fixed findings, scan errors and suppressions. The CLI's `--format json` prints it.
 */
import { createResult, type FaultlineResult, type ResultFinding, type ResultSource, validateResult } from '../result.ts';
import type { EvaluatedFinding, SecurityOutcome } from '../security/gate.ts';
import { sarifLevelOf } from '../security/severity.ts';

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
