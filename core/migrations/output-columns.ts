/**
 * The column names PostgreSQL gives a query's output (FigureColname in its parser): an alias, else
 * the column's or function's name, else the cast's type, else `?column?`. A view or CREATE TABLE AS
 * whose output has one name twice is rejected ("column … specified more than once"). Names that
 * need more of the parser's rules (a star, a subquery, CASE) are left unknown rather than guessed.
 */
import { nodeOf, stringList } from './ast.ts';

interface Figured {
  name: string;
  /** 2: a real name (column, function); 1: a type or keyword name; 0: `?column?`. */
  strength: number;
}

const ANONYMOUS = new Set(['A_Const', 'A_Expr', 'BoolExpr', 'NullTest', 'BooleanTest', 'ParamRef']);

function figure(node: unknown): Figured | undefined {
  const ref = nodeOf(node, 'ColumnRef');
  if (ref) {
    const fields = (ref.fields ?? []) as Record<string, unknown>[];
    const last = fields[fields.length - 1];
    const name = (last?.String as { sval?: string } | undefined)?.sval;
    return name === undefined ? undefined : { name, strength: 2 };
  }
  const call = nodeOf(node, 'FuncCall');
  if (call) {
    const names = stringList(call.funcname);
    return names.length > 0 ? { name: names[names.length - 1]!, strength: 2 } : undefined;
  }
  const cast = nodeOf(node, 'TypeCast');
  if (cast) {
    const inner = figure(cast.arg);
    if (inner && inner.strength > 1) return inner;
    const names = stringList((cast.typeName as { names?: unknown } | undefined)?.names);
    return names.length > 0 ? { name: names[names.length - 1]!, strength: 1 } : undefined;
  }
  const kind = node && typeof node === 'object' ? Object.keys(node)[0] : undefined;
  return kind !== undefined && ANONYMOUS.has(kind) ? { name: '?column?', strength: 0 } : undefined;
}

/**
 * The output column names of a SELECT, aliases (a view's column list) first; undefined entries are
 * names this module does not work out. Undefined when the query is not a plain SELECT list.
 */
export function outputColumnNames(query: unknown, aliases: readonly string[] = []): (string | undefined)[] | undefined {
  const select = nodeOf(query, 'SelectStmt');
  if (!select || (select.op !== undefined && select.op !== 'SETOP_NONE') || !Array.isArray(select.targetList)) return undefined;
  return (select.targetList as unknown[]).map((target, i) => {
    if (i < aliases.length) return aliases[i];
    const res = nodeOf(target, 'ResTarget');
    if (typeof res?.name === 'string') return res.name;
    if (nodeOf(res?.val, 'ColumnRef') && JSON.stringify(res?.val).includes('A_Star')) return undefined;
    return figure(res?.val)?.name;
  });
}

/** The names that occur more than once, each once, in order of their second occurrence. */
export function duplicates(names: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of names) {
    if (name === undefined) continue;
    if (seen.has(name)) twice.add(name);
    seen.add(name);
  }
  return [...twice];
}
