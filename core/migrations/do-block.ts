/**
 * DO blocks run at migration time, so the SQL inside them takes the same locks as SQL outside. We
 * parse the body with PL/pgSQL's own parser and lift out what it executes: plain SQL statements,
 * PERFORM, CALL and nested DO, COMMIT/ROLLBACK, and `EXECUTE` of text the migration fixes (literals,
 * `||`, format(), constants, loops over literal arrays: see constant-sql.ts). An EXECUTE whose text
 * is known only at run time becomes a `DynamicSql` pseudo-statement, reported by the dynamic-sql rule.
 */
import { deeperThan } from './ast.ts';
import { LineIndex } from './positions.ts';
import { dollarTagAt } from './split.ts';
import {
  DEPTH_CHECK_CHARS,
  DYNAMIC_SQL_KIND,
  type DynamicSqlNode,
  type Host,
  makeStatement,
  parseHost,
  type SourceFile,
  syntaxErrorStatement,
} from './statements.ts';
import { type Bindings, type ConstantValue, evaluateArray, evaluateLoopQuery, evaluateText } from './constant-sql.ts';
import { MAX_TREE_DEPTH, parsePlpgsql, parserError, TOO_DEEP } from './sql-parser.ts';
import type { Statement } from './types.ts';

interface DefElem {
  defname?: string;
  arg?: { String?: { sval?: string } };
  location?: number;
}

interface DoStatementAt {
  /** Character offsets in the host text. */
  start: number;
  text: string;
  /** Host byte offset → host character offset. */
  toChar(byte: number): number;
}

/** An executable item found in the PL/pgSQL tree, in execution order. */
type BodyItem =
  | { type: 'sql'; query: string; lineno: number; needle: string }
  | { type: 'execute'; expression: string; lineno: number; bindings: Bindings }
  | { type: 'transaction'; kind: 'TRANS_STMT_COMMIT' | 'TRANS_STMT_ROLLBACK'; lineno: number };

/** Most loop iterations unrolled per DO block: enough for any list a person writes out. */
const MAX_UNROLLED = 1000;

function expressionOf(node: unknown): string | undefined {
  const expr = (node as { PLpgSQL_expr?: { query?: string } } | undefined)?.PLpgSQL_expr;
  return expr?.query;
}

interface Walk {
  out: BodyItem[];
  /** Names of the function's variables, by datum number. */
  names: string[];
  /** Iterations still allowed to be unrolled. */
  budget: number;
}

/** The name a loop assigns to (`FOR x IN …`: x), or undefined for records and several targets. */
function loopVariable(node: Record<string, unknown>, walk: Walk): string | undefined {
  if (typeof node.varno === 'number') return walk.names[node.varno];
  const target = node.var as { PLpgSQL_var?: { refname?: string }; PLpgSQL_row?: { fields?: { name?: string }[] } } | undefined;
  if (target?.PLpgSQL_var?.refname) return target.PLpgSQL_var.refname;
  const fields = target?.PLpgSQL_row?.fields;
  return fields?.length === 1 ? fields[0]!.name : undefined;
}

function without(bindings: Bindings, name: string | undefined): Bindings {
  if (name === undefined || !bindings.has(name)) return bindings;
  const next = new Map(bindings);
  next.delete(name);
  return next;
}

/** The values a constant loop visits, or undefined when they are known only at run time. */
function loopValues(key: string, node: Record<string, unknown>, bindings: Bindings): ConstantValue[] | undefined {
  if (key === 'PLpgSQL_stmt_foreach_a') {
    const query = expressionOf(node.expr);
    return query !== undefined && !node.slice ? evaluateArray(query, bindings) : undefined;
  }
  if (key === 'PLpgSQL_stmt_fors') {
    const query = expressionOf(node.query);
    return query !== undefined ? evaluateLoopQuery(query, bindings) : undefined;
  }
  if (key === 'PLpgSQL_stmt_fori') {
    const bound = (expr: unknown): number | undefined => {
      const text = expressionOf(expr);
      const value = text === undefined ? undefined : evaluateText(text, bindings);
      return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
    };
    const lower = bound(node.lower);
    const upper = bound(node.upper);
    const step = node.step === undefined ? 1 : bound(node.step);
    if (lower === undefined || upper === undefined || step === undefined || step <= 0) return undefined;
    if (Math.abs(upper - lower) / step > MAX_UNROLLED) return undefined;
    const values: string[] = [];
    if (node.reverse) for (let i = lower; i >= upper; i -= step) values.push(String(i));
    else for (let i = lower; i <= upper; i += step) values.push(String(i));
    return values;
  }
  return undefined;
}

const LOOPS = new Set(['PLpgSQL_stmt_foreach_a', 'PLpgSQL_stmt_fors', 'PLpgSQL_stmt_fori']);

/**
 * Walks the PL/pgSQL tree in execution order. A loop over constant values is unrolled for the
 * dynamic SQL in its body (each iteration's EXECUTE text is known); its static SQL is the same
 * statement each time and is listed once (`repeat` is set for the later iterations).
 */
