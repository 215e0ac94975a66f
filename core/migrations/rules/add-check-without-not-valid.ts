import { alterCommands, constraintOf, notNullColumns } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';
import { clauseText, constraintName } from './locking-support.ts';
import { existingAlteredTable } from './schema-change-support.ts';

/** A validated CHECK is checked against every row under ACCESS EXCLUSIVE. */
export const addCheckWithoutNotValid: Rule = {
  id: 'add-check-without-not-valid',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'Adding a CHECK constraint without NOT VALID blocks reads and writes while every row is checked',
  description:
    'ALTER TABLE … ADD CONSTRAINT … CHECK takes an ACCESS EXCLUSIVE lock and checks every existing row ' +
    'before releasing it: nothing can read or write the table meanwhile. Add it NOT VALID (instant; new ' +
    'and updated rows are checked from then on), then VALIDATE CONSTRAINT in a later transaction, which ' +
    'takes only SHARE UPDATE EXCLUSIVE and lets reads and writes continue.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const t = relationSql(table);
    const hits: RuleHit[] = [];
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_AddConstraint') continue;
      const constraint = constraintOf(cmd.def);
      if (constraint?.contype !== 'CONSTR_CHECK' || constraint.skip_validation === true) continue;
      const name = constraintName(table, constraint, notNullColumns(constraint.raw_expr).slice(0, 1), 'check');
      const check = clauseText(statement, constraint.location, 'CHECK') ?? 'CHECK (…)';
      const noInherit = constraint.is_no_inherit === true ? ' NO INHERIT' : '';
      hits.push({
        message:
          `Adding CHECK constraint ${quoteIdent(name)} checks every row of ${t} under an ACCESS EXCLUSIVE lock: ` +
          'reads and writes wait until the scan ends.',
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: false,
        fix:
          `ALTER TABLE ${t} ADD CONSTRAINT ${quoteIdent(name)} ${check}${noInherit} NOT VALID;\n` +
          '-- then, in a separate transaction (reads and writes continue):\n' +
          `ALTER TABLE ${t} VALIDATE CONSTRAINT ${quoteIdent(name)};`,
      });
    }
    return hits;
  },
};
