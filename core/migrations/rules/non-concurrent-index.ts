import { relationOf } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { withConcurrently } from './sql-rewrite.ts';

/** CREATE INDEX without CONCURRENTLY holds SHARE on the table for the whole build. */
export const nonConcurrentIndex: Rule = {
  id: 'non-concurrent-index',
  defaultSeverity: 'error',
  kinds: ['IndexStmt'],
  summary: 'CREATE INDEX without CONCURRENTLY on an existing table blocks writes while the index builds',
  description:
    'CREATE INDEX takes a SHARE lock on the table: reads continue, but every INSERT, UPDATE and DELETE ' +
    'waits until the whole index is built, which on a large table takes minutes. CREATE INDEX CONCURRENTLY ' +
    'takes SHARE UPDATE EXCLUSIVE instead, which lets writes continue; it scans the table twice and cannot ' +
    'run inside a transaction block. If a concurrent build fails it leaves an INVALID index: drop it with ' +
    'DROP INDEX CONCURRENTLY and try again. Indexes on tables created earlier in the same file are safe.',
  check(statement, context) {
    if (statement.kind !== 'IndexStmt' || statement.node.concurrent === true) return [];
    const table = relationOf(statement.node.relation);
    if (!table || context.isNewRelation(table)) return [];
    const outside = context.inTransaction ? '-- outside a transaction block:\n' : '';
    return [
      {
        message:
          `CREATE INDEX on ${relationSql(table)} without CONCURRENTLY takes a SHARE lock: ` +
          'INSERT, UPDATE and DELETE on the table wait until the whole index is built.',
        lock: 'SHARE',
        blocks: ['writes'],
        rewrite: false,
        fix: `${outside}${withConcurrently(statement.text, 'INDEX')};`,
      },
    ];
  },
};