function collect(node: unknown, walk: Walk, bindings: Bindings, repeat: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, walk, bindings, repeat);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const { out } = walk;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const v = value as Record<string, unknown>;
    const lineno = typeof v?.lineno === 'number' ? v.lineno : 1;
    if (key === 'PLpgSQL_stmt_execsql' || key === 'PLpgSQL_stmt_call') {
      // CALL and DO inside PL/pgSQL are "call" statements: their text is SQL like any other.
      const query = expressionOf(key === 'PLpgSQL_stmt_call' ? v.expr : v.sqlstmt);
      if (query && !repeat) out.push({ type: 'sql', query, lineno, needle: query });
    } else if (key === 'PLpgSQL_stmt_perform') {
      // PERFORM x is run as SELECT x; the parser hands back the rewritten text.
      const query = expressionOf(v.expr);
      if (query && !repeat) out.push({ type: 'sql', query, lineno, needle: query.replace(/^SELECT\s+/i, '') });
    } else if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors') {
      const expression = expressionOf(v.query);
      if (expression) out.push({ type: 'execute', expression, lineno, bindings });
      if (key === 'PLpgSQL_stmt_dynfors') collect(v.body, walk, without(bindings, loopVariable(v, walk)), repeat);
    } else if (key === 'PLpgSQL_stmt_commit' || key === 'PLpgSQL_stmt_rollback') {
      if (!repeat) out.push({ type: 'transaction', kind: key === 'PLpgSQL_stmt_commit' ? 'TRANS_STMT_COMMIT' : 'TRANS_STMT_ROLLBACK', lineno });
    } else if (LOOPS.has(key)) {
      const name = loopVariable(v, walk);
      const values = name === undefined ? undefined : loopValues(key, v, bindings);
      if (name === undefined || values === undefined || values.length === 0 || values.length > walk.budget) {
        collect(v.body, walk, without(bindings, name), repeat);
        continue;
      }
      walk.budget -= values.length;
      values.forEach((loopValue, i) => {
        collect(v.body, walk, new Map(bindings).set(name, loopValue), repeat || i > 0);
      });
    } else if (key !== 'datums') {
      collect(value, walk, bindings, repeat);
    }
  }
}

interface Datum {
  PLpgSQL_var?: { refname?: string; isconst?: boolean; default_val?: unknown };
  PLpgSQL_rec?: { refname?: string };
  PLpgSQL_row?: { refname?: string };
}

/** Every variable number the body assigns to (`x := …`, INTO, loop targets). */
function assignedVariables(node: unknown, out: Set<number>): Set<number> {
  if (Array.isArray(node)) {
    for (const item of node) assignedVariables(item, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'varno' && typeof value === 'number') out.add(value);
      else if (key !== 'datums') assignedVariables(value, out);
    }
  }
  return out;
}

/**
 * Variables whose value is fixed by their declaration: `CONSTANT`, or a constant default the body
 * never assigns to. A name declared twice (in nested blocks) is left unknown.
 */
