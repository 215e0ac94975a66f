/**
 * The `--format json` document of the migration gate. Its shape is public (scripts parse it), so
 * findings carry exactly the documented keys, in a fixed order, and nothing else.
 */
import type { Blocked, Finding, LintReport, LockMode, Severity } from '../migrations/types.ts';

export interface MigrationsJsonFinding {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  message: string;
  lock: LockMode | null;
  blocks: Blocked[];
  rewrite: boolean;
  fix: string | null;
}

export interface MigrationsJsonFile {
  path: string;
  findings: MigrationsJsonFinding[];
}

export interface MigrationsJson {
  version: 1;
  files: MigrationsJsonFile[];
}

export function toJsonFinding(finding: Finding): MigrationsJsonFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    line: finding.line,
    column: finding.column,
    message: finding.message,
    lock: finding.lock ?? null,
    blocks: [...finding.blocks],
    rewrite: finding.rewrite,
    fix: finding.fix ?? null,
  };
}

export function toMigrationsJson(report: LintReport): MigrationsJson {
  return {
    version: 1,
    files: report.files.map((file) => ({ path: file.path, findings: file.findings.map(toJsonFinding) })),
  };
}

/** One JSON document and a newline: what `faultline migrations lint --format json` prints. */
export function renderMigrationsJson(report: LintReport): string {
  return `${JSON.stringify(toMigrationsJson(report), null, 2)}\n`;
}
