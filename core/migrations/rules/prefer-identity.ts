import { quoteIdent } from '../identifiers.ts';
import { isSerial } from '../pg-types.ts';
import type { Rule } from '../types.ts';
import { NEW_COLUMNS, typeChoiceHits } from './type-choice.ts';

/** serial is a legacy macro; identity columns are the SQL-standard replacement. */
export const preferIdentity: Rule = {
  id: 'prefer-identity',
  defaultSeverity: 'warning',
  kinds: ['CreateStmt', 'AlterTableStmt'],
  summary: 'serial / bigserial column (prefer GENERATED … AS IDENTITY)',
  description:
    'serial is shorthand for an integer column with a DEFAULT nextval() on a separately owned sequence: ' +
    'privileges on the sequence must be granted apart, explicit inserts silently get out of step with it, ' +
    'and copying the table definition (CREATE TABLE … LIKE) shares the sequence. An identity column ' +
    '(SQL standard, PostgreSQL 10+) ties the sequence to the column and, with GENERATED ALWAYS, rejects ' +
    'accidental explicit values. Use bigint GENERATED ALWAYS AS IDENTITY. Not reported for a column added ' +
    'to an existing table: there both serial and identity fill every row, and add-column-auto-increment ' +
    'reports that with the safe recipe.',
  check(statement, context) {
    return typeChoiceHits(statement, NEW_COLUMNS, (d) => {
      if (!isSerial(d.type)) return undefined;
      // An identity column added to an existing table rewrites it just like serial: the fix would trip
      // add-column-auto-increment, which reports this statement with a recipe that does not.
      if (d.via === 'add-column' && !context.isNewRelation(d.table)) return undefined;
      return {
        message: `Column ${quoteIdent(d.column)} of ${d.table.name} is ${d.type.name}: use an identity column, which owns its sequence and rejects stray explicit values.`,
        better: 'bigint GENERATED ALWAYS AS IDENTITY',
      };
    });
  },
};
