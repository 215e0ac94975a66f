import { relationFromNames, stringList } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { lockHit } from './schema-change-support.ts';

function listItems(object: unknown): unknown {
  return (object as { List?: { items?: unknown[] } }).List?.items;
}

/** DROP TABLE of a table that existed before this migration: data loss and broken readers. */
export const dropTable: Rule = {
  id: 'drop-table',
  defaultSeverity: 'error',
  kinds: ['DropStmt'],
  summary: 'DROP TABLE of an existing table',
  description:
    'DROP TABLE deletes the data for good and takes ACCESS EXCLUSIVE on the table (and on tables whose ' +
    'foreign keys point to it, with CASCADE): it waits for every running query on them, and while it ' +
    'waits every new query queues behind it. Application code that still reads or writes the table fails ' +
    'at once. Safe rewrite: first deploy code that no longer uses the table, keep a backup or rename it ' +
    'aside for a release, then drop it with a short lock_timeout. Tables created earlier in the same file ' +
    'are not reported.',
  check(statement, context) {
    if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_TABLE') return [];
    const objects = (statement.node.objects as unknown[] | undefined) ?? [];
    const existing = objects
      .map((o) => relationFromNames(stringList(listItems(o))))
      .filter((r) => r !== undefined && !context.isNewRelation(r));
    return existing.map((table) =>
      lockHit('ACCESS EXCLUSIVE', {
        message:
          `Dropping table ${relationSql(table!)} deletes its data and breaks every query that still uses it; ` +
          'the ACCESS EXCLUSIVE lock it needs also queues all other queries on the table while it waits.',
        rewrite: false,
        fix:
          `-- 1. deploy code that no longer reads or writes ${relationSql(table!)}\n` +
          `-- 2. in a later migration:\n` +
          `SET lock_timeout = '2s';\n` +
          `DROP TABLE ${relationSql(table!)};`,
      }),
    );
  },
};
