import { quoteIdent, relationSql } from '../identifiers.ts';
import { isBuiltin } from '../pg-types.ts';
import type { Rule } from '../types.ts';
import { declaredTypes } from './schema-change-support.ts';

/** `json` has no equality operator: DISTINCT, UNION, GROUP BY and = on it fail. */
export const addJsonColumn: Rule = {
  id: 'add-json-column',
  defaultSeverity: 'warning',
  kinds: ['CreateStmt', 'AlterTableStmt'],
  summary: 'A json column (use jsonb): json has no equality operator',
  description:
    'The json type stores the text as written and has no equality operator, so SELECT DISTINCT, UNION, ' +
    'GROUP BY and = fail on any query that touches the column ("could not identify an equality operator ' +
    'for type json") — including queries of ORMs that add DISTINCT themselves. jsonb is parsed once, ' +
    'compares, indexes (GIN) and is faster to query. Use jsonb unless you need the exact text and key ' +
    'order kept. Applies to CREATE TABLE, ADD COLUMN and ALTER COLUMN … TYPE.',
  check(statement) {
    return declaredTypes(statement)
      .filter((d) => isBuiltin(d.type, 'json'))
      .map((d) => {
        const col = quoteIdent(d.column);
        const array = d.type.isArray ? '[]' : '';
        return {
          message: `Column ${col} of ${d.table.name} is json: it has no equality operator, so DISTINCT, UNION and GROUP BY over it fail. Use jsonb.`,
          lock: null,
          blocks: [],
          rewrite: false,
          fix:
            d.via === 'create-table'
              ? `-- in CREATE TABLE ${relationSql(d.table)}: ${col} jsonb${array}`
              : d.via === 'add-column'
                ? `ALTER TABLE ${relationSql(d.table)} ADD COLUMN ${col} jsonb${array};`
                : `ALTER TABLE ${relationSql(d.table)} ALTER COLUMN ${col} TYPE jsonb${array} USING ${col}::jsonb${array};`,
        };
      });
  },
};
