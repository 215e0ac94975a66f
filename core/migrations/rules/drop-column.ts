import { alterCommands } from '../ast.ts';
import { quoteIdent } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { alterTable, existingAlteredTable, lockHit } from './schema-change-support.ts';

/** DROP COLUMN breaks running code that still names the column (and ORMs that cache columns). */
export const dropColumn: Rule = {
  id: 'drop-column',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ALTER TABLE … DROP COLUMN on an existing table',
  description:
    'DROP COLUMN is a quick catalog change (no rewrite) under ACCESS EXCLUSIVE, but the application version ' +
    'still running during the deploy fails on every query that names the column, and ORMs that cache the ' +
    'column list (Rails, Django, Hibernate) fail on inserts even if they never use it. The data is gone. ' +
    'Safe rewrite: first deploy code that ignores the column (e.g. Rails ignored_columns), then drop it in ' +
    'a later migration with a short lock_timeout. Columns of tables created in the same file are not reported.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    return alterCommands(statement.node)
      .filter((cmd) => cmd.subtype === 'AT_DropColumn' && cmd.name)
      // A column this file added is not used by any deployed code yet.
      .filter((cmd) => !context.hasColumnFromFile(table, cmd.name!))
      .map((cmd) => {
        const col = quoteIdent(cmd.name!);
        return lockHit('ACCESS EXCLUSIVE', {
          message:
            `Dropping column ${col} of ${table.name} breaks the running application version on every query ` +
            'that names it (and ORMs that cache the column list), and its data is gone.',
          rewrite: false,
          fix:
            `-- 1. deploy code that no longer reads or writes ${col} (e.g. Rails: self.ignored_columns += ["${cmd.name}"])\n` +
            `-- 2. in a later migration:\n` +
            `SET lock_timeout = '2s';\n` +
            `-- faultline-ignore: drop-column -- no deployed code uses ${col} any more (step 1)\n` +
            `${alterTable(table)} DROP COLUMN ${cmd.missingOk ? 'IF EXISTS ' : ''}${col};`,
        });
      });
  },
};
