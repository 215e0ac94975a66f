import type { Rule, RuleHit } from '../types.ts';

function hit(message: string, fix: string, at?: { line: number; column: number }): RuleHit {
  return { message, lock: null, blocks: [], rewrite: false, fix, ...(at ? { line: at.line, column: at.column } : {}) };
}

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
  summary: 'BEGIN inside an open transaction, COMMIT/ROLLBACK with none open, or a savepoint outside one',
  description:
    'PostgreSQL has no nested transactions: a BEGIN inside an open transaction only warns and is ' +
    'ignored, so the first COMMIT commits everything, and what the author meant as an inner ' +
    'transaction is not one. Migration tools that wrap each file in a transaction (Flyway, ' +
    'golang-migrate, Rails) make any BEGIN in the file nested. Use SAVEPOINT for partial rollback, or ' +
    'let the tool own the transaction. SAVEPOINT outside a transaction block is an error. A COMMIT or ' +
    'ROLLBACK with no transaction open does nothing (PostgreSQL only warns): the statements before it were ' +
    'not in the transaction its author thought. With assume-transaction, `COMMIT; CREATE INDEX CONCURRENTLY …; ' +
    'BEGIN;` is the valid way to run a statement outside the tool\'s transaction; a COMMIT that is not followed ' +
    'by BEGIN leaves the rest of the file in autocommit and the tool nothing to commit, and a ROLLBACK undoes ' +
    'the file\'s work so far (and the tool\'s bookkeeping, when it writes it in the same transaction).',
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
      if (context.toolTransactionOpen) {
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
    if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') {
      const word = kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK';
      if (!context.inTransaction) {
        return [
          hit(
            `${word} with no transaction open does nothing (PostgreSQL warns "there is no transaction in progress"): ` +
              'the statements before it each committed on their own, not as one transaction.',
            `-- remove this ${word}, or open the transaction it is meant to end:\nBEGIN;\n-- …\n${word};`,
          ),
        ];
      }
      if (word === 'ROLLBACK' && context.toolTransactionOpen && context.transactionDepth === 0) {
        return [
          hit(
            "ROLLBACK ends the migration tool's transaction (assume-transaction): it undoes everything this file did " +
              "so far, and the tool's own bookkeeping when it writes it in the same transaction.",
            '-- remove the ROLLBACK; to undo part of the file, use SAVEPOINT step; … ROLLBACK TO SAVEPOINT step;',
          ),
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
  checkEnd(context) {
    const ended = context.toolTransactionEndedAt;
    if (!context.assumeTransaction || !ended || ended.kind !== 'COMMIT') return [];
    return [
      hit(
        `The COMMIT at line ${ended.line} ends the migration tool's transaction (assume-transaction) and the file never ` +
          'opens one again: every statement after it autocommits on its own, and the tool then commits a transaction ' +
          'that does not exist.',
        "-- end the file with BEGIN; so the tool has its transaction back:\nCOMMIT;\nCREATE INDEX CONCURRENTLY …;\nBEGIN;",
        ended,
      ),
    ];
  },
};
