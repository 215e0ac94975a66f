import { alterCommands } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { existingAlteredTable, lockHit } from './schema-change-support.ts';

/** SET LOGGED / SET UNLOGGED rewrite the table under ACCESS EXCLUSIVE. */
export const setLoggedUnlogged: Rule = {
  id: 'set-logged-unlogged',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ALTER TABLE … SET LOGGED / SET UNLOGGED rewrites the table',
  description:
    'Changing a table between logged and unlogged rewrites it (SET LOGGED also writes the whole table to ' +
    'the WAL, which every replica must replay) under ACCESS EXCLUSIVE: no reads or writes until it ends. An ' +
    'unlogged table is also emptied after a crash and not replicated. Create a new table with the wanted ' +
    'persistence, copy the rows in batches and swap the names in one short transaction.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    return alterCommands(statement.node)
      .filter((cmd) => cmd.subtype === 'AT_SetLogged' || cmd.subtype === 'AT_SetUnLogged')
      .map((cmd) => {
        const logged = cmd.subtype === 'AT_SetLogged';
        const t = relationSql(table);
        const copy = relationSql({ schema: table.schema, name: `${table.name}_new`.slice(0, 63) });
        return lockHit('ACCESS EXCLUSIVE', {
          message:
            `SET ${logged ? 'LOGGED' : 'UNLOGGED'} rewrites ${t}${logged ? ' and writes all of it to the WAL' : ''} ` +
            'under ACCESS EXCLUSIVE: reads and writes wait until it ends.',
          rewrite: true,
          fix:
            `CREATE ${logged ? '' : 'UNLOGGED '}TABLE ${copy} (LIKE ${t} INCLUDING ALL);\n` +
            `-- copy in batches (by primary key ranges), keep new writes in sync, then swap in one short transaction:\n` +
            `-- ALTER TABLE ${t} RENAME TO ${table.name}_old; ALTER TABLE ${copy} RENAME TO ${table.name};`,
        });
      });
  },
};
