import { alterCommands } from '../ast.ts';
import { quoteIdent } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { alterTable, existingAlteredTable, lockHit } from './schema-change-support.ts';

/** DROP NOT NULL changes a contract readers rely on, and is costly to undo. */
export const dropNotNull: Rule = {
  id: 'drop-not-null',
  defaultSeverity: 'warning',
  kinds: ['AlterTableStmt'],
  summary: 'ALTER COLUMN … DROP NOT NULL lets NULLs into a column that code assumes is never NULL',
  description:
    'DROP NOT NULL is quick (ACCESS EXCLUSIVE for a catalog update) but changes the column\'s contract: code, ' +
    'reports and downstream consumers that assume a value is always present start seeing NULLs, and going ' +
    'back needs SET NOT NULL, which scans the whole table under ACCESS EXCLUSIVE unless a validated CHECK ' +
    '(col IS NOT NULL) exists. Deploy readers that handle NULL first, and run it with a short lock_timeout ' +
    'so it does not queue behind long transactions.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    return alterCommands(statement.node)
      .filter((cmd) => cmd.subtype === 'AT_DropNotNull' && cmd.name)
      // A column this file added is not used by any deployed code yet.
      .filter((cmd) => !context.hasColumnFromFile(table, cmd.name!))
      .map((cmd) => {
        const col = quoteIdent(cmd.name!);
        return lockHit('ACCESS EXCLUSIVE', {
          message:
            `Dropping NOT NULL on ${table.name}.${col} lets NULLs in where readers may assume a value; ` +
            'restoring the constraint later scans the whole table.',
          rewrite: false,
          fix:
            `-- after every reader of ${col} handles NULL:\n` +
            `SET lock_timeout = '2s';\n` +
            `${alterTable(table)} ALTER COLUMN ${col} DROP NOT NULL;`,
        });
      });
  },
};