function constantBindings(datums: Datum[], action: unknown): Map<string, ConstantValue> {
  const assigned = assignedVariables(action, new Set());
  const counts = new Map<string, number>();
  for (const datum of datums) {
    const name = datum.PLpgSQL_var?.refname ?? datum.PLpgSQL_rec?.refname ?? datum.PLpgSQL_row?.refname;
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const bindings = new Map<string, ConstantValue>();
  datums.forEach((datum, varno) => {
    const v = datum.PLpgSQL_var;
    const initial = expressionOf(v?.default_val);
    if (!v?.refname || initial === undefined || counts.get(v.refname) !== 1) return;
    if (!v.isconst && assigned.has(varno)) return;
    const value = evaluateText(initial, bindings);
    if (value !== undefined) bindings.set(v.refname, value);
  });
  return bindings;
}

/** Where the content of a string literal starts, relative to the literal's first character. */
function literalContentStart(literal: string): number {
  if (literal.startsWith("'")) return 1;
  if (/^[eE]'/.test(literal)) return 2;
  const tag = dollarTagAt(literal, 0);
  return tag ? tag.length : 0;
}

function wrapForPlpgsql(body: string): string {
  let tag = '$faultline_do$';
  for (let n = 1; body.includes(tag); n++) tag = `$faultline_do${n}$`;
  return `CREATE FUNCTION faultline_do_block() RETURNS void LANGUAGE plpgsql AS ${tag}${body}${tag}`;
}

/**
 * Expands a DO statement into the statements it runs, or returns undefined when it is not
 * PL/pgSQL (other languages are opaque). A body that does not compile becomes a SyntaxError.
 */
export function expandDoBlock(
  source: SourceFile,
  host: Host,
  node: Record<string, unknown>,
  at: DoStatementAt,
  depth: number,
): Statement[] | undefined {
  const args = ((node.args ?? []) as { DefElem?: DefElem }[]).map((a) => a.DefElem ?? {});
  const language = args.find((a) => a.defname === 'language')?.arg?.String?.sval ?? 'plpgsql';
  const bodyElem = args.find((a) => a.defname === 'as');
  const body = bodyElem?.arg?.String?.sval;
  if (language.toLowerCase() !== 'plpgsql' || body === undefined) return undefined;

  const doFileOffset = host.toFile(at.start);
  const doBlock = host.doBlock ?? { ...source.lines.position(doFileOffset), offset: doFileOffset };
  // Body text maps 1:1 onto the host when dollar-quoted; for '…' literals escapes may shift it a little.
  let bodyHostStart = at.start;
  if (bodyElem?.location !== undefined) {
    const literalStart = at.toChar(bodyElem.location);
    bodyHostStart = literalStart + literalContentStart(host.sql.slice(literalStart, literalStart + 80));
  }
  const bodyToFile = (i: number): number => host.toFile(Math.min(bodyHostStart + i, host.sql.length));

  let tree: unknown;
  try {
    tree = parsePlpgsql(wrapForPlpgsql(body));
  } catch (error) {
    const { message } = parserError(error);
    const near = /at or near "(.+)"$/.exec(message)?.[1];
    const nearAt = near === undefined ? -1 : body.indexOf(near);
    const errorAt = nearAt === -1 ? doFileOffset : bodyToFile(nearAt);
    return [syntaxErrorStatement(source, at.text, doFileOffset, `in DO block: ${message}`, errorAt, doBlock)];
  }

  if (body.length > DEPTH_CHECK_CHARS && deeperThan(tree, MAX_TREE_DEPTH)) return [syntaxErrorStatement(source, at.text, doFileOffset, `in DO block: ${TOO_DEEP}`, doFileOffset, doBlock)];

  const fn = (tree as { plpgsql_funcs?: { PLpgSQL_function?: { action?: unknown; datums?: Datum[] } }[] }).plpgsql_funcs?.[0]?.PLpgSQL_function;
  const datums = fn?.datums ?? [];
  const walk: Walk = {
    out: [],
    names: datums.map((d) => d.PLpgSQL_var?.refname ?? d.PLpgSQL_rec?.refname ?? d.PLpgSQL_row?.refname ?? ''),
    budget: MAX_UNROLLED,
  };
  collect(fn?.action, walk, constantBindings(datums, fn?.action), false);
  const items = walk.out;

  const bodyLines = new LineIndex(body);
  const out: Statement[] = [];
  let cursor = 0;
  const locate = (needle: string, lineno: number): number => {
    const lineStart = bodyLines.lineStart(lineno);
    const nextLine = lineno < bodyLines.lineCount ? bodyLines.lineStart(lineno + 1) : body.length + 1;
    const from = cursor >= lineStart && cursor < nextLine ? cursor : lineStart;
    let found = body.indexOf(needle, from);
    if (found === -1) found = body.indexOf(needle);
    if (found === -1) found = lineStart + (/^\s*/.exec(body.slice(lineStart))?.[0].length ?? 0);
    else cursor = found + needle.length;
    return found;
  };

  for (const item of items) {
    if (item.type === 'transaction') {
      const keyword = item.kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK';
      const at = locate(keyword, item.lineno);
      out.push(makeStatement(source, { TransactionStmt: { kind: item.kind } }, keyword, bodyToFile(at), doBlock));
      continue;
    }
    if (item.type === 'sql') {
      const at = locate(item.needle, item.lineno);
      const exact = body.startsWith(item.query, at);
      const inner: Host = { sql: item.query, toFile: (i) => bodyToFile(exact ? at + i : at), doBlock };
      parseInner(source, inner, depth, out, bodyToFile(at));
      continue;
    }
    const value = evaluateText(item.expression, item.bindings);
    const at = locate(item.expression, item.lineno);
    if (value === undefined || value === null) {
      const node: DynamicSqlNode = { expression: item.expression, reason: 'built at run time' };
      out.push(makeStatement(source, { [DYNAMIC_SQL_KIND]: node }, `EXECUTE ${item.expression}`, bodyToFile(at), doBlock));
      continue;
    }
    // A single literal maps character by character; a concatenation maps to the expression.
    const single = /^([eE]?'|\$)/.test(item.expression) && !item.expression.includes('||');
    const contentAt = at + (single ? literalContentStart(item.expression) : 0);
    const inner: Host = { sql: value, toFile: (i) => bodyToFile(single ? contentAt + i : at), doBlock };
    parseInner(source, inner, depth, out, bodyToFile(at));
  }
  return out;
}

function parseInner(source: SourceFile, host: Host, depth: number, out: Statement[], fileOffset: number): void {
  try {
    parseHost(source, host, depth + 1, out);
  } catch (error) {
    const { message } = parserError(error);
    out.push(syntaxErrorStatement(source, host.sql, fileOffset, `in DO block: ${message}`, fileOffset, host.doBlock));
  }
}
