/**
 * The floor under any migration linter built on PostgreSQL's parser in Node: start the process,
 * load libpg-query (its tiering set as the linter sets it), read each file and parse it into trees,
 * and nothing else: no rule, no report. migrations-vs-squawk.bench.ts times it beside both tools,
 * so a reader sees how much of faultline's time the parser alone takes, and how much is left for
 * the rules within squawk's time. `--threads 2` parses the second half of the files in a worker
 * thread, as the linter's parse-ahead helper would at best. Prints the number of statements parsed.
 *
 * Usage: node bench/parse-floor.ts [--threads 2] FILE...
 */
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseSync } from 'libpg-query';
import { splitStatements } from '../core/migrations/split.ts';
import { loadParser } from '../core/migrations/sql-parser.ts';

function statementsIn(tree: unknown): number {
  return (tree as { stmts?: unknown[] }).stmts?.length ?? 0;
}

async function parseFiles(paths: readonly string[]): Promise<number> {
  await loadParser();
  let statements = 0;
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    try {
      statements += statementsIn(parseSync(text));
    } catch {
      // A file the parser rejects is parsed statement by statement, as the linter does.
      for (const { start, end } of splitStatements(text).segments) {
        try {
          statements += statementsIn(parseSync(text.slice(start, end)));
        } catch {
          // Rejected: a syntax error, nothing more to parse.
        }
      }
    }
  }
  return statements;
}

if (isMainThread) {
  const args = process.argv.slice(2);
  const threads = args[0] === '--threads' ? Number(args[1]) : 1;
  const paths = threads === 1 ? args : args.slice(2);
  if (threads === 1) {
    console.log(await parseFiles(paths));
  } else {
    const half = Math.ceil(paths.length / 2);
    const worker = new Worker(new URL(import.meta.url), { workerData: paths.slice(half) });
    const theirs = new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const mine = await parseFiles(paths.slice(0, half));
    console.log(mine + (await theirs));
  }
} else {
  parentPort?.postMessage(await parseFiles(workerData as string[]));
}
