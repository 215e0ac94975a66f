import { expressionSql } from '../expression-sql.ts';
import { derivedName, quoteIdent } from '../identifiers.ts';
import { isSerial } from '../pg-types.ts';
import type { Rule, RuleHit } from '../types.ts';
import { defaultVolatility } from '../volatility.ts';
import { addedColumns, alterTable, batchedUpdate, existingAlteredTable, lockHit, notNullSteps } from './schema-change-support.ts';

/** ADD COLUMN … DEFAULT <volatile expression> evaluates the default per row: a full rewrite. */
export const addColumnVolatileDefault: Rule = {
  id: 'add-column-volatile-default',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ADD COLUMN with a volatile DEFAULT (gen_random_uuid(), clock_timestamp(), random()…) rewrites the table',
  description:
    'Since PostgreSQL 11, ADD COLUMN with a constant or STABLE default (now(), CURRENT_TIMESTAMP, a literal) ' +
    'only records the default in the catalog and is instant. A VOLATILE default has to be computed for every ' +
    'existing row, so PostgreSQL rewrites the whole table and its indexes while holding ACCESS EXCLUSIVE: ' +
    'nothing can read or write the table until it is done. Functions Faultline does not know (user-defined ' +
    'ones are VOLATILE unless declared otherwise) count as volatile. Safe rewrite: add the column without a ' +
    'default, set the default in a second statement (it then applies to new rows only, instantly), and ' +
    'backfill existing rows in batches; add NOT NULL afterwards through a validated CHECK constraint.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const column of addedColumns(statement)) {
      if (column.type && isSerial(column.type)) continue; // add-column-auto-increment
      const fallback = column.constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
      if (!fallback) continue;
      const volatility = defaultVolatility(fallback.raw_expr);
      if (!volatility.volatile) continue;
      const col = quoteIdent(column.name);
      const expression = expressionSql(fallback.raw_expr) ?? `${volatility.functionName}(…)`;
      const notNull = column.constraints.some((c) => c.contype === 'CONSTR_NOTNULL');
      const t = alterTable(table);
      const why = volatility.known
        ? `${volatility.functionName}() is VOLATILE`
        : `${volatility.functionName}() is not a built-in Faultline knows, and functions are VOLATILE unless declared IMMUTABLE or STABLE`;
      hits.push(
        lockHit('ACCESS EXCLUSIVE', {
          message:
            `Adding column ${col} with DEFAULT ${expression} rewrites ${table.name} under ACCESS EXCLUSIVE: ${why}, ` +
            'so PostgreSQL computes it for every existing row; reads and writes wait until the rewrite ends.',
          rewrite: true,
          fix:
            `${t} ADD COLUMN ${col} ${column.type?.sql ?? '<type>'};\n` +
            `${t} ALTER COLUMN ${col} SET DEFAULT ${expression};\n` +
            `${batchedUpdate(table, `${col} = ${expression}`, `${col} IS NULL`)}` +
            (notNull ? `\n-- then, once every row has a value:\n${notNullSteps(table, col, quoteIdent(derivedName(table.name, column.name, 'not_null')))}` : ''),
        }),
      );
    }
    return hits;
  },
};
