/**
 * What the locking rules share: the user's own text for a sub-clause (so a fix repeats their
 * CHECK expression exactly), FOREIGN KEY clauses rebuilt from the tree, and constraint names.
 */
import { stringList } from '../ast.ts';
import { derivedName, quoteIdent, relationSql } from '../identifiers.ts';
import type { RelationName, Statement } from '../types.ts';

/** Index just past the parenthesised group opening at or after `from` (quotes respected). */
function balancedEnd(text: string, from: number): number | undefined {
  const open = text.indexOf('(', from);
  if (open === -1) return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close === -1) return undefined;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return undefined;
}

/**
 * The user's text of `KEYWORD (…)` (e.g. `CHECK (price > 0)`) for a node at `location`, or
 * undefined when it cannot be found in the statement text.
 */
export function clauseText(statement: Statement, location: unknown, keyword: string): string | undefined {
  if (typeof location !== 'number' || !statement.textAt) return undefined;
  const at = statement.textAt(location);
  if (at === undefined) return undefined;
  const match = new RegExp(`\\b${keyword}\\b`, 'i').exec(statement.text.slice(at));
  if (!match) return undefined;
  const start = at + match.index;
  const end = balancedEnd(statement.text, start + keyword.length);
  return end === undefined ? undefined : statement.text.slice(start, end);
}

const FK_ACTIONS: Record<string, string> = { r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** `FOREIGN KEY (a) REFERENCES s.t (id) ON DELETE CASCADE`, rebuilt from a Constraint node. */
export function foreignKeyClause(constraint: Record<string, unknown>, columns?: string[]): string {
  const own = columns ?? stringList(constraint.fk_attrs);
  const pk = constraint.pktable as { schemaname?: string; relname?: string } | undefined;
  const target = relationSql(pk?.schemaname ? { schema: pk.schemaname, name: pk.relname ?? '' } : { name: pk?.relname ?? '' });
  const pkCols = stringList(constraint.pk_attrs);
  let sql = `FOREIGN KEY (${own.map(quoteIdent).join(', ')}) REFERENCES ${target}`;
  if (pkCols.length > 0) sql += ` (${pkCols.map(quoteIdent).join(', ')})`;
  if (constraint.fk_matchtype === 'f') sql += ' MATCH FULL';
  const onDelete = FK_ACTIONS[String(constraint.fk_del_action)];
  const onUpdate = FK_ACTIONS[String(constraint.fk_upd_action)];
  if (onDelete) sql += ` ON DELETE ${onDelete}`;
  if (onUpdate) sql += ` ON UPDATE ${onUpdate}`;
  return sql;
}

/** The constraint's own name, or the one PostgreSQL would generate (`orders_customer_id_fkey`). */
export function constraintName(table: RelationName, constraint: Record<string, unknown>, columns: string[], suffix: string): string {
  if (typeof constraint.conname === 'string') return constraint.conname;
  return derivedName(table.name, ...columns, suffix);
}

/** A comment line saying the fix has to leave the surrounding transaction. */
export function outsideTransaction(inTransaction: boolean): string {
  return inTransaction ? '-- run outside a transaction block (its own migration, no BEGIN):\n' : '';
}
