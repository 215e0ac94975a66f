import { relationOf } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { lockHit } from './schema-change-support.ts';

/** RENAME TABLE breaks the running application version at once. */
export const renameTable: Rule = {
  id: 'rename-table',
  defaultSeverity: 'error',
  kinds: ['RenameStmt'],
  summary: 'ALTER TABLE … RENAME TO on an existing table',
  description:
    'Renaming a table is instant (ACCESS EXCLUSIVE for a catalog update) but every query of the ' +
    'application version still running during the deploy fails with "relation does not exist". Safe ' +
    'rewrite: rename the table and, in the same transaction, create a view with the old name — a simple ' +
    'view is updatable, so old code keeps reading and writing through it — then drop the view once no code ' +
    'uses the old name. Tables created earlier in the same file are not reported.',
  check(statement, context) {
    if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_TABLE') return [];
    const table = relationOf(statement.node.relation);
    if (!table || context.isNewRelation(table)) return [];
    const newName = String(statement.node.newname ?? '');
    const renamed = relationSql({ schema: table.schema, name: newName });
    return [
      lockHit('ACCESS EXCLUSIVE', {
        message:
          `Renaming table ${relationSql(table)} to ${quoteIdent(newName)} breaks every query of the running ` +
          'application that still uses the old name.',
        rewrite: false,
        fix:
          `BEGIN;\n` +
          `SET LOCAL lock_timeout = '2s';\n` +
          `ALTER TABLE ${relationSql(table)} RENAME TO ${quoteIdent(newName)};\n` +
          `-- old code keeps working through an updatable view with the old name:\n` +
          `CREATE VIEW ${relationSql(table)} AS SELECT * FROM ${renamed};\n` +
          `COMMIT;\n` +
          `-- once no code uses the old name: DROP VIEW ${relationSql(table)};`,
      }),
    ];
  },
};
