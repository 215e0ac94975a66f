import { nodeOf, relationOf, unwrap } from '../ast.ts';
import { expressionSql } from '../expression-sql.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';

const RANGE_OPERATORS = new Set(['<', '<=', '>', '>=']);

function isConstant(node: unknown): boolean {
  const pair = unwrap(node);
  if (!pair) return false;
  if (pair[0] === 'A_Const' || pair[0] === 'ParamRef') return true;
  if (pair[0] === 'TypeCast') return isConstant(pair[1].arg);
  return false;
}

function isKeyColumn(node: unknown): boolean {
  const fields = (nodeOf(node, 'ColumnRef')?.fields ?? []) as { String?: { sval?: string } }[];
  const name = fields[fields.length - 1]?.String?.sval ?? '';
  return name === 'id' || name.endsWith('_id') || name === 'ctid';
}

/**
 * Whether a WHERE clause limits the statement to a batch: a LIMITed subquery, BETWEEN or a range
 * against constants, or key equality / IN-list. `WHERE col IS NULL` and the like touch every row.
 */
export function isBounded(where: unknown): boolean {
  const pair = unwrap(where);
  if (!pair) return false;
  const [kind, n] = pair;
  if (kind === 'SubLink') {
    const select = nodeOf(n.subselect, 'SelectStmt');
    return select?.limitCount !== undefined;
  }
  if (kind === 'BoolExpr') {
    const args = (n.args ?? []) as unknown[];
    return n.boolop === 'AND_EXPR' ? args.some(isBounded) : n.boolop === 'OR_EXPR' ? args.length > 0 && args.every(isBounded) : false;
  }
  if (kind === 'A_Expr') {
    if (n.kind === 'AEXPR_BETWEEN' || n.kind === 'AEXPR_BETWEEN_SYM') return true;
    const op = ((n.name ?? []) as { String?: { sval?: string } }[])[0]?.String?.sval ?? '';
    if (n.kind === 'AEXPR_OP' && RANGE_OPERATORS.has(op)) return isConstant(n.lexpr) || isConstant(n.rexpr);
    if (n.kind === 'AEXPR_OP' && op === '=') {
      return (isKeyColumn(n.lexpr) && isConstant(n.rexpr)) || (isKeyColumn(n.rexpr) && isConstant(n.lexpr));
    }
    if (n.kind === 'AEXPR_IN' || n.kind === 'AEXPR_OP_ANY') return isKeyColumn(n.lexpr);
  }
  return false;
}

function assignmentText(sql: string): string {
  return /\bSET\b([\s\S]*?)(?:\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/i.exec(sql)?.[1]?.trim() ?? '';
}

/** `a IS DISTINCT FROM (expr) OR …` for `SET a = expr, …`: the rows a batch still has to change. */
function notYetUpdated(update: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const target of (update.targetList ?? []) as unknown[]) {
    const t = nodeOf(target, 'ResTarget');
    const value = expressionSql(t?.val);
    if (typeof t?.name !== 'string' || value === undefined) return 'true /* replace with: rows not yet backfilled */';
    parts.push(`${quoteIdent(t.name)} IS DISTINCT FROM ${value.startsWith('(') ? value : `(${value})`}`);
  }
  return parts.join(' OR ') || 'true';
}

function whereText(sql: string): string | undefined {
  return /\bWHERE\b([\s\S]*?)(?:\bRETURNING\b|$)/i.exec(sql)?.[1]?.trim() || undefined;
}

/**
 * A whole-table UPDATE/DELETE while the transaction holds ACCESS EXCLUSIVE keeps every reader and
 * writer of that table waiting for as long as the backfill runs.
 */
export const unbatchedBackfill: Rule = {
  id: 'unbatched-backfill',
  defaultSeverity: 'warning',
  kinds: ['UpdateStmt', 'DeleteStmt'],
  summary: 'A whole-table UPDATE/DELETE in the same transaction as DDL that holds ACCESS EXCLUSIVE',
  description:
    'Locks are held until COMMIT. When a migration alters a table (ACCESS EXCLUSIVE) and then updates or ' +
    'deletes every row in the same transaction, nothing can read or write the altered table until the ' +
    'whole backfill is done, which on a big table is minutes. Commit the DDL first, then backfill in ' +
    'batches of a few thousand rows, each in its own transaction.',
  check(statement, context) {
    if (statement.kind !== 'UpdateStmt' && statement.kind !== 'DeleteStmt') return [];
    if (!context.inTransaction || context.accessExclusiveInTransaction.size === 0) return [];
    const table = relationOf(statement.node.relation);
    if (!table || context.isNewRelation(table)) return [];
    if (isBounded(statement.node.whereClause)) return [];
    const locked = [...context.accessExclusiveInTransaction].map((name) => relationSql({ name })).join(', ');
    const t = relationSql(table);
    const verb = statement.kind === 'UpdateStmt' ? 'UPDATE' : 'DELETE';
    const where = whereText(statement.text);
    const pending = where ?? 'true';
    const batch =
      verb === 'UPDATE'
        ? `UPDATE ${t} SET ${assignmentText(statement.text)} WHERE ctid IN (SELECT ctid FROM ${t} WHERE ${where ?? notYetUpdated(statement.node)} LIMIT 10000);`
        : `DELETE FROM ${t} WHERE ctid IN (SELECT ctid FROM ${t} WHERE ${pending} LIMIT 10000);`;
    return [
      {
        message:
          `${verb} of ${where ? 'an unbounded set of rows' : 'every row'} of ${t} runs in the same transaction that holds ` +
          `ACCESS EXCLUSIVE on ${locked}: reads and writes there wait until the whole ${verb.toLowerCase()} commits.`,
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: false,
        fix:
          'COMMIT; -- release the DDL lock first\n' +
          '-- then in batches, each its own transaction, repeated until it affects 0 rows:\n' +
          batch,
      },
    ];
  },
};
