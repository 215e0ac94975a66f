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

/** Slots of the shared Int32Array. */
const NEXT = 0; // the next chunk nobody has claimed yet
const LINTED = 1; // chunks this thread has taken (the helper's back-pressure)
const POSTED = 2; // results the helper has posted (what this thread sleeps on)
const SLOTS = 3;

const AHEAD_LIMIT = 4;
// Waits are short and repeated; a helper silent for this long is taken for dead.
const WAIT_SLICE_MS = 250;
const SILENT_HELPER_MS = 5_000;

interface ChunkResult {
  chunk: number;
  /** The parser's JSON, or undefined when the chunk did not parse (this thread redoes it). */
  json?: string;
}

/**
 * The helper's code, run with `eval` so that it needs no file of its own next to a bundle. It loads
 * the parser once, then works through one file (a job) at a time. It returns the parser's JSON text
 * as it is: the helper's own copy of `JSON.parse` is bypassed during the call, because a parse tree
 * can only cross threads as a copy, and a string is the cheapest thing to copy.
 */
const HELPER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const [NEXT, LINTED, POSTED, AHEAD_LIMIT] = [${NEXT}, ${LINTED}, ${POSTED}, ${AHEAD_LIMIT}];
function runJob(parser, { chunks, shared, port }) {
  const state = new Int32Array(shared);
  const claim = () => {
    for (;;) {
      const next = Atomics.load(state, NEXT);
      if (next >= chunks.length) return -1;
      const linted = Atomics.load(state, LINTED);
      if (next - linted >= AHEAD_LIMIT) {
        Atomics.wait(state, LINTED, linted, 1000);
        continue;
      }
      if (Atomics.compareExchange(state, NEXT, next, next + 1) === next) return next;
    }
  };
  const realParse = JSON.parse;
  for (let chunk = claim(); chunk !== -1; chunk = claim()) {
    let json;
    JSON.parse = (text) => text;
    try {
      json = parser.parseSync(chunks[chunk]);
    } catch {
      json = undefined;
    } finally {
      JSON.parse = realParse;
    }
    port.postMessage({ chunk, json });
    Atomics.add(state, POSTED, 1);
    Atomics.notify(state, POSTED);
  }
  port.close();
}
const jobs = [];
let parser;
parentPort.on('message', (job) => (parser ? runJob(parser, job) : jobs.push(job)));
import(workerData.parserUrl).then(async (loaded) => {
  await loaded.loadModule();
  parser = loaded;
  parentPort.postMessage('ready');
  for (const job of jobs.splice(0)) runJob(parser, job);
});
`;

export interface ParseAhead {
  /**
   * The parse tree of chunk `index` (taken in order 0, 1, 2…), or undefined when the caller must
   * parse it itself.
   */
  take(index: number): unknown;
  /** Ends the job; call when done with the file, also after an error. */
  close(): void;
}

/** Parses one chunk in this thread: its tree, or undefined when it does not parse. */
export type ParseHere = (sql: string) => unknown;

type Ready = { json: string | undefined } | { tree: unknown };

/** One file's chunks, shared between this thread and the helper. */
class ParseJob implements ParseAhead {
  private readonly state: Int32Array;
  private readonly port: MessagePort;
  private readonly helper: ParseAheadThread;
  private readonly chunks: readonly string[];
  private readonly parseHere: ParseHere;
  private readonly ready = new Map<number, Ready>();

  constructor(helper: ParseAheadThread, worker: Worker, chunks: readonly string[], parseHere: ParseHere) {
    this.helper = helper;
    this.chunks = chunks;
    this.parseHere = parseHere;
    this.state = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    worker.postMessage({ chunks, shared: this.state.buffer, port: port2 }, [port2]);
  }

  take(index: number): unknown {
    Atomics.store(this.state, LINTED, index);
    Atomics.notify(this.state, LINTED);
    let silentMs = 0;
    for (;;) {
      const ready = this.ready.get(index);
      if (ready) {
        this.ready.delete(index);
        if ('tree' in ready) return ready.tree;
        return ready.json === undefined ? undefined : JSON.parse(ready.json);
      }
      if (!this.helper.alive || this.claim(index)) return undefined;
      const posted = Atomics.load(this.state, POSTED);
      const message = receiveMessageOnPort(this.port);
      if (message) {
        const result = message.message as ChunkResult;
        this.ready.set(result.chunk, { json: result.json });
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

/**
 * The helper thread, serving one file after another. Its start-up (about 100 ms: a new isolate and
 * the parser's WebAssembly) overlaps this thread parsing the first chunks itself. It never keeps
 * the process alive.
 */
export class ParseAheadThread {
  /** False once the helper failed or stopped answering: jobs are then parsed in this thread. */
  alive = true;
  private readonly worker: Worker;
  private readonly loaded: Promise<boolean>;

  constructor(parserUrl: string) {
    this.worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { parserUrl } });
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

  /** Starts parsing `chunks` (SQL text, taken in order), or returns undefined once the helper is gone. */
  begin(chunks: readonly string[], parseHere: ParseHere): ParseAhead | undefined {
    return this.alive ? new ParseJob(this, this.worker, chunks, parseHere) : undefined;
  }

  stop(): Promise<number> {
    this.alive = false;
    return this.worker.terminate();
  }
}
