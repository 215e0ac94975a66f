import { relationFromNames, stringConstants } from '../ast.ts';
import { quoteLiteral, relationSql } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';

/**
 * Before PostgreSQL 12, ALTER TYPE … ADD VALUE cannot run in a transaction block at all; since 12 it
 * can, but the new value cannot be used until the transaction commits.
 */
export const alterEnumAddValueInTransaction: Rule = {
  id: 'alter-enum-add-value-in-transaction',
  defaultSeverity: 'error',
  summary: 'ALTER TYPE … ADD VALUE in a transaction (fails before PG 12; the value is unusable until COMMIT since)',
  description:
    'Before PostgreSQL 12, ALTER TYPE … ADD VALUE fails inside a transaction block (and in files a ' +
    'migration tool wraps in one). From 12 on it is allowed, but using the new value in the same ' +
    'transaction fails with "unsafe use of new value". Add the value in its own migration (or COMMIT ' +
    'first), and use it afterwards.',
  check(statement, context) {
    if (statement.kind === 'AlterEnumStmt') {
      const type = relationFromNames(statement.node.typeName);
      const value = statement.node.newVal;
      if (!type || typeof value !== 'string' || statement.node.oldVal !== undefined) return [];
      if (!context.inTransaction || context.pgVersion >= 12 || context.isNewRelation(type)) return [];
      return [
        {
          message: `PostgreSQL ${context.pgVersion} cannot run ALTER TYPE ${relationSql(type)} ADD VALUE inside a transaction block: the migration fails.`,
          lock: null,
          blocks: [],
          rewrite: false,
          fix: `-- in a migration of its own that runs outside any transaction block:\n${statement.text};`,
        },
      ];
    }
    if (context.pgVersion < 12 || context.enumValuesAddedInTransaction.size === 0) return [];
    const constants = new Set(stringConstants(statement.node));
    const hits: RuleHit[] = [];
    for (const [type, values] of context.enumValuesAddedInTransaction) {
      for (const value of values) {
        if (!constants.has(value)) continue;
        hits.push({
          message:
            `This uses ${quoteLiteral(value)}, added to enum ${relationSql({ name: type })} earlier in the same transaction: ` +
            'PostgreSQL rejects it ("unsafe use of new value") until the ADD VALUE commits.',
          lock: null,
          blocks: [],
          rewrite: false,
          fix: `COMMIT; -- commit ALTER TYPE … ADD VALUE ${quoteLiteral(value)} first\n${statement.text};`,
        });
      }
    }
    return hits;
  },
};
