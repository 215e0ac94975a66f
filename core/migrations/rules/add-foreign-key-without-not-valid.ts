import { alterCommands, constraintOf, nodeOf, relationOf } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import { columnType } from '../pg-types.ts';
import type { RuleHit, Rule } from '../types.ts';
import { existingAlteredTable } from './schema-change-support.ts';
import { constraintName, foreignKeyClause } from './locking-support.ts';

/**
 * Adding a validated foreign key scans the whole table while holding SHARE ROW EXCLUSIVE on it and
 * on the referenced table: writes to both wait for the scan.
 */
export const addForeignKeyWithoutNotValid: Rule = {
  id: 'add-foreign-key-without-not-valid',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'Adding a FOREIGN KEY without NOT VALID blocks writes on both tables while every row is checked',
  description:
    'ALTER TABLE … ADD FOREIGN KEY (and ADD COLUMN … REFERENCES) takes a SHARE ROW EXCLUSIVE lock on the ' +
    'table and on the table it references, then checks every existing row: INSERT, UPDATE and DELETE on ' +
    'both tables wait until the scan ends. Add the constraint NOT VALID (instant: only new rows are ' +
    'checked), then VALIDATE CONSTRAINT in a later transaction: validation takes SHARE UPDATE EXCLUSIVE ' +
    'on the table and ROW SHARE on the referenced one, so writes continue.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const t = relationSql(table);
    const hits: RuleHit[] = [];
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype === 'AT_AddConstraint') {
        const constraint = constraintOf(cmd.def);
        if (constraint?.contype !== 'CONSTR_FOREIGN' || constraint.skip_validation === true) continue;
        const clause = foreignKeyClause(constraint);
        const name = constraintName(table, constraint, foreignKeyColumns(constraint), 'fkey');
        hits.push(hit(t, relationOf(constraint.pktable), name, clause, undefined));
      } else if (cmd.subtype === 'AT_AddColumn') {
        const column = nodeOf(cmd.def, 'ColumnDef');
        if (!column || typeof column.colname !== 'string') continue;
        for (const c of (column.constraints ?? []) as unknown[]) {
          const constraint = constraintOf(c);
          if (constraint?.contype !== 'CONSTR_FOREIGN' || constraint.skip_validation === true) continue;
          const name = constraintName(table, constraint, [column.colname], 'fkey');
          const clause = foreignKeyClause(constraint, [column.colname]);
          hits.push(hit(t, relationOf(constraint.pktable), name, clause, column));
        }
      }
    }
    return hits;
  },
};

function foreignKeyColumns(constraint: Record<string, unknown>): string[] {
  return ((constraint.fk_attrs ?? []) as { String?: { sval?: string } }[]).map((a) => a.String?.sval ?? '');
}

function hit(
  table: string,
  referenced: ReturnType<typeof relationOf>,
  name: string,
  clause: string,
  column: Record<string, unknown> | undefined,
): RuleHit {
  const other = referenced ? relationSql(referenced) : 'the referenced table';
  const addColumn = column
    ? `ALTER TABLE ${table} ADD COLUMN ${quoteIdent(String(column.colname))} ${columnTypeText(column)};\n`
    : '';
  return {
    message:
      `Adding foreign key ${quoteIdent(name)} validates every row of ${table} while holding SHARE ROW EXCLUSIVE ` +
      `on ${table} and ${other}: writes to both tables wait until the check ends.`,
    lock: 'SHARE ROW EXCLUSIVE',
    blocks: ['writes'],
    rewrite: false,
    fix:
      addColumn +
      `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name)} ${clause} NOT VALID;\n` +
      `-- then, in a separate transaction (writes continue while it checks existing rows):\n` +
      `ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(name)};`,
  };
}

function columnTypeText(column: Record<string, unknown>): string {
  return columnType(column.typeName)?.sql ?? '';
}
