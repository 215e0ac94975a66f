import { alterCommands } from '../ast.ts';
import { derivedName, quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';
import { existingAlteredTable, notNullSteps } from './schema-change-support.ts';

/**
 * SET NOT NULL scans the whole table under ACCESS EXCLUSIVE, unless (PostgreSQL 12+) a validated
 * CHECK (col IS NOT NULL) already proves there are no NULLs.
 */
export const setNotNull: Rule = {
  id: 'set-not-null',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ALTER COLUMN … SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock',
  description:
    'SET NOT NULL takes ACCESS EXCLUSIVE and reads every row to prove there is no NULL: reads and ' +
    'writes wait for the scan. Since PostgreSQL 12 the scan is skipped when a validated CHECK (col IS NOT ' +
    'NULL) constraint exists: add that CHECK NOT VALID (instant), VALIDATE it in a separate transaction ' +
    '(SHARE UPDATE EXCLUSIVE: traffic continues), then SET NOT NULL (instant) and drop the CHECK. Before ' +
    '12 there is no cheap path: keep the validated CHECK instead of SET NOT NULL.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_SetNotNull' || !cmd.name) continue;
      const column = cmd.name;
      const proven = context.hasValidatedNotNullCheck(table, column);
      if (proven && context.pgVersion >= 12) continue;
      const t = relationSql(table);
      const name = quoteIdent(derivedName(table.name, column, 'not_null'));
      const col = quoteIdent(column);
      const fix =
        context.pgVersion >= 12
          ? `${notNullSteps(table, col, name)}\n-- VALIDATE in its own transaction, not in the one that adds the CHECK`
          : `-- PostgreSQL ${context.pgVersion} always scans for SET NOT NULL; enforce it with a validated CHECK instead:\n` +
            `ALTER TABLE ${t} ADD CONSTRAINT ${name} CHECK (${col} IS NOT NULL) NOT VALID;\n` +
            `ALTER TABLE ${t} VALIDATE CONSTRAINT ${name};`;
      hits.push({
        message:
          `SET NOT NULL on ${t}.${col} reads every row under an ACCESS EXCLUSIVE lock: reads and writes wait ` +
          (proven
            ? `until the scan ends (PostgreSQL ${context.pgVersion} does not use the validated CHECK to skip it; 12+ does).`
            : 'until the scan ends. A validated CHECK (… IS NOT NULL) added first lets PostgreSQL 12+ skip the scan.'),
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: false,
        fix,
      });
    }
    return hits;
  },
};
