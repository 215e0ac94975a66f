/**
 * DO blocks run at migration time, so the SQL inside them takes the same locks as SQL outside. We
 * parse the body with PL/pgSQL's own parser and lift out what it executes: plain SQL statements,
 * PERFORM, COMMIT/ROLLBACK, and `EXECUTE` of a constant string (literals and `||` of literals).
 * Dynamic SQL built at run time (format(), variables) cannot be known statically and is skipped.
 */
import { LineIndex } from './positions.ts';
import { dollarTagAt } from './split.ts';
import {
  type Host,
  makeStatement,
  parseHost,
  type SourceFile,
  syntaxErrorStatement,
} from './statements.ts';
import { parsePlpgsql, parserError, parseSql } from './sql-parser.ts';
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
  | { type: 'execute'; expression: string; lineno: number }
  | { type: 'transaction'; kind: 'TRANS_STMT_COMMIT' | 'TRANS_STMT_ROLLBACK'; lineno: number };

function expressionOf(node: unknown): string | undefined {
  const expr = (node as { PLpgSQL_expr?: { query?: string } } | undefined)?.PLpgSQL_expr;
  return expr?.query;
}

function collect(node: unknown, out: BodyItem[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const v = value as Record<string, unknown>;
    const lineno = typeof v?.lineno === 'number' ? v.lineno : 1;
    if (key === 'PLpgSQL_stmt_execsql') {
      const query = expressionOf(v.sqlstmt);
      if (query) out.push({ type: 'sql', query, lineno, needle: query });
    } else if (key === 'PLpgSQL_stmt_perform') {
      // PERFORM x is run as SELECT x; the parser hands back the rewritten text.
      const query = expressionOf(v.expr);
      if (query) out.push({ type: 'sql', query, lineno, needle: query.replace(/^SELECT\s+/i, '') });
    } else if (key === 'PLpgSQL_stmt_dynexecute') {
      const expression = expressionOf(v.query);
      if (expression) out.push({ type: 'execute', expression, lineno });
    } else if (key === 'PLpgSQL_stmt_commit' || key === 'PLpgSQL_stmt_rollback') {
      out.push({ type: 'transaction', kind: key === 'PLpgSQL_stmt_commit' ? 'TRANS_STMT_COMMIT' : 'TRANS_STMT_ROLLBACK', lineno });
    } else if (key !== 'datums') {
      collect(value, out);
    }
  }
}

/** The value of a constant string expression (`'a'`, `'a' || 'b'`, `'a'::text`), else undefined. */
export function constantString(expression: string): string | undefined {
  let parsed: { stmts?: { stmt?: { SelectStmt?: { targetList?: { ResTarget?: { val?: unknown } }[] } } }[] };
  try {
    parsed = parseSql(`SELECT ${expression}`) as typeof parsed;
  } catch {
    return undefined;
  }
  const targets = parsed.stmts?.[0]?.stmt?.SelectStmt?.targetList;
  if (parsed.stmts?.length !== 1 || targets?.length !== 1) return undefined;
  return fold(targets[0]?.ResTarget?.val);
}

function fold(node: unknown): string | undefined {
  const n = node as Record<string, Record<string, unknown>> | undefined;
  if (!n) return undefined;
  if (n.A_Const) return (n.A_Const.sval as { sval?: string } | undefined)?.sval ?? undefined;
  if (n.TypeCast) return fold(n.TypeCast.arg);
  if (n.A_Expr && n.A_Expr.kind === 'AEXPR_OP') {
    const name = (n.A_Expr.name as { String?: { sval?: string } }[] | undefined)?.[0]?.String?.sval;
    if (name !== '||') return undefined;
    const left = fold(n.A_Expr.lexpr);
    const right = fold(n.A_Expr.rexpr);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
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

  const items: BodyItem[] = [];
  collect((tree as { plpgsql_funcs?: { PLpgSQL_function?: { action?: unknown } }[] }).plpgsql_funcs?.[0]?.PLpgSQL_function?.action, items);

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
    const value = constantString(item.expression);
    if (value === undefined) continue;
    const at = locate(item.expression, item.lineno);
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
