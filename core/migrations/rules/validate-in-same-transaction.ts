import { alterCommands, relationOf } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';

/**
 * NOT VALID followed by VALIDATE in the same transaction gains nothing: the lock the ADD took is
 * held until COMMIT, so it is held for the whole validation scan.
 */
export const validateInSameTransaction: Rule = {
  id: 'validate-in-same-transaction',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'VALIDATE CONSTRAINT in the same transaction as the ADD … NOT VALID keeps the strong lock during the scan',
  description:
    'The point of ADD CONSTRAINT … NOT VALID is to take the strong lock only for an instant and check ' +
    'existing rows later under a weak one. Locks last until the transaction ends, so validating in the ' +
    'same transaction scans the table while still holding the ADD\'s lock (ACCESS EXCLUSIVE for CHECK, ' +
    'SHARE ROW EXCLUSIVE for FOREIGN KEY). COMMIT between the two, or move VALIDATE to the next migration.',
  check(statement, context) {
    if (statement.kind !== 'AlterTableStmt' || !context.inTransaction) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_ValidateConstraint' || !cmd.name) continue;
      const added = context.notValidConstraintsInTransaction.get(cmd.name);
      if (!added) continue;
      const table = relationOf(statement.node.relation) ?? added.table;
      const lock = added.type === 'check' ? 'ACCESS EXCLUSIVE' : 'SHARE ROW EXCLUSIVE';
      hits.push({
        message:
          `Constraint ${quoteIdent(cmd.name)} was added NOT VALID earlier in this transaction, so VALIDATE scans ` +
          `${relationSql(table)} while the ADD's ${lock} lock is still held: ` +
          (lock === 'ACCESS EXCLUSIVE' ? 'reads and writes wait for the whole scan.' : 'writes wait for the whole scan.'),
        lock,
        blocks: lock === 'ACCESS EXCLUSIVE' ? ['reads', 'writes'] : ['writes'],
        rewrite: false,
        fix: `COMMIT; -- end the transaction that added the constraint first\nALTER TABLE ${relationSql(table)} VALIDATE CONSTRAINT ${quoteIdent(cmd.name)};`,
      });
    }
    return hits;
  },
};
