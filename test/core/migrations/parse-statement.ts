/**
 * Test helper for the lock and type knowledge: one SQL statement as the `{ kind, node }` pair the
 * linter hands to rules, straight from PostgreSQL's parser.
 */
import { loadModule, parseSync } from 'libpg-query';
import type { Statement } from '../../../core/migrations/types.ts';

await loadModule();

export function parseStatement(sql: string): Pick<Statement, 'kind' | 'node'> {
  const result = parseSync(sql) as unknown as { stmts: { stmt: Record<string, Record<string, unknown>> }[] };
  const stmt = result.stmts[0]!.stmt;
  const kind = Object.keys(stmt)[0]!;
  return { kind, node: stmt[kind]! };
}
