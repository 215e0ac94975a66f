import { quoteIdent } from '../identifiers.ts';
import { isBuiltin } from '../pg-types.ts';
import type { Rule } from '../types.ts';
import { ALL_DECLARATIONS, arraySuffix, typeChoiceHits } from './type-choice.ts';

/** char(n) pads with spaces and is no faster than text. */
export const banCharType: Rule = {
  id: 'ban-char-type',
  defaultSeverity: 'warning',
  kinds: ['CreateStmt', 'AlterTableStmt'],
  summary: 'char(n) / character(n) column (use text or varchar)',
  description:
    'char(n) pads every value with spaces to n characters, ignores trailing spaces in comparisons but not ' +
    'in LIKE or in client code, and is not faster than text in PostgreSQL: it only stores more. Values ' +
    'longer than n are rejected. Use text (with a CHECK on length if the limit matters). The internal ' +
    'one-byte type "char" is not reported.',
  check(statement) {
    return typeChoiceHits(statement, ALL_DECLARATIONS, (d) => {
      if (!isBuiltin(d.type, 'bpchar')) return undefined;
      const n = d.type.typmods[0] ?? 1;
      return {
        message: `Column ${quoteIdent(d.column)} of ${d.table.name} is ${d.type.sql}: values are blank-padded to ${n} characters, which surprises clients and saves nothing. Use text.`,
        better: `text${arraySuffix(d)}${d.type.typmods.length > 0 && !d.type.isArray ? ` CHECK (char_length(${quoteIdent(d.column)}) <= ${n})` : ''}`,
      };
    });
  },
};
