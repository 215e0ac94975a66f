import { alterCommands, constraintOf, nodeOf, stringList } from '../ast.ts';
import { derivedName, quoteIdent, relationSql } from '../identifiers.ts';
import type { RelationName, Rule, RuleHit } from '../types.ts';
import { outsideTransaction } from './locking-support.ts';
import { existingAlteredTable } from './schema-change-support.ts';

/** Adding UNIQUE builds its index inside ALTER TABLE, under ACCESS EXCLUSIVE. */
export const addUniqueConstraintWithoutIndex: Rule = {
  id: 'add-unique-constraint-without-index',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ADD UNIQUE builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait',
  description:
    'ALTER TABLE … ADD UNIQUE (and ADD COLUMN … UNIQUE) builds the unique index inside the ALTER TABLE, ' +
    'holding ACCESS EXCLUSIVE for the whole build. Build the index first with CREATE UNIQUE INDEX ' +
    'CONCURRENTLY (writes continue), then attach it with ADD CONSTRAINT … UNIQUE USING INDEX, which only ' +
    'needs the lock for an instant.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype === 'AT_AddConstraint') {
        const constraint = constraintOf(cmd.def);
        if (constraint?.contype !== 'CONSTR_UNIQUE' || constraint.indexname) continue;
        hits.push(uniqueHit(table, stringList(constraint.keys), constraint, context.inTransaction));
      } else if (cmd.subtype === 'AT_AddColumn') {
        const column = nodeOf(cmd.def, 'ColumnDef');
        for (const c of (column?.constraints ?? []) as unknown[]) {
          const constraint = constraintOf(c);
          if (constraint?.contype === 'CONSTR_UNIQUE') {
            hits.push(uniqueHit(table, [String(column!.colname)], constraint, context.inTransaction, true));
          }
        }
      }
    }
    return hits;
  },
};

function uniqueHit(
  table: RelationName,
  columns: string[],
  constraint: Record<string, unknown>,
  inTransaction: boolean,
  inline = false,
): RuleHit {
  const t = relationSql(table);
  const name = typeof constraint.conname === 'string' ? constraint.conname : derivedName(table.name, ...columns, 'key');
  const cols = columns.map(quoteIdent).join(', ');
  const nullsNotDistinct = constraint.nulls_not_distinct === true ? ' NULLS NOT DISTINCT' : '';
  return {
    message:
      `Adding UNIQUE (${cols}) builds index ${quoteIdent(name)} inside ALTER TABLE under an ACCESS EXCLUSIVE lock ` +
      `on ${t}: reads and writes wait until the whole index is built.`,
    lock: 'ACCESS EXCLUSIVE',
    blocks: ['reads', 'writes'],
    rewrite: false,
    fix:
      (inline ? `-- add the column without UNIQUE first, then:\n` : '') +
      outsideTransaction(inTransaction) +
      `CREATE UNIQUE INDEX CONCURRENTLY ${quoteIdent(name)} ON ${t} (${cols})${nullsNotDistinct};\n` +
      `ALTER TABLE ${t} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE USING INDEX ${quoteIdent(name)};`,
  };
}
