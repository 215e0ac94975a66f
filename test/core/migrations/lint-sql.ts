/**
 * Test helper for rule specifications: lint a SQL string as one migration file and look at the
 * findings. The parser is loaded once when this module is imported.
 */
import { KnownColumnTypes } from '../../../core/migrations/column-types.ts';
import { type LintOptions, lintSource, loadParser } from '../../../core/migrations/lint.ts';
import type { Finding } from '../../../core/migrations/types.ts';

await loadParser();

/** Every finding for `sql` (as the file `migration.sql`), sorted by position. */
export function lintSql(sql: string, options?: LintOptions): Finding[] {
  return lintSource(sql, 'migration.sql', options).findings;
}

/** Just the rule ids of the findings, in order. */
export function ruleIds(sql: string, options?: LintOptions): string[] {
  return lintSql(sql, options).map((finding) => finding.rule);
}

/** The findings of one rule only. */
export function findingsOf(rule: string, sql: string, options?: LintOptions): Finding[] {
  return lintSql(sql, options).filter((finding) => finding.rule === rule);
}

/** The findings of one rule for the last of several files, linted in order as one run (V1, V2…). */
export function findingsAfter(rule: string, earlier: string[], sql: string, options?: LintOptions): Finding[] {
  const columnTypes = new KnownColumnTypes();
  for (const [i, text] of earlier.entries()) lintSource(text, `V${i + 1}__earlier.sql`, options, columnTypes);
  return lintSource(sql, `V${earlier.length + 1}__this.sql`, options, columnTypes).findings.filter((finding) => finding.rule === rule);
}
