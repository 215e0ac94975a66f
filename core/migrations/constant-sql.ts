/**
 * Evaluates the PL/pgSQL expressions that build dynamic SQL, when their value is fixed by the
 * migration's own text: literals, `||`, casts, `format()` (%s %I %L %%, positional `%n$`),
 * quote_ident/quote_literal/quote_nullable, concat/concat_ws, lower/upper, and variables bound to
 * constants (a CONSTANT declaration, or the variable of a loop over a literal array). Anything else
 * (a variable read at run time, a subquery, another function) is unknown: undefined, never a guess.
 */
import { quoteIdent } from './identifiers.ts';
import { parseSql } from './sql-parser.ts';

/** A constant's value as PL/pgSQL would turn it into text; null is SQL NULL. */
export type ConstantValue = string | null;

/** Variables with a known value, by lower-cased name. */
export type Bindings = ReadonlyMap<string, ConstantValue>;

type Node = Record<string, Record<string, unknown>>;

const NO_BINDINGS: Bindings = new Map();

function parseExpression(expression: string): unknown {
  let parsed: { stmts?: { stmt?: { SelectStmt?: { targetList?: { ResTarget?: { val?: unknown } }[] } } }[] };
  try {
    parsed = parseSql(`SELECT ${expression}`) as typeof parsed;
  } catch {
    return undefined;
  }
  const targets = parsed.stmts?.[0]?.stmt?.SelectStmt?.targetList;
  if (parsed.stmts?.length !== 1 || targets?.length !== 1) return undefined;
  return targets[0]?.ResTarget?.val;
}

/** The text value of a PL/pgSQL expression, or undefined when it depends on anything not constant. */
export function evaluateText(expression: string, bindings: Bindings = NO_BINDINGS): string | undefined {
  const value = evaluate(parseExpression(expression), bindings);
  return typeof value === 'string' ? value : undefined;
}

/**
 * The elements of a constant array expression (`ARRAY['a','b']`, `'{a,b}'::text[]`), or undefined.
 * Used for `FOREACH x IN ARRAY …` and `FOR x IN SELECT unnest(…)` loops.
 */
export function evaluateArray(expression: string, bindings: Bindings = NO_BINDINGS): ConstantValue[] | undefined {
  return arrayOf(parseExpression(expression), bindings);
}

/**
 * The values a `FOR x IN <query> LOOP` visits when the query only unnests a constant array or lists
 * constant VALUES: `SELECT unnest(ARRAY[…])`, `SELECT * FROM unnest(ARRAY[…]) AS t`, `VALUES ('a'), ('b')`.
 */
export function evaluateLoopQuery(query: string, bindings: Bindings = NO_BINDINGS): ConstantValue[] | undefined {
  let parsed: { stmts?: { stmt?: { SelectStmt?: Record<string, unknown> } }[] };
  try {
    parsed = parseSql(query) as typeof parsed;
  } catch {
    return undefined;
  }
  const select = parsed.stmts?.length === 1 ? parsed.stmts[0]?.stmt?.SelectStmt : undefined;
  if (!select || select.whereClause || select.op !== 'SETOP_NONE') return undefined;
  if (Array.isArray(select.valuesLists)) {
    const values: ConstantValue[] = [];
    for (const row of select.valuesLists as { List?: { items?: unknown[] } }[]) {
      const items = row.List?.items ?? [];
      if (items.length !== 1) return undefined;
      const value = evaluate(items[0], bindings);
      if (value === undefined) return undefined;
      values.push(value);
    }
    return values;
  }
  const targets = (select.targetList ?? []) as { ResTarget?: { val?: Node } }[];
  const from = (select.fromClause ?? []) as Node[];
  if (targets.length !== 1) return undefined;
  const target = targets[0]?.ResTarget?.val;
  if (from.length === 0) return unnestOf(target, bindings);
  if (from.length !== 1 || !from[0]?.RangeFunction) return undefined;
  // SELECT * / SELECT t / SELECT t.x FROM unnest(…) t: one column, the array's elements.
  const functions = from[0].RangeFunction.functions as { List?: { items?: unknown[] } }[] | undefined;
  const call = functions?.length === 1 ? functions[0]?.List?.items?.[0] : undefined;
  if (!target?.ColumnRef) return undefined;
  return unnestOf(call as Node | undefined, bindings);
}

function unnestOf(node: Node | undefined, bindings: Bindings): ConstantValue[] | undefined {
  const call = node?.FuncCall;
  if (!call || functionName(call) !== 'unnest') return undefined;
  const args = (call.args ?? []) as unknown[];
  return args.length === 1 ? arrayOf(args[0], bindings) : undefined;
}

function functionName(call: Record<string, unknown>): string | undefined {
  const names = (call.funcname ?? []) as { String?: { sval?: string } }[];
  const last = names[names.length - 1]?.String?.sval;
  const schema = names.length === 2 ? names[0]?.String?.sval : undefined;
  if (names.length > 2 || (schema !== undefined && schema !== 'pg_catalog')) return undefined;
  return last;
}

function arrayOf(node: unknown, bindings: Bindings): ConstantValue[] | undefined {
  const n = node as Node | undefined;
  if (!n) return undefined;
  if (n.A_ArrayExpr) {
    const values: ConstantValue[] = [];
    for (const element of (n.A_ArrayExpr.elements ?? []) as unknown[]) {
      const value = evaluate(element, bindings);
      if (value === undefined) return undefined;
      values.push(value);
    }
    return values;
  }
  if (n.TypeCast) {
    const inner = n.TypeCast.arg as Node | undefined;
    if (inner?.A_ArrayExpr) return arrayOf(inner, bindings);
    const literal = evaluate(inner, bindings);
    return typeof literal === 'string' ? arrayLiteral(literal) : undefined;
  }
  return undefined;
}

