/**
 * Turns a migration file into statements with exact positions, using PostgreSQL's own parser
 * (libpg-query). The file is cut at top-level statement boundaries and parsed a bounded chunk at a
 * time, so memory stays flat on huge files and one syntax error does not hide the rest of the file.
 * `DO` blocks run at migration time, so their SQL is lifted out (see do-block.ts); function and
 * procedure bodies run later, when called, and are left alone.
 */
import { setFlagsFromString } from 'node:v8';
import { loadModule, parseSync } from 'libpg-query';
import { ParseAheadThread } from './parse-ahead.ts';
import { codePointToChar, LineIndex } from './positions.ts';
import { type LineComment, type Segment, splitStatements } from './split.ts';
import { parseHost, parserError, type SourceFile, syntaxErrorStatement } from './statements.ts';
import type { Statement } from './types.ts';

export { SYNTAX_ERROR_KIND, type SyntaxErrorNode } from './statements.ts';

export interface ParsedMigration {
  /** Statements in file order, DO blocks expanded; rejected text appears as `SyntaxError`. */
  statements: Statement[];
  /** Every `--` comment outside string literals (suppressions are found here). */
  comments: LineComment[];
  lines: LineIndex;
}

let loading: Promise<void> | undefined;
let ready = false;

/**
 * The parser's WebAssembly holds PostgreSQL's generated grammar, one ~100 KB function. Once it is
 * hot (a few thousand statements), V8 recompiles it with TurboFan: 500 ms of a second core and
 * 600 MB of compiler memory (seen with --trace-wasm-compilation-times), for a speed-up the compile
 * never pays back on a migration file. `--liftoff-only` would prevent that but V8 reads it only at
 * start-up, and a GitHub Action cannot pass Node flags. The tier-up filter is read each time a
 * function asks to tier up, so setting it here works in every face: it admits one function index,
 * and no module has this many functions. Process-wide: other WebAssembly stays on baseline code too.
 */
const NO_WASM_FUNCTION = 2 ** 31 - 1;

function keepWebAssemblyOnBaselineCode(): void {
  setFlagsFromString(`--wasm-tier-up-filter=${NO_WASM_FUNCTION}`);
}

/** Loads the parser's WebAssembly module once; await it before `parseMigration`. */
export function loadParser(): Promise<void> {
  if (!loading) {
    keepWebAssemblyOnBaselineCode();
    loading = loadModule().then(() => {
      ready = true;
    });
  }
  return loading;
}

let parseAheadFrom: string | undefined;
let parseAhead: ParseAheadThread | undefined;

/**
 * Lets large files be parsed partly on a second thread (see parse-ahead.ts), which loads the parser
 * from `parserModuleUrl`: the URL of libpg-query's ES module, e.g. `import.meta.resolve('libpg-query')`
 * in a face that runs from node_modules. A bundled action has no such file and does not call this.
 * The thread starts with the first large file (starting it costs small files more than it saves)
 * and serves the later ones. `undefined` stops it.
 */
export function useParseAheadThread(parserModuleUrl: string | undefined): void {
  void parseAhead?.stop();
  parseAhead = undefined;
  parseAheadFrom = parserModuleUrl;
}

function parseAheadThread(): ParseAheadThread | undefined {
  if (parseAhead === undefined && parseAheadFrom !== undefined) {
    try {
      parseAhead = new ParseAheadThread(parseAheadFrom);
    } catch {
      // No thread (resource limits): files are parsed in this thread, as without the helper.
      parseAheadFrom = undefined;
    }
  }
  return parseAhead;
}

export function isParserLoaded(): boolean {
  return ready;
}

// Big enough to amortise each call into WebAssembly, small enough that one parse tree stays small.
const CHUNK_STATEMENTS = 200;
const CHUNK_CHARS = 128 * 1024;
const HELPER_MIN_CHUNKS = 8;

function parseSegmentAlone(source: SourceFile, segment: Segment, out: Statement[]): void {
  const sql = source.text.slice(segment.start, segment.end);
  const mark = out.length;
  try {
    parseHost(source, { sql, toFile: (i) => segment.start + i }, 0, out);
  } catch (error) {
    out.length = mark;
    const { message, cursor } = parserError(error);
    const errorAt = segment.start + (cursor === undefined ? 0 : codePointToChar(sql, cursor));
    const text = sql.replace(/;\s*$/, '');
    out.push(syntaxErrorStatement(source, text, segment.start, message, errorAt));
  }
}

function parseOrUndefined(sql: string): unknown {
  try {
    return parseSync(sql);
  } catch {
    // parseChunk parses it again, statement by statement, to place the error.
    return undefined;
  }
}

function chunkText(source: SourceFile, chunk: Segment[]): string {
  return source.text.slice(chunk[0]!.start, chunk[chunk.length - 1]!.end);
}

function parseChunk(source: SourceFile, chunk: Segment[], out: Statement[], parsed: unknown): void {
  const start = chunk[0]!.start;
  const mark = out.length;
  try {
    parseHost(source, { sql: chunkText(source, chunk), toFile: (i) => start + i }, 0, out, parsed);
  } catch {
    // Statement by statement, so the error lands on its own statement and the others survive.
    out.length = mark;
    for (const segment of chunk) parseSegmentAlone(source, segment, out);
  }
}

function chunkSegments(segments: Segment[]): Segment[][] {
  const chunks: Segment[][] = [];
  let chunk: Segment[] = [];
  let chunkChars = 0;
  for (const segment of segments) {
    chunk.push(segment);
    chunkChars += segment.end - segment.start;
    if (chunk.length >= CHUNK_STATEMENTS || chunkChars >= CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = [];
      chunkChars = 0;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export interface ParsedOutline {
  comments: LineComment[];
  lines: LineIndex;
  /** Number of statements (DO blocks expanded). */
  statements: number;
}

/**
 * Parses a migration file a chunk at a time, handing each chunk's statements (in file order,
 * `index` set) to `visit` and dropping them afterwards, so memory stays bounded however long the
 * file is. Never throws for any text (once the parser is loaded).
 */
export function parseMigrationInChunks(text: string, path: string, visit: (statements: Statement[]) => void): ParsedOutline {
  if (!ready) throw new Error('the SQL parser is not loaded: await loadParser() first');
  const lines = new LineIndex(text);
  const source: SourceFile = { text, path, lines };
  const { segments, comments } = splitStatements(text);
  const chunks = chunkSegments(segments);
  // Handing chunks to the second thread pays off once there are a few to overlap with linting.
  const helper =
    chunks.length >= HELPER_MIN_CHUNKS
      ? parseAheadThread()?.begin(
          chunks.map((chunk) => chunkText(source, chunk)),
          parseOrUndefined,
        )
      : undefined;
  let count = 0;
  try {
    chunks.forEach((chunk, index) => {
      const statements: Statement[] = [];
      parseChunk(source, chunk, statements, helper?.take(index));
      for (const statement of statements) statement.index = count++;
      visit(statements);
    });
  } finally {
    helper?.close();
  }
  return { comments, lines, statements: count };
}

/** Parses a whole migration file into one list (for callers that need every statement at once). */
export function parseMigration(text: string, path: string): ParsedMigration {
  const statements: Statement[] = [];
  const { comments, lines } = parseMigrationInChunks(text, path, (chunk) => {
    for (const statement of chunk) statements.push(statement);
  });
  return { statements, comments, lines };
}
