import { quoteIdent } from '../identifiers.ts';
import type { Rule } from '../types.ts';

/** RENAME SCHEMA breaks every qualified name and search_path that uses the old name. */
export const renameSchema: Rule = {
  id: 'rename-schema',
  defaultSeverity: 'error',
  kinds: ['RenameStmt'],
  summary: 'ALTER SCHEMA … RENAME TO',
  description:
    'Renaming a schema is a catalog update, but every query, search_path setting, grant script and ' +
    'connection string that names the old schema fails at once. Safe rewrite: create the new schema and ' +
    'move objects into it with ALTER TABLE … SET SCHEMA one at a time behind compatibility views, or ' +
    'keep the old name and change code first.',
  check(statement) {
    if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_SCHEMA') return [];
    const from = quoteIdent(String(statement.node.subname ?? ''));
    const to = quoteIdent(String(statement.node.newname ?? ''));
    return [
      {
        message: `Renaming schema ${from} to ${to} breaks every query and search_path that still names ${from}.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix:
          `CREATE SCHEMA ${to};\n` +
          `-- per table, each with a short lock_timeout, leaving a view behind for old code:\n` +
          `-- ALTER TABLE ${from}.<table> SET SCHEMA ${to}; CREATE VIEW ${from}.<table> AS SELECT * FROM ${to}.<table>;\n` +
          `-- drop the views and schema ${from} once no code uses it`,
      },
    ];
  },
};
