import type { Rule } from '../types.ts';

const SAVEPOINT_KINDS: Record<string, string> = {
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
  TRANS_STMT_RELEASE: 'RELEASE SAVEPOINT',
  TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO SAVEPOINT',
};

/** BEGIN inside a transaction is ignored, so the first COMMIT ends more than its author thinks. */
export const transactionNesting: Rule = {
  id: 'transaction-nesting',
  defaultSeverity: 'error',
  kinds: ['TransactionStmt'],
  summary: 'BEGIN inside a transaction that is already open (or a savepoint outside one)',
  description:
    'PostgreSQL has no nested transactions: a BEGIN inside an open transaction only warns and is ' +
    'ignored, so the first COMMIT commits everything, and what the author meant as an inner ' +
    'transaction is not one. Migration tools that wrap each file in a transaction (Flyway, ' +
    'golang-migrate, Rails) make any BEGIN in the file nested. Use SAVEPOINT for partial rollback, or ' +
    'let the tool own the transaction. SAVEPOINT outside a transaction block is an error.',
  check(statement, context) {
    if (statement.kind !== 'TransactionStmt' || statement.fromDoBlock) return [];
    const kind = String(statement.node.kind);
    if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
      if (context.transactionDepth > 0) {
        const open = context.openTransaction;
        return [
          {
            message:
              `A transaction is already open${open ? ` (since line ${open.line})` : ''}: PostgreSQL ignores this BEGIN, ` +
              'and the first COMMIT ends the outer transaction too.',
            lock: null,
            blocks: [],
            rewrite: false,
            fix: 'SAVEPOINT before_step; -- to roll back part of a transaction: ROLLBACK TO SAVEPOINT before_step;',
          },
        ];
      }
      if (context.assumeTransaction) {
        return [
          {
            message:
              'The migration tool already runs this file in a transaction (assume-transaction): this BEGIN is nested, ' +
              'PostgreSQL ignores it, and its COMMIT ends the tool\'s transaction early.',
            lock: null,
            blocks: [],
            rewrite: false,
            fix: '-- remove BEGIN/COMMIT and let the migration tool own the transaction',
          },
        ];
      }
      return [];
    }
    const savepoint = SAVEPOINT_KINDS[kind];
    if (savepoint && !context.inTransaction) {
      return [
        {
          message: `${savepoint} outside a transaction block fails ("can only be used in transaction blocks").`,
          lock: null,
          blocks: [],
          rewrite: false,
          fix: `BEGIN;\n${statement.text};\n-- …\nCOMMIT;`,
        },
      ];
    }
    return [];
  },
};
