/**
 * A second thread that parses chunks of a large migration file while this thread lints the chunks
 * before them. The parser's WebAssembly is single-threaded and is about half of the linter's time,
 * so on two cores the two halves overlap. The linter's API stays synchronous: results come back with
 * `receiveMessageOnPort` and this thread sleeps on `Atomics.wait` when it must, so no event loop is
 * needed while a file is linted.
 *
 * The helper parses every chunk, in order, at most AHEAD_LIMIT chunks ahead of the linting, so memory
 * stays bounded however long the file is. Linting a chunk costs more than parsing it, so this thread
 * seldom waits. It does not parse chunks itself while the helper lives: the parser's WebAssembly and
 * the JIT are cold in each thread, and DO-block bodies of a chunk parsed here miss the answers the
 * helper prepares (together 150 ms of the 20,000-statement benchmark when this thread helped).
 *
 * The helper is only an accelerator: if it cannot start, fails on a chunk (a syntax error) or stops
 * answering, this thread parses that chunk itself, exactly as it would without a helper, so the
 * findings never depend on it.
 */
import { statSync } from 'node:fs';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import {
  type ChunkResult,
  HELPER_GONE,
  HELPER_STARTING,
  LINTED,
  NEXT,
  type ParseJobMessage,
  POSTED,
  SLOTS,
} from './parse-ahead-protocol.ts';
import type { PreparedParses } from './sql-parser.ts';

// Waits are short and repeated; a helper silent for this long is taken for dead.
const WAIT_SLICE_MS = 250;
const SILENT_HELPER_MS = 5_000;
// A helper starts in about 0.1 s. One that has not after this (it failed, or the machine is
// overloaded) is given up on, so a file never waits long for a thread that will not come.
const START_TIMEOUT_MS = 1_500;
const HELPER_YOUNG_GENERATION_MB = 16;

/** A chunk's parse tree, with the parser's answers for the SQL inside its DO blocks. */
export interface ParsedChunk {
  tree: unknown;
  prepared?: PreparedParses;
}

export interface ParseAhead {
  /**
   * Chunk `index` (taken in order 0, 1, 2…) parsed, or undefined when the caller must parse it
   * itself.
   */
  take(index: number): ParsedChunk | undefined;
  /** Ends the job; call when done with the file, also after an error. */
  close(): void;
}

let helperModule: string | URL | undefined;
let current: ParseAheadThread | undefined;

/**
 * Lets large files be parsed on a second thread, which runs `module`: parse-helper.ts as this face
 * ships it (the source file, or its bundle next to an action's). The thread starts with the first
 * large file, or earlier with `startParseAheadThreadFor`, and serves the later ones. `undefined` stops it.
 */
export function useParseAheadThread(module: string | URL | undefined): void {
  void current?.stop();
  current = undefined;
  helperModule = module;
}

/** Input this large (about 2,000 statements) keeps the helper busy from the start. */
const EARLY_START_BYTES = 256 * 1024;

/**
 * Starts the helper now when the files at `paths` are large together, so that its start-up overlaps
 * loading the linter and reading them. Folders are not walked for this (the helper then starts
 * with the first large file); missing paths are left to the lint to report.
 */
export function startParseAheadThreadFor(paths: readonly string[]): void {
  let bytes = 0;
  for (const path of paths) {
    try {
      const stats = statSync(path);
      if (stats.isFile()) bytes += stats.size;
    } catch {
      // Reported by the lint itself.
    }
    if (bytes >= EARLY_START_BYTES) {
      parseAheadThread();
      return;
    }
  }
}

/** The helper, started if need be; undefined when none is configured or it cannot start. */
export function parseAheadThread(): ParseAheadThread | undefined {
  if (current === undefined && helperModule !== undefined) {
    try {
      current = new ParseAheadThread(helperModule);
    } catch {
      // No thread (resource limits): files are parsed in this thread, as without the helper.
      helperModule = undefined;
    }
  }
  return current;
}

/** The helper when it is already running (started early for large input), without starting one. */
export function runningParseAheadThread(): ParseAheadThread | undefined {
  return current?.alive ? current : undefined;
}

