import { quoteIdent } from '../identifiers.ts';
import { isBuiltin } from '../pg-types.ts';
import type { Rule } from '../types.ts';
import { ALL_DECLARATIONS, arraySuffix, typeChoiceHits } from './type-choice.ts';

/** timestamp without time zone loses the offset; timestamptz stores an instant. */
export const preferTimestamptz: Rule = {
  id: 'prefer-timestamptz',
  defaultSeverity: 'warning',
  kinds: ['CreateStmt', 'AlterTableStmt'],
  summary: 'timestamp without time zone column (prefer timestamptz)',
  description:
    'timestamp (without time zone) stores a wall-clock reading with no offset: the same column ends up ' +
    'holding UTC from one service and local time from another, and converting it later to timestamptz ' +
    'rewrites the table. timestamptz stores an instant (in UTC) and converts to the session time zone on ' +
    'output; it takes the same 8 bytes. Use timestamptz for points in time.',
  check(statement) {
    return typeChoiceHits(statement, ALL_DECLARATIONS, (d) => {
      if (!isBuiltin(d.type, 'timestamp')) return undefined;
      const precision = d.type.typmods.length > 0 ? `(${d.type.typmods[0]})` : '';
      return {
        message: `Column ${quoteIdent(d.column)} of ${d.table.name} is timestamp without time zone: it keeps no offset, so values from different time zones cannot be told apart. Use timestamptz.`,
        better: `timestamptz${precision}${arraySuffix(d)}`,
      };
    });
  },
};
