import { expressionSql } from '../expression-sql.ts';
import { quoteIdent } from '../identifiers.ts';
import { isSerial } from '../pg-types.ts';
import type { Rule, RuleHit } from '../types.ts';
import { defaultVolatility, isNullConstant } from '../volatility.ts';
import { addedColumns, alterTable, batchedUpdate, existingAlteredTable, lockHit } from './schema-change-support.ts';

/**
 * Before PostgreSQL 11 every ADD COLUMN … DEFAULT (other than NULL) rewrote the table. Volatile
 * defaults are reported by add-column-volatile-default on every version; this rule covers the
 * constant and stable ones that became instant in 11.
 */
export const addColumnDefaultPre11: Rule = {
  id: 'add-column-default-pre-11',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ADD COLUMN with a DEFAULT rewrites the table before PostgreSQL 11',
  description:
    'Before PostgreSQL 11, ADD COLUMN with any non-NULL default — even a constant — wrote the default into ' +
    'every existing row: a full table rewrite under ACCESS EXCLUSIVE, blocking reads and writes. From 11 on ' +
    'a constant or STABLE default is stored once in the catalog and the statement is instant, so this rule ' +
    'only fires with --pg-version 10 or lower settings (versions 11–18 are safe). Safe rewrite on old ' +
    'versions: add the column without a default, set the default separately (new rows only), and backfill ' +
    'existing rows in batches.',
  check(statement, context) {
    if (context.pgVersion >= 11) return [];
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const column of addedColumns(statement)) {
      if (column.type && isSerial(column.type)) continue;
      const fallback = column.constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
      if (!fallback || isNullConstant(fallback.raw_expr) || defaultVolatility(fallback.raw_expr).volatile) continue;
      const col = quoteIdent(column.name);
      const expression = expressionSql(fallback.raw_expr) ?? '<the default>';
      const t = alterTable(table);
      hits.push(
        lockHit('ACCESS EXCLUSIVE', {
          message:
            `On PostgreSQL ${context.pgVersion}, adding column ${col} with DEFAULT ${expression} writes the default ` +
            `into every row of ${table.name} under ACCESS EXCLUSIVE (instant only from PostgreSQL 11).`,
          rewrite: true,
          fix:
            `${t} ADD COLUMN ${col} ${column.type?.sql ?? '<type>'};\n` +
            `${t} ALTER COLUMN ${col} SET DEFAULT ${expression};\n` +
            batchedUpdate(table, `${col} = ${expression}`, `${col} IS NULL`),
        }),
      );
    }
    return hits;
  },
};
