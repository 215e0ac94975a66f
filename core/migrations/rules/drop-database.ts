import { quoteIdent } from '../identifiers.ts';
import type { Rule } from '../types.ts';

/** DROP DATABASE in a migration: everything in it is gone. */
export const dropDatabase: Rule = {
  id: 'drop-database',
  defaultSeverity: 'error',
  kinds: ['DropdbStmt'],
  summary: 'DROP DATABASE',
  description:
    'DROP DATABASE deletes the whole database and fails while anyone is connected to it (WITH (FORCE) ' +
    'terminates them). It has no place in an application migration: run it by hand, after a backup, once ' +
    'nothing uses the database.',
  check(statement) {
    if (statement.kind !== 'DropdbStmt') return [];
    const name = quoteIdent(String(statement.node.dbname ?? ''));
    return [
      {
        message: `DROP DATABASE ${name} deletes the whole database; it does not belong in a migration.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix: `-- remove it from the migration; after a backup and once nothing connects to it, run by hand:\n-- DROP DATABASE ${name};`,
      },
    ];
  },
};
