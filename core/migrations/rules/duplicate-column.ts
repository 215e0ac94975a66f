import { alterCommands, nodeOf, relationOf, stringList } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import { duplicates, outputColumnNames } from '../output-columns.ts';
import type { Rule, RuleHit, Statement } from '../types.ts';

function rejected(message: string, fix: string): RuleHit {
  return { message, lock: null, blocks: [], rewrite: false, fix };
}

/** Views, CREATE TABLE AS and UPDATE … SET: the other places PostgreSQL rejects a name given twice. */
function otherDuplicates(statement: Statement): RuleHit[] {
  const node = statement.node;
  if (statement.kind === 'UpdateStmt') {
    // SET a[1] = …, a[2] = … and SET a.x = …, a.y = … assign parts of one column: allowed.
    const names = ((node.targetList ?? []) as unknown[])
      .map((target) => nodeOf(target, 'ResTarget'))
      .map((res) => (res && !res.indirection && typeof res.name === 'string' ? res.name : undefined));
    const table = relationOf(node.relation);
    return duplicates(names).map((name) =>
      rejected(
        `UPDATE ${table ? relationSql(table) : ''} assigns column ${quoteIdent(name)} more than once: PostgreSQL rejects the statement ("multiple assignments to same column").`,
        `-- keep one assignment of ${quoteIdent(name)} in the SET list`,
      ),
    );
  }
  const isView = statement.kind === 'ViewStmt';
  const into = isView ? undefined : (node.into as { rel?: unknown; colNames?: unknown } | undefined);
  const relation = relationOf(isView ? node.view : into?.rel);
  const aliases = stringList(isView ? node.aliases : into?.colNames);
  const names = outputColumnNames(node.query, aliases) ?? aliases;
  const what = isView ? 'view' : node.objtype === 'OBJECT_MATVIEW' ? 'materialized view' : 'table';
  return duplicates(names).map((name) =>
    rejected(
      `The ${what} ${relation ? relationSql(relation) : ''} would have two columns named ${quoteIdent(name)}: PostgreSQL rejects the statement ("column specified more than once").`,
      `-- give each output column its own name, e.g. SELECT … AS ${quoteIdent(`${name === '?column?' ? 'col' : name}_2`)}`,
    ),
  );
}

/** The same column declared twice: PostgreSQL rejects the statement and the migration fails. */
export const duplicateColumn: Rule = {
  id: 'duplicate-column',
  defaultSeverity: 'error',
  kinds: ['CreateStmt', 'AlterTableStmt', 'CreateForeignTableStmt', 'ViewStmt', 'CreateTableAsStmt', 'UpdateStmt'],
  summary: 'A column name given twice where PostgreSQL rejects it (tables, foreign tables, views, UPDATE … SET)',
  description:
    'CREATE TABLE with the same column name twice fails ("column specified more than once"), and ADD ' +
    'COLUMN of a column the table already has fails ("already exists"). Usually a copy-paste slip or two ' +
    'migrations merged into one. Remove the duplicate, or use ADD COLUMN IF NOT EXISTS when the migration ' +
    'must be re-runnable. The same goes for a foreign table, the output columns of a view, materialized view or ' +
    'CREATE TABLE AS (`SELECT a, t.a` or two unnamed expressions, both `?column?`), and `UPDATE … SET a = 1, a = 2`.',
  check(statement, context) {
    if (statement.kind === 'ViewStmt' || statement.kind === 'CreateTableAsStmt' || statement.kind === 'UpdateStmt') {
      return otherDuplicates(statement);
    }
    const node = statement.kind === 'CreateForeignTableStmt' ? ((statement.node.base ?? {}) as Record<string, unknown>) : statement.node;
    const table = relationOf(node.relation);
    if (!table) return [];
    const hits: RuleHit[] = [];
    const t = () => relationSql(table);
    if (statement.kind === 'CreateStmt' || statement.kind === 'CreateForeignTableStmt') {
      const seen = new Set<string>();
      for (const element of (node.tableElts ?? []) as unknown[]) {
        const name = nodeOf(element, 'ColumnDef')?.colname;
        if (typeof name !== 'string') continue;
        if (seen.has(name)) {
          hits.push({
            message: `Column ${quoteIdent(name)} is declared more than once in CREATE ${statement.kind === 'CreateStmt' ? '' : 'FOREIGN '}TABLE ${t()}: PostgreSQL rejects the statement.`,
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
