/**
 * A second thread that parses chunks of a large migration file while this thread lints the chunks
 * before them. The parser's WebAssembly is single-threaded and is about half of the linter's time,
 * so on two cores the two halves overlap. The linter's API stays synchronous: results come back with
 * `receiveMessageOnPort` and this thread sleeps on `Atomics.wait` when it must, so no event loop is
 * needed while a file is linted.
 *
 * Both threads take chunks from one shared counter. This thread always takes exactly the chunk it
 * lints next when the helper has not claimed it, so neither thread idles while the other works and
 * the helper, which has nothing else to do, parses the chunks ahead. The helper stays at most
 * AHEAD_LIMIT chunks ahead of the linting, so memory stays bounded however long the file is.
 *
 * The helper is only an accelerator: if it cannot start, fails on a chunk (a syntax error) or stops
 * answering, this thread parses that chunk itself, exactly as it would without a helper, so the
 * findings never depend on it.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { AHEAD_LIMIT, type ChunkResult, LINTED, NEXT, type ParseJobMessage, POSTED, SLOTS } from './parse-ahead-protocol.ts';
import type { PreparedParses } from './sql-parser.ts';

// Waits are short and repeated; a helper silent for this long is taken for dead.
const WAIT_SLICE_MS = 250;
const SILENT_HELPER_MS = 5_000;

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

/** Parses one chunk in this thread: its tree, or undefined when it does not parse. */
export type ParseHere = (sql: string) => unknown;

type Ready = ChunkResult | ParsedChunk;

/** One file's chunks, shared between this thread and the helper. */
class ParseJob implements ParseAhead {
  private readonly state: Int32Array;
  private readonly port: MessagePort;
  private readonly helper: ParseAheadThread;
  private readonly chunks: readonly string[];
  private readonly parseHere: ParseHere;
  private readonly ready = new Map<number, Ready>();

  constructor(helper: ParseAheadThread, worker: Worker, job: ParseJobInput, parseHere: ParseHere) {
    this.helper = helper;
    this.chunks = job.chunks;
    this.parseHere = parseHere;
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
        if ('tree' in ready) return ready;
        if (ready.json === undefined) return undefined;
        return { tree: JSON.parse(ready.json), ...(ready.prepared ? { prepared: ready.prepared } : {}) };
      }
      if (!this.helper.alive || this.claim(index)) return undefined;
      const posted = Atomics.load(this.state, POSTED);
      const message = receiveMessageOnPort(this.port);
      if (message) {
        const result = message.message as ChunkResult;
        this.ready.set(result.chunk, result);
        silentMs = 0;
        continue;
      }
      // The helper is still on this chunk: rather than sleep, parse one further ahead here.
      const next = Atomics.load(this.state, NEXT);
      if (next < this.chunks.length && next - index < AHEAD_LIMIT && this.claim(next)) {
        this.ready.set(next, { tree: this.parseHere(this.chunks[next]!) });
        continue;
      }
      if (Atomics.wait(this.state, POSTED, posted, WAIT_SLICE_MS) === 'timed-out') {
        silentMs += WAIT_SLICE_MS;
        if (silentMs >= SILENT_HELPER_MS) this.helper.alive = false;
      }
    }
  }

  /** Claims `chunk` for this thread when it is the next unclaimed one. */
  private claim(chunk: number): boolean {
    return Atomics.compareExchange(this.state, NEXT, chunk, chunk + 1) === chunk;
  }

  close(): void {
    // Past the last chunk: the helper finds nothing left to claim and ends the job.
    Atomics.store(this.state, NEXT, 2 ** 31 - 1);
    Atomics.notify(this.state, LINTED);
    this.port.close();
  }
}

/** One file for the helper: its chunks, and where each chunk's DO statements are. */
export type ParseJobInput = Pick<ParseJobMessage, 'chunks' | 'doStatements'>;

/**
 * The helper thread, serving one file after another. Its start-up (about 100 ms: a new isolate and
 * the parser's WebAssembly) overlaps whatever this thread does meanwhile: loading modules and
 * reading the first file when the face starts it early, else parsing the first chunks itself. It
 * never keeps the process alive.
 */
export class ParseAheadThread {
  /** False once the helper failed or stopped answering: jobs are then parsed in this thread. */
  alive = true;
  private readonly worker: Worker;
  private readonly loaded: Promise<boolean>;

  /** `helperModule`: where parse-helper.ts is, as the face runs it (a source file or a bundle). */
  constructor(helperModule: string | URL) {
    this.worker = new Worker(helperModule);
    this.loaded = new Promise((resolve) => {
      this.worker.once('message', () => resolve(true));
      this.worker.once('error', () => {
        this.alive = false;
        resolve(false);
      });
    });
    this.worker.unref();
  }

  /** Resolves once the helper has loaded the parser (true) or failed (false). Jobs need not wait. */
  ready(): Promise<boolean> {
    return this.loaded;
  }

  /** Starts parsing a file's chunks (taken in order), or returns undefined once the helper is gone. */
  begin(job: ParseJobInput, parseHere: ParseHere): ParseAhead | undefined {
    return this.alive ? new ParseJob(this, this.worker, job, parseHere) : undefined;
  }

  stop(): Promise<number> {
    this.alive = false;
    return this.worker.terminate();
  }
}
