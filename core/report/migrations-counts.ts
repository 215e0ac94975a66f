/** Totals over a lint report, shared by every renderer and the faces' exit codes and outputs. */
import { byStatementThenSeverity } from '../migrations/agree.ts';
import type { Finding, LintReport } from '../migrations/types.ts';

export interface MigrationsCounts {
  files: number;
  statements: number;
  errors: number;
  warnings: number;
  /** Findings the shadow run observed (already included in errors/warnings). */
  observed: number;
}

export function countFindings(report: LintReport): MigrationsCounts {
  const counts: MigrationsCounts = { files: report.files.length, statements: 0, errors: 0, warnings: 0, observed: 0 };
  for (const file of report.files) {
    counts.statements += file.statements;
    for (const finding of file.findings) {
      if (finding.severity === 'error') counts.errors++;
      else counts.warnings++;
      if (finding.source === 'shadow') counts.observed++;
    }
  }
  return counts;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Findings in reading order: by line and column, on one statement the most severe first, then rule id. */
export function inReadingOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(byStatementThenSeverity);
}
