/**
 * The parse-ahead thread (see parse-ahead.ts): loads the parser, then works through one file (a
 * job) at a time, claiming chunks from the shared counter and posting the parser's JSON text for
 * each. A string is the cheapest thing to copy between threads; the linting thread turns it into
 * objects. For the chunk's DO blocks it also runs the expansion the linting thread will run, and
 * sends the parser's answers for their bodies and the SQL inside them, which would otherwise be
 * parsed one small call at a time on the busier thread.
 */
import { parentPort } from 'node:worker_threads';
import { AHEAD_LIMIT, type ChunkResult, LINTED, NEXT, type ParseJobMessage, POSTED } from './parse-ahead-protocol.ts';
import { LineIndex } from './positions.ts';
import { loadParser, type PreparedParses, parseSqlJson, recordParses } from './sql-parser.ts';
import { parseHost } from './statements.ts';

function claim(state: Int32Array, chunks: number): number {
  for (;;) {
    const next = Atomics.load(state, NEXT);
    if (next >= chunks) return -1;
    const linted = Atomics.load(state, LINTED);
    if (next - linted >= AHEAD_LIMIT) {
      Atomics.wait(state, LINTED, linted, 1000);
      continue;
    }
    if (Atomics.compareExchange(state, NEXT, next, next + 1) === next) return next;
  }
}

/** Parser answers the expansion of these DO statements needs; failures are left to the other thread. */
function prepareDoBlocks(chunk: string, doStatements: [number, number][]): PreparedParses | undefined {
  if (doStatements.length === 0) return undefined;
  return recordParses(() => {
    for (const [start, end] of doStatements) {
      const sql = chunk.slice(start, end);
      try {
        parseHost({ text: sql, path: '', lines: new LineIndex(sql) }, { sql, toFile: (i) => i }, 0, []);
      } catch {
        // A DO statement that does not parse: the linting thread reports it.
      }
    }
  });
}

function runJob({ chunks, doStatements, shared, port }: ParseJobMessage): void {
  const state = new Int32Array(shared);
  for (let chunk = claim(state, chunks.length); chunk !== -1; chunk = claim(state, chunks.length)) {
    const result: ChunkResult = { chunk };
    try {
      result.json = parseSqlJson(chunks[chunk]!);
      const prepared = prepareDoBlocks(chunks[chunk]!, doStatements[chunk] ?? []);
      if (prepared) result.prepared = prepared;
    } catch {
      // The chunk does not parse: the linting thread parses it statement by statement.
    }
    port.postMessage(result);
    Atomics.add(state, POSTED, 1);
    Atomics.notify(state, POSTED);
  }
  port.close();
}

const jobs: ParseJobMessage[] = [];
let loaded = false;
parentPort?.on('message', (job: ParseJobMessage) => (loaded ? runJob(job) : jobs.push(job)));
// No top-level await: the action bundles this file as CommonJS.
void loadParser().then(() => {
  loaded = true;
  parentPort?.postMessage('ready');
  for (const job of jobs.splice(0)) runJob(job);
});
