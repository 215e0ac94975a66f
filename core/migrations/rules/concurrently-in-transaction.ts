import { alterCommands, hasOption } from '../ast.ts';
import type { MigrationContext, Rule, Statement } from '../types.ts';

/**
 * The CONCURRENTLY forms besides CREATE INDEX (which has its own, older id,
 * create-index-concurrently-in-transaction): each commits transactions of its own, so PostgreSQL
 * calls PreventInTransactionBlock and the statement fails inside one.
 */
function concurrentForm(statement: Statement): string | undefined {
  const node = statement.node;
  if (statement.kind === 'DropStmt' && node.removeType === 'OBJECT_INDEX' && node.concurrent === true) return 'DROP INDEX CONCURRENTLY';
  if (statement.kind === 'ReindexStmt' && hasOption(node.params, 'concurrently')) return 'REINDEX CONCURRENTLY';
  if (
    statement.kind === 'AlterTableStmt' &&
    alterCommands(node).some(
      (cmd) => cmd.subtype === 'AT_DetachPartition' && (cmd.def?.PartitionCmd as { concurrent?: boolean } | undefined)?.concurrent === true,
    )
  ) {
    return 'ALTER TABLE … DETACH PARTITION … CONCURRENTLY';
  }
  return undefined;
}

function where(context: MigrationContext): string {
  if (context.inDoBlock) return 'inside a DO block';
  if (context.transactionDepth > 0) return 'inside BEGIN … COMMIT';
  return 'inside the transaction the migration tool wraps around this file';
}

export const concurrentlyInTransaction: Rule = {
  id: 'concurrently-in-transaction',
  defaultSeverity: 'error',
  kinds: ['DropStmt', 'ReindexStmt', 'AlterTableStmt'],
  summary: 'DROP INDEX, REINDEX or DETACH PARTITION … CONCURRENTLY inside a transaction block fails',
  description:
    'The non-blocking forms of these statements commit several transactions of their own, so PostgreSQL ' +
    'rejects them inside BEGIN … COMMIT, inside a DO block, and in files a migration tool wraps in a ' +
    'transaction (ERROR: DROP INDEX CONCURRENTLY cannot run inside a transaction block; likewise REINDEX ' +
    'CONCURRENTLY and ALTER TABLE … DETACH CONCURRENTLY). The migration fails at that statement. Put it in ' +
    'a migration of its own that runs outside a transaction (Flyway: executeInTransaction=false; ' +
    'golang-migrate: one statement per file; Rails: disable_ddl_transaction!). CREATE INDEX CONCURRENTLY ' +
    'is reported as create-index-concurrently-in-transaction.',
  check(statement, context) {
    if (!context.inTransaction) return [];
    const form = concurrentForm(statement);
    if (!form) return [];
    return [
      {
        message:
          `${form} runs ${where(context)}: PostgreSQL refuses it there ("cannot run inside a transaction ` +
          'block") and the migration fails.',
        lock: null,
        blocks: [],
        rewrite: false,
        fix: `-- in a migration of its own that runs outside any transaction block:\n${statement.text};`,
      },
    ];
  },
};
