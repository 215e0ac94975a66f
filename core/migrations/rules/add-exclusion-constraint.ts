import { alterCommands, constraintOf } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';
import { existingAlteredTable } from './schema-change-support.ts';

/** Exclusion constraints have no USING INDEX or NOT VALID form: the build happens under the lock. */
export const addExclusionConstraint: Rule = {
  id: 'add-exclusion-constraint',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ADD EXCLUDE builds its index under an ACCESS EXCLUSIVE lock and has no non-blocking form',
  description:
    'An exclusion constraint is enforced by an index that ALTER TABLE builds while holding ACCESS ' +
    'EXCLUSIVE: reads and writes wait for the whole build. Unlike UNIQUE there is no USING INDEX form and ' +
    'no NOT VALID, so there is no lock-free way to add one to a large, busy table: declare it when the ' +
    'table is created, or add it in a maintenance window with a lock_timeout so it gives up instead of ' +
    'queueing traffic behind it.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_AddConstraint') continue;
      const constraint = constraintOf(cmd.def);
      if (constraint?.contype !== 'CONSTR_EXCLUSION') continue;
      const t = relationSql(table);
      const name = typeof constraint.conname === 'string' ? ` ${quoteIdent(constraint.conname)}` : '';
      hits.push({
        message:
          `Adding exclusion constraint${name} builds its index on ${t} under an ACCESS EXCLUSIVE lock: reads and ` +
          'writes wait for the whole build, and PostgreSQL offers no concurrent or NOT VALID form.',
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: false,
        fix:
          `-- no non-blocking form exists: run it in a low-traffic window, and give up rather than queue traffic:\n` +
          `SET lock_timeout = '2s';\n${statement.text};`,
      });
    }
    return hits;
  },
};
