/**
 * Builds Statement objects from parsed SQL that sits somewhere in a migration file: directly in
 * the file, or inside a DO block or an `EXECUTE '…'` string. `hostToFile` maps a character offset of
 * the parsed text back to the file, so every statement gets the line and column a person would look at.
 */
import { deeperThan, firstKey } from './ast.ts';
import { expandDoBlock } from './do-block.ts';
import { byteToCharMapper, type LineIndex } from './positions.ts';
import { skipTrivia } from './split.ts';
import { MAX_TREE_DEPTH, parseSql, TOO_DEEP } from './sql-parser.ts';
import type { Statement } from './types.ts';

/** Kind of the pseudo-statement standing for text the parser rejected. */
export const SYNTAX_ERROR_KIND = 'SyntaxError';

/** Kind of the pseudo-statement standing for SQL executed dynamically whose text cannot be known. */
export const DYNAMIC_SQL_KIND = 'DynamicSql';

export interface DynamicSqlNode {
  /** The expression EXECUTE evaluates, or what else could not be analysed. */
  expression: string;
  reason: string;
}

/**
 * No SQL adds more than two tree levels a character (`- - -1`, `f(f(f(1)))` add one or two), so a
 * statement this short cannot be too deep: nearly all are not walked for their depth.
 */
export const DEPTH_CHECK_CHARS = MAX_TREE_DEPTH / 4;

/** How deep DO blocks (a DO in a DO, or in an EXECUTE in a DO) are followed. */
export const MAX_DO_DEPTH = 32;

export interface SyntaxErrorNode {
  message: string;
  line: number;
  column: number;
}

/** The file being parsed. */
export interface SourceFile {
  text: string;
  path: string;
  lines: LineIndex;
}

/** SQL text to parse and where it lives in the file. */
export interface Host {
  sql: string;
  toFile(offset: number): number;
  /** Set for statements that run inside a DO block (the outermost block). */
  doBlock?: Statement['doBlock'];
}

interface RawStmt {
  stmt?: Record<string, unknown>;
  stmt_location?: number;
  stmt_len?: number;
}

/** `{ IndexStmt: {...} }` → `['IndexStmt', {...}]`. */
export function nodeKind(node: Record<string, unknown>): [string, Record<string, unknown>] {
  const kind = firstKey(node) ?? 'Unknown';
  return [kind, (node[kind] ?? {}) as Record<string, unknown>];
}

export function makeStatement(
  source: SourceFile,
  node: Record<string, unknown>,
  text: string,
  fileOffset: number,
  doBlock?: Statement['doBlock'],
): Statement {
  const [kind, inner] = nodeKind(node);
  const { line, column } = source.lines.position(fileOffset);
  const statement: Statement = { node: inner, kind, text, path: source.path, line, column, offset: fileOffset, index: 0 };
  if (doBlock) {
    statement.fromDoBlock = true;
    statement.doBlock = doBlock;
  }
  return statement;
}

/** A `SyntaxError` pseudo-statement: the statement starts at `fileOffset`, the error at `errorOffset`. */
export function syntaxErrorStatement(
  source: SourceFile,
  text: string,
  fileOffset: number,
  message: string,
  errorOffset: number,
  doBlock?: Statement['doBlock'],
): Statement {
  const where = source.lines.position(Math.min(errorOffset, source.text.length));
  const node: SyntaxErrorNode = { message, line: where.line, column: where.column };
  return makeStatement(source, { [SYNTAX_ERROR_KIND]: node }, text, fileOffset, doBlock);
}

/**
 * Parses `host.sql` and appends its statements to `out`, expanding DO blocks (nested DO, or DO inside
 * EXECUTE inside DO, up to MAX_DO_DEPTH; deeper ones stay DoStmt, which dynamic-sql reports). Throws the parser's error when the text does not parse. `parsed` is
 * the parser's tree of `host.sql` when another thread parsed it already (see parse-ahead.ts).
 */
export function parseHost(source: SourceFile, host: Host, depth: number, out: Statement[], parsed?: unknown): void {
  const { sql } = host;
  const result = (parsed ?? parseSql(sql)) as { stmts?: RawStmt[] };
  const toChar = byteToCharMapper(sql);
  for (const raw of result.stmts ?? []) {
    if (!raw.stmt) continue;
    const location = raw.stmt_location ?? 0;
    const end = raw.stmt_len ? toChar(location + raw.stmt_len) : sql.length;
    const start = skipTrivia(sql, toChar(location), end);
    const text = sql.slice(start, end).trimEnd();
    if (text.length > DEPTH_CHECK_CHARS && deeperThan(raw.stmt, MAX_TREE_DEPTH)) {
      out.push(syntaxErrorStatement(source, text, host.toFile(start), TOO_DEEP, host.toFile(start), host.doBlock));
      continue;
    }
    const [kind, inner] = nodeKind(raw.stmt);
    if (kind === 'DoStmt' && depth < MAX_DO_DEPTH) {
      const expanded = expandDoBlock(source, host, inner, { start, text, toChar }, depth);
      if (expanded) {
        out.push(...expanded);
        continue;
      }
    }
    const statement = makeStatement(source, raw.stmt, text, host.toFile(start), host.doBlock);
    statement.textAt = (location) => {
      const at = toChar(location) - start;
      return at >= 0 && at <= text.length ? at : undefined;
    };
    out.push(statement);
  }
}
