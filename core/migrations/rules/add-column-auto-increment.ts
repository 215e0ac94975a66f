import { derivedName, quoteIdent, quoteLiteral, relationSql } from '../identifiers.ts';
import { isSerial } from '../pg-types.ts';
import type { Rule, RuleHit } from '../types.ts';
import { addedColumns, alterTable, batchedUpdate, existingAlteredTable, lockHit } from './schema-change-support.ts';

/** serial / identity columns added to an existing table fill every row from a sequence: a rewrite. */
export const addColumnAutoIncrement: Rule = {
  id: 'add-column-auto-increment',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'Adding a serial or identity column to an existing table rewrites it',
  description:
    'ADD COLUMN … serial/bigserial/smallserial and ADD COLUMN … GENERATED … AS IDENTITY give every existing ' +
    'row its own value from a sequence (nextval() is volatile), so PostgreSQL rewrites the whole table and ' +
    'its indexes under ACCESS EXCLUSIVE: reads and writes wait until it is done. Safe rewrite: create the ' +
    'sequence, add a plain nullable bigint column, set its default to nextval() (new rows only, instant), ' +
    'backfill existing rows in batches, then add NOT NULL through a validated CHECK constraint.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const column of addedColumns(statement)) {
      const identity = column.constraints.some((c) => c.contype === 'CONSTR_IDENTITY');
      const serial = column.type !== undefined && isSerial(column.type);
      if (!identity && !serial) continue;
      const col = quoteIdent(column.name);
      const what = serial ? column.type!.name : 'an identity column';
      const sequence = derivedName(table.name, column.name, 'seq');
      const qualifiedSequence = table.schema ? `${quoteIdent(table.schema)}.${quoteIdent(sequence)}` : quoteIdent(sequence);
      const next = `nextval(${quoteLiteral(qualifiedSequence)})`;
      const t = alterTable(table);
      hits.push(
        lockHit('ACCESS EXCLUSIVE', {
          message:
            `Adding ${col} as ${what} to ${table.name} fills every existing row from a sequence: PostgreSQL ` +
            'rewrites the table under ACCESS EXCLUSIVE, and reads and writes wait until it ends.',
          rewrite: true,
          fix:
            `CREATE SEQUENCE ${qualifiedSequence} AS bigint;\n` +
            `${t} ADD COLUMN ${col} bigint;\n` +
            `${t} ALTER COLUMN ${col} SET DEFAULT ${next};\n` +
            `ALTER SEQUENCE ${qualifiedSequence} OWNED BY ${relationSql(table)}.${col};\n` +
            batchedUpdate(table, `${col} = ${next}`, `${col} IS NULL`),
        }),
      );
    }
    return hits;
  },
};
