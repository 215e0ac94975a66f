/**
 * What this thread and the parse-ahead helper (parse-helper.ts) share about one file: the slots of
 * a shared Int32Array through which they claim chunks, and the messages they exchange.
 */
import type { MessagePort } from 'node:worker_threads';
import type { PreparedParses } from './sql-parser.ts';

/** The next chunk nobody has claimed yet. */
export const NEXT = 0;
/** Chunks the linting thread has taken (the helper's back-pressure). */
export const LINTED = 1;
/** Results the helper has posted (what the linting thread sleeps on). */
export const POSTED = 2;
export const SLOTS = 3;

/** The helper's status, in a one-slot Int32Array passed as `workerData.status`. */
export const HELPER_STARTING = 0;
export const HELPER_READY = 1;
/** Failed unexpectedly: the linting thread parses everything itself from now on. */
export const HELPER_GONE = 2;

/** How many chunks the helper may parse ahead of the linting: memory stays bounded. */
export const AHEAD_LIMIT = 16;

/** One file, sent to the helper. */
export interface ParseJobMessage {
  chunks: string[];
  /** Per chunk, the [start, end) character offsets of its DO statements. */
  doStatements: [number, number][][];
  shared: SharedArrayBuffer;
  port: MessagePort;
}

/** One parsed chunk, sent back. */
export interface ChunkResult {
  chunk: number;
  /** The parser's JSON, or undefined when the chunk did not parse (the linting thread redoes it). */
  json?: string;
  /** Parser answers for the SQL inside the chunk's DO blocks. */
  prepared?: PreparedParses;
}
