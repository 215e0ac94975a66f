import { relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { lockHit } from './schema-change-support.ts';
import { truncatedTables } from './truncate.ts';

/** TRUNCATE … CASCADE also empties every table with a foreign key to the named ones. */
export const truncateCascade: Rule = {
  id: 'truncate-cascade',
  defaultSeverity: 'error',
  kinds: ['TruncateStmt'],
  summary: 'TRUNCATE … CASCADE empties every table that references the named ones',
  description:
    'TRUNCATE … CASCADE empties the named tables and, recursively, every table with a foreign key to them — ' +
    'tables the statement does not name, possibly added later by other teams — each under ACCESS ' +
    'EXCLUSIVE. The truncate rule reports the named tables as well. ' +
    'Name every table to empty explicitly, without CASCADE, after checking what references them.',
  check(statement, context) {
    if (statement.node.behavior !== 'DROP_CASCADE') return [];
    const tables = truncatedTables(statement, context);
    if (tables.length === 0) return [];
    const names = tables.map(relationSql).join(', ');
    return [
      lockHit('ACCESS EXCLUSIVE', {
        message:
          `TRUNCATE ${names} CASCADE also empties every table whose foreign keys reference ${names}, ` +
          'recursively, each under ACCESS EXCLUSIVE; the data cannot be recovered after commit.',
        rewrite: false,
        fix:
          `-- list what would be emptied:\n` +
          `SELECT conrelid::regclass FROM pg_constraint WHERE contype = 'f' AND confrelid IN (${tables.map((t) => `'${relationSql(t).replaceAll("'", "''")}'::regclass`).join(', ')});\n` +
          `-- then name every table explicitly, without CASCADE:\nTRUNCATE ${names}, <referencing tables>;`,
      }),
    ];
  },
};
