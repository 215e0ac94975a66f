/**
 * Turns a migration file into statements with exact positions, using PostgreSQL's own parser
 * (libpg-query). The file is cut at top-level statement boundaries and parsed a bounded chunk at a
 * time, so memory stays flat on huge files and one syntax error does not hide the rest of the file.
 * `DO` blocks run at migration time, so their SQL is lifted out (see do-block.ts); function and
 * procedure bodies run later, when called, and are left alone.
 */
import { type ParseAhead, type ParseJobInput, type ParsedChunk, parseAheadThread, runningParseAheadThread, startParseAheadThreadFor, useParseAheadThread } from './parse-ahead.ts';
import { codePointToChar, LineIndex } from './positions.ts';
import { type LineComment, type Segment, type SplitResult, splitStatements } from './split.ts';
import { isParserLoaded, loadParser, parserError, usePrepared } from './sql-parser.ts';
import { parseHost, type SourceFile, syntaxErrorStatement } from './statements.ts';
import type { Statement } from './types.ts';

export { SYNTAX_ERROR_KIND, type SyntaxErrorNode } from './statements.ts';
export { isParserLoaded, loadParser, startParseAheadThreadFor, useParseAheadThread };

export interface ParsedMigration {
  /** Statements in file order, DO blocks expanded; rejected text appears as `SyntaxError`. */
  statements: Statement[];
  /** Every `--` comment outside string literals (suppressions are found here). */
  comments: LineComment[];
  lines: LineIndex;
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

function parseChunk(source: SourceFile, chunk: Segment[], out: Statement[], parsed: ParsedChunk | undefined): void {
  const start = chunk[0]!.start;
  const mark = out.length;
  const host = { sql: source.text.slice(start, chunk[chunk.length - 1]!.end), toFile: (i: number) => start + i };
  try {
    if (parsed?.tree === undefined) parseHost(source, host, 0, out);
    else usePrepared(parsed.prepared, () => parseHost(source, host, 0, out, parsed.tree));
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

/** A file's chunks as the helper takes them: their text, and where their DO statements are. */
function jobInput(text: string, chunks: Segment[][], into: ParseJobInput = { chunks: [], doStatements: [] }): ParseJobInput {
  for (const chunk of chunks) {
    const from = chunk[0]!.start;
    into.chunks.push(text.slice(from, chunk[chunk.length - 1]!.end));
    into.doStatements.push(chunk.filter((s) => s.firstWord === 'do').map((s): [number, number] => [s.start - from, s.end - from]));
  }
  return into;
}

/**
 * A file split into statements and cut into chunks before it is linted. `ahead`: where its chunks
 * are in a job the helper parses ahead (chunk i is the job's chunk `base + i`).
 */
export interface SplitFile {
  lines: LineIndex;
  split: SplitResult;
  chunks: Segment[][];
  ahead?: { job: ParseAhead; base: number };
}

export function splitFile(text: string): SplitFile {
  const split = splitStatements(text);
  return { lines: new LineIndex(text), split, chunks: chunkSegments(split.segments) };
}

/** Whether a file has chunks enough to be parsed ahead on its own, as parseMigrationInChunks does. */
export function parsedAheadAlone(file: SplitFile): boolean {
  return file.chunks.length >= HELPER_MIN_CHUNKS;
}

/**
 * Hands the chunks of several small files, linted one after the other, to the running helper in one
 * job, so that it parses the next files while this thread lints the current one. A folder of small
 * migrations (the usual layout) then uses both cores too. Returns the job (to close once the files
 * are linted), or undefined when no helper is running (the files are parsed here, as before).
 */
export function parseAheadTogether(files: { text: string; split: SplitFile }[]): ParseAhead | undefined {
  const thread = runningParseAheadThread();
  if (!thread || files.length === 0) return undefined;
  const input: ParseJobInput = { chunks: [], doStatements: [] };
  const bases = files.map(({ text, split }) => {
    const base = input.chunks.length;
    jobInput(text, split.chunks, input);
    return base;
  });
  const job = thread.begin(input);
  if (job) {
    files.forEach(({ split }, i) => {
      split.ahead = { job, base: bases[i]! };
    });
  }
  return job;
}

export interface ParsedOutline {
  comments: LineComment[];
  lines: LineIndex;
  /** Number of statements (DO blocks expanded). */
  statements: number;
  /** Set when the file has more statements than `maxStatements`: then none was parsed. */
  tooManyStatements?: number;
}

/**
 * Parses a migration file a chunk at a time, handing each chunk's statements (in file order,
 * `index` set) to `visit` and dropping them afterwards, so memory stays bounded however long the
 * file is. Never throws for any text (once the parser is loaded). `given`: the file already split
 * (splitFile), perhaps with its chunks in a job parsed ahead (parseAheadTogether).
 */
export function parseMigrationInChunks(
  text: string,
  path: string,
  visit: (statements: Statement[]) => void,
  onSplit?: (split: Pick<SplitResult, 'longestNameBytes' | 'comments'> & { lines: LineIndex }) => void,
  maxStatements = Number.POSITIVE_INFINITY,
  given?: SplitFile,
): ParsedOutline {
  if (!isParserLoaded()) throw new Error('the SQL parser is not loaded: await loadParser() first');
  const { lines, split, chunks, ahead } = given ?? splitFile(text);
  const source: SourceFile = { text, path, lines };
  const { segments, comments, longestNameBytes } = split;
  onSplit?.({ longestNameBytes, comments, lines });
  if (segments.length > maxStatements) return { comments, lines, statements: 0, tooManyStatements: segments.length };
  // Handing chunks to the second thread pays off once there are a few to overlap with linting.
  const own = !ahead && chunks.length >= HELPER_MIN_CHUNKS ? parseAheadThread()?.begin(jobInput(text, chunks)) : undefined;
  const base = ahead?.base ?? 0;
  let count = 0;
  try {
    chunks.forEach((chunk, index) => {
      const statements: Statement[] = [];
      parseChunk(source, chunk, statements, (own ?? ahead?.job)?.take(base + index));
      for (const statement of statements) statement.index = count++;
      visit(statements);
    });
  } finally {
    own?.close();
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
