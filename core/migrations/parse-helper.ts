/**
 * The parse-ahead thread (see parse-ahead.ts): loads the parser, then works through one file (a
 * job) at a time, claiming chunks from the shared counter and posting the parser's JSON text for
 * each. A string is the cheapest thing to copy between threads; the linting thread turns it into
 * objects. For the chunk's DO blocks it also runs the expansion the linting thread will run, and
 * sends the parser's answers for their bodies and the SQL inside them, which would otherwise be
 * parsed one small call at a time on the busier thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AHEAD_LIMIT, type ChunkResult, HELPER_GONE, HELPER_READY, LINTED, NEXT, type ParseJobMessage, POSTED } from './parse-ahead-protocol.ts';
import { LineIndex } from './positions.ts';
import { loadParser, type PreparedParses, parseSql, parseSqlJson, recordParses } from './sql-parser.ts';
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
  const answers: PreparedParses = new Map();
  for (const [start, end] of doStatements) {
    const sql = chunk.slice(start, end);
    try {
      // The DO statement itself the linting thread has in the chunk's tree: only what it runs is recorded.
      const tree = parseSql(sql);
      recordParses(() => parseHost({ text: sql, path: '', lines: new LineIndex(sql) }, { sql, toFile: (i) => i }, 0, [], tree), answers);
    } catch {
      // A DO statement that does not parse: the linting thread reports it.
    }
  }
  return answers;
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

const status = (workerData as { status?: SharedArrayBuffer } | undefined)?.status;
const setStatus = (value: number) => status && Atomics.store(new Int32Array(status), 0, value);

/** Runs a job; anything unexpected is said at once, so the linting thread parses the rest itself rather than wait. */
function serve(job: ParseJobMessage): void {
  try {
    runJob(job);
  } catch {
    setStatus(HELPER_GONE);
    const state = new Int32Array(job.shared);
    Atomics.add(state, POSTED, 1);
    Atomics.notify(state, POSTED);
    parentPort?.close();
  }
}

const jobs: ParseJobMessage[] = [];
let loaded = false;
parentPort?.on('message', (job: ParseJobMessage) => (loaded ? serve(job) : jobs.push(job)));

/**
 * A few statements of the kinds migrations are made of, parsed once while the linting thread is
 * still loading and splitting: the parser's WebAssembly is compiled function by function on first
 * use, and the first real chunk should not wait for that.
 */
const WARM_UP = `CREATE TABLE warm (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL DEFAULT 'x', at timestamptz DEFAULT now());
CREATE INDEX CONCURRENTLY warm_name ON warm (lower(name)) WHERE id > 0;
ALTER TABLE warm ADD COLUMN n numeric(12, 2), ADD CONSTRAINT warm_fk FOREIGN KEY (id) REFERENCES other (id) NOT VALID;
UPDATE warm SET name = 'y' WHERE id BETWEEN 1 AND 2; COMMENT ON TABLE warm IS 'w'; SET lock_timeout = '1s'; BEGIN; COMMIT;
DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class) THEN EXECUTE 'CREATE INDEX i ON warm (id)'; END IF; END$$;`;

function warmUp(): void {
  try {
    prepareDoBlocks(WARM_UP, [[WARM_UP.indexOf('DO $$'), WARM_UP.length]]);
    parseSqlJson(WARM_UP);
  } catch {
    // Only a warm-up.
  }
}

// No top-level await: the action bundles this file as CommonJS.
loadParser().then(
  () => {
    warmUp();
    loaded = true;
    setStatus(HELPER_READY);
    parentPort?.postMessage('ready');
    for (const job of jobs.splice(0)) serve(job);
  },
  () => {
    // Without a parser there is nothing to help with: the linting thread stops waiting at once.
    setStatus(HELPER_GONE);
    parentPort?.close();
  },
);
