import { quoteIdent } from '../identifiers.ts';
import { isBuiltin } from '../pg-types.ts';
import type { Rule } from '../types.ts';
import { NEW_COLUMNS, typeChoiceHits } from './type-choice.ts';

const BIGGER: Record<string, string> = {
  int2: 'bigint',
  int4: 'bigint',
  smallserial: 'bigserial',
  serial: 'bigserial',
};

/** int/smallint/serial columns overflow; widening them later is a full rewrite. */
const SMALLER_TYPES = Object.keys(BIGGER);

export const preferBigint: Rule = {
  id: 'prefer-bigint',
  defaultSeverity: 'warning',
  kinds: ['CreateStmt', 'AlterTableStmt'],
  summary: 'integer / smallint / serial column (prefer bigint)',
  description:
    'integer tops out at 2,147,483,647 (smallint at 32,767). Ids, counters and foreign keys to them reach ' +
    'that on busy tables, and then every insert fails; widening the column to bigint rewrites the table ' +
    'and its indexes under ACCESS EXCLUSIVE. bigint costs 4 more bytes a row (often none, after alignment). ' +
    'Declare bigint (or bigserial / bigint identity) from the start. Reported for CREATE TABLE and ADD COLUMN.',
  check(statement) {
    return typeChoiceHits(statement, NEW_COLUMNS, (d) => {
      if (d.type.isArray || !isBuiltin(d.type, ...SMALLER_TYPES)) return undefined;
      const better = BIGGER[d.type.name]!;
      return {
        message: `Column ${quoteIdent(d.column)} of ${d.table.name} is ${d.type.sql}: it overflows at ${d.type.name === 'int2' || d.type.name === 'smallserial' ? '32,767' : '2,147,483,647'}, and widening it later rewrites the table. Use ${better}.`,
        better,
      };
    });
  },
};
