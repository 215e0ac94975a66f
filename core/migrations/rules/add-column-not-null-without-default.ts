import { derivedName, quoteIdent } from '../identifiers.ts';
import { isSerial } from '../pg-types.ts';
import type { Rule, RuleHit } from '../types.ts';
import { isNullConstant } from '../volatility.ts';
import { addedColumns, alterTable, batchedUpdate, existingAlteredTable, lockHit, notNullSteps } from './schema-change-support.ts';

/** NOT NULL without a default: every existing row would get NULL, so the statement fails. */
export const addColumnNotNullWithoutDefault: Rule = {
  id: 'add-column-not-null-without-default',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows',
  description:
    'A new column is NULL in every existing row unless it has a default, so ADD COLUMN … NOT NULL (or ' +
    'PRIMARY KEY) without a DEFAULT fails with "column contains null values" as soon as the table has one ' +
    'row: the migration passes on an empty development database and breaks in production. Safe rewrite: ' +
    'give the column a constant default (instant since PostgreSQL 11), or add it nullable, backfill in ' +
    'batches and then add NOT NULL through a validated CHECK constraint.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const column of addedColumns(statement)) {
      const kinds = column.constraints.map((c) => c.contype);
      const notNull = kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_PRIMARY');
      if (!notNull) continue;
      // Values come from somewhere for these: a sequence, an identity, a generation expression.
      if (kinds.includes('CONSTR_IDENTITY') || kinds.includes('CONSTR_GENERATED')) continue;
      if (column.type && isSerial(column.type)) continue;
      const fallback = column.constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
      if (fallback && !isNullConstant(fallback.raw_expr)) continue;
      const col = quoteIdent(column.name);
      const type = column.type?.sql ?? '<type>';
      const t = alterTable(table);
      hits.push(
        lockHit('ACCESS EXCLUSIVE', {
          message:
            `Column ${col} is added NOT NULL without a default: every existing row of ${table.name} would hold ` +
            'NULL, so the statement fails with "column contains null values" on a non-empty table.',
          rewrite: false,
          fix:
            `-- either a constant default (instant since PostgreSQL 11):\n` +
            `${t} ADD COLUMN ${col} ${type} NOT NULL DEFAULT <value>;\n` +
            `-- or nullable first, backfilled, then constrained:\n` +
            `${t} ADD COLUMN ${col} ${type};\n` +
            `${batchedUpdate(table, `${col} = <value>`, `${col} IS NULL`)}\n` +
            notNullSteps(table, col, quoteIdent(derivedName(table.name, column.name, 'not_null'))),
        }),
      );
    }
    return hits;
  },
};
