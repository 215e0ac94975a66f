/**
 * The shadow run's input from a migration file's text: its top-level statements exactly as the
 * server will receive them. DO blocks stay whole here (the server runs them as one statement),
 * unlike the linter's statement list, which lifts their SQL out; text the parser would reject is
 * sent too, so the server's own error message and position are reported.
 */
import { LineIndex } from './positions.ts';
import type { ShadowFile } from './shadow-types.ts';
import { splitStatements } from './split.ts';

export function shadowFileFromSql(path: string, text: string, options: { contextOnly?: boolean } = {}): ShadowFile {
  const lines = new LineIndex(text);
  const statements: ShadowFile['statements'] = [];
  for (const { start, end } of splitStatements(text).segments) {
    const sql = text.slice(start, end).replace(/;$/, '').trimEnd();
    if (sql === '') continue;
    const { line, column } = lines.position(start);
    statements.push({ text: sql, line, column, index: statements.length });
  }
  return options.contextOnly ? { path, statements, contextOnly: true } : { path, statements };
}
