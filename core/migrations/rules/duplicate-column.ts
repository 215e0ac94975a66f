import { alterCommands, nodeOf, relationOf } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';

/** The same column declared twice: PostgreSQL rejects the statement and the migration fails. */
export const duplicateColumn: Rule = {
  id: 'duplicate-column',
  defaultSeverity: 'error',
  kinds: ['CreateStmt', 'AlterTableStmt'],
  summary: 'A column is declared twice (in CREATE TABLE, or added again after this file created it)',
  description:
    'CREATE TABLE with the same column name twice fails ("column specified more than once"), and ADD ' +
    'COLUMN of a column the table already has fails ("already exists"). Usually a copy-paste slip or two ' +
    'migrations merged into one. Remove the duplicate, or use ADD COLUMN IF NOT EXISTS when the migration ' +
    'must be re-runnable.',
  check(statement, context) {
    const table = relationOf(statement.node.relation);
    if (!table) return [];
    const hits: RuleHit[] = [];
    const t = () => relationSql(table);
    if (statement.kind === 'CreateStmt') {
      const seen = new Set<string>();
      for (const element of (statement.node.tableElts ?? []) as unknown[]) {
        const name = nodeOf(element, 'ColumnDef')?.colname;
        if (typeof name !== 'string') continue;
        if (seen.has(name)) {
          hits.push({
            message: `Column ${quoteIdent(name)} is declared more than once in CREATE TABLE ${t()}: PostgreSQL rejects the statement.`,
            lock: null,
            blocks: [],
            rewrite: false,
            fix: `-- keep one definition of ${quoteIdent(name)} in CREATE TABLE ${t()}`,
          });
        }
        seen.add(name);
      }
      return hits;
    }
    if (statement.kind !== 'AlterTableStmt') return [];
    const added = new Set<string>();
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_AddColumn') continue;
      const name = nodeOf(cmd.def, 'ColumnDef')?.colname;
      if (typeof name !== 'string') continue;
      const twice = added.has(name);
      added.add(name);
      if (cmd.missingOk || !(twice || context.hasColumnFromFile(table, name))) continue;
      hits.push({
        message: `Column ${quoteIdent(name)} already exists on ${t()} (${twice ? 'added twice in this statement' : 'created earlier in this file'}): ADD COLUMN fails.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix: `-- drop the second ADD COLUMN ${quoteIdent(name)}, or make it re-runnable:\nALTER TABLE ${t()} ADD COLUMN IF NOT EXISTS ${quoteIdent(name)} …;`,
      });
    }
    return hits;
  },
};