/** One job's chunks (one file's, or several small files'), shared between this thread and the helper. */
class ParseJob implements ParseAhead {
  private readonly state: Int32Array;
  private readonly port: MessagePort;
  private readonly helper: ParseAheadThread;
  private readonly ready = new Map<number, ChunkResult>();

  constructor(helper: ParseAheadThread, worker: Worker, job: ParseJobInput) {
    this.helper = helper;
    this.state = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const message: ParseJobMessage = { ...job, shared: this.state.buffer as SharedArrayBuffer, port: port2 };
    worker.postMessage(message, [port2]);
  }

  take(index: number): ParsedChunk | undefined {
    Atomics.store(this.state, LINTED, index);
    Atomics.notify(this.state, LINTED);
    let silentMs = 0;
    for (;;) {
      const ready = this.ready.get(index);
      if (ready) {
        this.ready.delete(index);
        if (ready.json === undefined) return undefined;
        return { tree: JSON.parse(ready.json), ...(ready.prepared ? { prepared: ready.prepared } : {}) };
      }
      if (!this.helper.usable()) return undefined;
      const posted = Atomics.load(this.state, POSTED);
      const message = receiveMessageOnPort(this.port);
      if (message) {
        const result = message.message as ChunkResult;
        this.ready.set(result.chunk, result);
        silentMs = 0;
        continue;
      }
      if (Atomics.wait(this.state, POSTED, posted, WAIT_SLICE_MS) === 'timed-out') {
        silentMs += WAIT_SLICE_MS;
        if (silentMs >= SILENT_HELPER_MS) this.helper.alive = false;
      }
    }
  }

  close(): void {
    // Past the last chunk: the helper finds nothing left to claim and ends the job.
    Atomics.store(this.state, NEXT, 2 ** 31 - 1);
    Atomics.notify(this.state, LINTED);
    this.port.close();
  }
}

/** One job for the helper: its chunks, and where each chunk's DO statements are. */
export type ParseJobInput = Pick<ParseJobMessage, 'chunks' | 'doStatements'>;

/**
 * The helper thread, serving one file after another. Its start-up (about 100 ms: a new isolate and
 * the parser's WebAssembly) overlaps whatever this thread does meanwhile: loading modules and
 * reading the first file when the face starts it early. It never keeps the process alive.
 */
export class ParseAheadThread {
  /** False once the helper failed or stopped answering: jobs are then parsed in this thread. */
  alive = true;
  private readonly worker: Worker;
  private readonly loaded: Promise<boolean>;
  /** HELPER_STARTING, READY or GONE, set by the helper: readable while this thread is busy (no event loop). */
  private readonly status: Int32Array;
  private readonly createdAt = performance.now();

  /** `helperModule`: where parse-helper.ts is, as the face runs it (a source file or a bundle). */
  constructor(helperModule: string | URL) {
    this.status = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    // The helper's garbage is short-lived parser output: a small young generation keeps its memory
    // low (V8 would otherwise grow it to tens of MB on a large machine) at no measurable cost.
    this.worker = new Worker(helperModule, { workerData: { status: this.status.buffer }, resourceLimits: { maxYoungGenerationSizeMb: HELPER_YOUNG_GENERATION_MB } });
    this.loaded = new Promise((resolve) => {
      this.worker.once('message', () => resolve(true));
      const gone = () => {
        this.alive = false;
        resolve(false);
      };
      this.worker.once('error', gone);
      this.worker.once('exit', gone);
    });
    this.worker.unref();
  }

  /** Whether to keep waiting for the helper: not gone, and ready or still within its start-up time. */
  usable(): boolean {
    const status = Atomics.load(this.status, 0);
    if (status === HELPER_GONE || (status === HELPER_STARTING && performance.now() - this.createdAt > START_TIMEOUT_MS)) this.alive = false;
    return this.alive;
  }

  /** Resolves once the helper has loaded the parser (true) or failed (false). Jobs need not wait. */
  ready(): Promise<boolean> {
    return this.loaded;
  }

  /** Starts parsing a file's chunks (taken in order), or returns undefined once the helper is gone. */
  begin(job: ParseJobInput): ParseAhead | undefined {
    return this.alive ? new ParseJob(this, this.worker, job) : undefined;
  }

  stop(): Promise<number> {
    this.alive = false;
    return this.worker.terminate();
  }
}
