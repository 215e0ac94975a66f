/**
 * The one door to libpg-query's parsers. The parse-ahead thread (parse-helper.ts) may already have
 * parsed some of the texts this thread is about to parse, such as the bodies of DO blocks: it hands
 * over what the parser answered, and `usePrepared` makes the calls below return that instead of
 * parsing again. The answer is the parser's own either way, so findings never depend on which thread
 * parsed what.
 */
import { setFlagsFromString } from 'node:v8';
import { loadModule, parsePlPgSQLSync, parseSync } from 'libpg-query';

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

/** Loads the parser's WebAssembly module once (in this thread); await it before parsing. */
export function loadParser(): Promise<void> {
  if (!loading) {
    setFlagsFromString(`--wasm-tier-up-filter=${NO_WASM_FUNCTION}`);
    loading = loadModule().then(() => {
      ready = true;
    });
  }
  return loading;
}

export function isParserLoaded(): boolean {
  return ready;
}

/** What the parser answered for one text: its JSON, or its error. */
export type PreparedParse = { json: string } | { error: { message: string; cursorPosition?: number } };

/** Parser answers by `parserKey`. */
export type PreparedParses = Map<string, PreparedParse>;

type Grammar = 'sql' | 'plpgsql';

function parserKey(grammar: Grammar, text: string): string {
  return `${grammar}:${text}`;
}

/**
 * Parse trees are followed this many levels deep (objects and arrays of the parser's JSON: a level
 * of SQL is three or four of them). Deeper statements are refused, the same way every run, before
 * a recursive reader runs out of stack at a depth that varies with the JIT's frames.
 */
export const MAX_TREE_DEPTH = 2_000;

/** Why a statement nested deeper than MAX_TREE_DEPTH, or than the parser's own stack, was not checked. */
export const TOO_DEEP =
  'the statement is nested too deeply to be checked (its parse tree is over 2,000 levels deep; PostgreSQL, too, stops at some depth with "stack depth limit exceeded"): split the expression or build it in steps';

/** Message and cursor (code points into the parsed text) of a libpg-query error. */
export function parserError(error: unknown): { message: string; cursor?: number } {
  // A parse tree thousands of levels deep (`1+1+…`, nested IFs) exhausts the parser's stack.
  // Deep in that recursion even a regular expression can fail, with a SyntaxError saying "Stack overflow".
  if (error instanceof Error && !('sqlDetails' in error) && /maximum call stack|stack overflow/i.test(error.message)) return { message: TOO_DEEP };
  const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
  const message = details?.message ?? (error instanceof Error ? error.message : String(error));
  return { message, cursor: details?.cursorPosition };
}

let prepared: PreparedParses | undefined;
let recording: PreparedParses | undefined;

/** Runs `work` with `answers` (from the other thread) consulted before the parser. */
export function usePrepared<T>(answers: PreparedParses | undefined, work: () => T): T {
  if (!answers || answers.size === 0) return work();
  const outer = prepared;
  prepared = answers;
  try {
    return work();
  } finally {
    prepared = outer;
  }
}

/** Runs `work` and returns every parser answer it needed (added to `answers`), to hand to another thread. */
export function recordParses(work: () => void, answers: PreparedParses = new Map()): PreparedParses {
  const outer = recording;
  recording = answers;
  try {
    work();
  } finally {
    recording = outer;
  }
  return answers;
}

function replay(answer: PreparedParse): unknown {
  if ('json' in answer) return JSON.parse(answer.json);
  throw Object.assign(new Error(answer.error.message), { sqlDetails: answer.error });
}

/**
 * Runs `parser` while catching the JSON text libpg-query hands to JSON.parse, which it then either
 * parses as usual (`objects`) or not at all: the text is what crosses to another thread.
 */
function withParserJson(parse: () => unknown, objects: boolean): { tree: unknown; json: string | undefined } {
  const realParse = JSON.parse;
  let json: string | undefined;
  JSON.parse = (source: string) => {
    json = source;
    return objects ? realParse(source) : undefined;
  };
  try {
    return { tree: parse(), json };
  } finally {
    JSON.parse = realParse;
  }
}

function call(grammar: Grammar, text: string, parser: (text: string) => unknown): unknown {
  if (!prepared && !recording) return parser(text);
  const key = parserKey(grammar, text);
  const answer = prepared?.get(key);
  if (answer) return replay(answer);
  if (!recording) return parser(text);
  const answers = recording;
  try {
    const { tree, json } = withParserJson(() => parser(text), true);
    if (json !== undefined) answers.set(key, { json });
    return tree;
  } catch (error) {
    const { message, cursor } = parserError(error);
    answers.set(key, { error: cursor === undefined ? { message } : { message, cursorPosition: cursor } });
    throw error;
  }
}

/** `parseSync`: the parse tree of SQL text, or the parser's error. */
export function parseSql(text: string): unknown {
  return call('sql', text, parseSync);
}

/**
 * The parser's JSON for SQL text, not turned into objects: the cheapest form to send to another
 * thread. Throws the parser's error.
 */
export function parseSqlJson(text: string): string {
  return withParserJson(() => parseSync(text), false).json ?? '';
}

/** `parsePlPgSQLSync`: the PL/pgSQL tree of a `CREATE FUNCTION … LANGUAGE plpgsql`, or the error. */
export function parsePlpgsql(text: string): unknown {
  return call('plpgsql', text, parsePlPgSQLSync);
}
