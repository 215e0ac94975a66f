import { expressionSql } from '../expression-sql.ts';
import { quoteIdent } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';
import { addedColumns, alterTable, batchedUpdate, existingAlteredTable, lockHit } from './schema-change-support.ts';

/** A STORED generated column is computed and written for every existing row. */
export const addColumnGeneratedStored: Rule = {
  id: 'add-column-generated-stored',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'Adding a GENERATED … STORED column to an existing table rewrites it',
  description:
    'ADD COLUMN … GENERATED ALWAYS AS (expr) STORED computes the expression for every existing row and ' +
    'writes it, a full rewrite under ACCESS EXCLUSIVE that blocks reads and writes. On PostgreSQL 18 a ' +
    'VIRTUAL generated column (the default there) is computed on read and adds instantly. Otherwise add a ' +
    'plain column, keep it filled for new rows with a trigger, and backfill existing rows in batches.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const column of addedColumns(statement)) {
      const generated = column.constraints.find((c) => c.contype === 'CONSTR_GENERATED');
      if (generated?.generated_kind !== 's') continue;
      const col = quoteIdent(column.name);
      const expression = expressionSql(generated.raw_expr) ?? '<the generation expression>';
      const t = alterTable(table);
      const virtual =
        context.pgVersion >= 18
          ? `-- PostgreSQL 18: a virtual generated column is computed on read and adds instantly:\n` +
            `${t} ADD COLUMN ${col} ${column.type?.sql ?? '<type>'} GENERATED ALWAYS AS ${parenthesized(expression)} VIRTUAL;\n` +
            `-- or, to keep it stored:\n`
          : '';
      hits.push(
        lockHit('ACCESS EXCLUSIVE', {
          message:
            `Adding the stored generated column ${col} computes and writes it for every row of ${table.name}: ` +
            'a table rewrite under ACCESS EXCLUSIVE that blocks reads and writes until it ends.',
          rewrite: true,
          fix:
            virtual +
            `${t} ADD COLUMN ${col} ${column.type?.sql ?? '<type>'};\n` +
            `-- fill it for new and updated rows with a BEFORE INSERT OR UPDATE trigger that sets NEW.${col} := ${expression};\n` +
            batchedUpdate(table, `${col} = ${expression}`, `${col} IS NULL`),
        }),
      );
    }
    return hits;
  },
};

/** Binary operators come back from expressionSql already in parentheses. */
function parenthesized(expression: string): string {
  return expression.startsWith('(') && expression.endsWith(')') ? expression : `(${expression})`;
}
