/**
 * Builds shadow-run input from SQL text in tests, with PostgreSQL's own parser (libpg-query):
 * top-level statements with their text, 1-based line and column. `await loadModule()` first.
 */
import { parseSync } from 'libpg-query';
import type { ShadowFile } from '../../core/migrations/shadow-types.ts';

interface RawStmt {
  stmt_location?: number;
  stmt_len?: number;
}

export function shadowFile(path: string, sql: string, extra: Partial<ShadowFile> = {}): ShadowFile {
  // stmt_location and stmt_len count bytes of UTF-8, and a statement's span starts right after the
  // previous semicolon (leading blanks and comments included).
  const bytes = Buffer.from(sql, 'utf8');
  const { stmts = [] } = parseSync(sql) as { stmts?: RawStmt[] };
  const statements = stmts.map((raw, index) => {
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len ? start + raw.stmt_len : bytes.length;
    const span = bytes.subarray(start, end).toString('utf8');
    const text = span.trim();
    const before = (bytes.subarray(0, start).toString('utf8') + span.slice(0, span.indexOf(text))).split('\n');
    return { text, line: before.length, column: before[before.length - 1]!.length + 1, index };
  });
  return { path, statements, ...extra };
}
