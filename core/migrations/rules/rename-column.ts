import { relationOf } from '../ast.ts';
import { derivedName, quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { alterTable, batchedUpdate, lockHit } from './schema-change-support.ts';

const RELATION_KINDS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE']);

/** RENAME COLUMN breaks the running application version at once. */
export const renameColumn: Rule = {
  id: 'rename-column',
  defaultSeverity: 'error',
  kinds: ['RenameStmt'],
  summary: 'ALTER TABLE … RENAME COLUMN on an existing table',
  description:
    'Renaming a column is instant (ACCESS EXCLUSIVE for a catalog update) but the application version still ' +
    'running during a deploy keeps using the old name, and every such query fails until the new version is ' +
    'everywhere; views and functions that reference the column by name keep working, client code does not. ' +
    'Safe rewrite (expand and contract): add the new column, keep both in sync with a trigger, backfill in ' +
    'batches, move readers and writers to the new name, then drop the old column in a later release.',
  check(statement, context) {
    if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_COLUMN') return [];
    if (!RELATION_KINDS.has(String(statement.node.relationType))) return [];
    const table = relationOf(statement.node.relation);
    if (!table || context.isNewRelation(table)) return [];
    const from = String(statement.node.subname ?? '');
    // A column this file added is not used by any deployed code yet.
    if (context.hasColumnFromFile(table, from)) return [];
    const to = String(statement.node.newname ?? '');
    const oldCol = quoteIdent(from);
    const newCol = quoteIdent(to);
    const t = relationSql(table);
    const sync = quoteIdent(derivedName(table.name, to, 'sync'));
    return [
      lockHit('ACCESS EXCLUSIVE', {
        message:
          `Renaming ${table.name}.${oldCol} to ${newCol} breaks every query of the running application that ` +
          'still uses the old name, until the new code is deployed everywhere.',
        rewrite: false,
        fix:
          `${alterTable(table)} ADD COLUMN ${newCol} ${context.columnType(table, from)?.sql ?? `<type of ${oldCol}>`};\n` +
          `CREATE FUNCTION ${sync}() RETURNS trigger LANGUAGE plpgsql AS $$\n` +
          `BEGIN NEW.${newCol} := COALESCE(NEW.${newCol}, NEW.${oldCol}); NEW.${oldCol} := NEW.${newCol}; RETURN NEW; END $$;\n` +
          `CREATE TRIGGER ${sync} BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${sync}();\n` +
          `${batchedUpdate(table, `${newCol} = ${oldCol}`, `${newCol} IS NULL AND ${oldCol} IS NOT NULL`)}\n` +
          `-- deploy code that uses ${newCol}; then, in a later release:\n` +
          `DROP TRIGGER ${sync} ON ${t};\n` +
          `${alterTable(table)} DROP COLUMN ${oldCol};`,
      }),
    ];
  },
};
