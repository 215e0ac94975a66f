import { relationOf } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';

/** PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction block: the migration fails. */
export const createIndexConcurrentlyInTransaction: Rule = {
  id: 'create-index-concurrently-in-transaction',
  defaultSeverity: 'error',
  kinds: ['IndexStmt'],
  summary: 'CREATE INDEX CONCURRENTLY inside a transaction block fails',
  description:
    'A concurrent index build commits several transactions of its own, so PostgreSQL rejects it inside ' +
    'BEGIN … COMMIT, inside a DO block, and in files that a migration tool wraps in a transaction ' +
    '(ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction block). Put it in its own ' +
    'migration that runs without a transaction (Flyway: executeInTransaction=false; golang-migrate: ' +
    'one statement per file; Rails: disable_ddl_transaction!).',
  check(statement, context) {
    if (statement.kind !== 'IndexStmt' || statement.node.concurrent !== true || !context.inTransaction) return [];
    const table = relationOf(statement.node.relation);
    const where = context.inDoBlock ? 'inside a DO block' : context.transactionDepth > 0 ? 'inside BEGIN … COMMIT' : 'inside the transaction the migration tool wraps around this file';
    return [
      {
        message:
          `CREATE INDEX CONCURRENTLY${table ? ` on ${relationSql(table)}` : ''} runs ${where}: PostgreSQL ` +
          'refuses it there ("cannot run inside a transaction block") and the migration fails.',
        lock: null,
        blocks: [],
        rewrite: false,
        fix: `-- in a migration of its own that runs outside any transaction block:\n${statement.text};`,
      },
    ];
  },
};