/** `{a,b,"c d"}` → ['a', 'b', 'c d']; undefined for nested or otherwise unusual literals. */
function arrayLiteral(text: string): ConstantValue[] | undefined {
  const body = /^\s*\{(.*)\}\s*$/s.exec(text)?.[1];
  if (body === undefined || body.includes('{')) return undefined;
  if (body.trim() === '') return [];
  const values: ConstantValue[] = [];
  const element = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,"]*?))\s*(,|$)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at <= body.length && (match = element.exec(body)) !== null) {
    if (match[1] !== undefined) values.push(match[1].replace(/\\(.)/g, '$1'));
    else values.push(match[2]!.toUpperCase() === 'NULL' ? null : match[2]!);
    at = element.lastIndex;
    if (match[3] === '') break;
  }
  return at >= body.length ? values : undefined;
}

function constantOf(node: Record<string, unknown>): ConstantValue | undefined {
  if (node.isnull === true) return null;
  if (node.sval) return (node.sval as { sval?: string }).sval ?? '';
  if (node.ival) return String((node.ival as { ival?: number }).ival ?? 0);
  if ('ival' in node) return '0';
  if (node.fval) return (node.fval as { fval?: string }).fval;
  if (node.boolval) return (node.boolval as { boolval?: boolean }).boolval ? 'true' : 'false';
  return undefined;
}

/** A value, or undefined when not constant. */
function evaluate(node: unknown, bindings: Bindings): ConstantValue | undefined {
  const n = node as Node | undefined;
  if (!n) return undefined;
  if (n.A_Const) return constantOf(n.A_Const);
  if (n.TypeCast) return evaluate(n.TypeCast.arg, bindings);
  if (n.ColumnRef) {
    const fields = (n.ColumnRef.fields ?? []) as { String?: { sval?: string } }[];
    const name = fields.length === 1 ? fields[0]?.String?.sval : undefined;
    return name !== undefined && bindings.has(name) ? bindings.get(name) : undefined;
  }
  if (n.A_Expr && n.A_Expr.kind === 'AEXPR_OP') {
    const name = (n.A_Expr.name as { String?: { sval?: string } }[] | undefined)?.[0]?.String?.sval;
    if (name !== '||') return undefined;
    const left = evaluate(n.A_Expr.lexpr, bindings);
    const right = evaluate(n.A_Expr.rexpr, bindings);
    if (left === undefined || right === undefined) return undefined;
    return left === null || right === null ? null : left + right;
  }
  if (n.FuncCall) return call(n.FuncCall, bindings);
  return undefined;
}

function call(node: Record<string, unknown>, bindings: Bindings): ConstantValue | undefined {
  const name = functionName(node);
  if (!name || node.agg_star || node.over) return undefined;
  const args: ConstantValue[] = [];
  for (const arg of (node.args ?? []) as unknown[]) {
    const value = evaluate(arg, bindings);
    if (value === undefined) return undefined;
    args.push(value);
  }
  switch (name) {
    case 'format':
      return args.length >= 1 && args[0] !== null ? format(args[0]!, args.slice(1)) : args.length >= 1 ? null : undefined;
    case 'quote_ident':
      return args.length === 1 ? (args[0] === null ? null : quoteIdent(args[0]!)) : undefined;
    case 'quote_literal':
      return args.length === 1 ? (args[0] === null ? null : quoteLiteralLikePg(args[0]!)) : undefined;
    case 'quote_nullable':
      return args.length === 1 ? (args[0] === null ? 'NULL' : quoteLiteralLikePg(args[0]!)) : undefined;
    case 'concat':
      return args.map((a) => a ?? '').join('');
    case 'concat_ws':
      return args.length >= 1 && args[0] !== null ? args.slice(1).filter((a) => a !== null).join(args[0]!) : undefined;
    case 'lower':
      return args.length === 1 ? (args[0]?.toLowerCase() ?? null) : undefined;
    case 'upper':
      return args.length === 1 ? (args[0]?.toUpperCase() ?? null) : undefined;
    default:
      return undefined;
  }
}

/** quote_literal: doubled quotes, and an E'' string with doubled backslashes when there are any. */
function quoteLiteralLikePg(value: string): string {
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * PostgreSQL's format(): %s, %I, %L and %%, with an optional `n$` position; width flags make the
 * result unknown (rare in migrations, and a wrong guess is worse than none).
 */
export function format(template: string, args: readonly ConstantValue[]): string | undefined {
  let out = '';
  let next = 0;
  const spec = /%(?:(\d+)\$)?([sIL%])?/g;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = spec.exec(template)) !== null) {
    out += template.slice(last, match.index);
    last = spec.lastIndex;
    const [, position, type] = match;
    if (type === undefined) return undefined;
    if (type === '%') {
      if (position !== undefined) return undefined;
      out += '%';
      continue;
    }
    const index = position !== undefined ? Number(position) - 1 : next;
    if (index < 0 || index >= args.length) return undefined;
    next = index + 1;
    const value = args[index]!;
    if (type === 's') out += value ?? '';
    else if (type === 'I') {
      if (value === null) return undefined; // PostgreSQL raises an error
      out += quoteIdent(value);
    } else out += value === null ? 'NULL' : quoteLiteralLikePg(value);
  }
  return out + template.slice(last);
}
