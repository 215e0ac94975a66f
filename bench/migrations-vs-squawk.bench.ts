/**
 * `faultline migrations lint` beside squawk (npm squawk-cli) on the layouts migrations come in:
 *   (a) the real corpus (bench/corpus/SOURCES.md: 11 public projects, fetched, not in the repository)
 *       as its many small files; (a) and (b) are left out when it is not there,
 *   (b) the same corpus concatenated into one big file,
 *   (c) the broad generated mix (generate-mix.ts): 20,000 statements of every kind the rules know,
 *   (d) the narrow generated history cut into one small file per change,
 *   (e) the narrow generated history as one big file (the figure earlier reports used).
 * Each tool is one invocation per layout with every path, timed end to end (process start to exit),
 * the tools in turn (faultline, squawk, faultline, squawk…) so a slow stretch of a shared machine falls
 * on both; medians of RUNS. The "parse only" rows (parse-floor.ts) are a Node process that only
 * parses the same files with libpg-query, as faultline does, on one thread and (for many files) on
 * two, and runs no rule: the floor under any linter's time with this parser. Statements are counted once, outside the timing, by PostgreSQL's parser
 * (libpg-query), or by our splitter for a file it rejects. Then a file whose every statement is a
 * hazard (45,000 findings): memory must stay under the target however many findings a run reports.
 *
 * Install the peer first: `npm install --no-save squawk-cli` (without it only our figures print).
 * BENCH_RUNS=n changes the number of runs (default 5); BENCH_LAYOUTS=ac runs only those layouts
 * (letters as above, h for the hazard file's memory).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { splitStatements } from '../core/migrations/split.ts';
import { corpusDir, findCorpusFiles } from '../test/support/migration-corpus.ts';
import { runMeasured } from '../test/support/peak-rss.ts';
import { generateMigration } from './generate-migration.ts';
import { generateMix } from './generate-mix.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LAYOUTS = process.env.BENCH_LAYOUTS ?? 'abcdeh';
const wanted = (letter: string) => LAYOUTS.includes(letter);
const BIG_STATEMENTS = 20_000;
const SMALL_STATEMENTS = 6_000;
const HAZARD_STATEMENTS = 45_000;
const RSS_TARGET_MIB = 300;
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/faultline');
const squawk = join(root, 'node_modules/.bin/squawk');
const timeBinary = '/usr/bin/time';

interface Run {
  wallMs: number;
  rssMiB: number;
  findings: number;
  /** Files the tool reported a syntax error in. */
  parseErrorFiles: number;
}

interface Layout {
  /** Its letter in the list above (and in BENCH_LAYOUTS). */
  id: string;
  name: string;
  /** The corpus's paths are relative to the repository root (the tools run there: shorter command lines). */
  paths: string[];
  statements: number;
}

async function ours(paths: string[]): Promise<Run> {
  const run = await runMeasured(bin, ['migrations', 'lint', '--format', 'json', ...paths], { cwd: root });
  if (run.code !== 0 && run.code !== 1) throw new Error(`faultline exited ${run.code}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { files: { findings: { rule: string }[] }[] };
  return {
    wallMs: run.wallMs,
    rssMiB: run.peakRssMiB,
    findings: report.files.reduce((sum, file) => sum + file.findings.length, 0),
    parseErrorFiles: report.files.filter((file) => file.findings.some((f) => f.rule === 'syntax-error')).length,
  };
}

const floorScript = join(root, 'bench/parse-floor.ts');

// bin/faultline's compile cache: the floor, too, starts without stripping types from its modules again.
const compileCache = join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/tmp', '.cache'), 'faultline/node-compile-cache');

/** parse-floor.ts on `threads` threads, under the flags bin/faultline gives the linter. */
async function parseOnly(paths: string[], threads: number): Promise<Run> {
  const args = ['--max-semi-space-size=16', '--disable-warning=ExperimentalWarning', floorScript, ...(threads > 1 ? ['--threads', String(threads)] : []), ...paths];
  const run = await runMeasured(process.execPath, args, { cwd: root, env: { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? compileCache } });
  if (run.code !== 0) throw new Error(`parse-floor.ts exited ${run.code}: ${run.stderr}`);
  return { wallMs: run.wallMs, rssMiB: run.peakRssMiB, findings: 0, parseErrorFiles: 0 };
}

function theirs(paths: string[]): Run {
  // GNU time reports squawk's peak RSS (%M, KiB) on stderr.
  const started = performance.now();
  const child = spawnSync(timeBinary, ['-f', '%M', squawk, '--reporter', 'json', ...paths], { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (child.status !== 0 && child.status !== 1) throw new Error(`squawk failed (${child.status}): ${child.stderr.slice(-2000)}`);
  const rssKiB = Number(child.stderr.trim().split('\n').at(-1));
  const findings = JSON.parse(child.stdout || '[]') as { file: string; rule_name: string }[];
  return {
    wallMs,
    rssMiB: rssKiB / 1024,
    findings: findings.length,
    parseErrorFiles: new Set(findings.filter((f) => f.rule_name === 'syntax-error').map((f) => f.file)).size,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function row(name: string, runs: Run[], statements: number): string {
  const wall = median(runs.map((r) => r.wallMs));
  const cells = [
    name.padEnd(11),
    wall.toFixed(0).padStart(9),
    Math.round((statements / wall) * 1000).toLocaleString('en-US').padStart(9),
    median(runs.map((r) => r.rssMiB)).toFixed(0).padStart(12),
    String(median(runs.map((r) => r.findings))).padStart(8),
    String(median(runs.map((r) => r.parseErrorFiles))).padStart(17),
  ];
  return `| ${cells.join(' | ')} |`;
}

async function compare(layout: Layout): Promise<void> {
  if (!wanted(layout.id)) return;
  const withPeer = existsSync(squawk) && existsSync(timeBinary);
  const mine: Run[] = [];
  const peer: Run[] = [];
  const floor: Run[] = [];
  const floor2: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    mine.push(await ours(layout.paths));
    if (withPeer) peer.push(theirs(layout.paths));
    floor.push(await parseOnly(layout.paths, 1));
    if (layout.paths.length > 1) floor2.push(await parseOnly(layout.paths, 2));
  }
  console.log(
    `\n(${layout.id}) ${layout.name}: ${layout.statements.toLocaleString('en-US')} statements in ${layout.paths.length.toLocaleString('en-US')} file(s); ${RUNS} runs each, interleaved`,
  );
  console.log('| tool        | median ms | stmts/s   | peak RSS MiB | findings | files w/ syntax err |');
  console.log('|-------------|-----------|-----------|--------------|----------|---------------------|');
  console.log(row('faultline', mine, layout.statements));
  if (withPeer) console.log(row('squawk', peer, layout.statements));
  console.log(row('parse only', floor, layout.statements));
  if (floor2.length > 0) console.log(row('parse, 2 th', floor2, layout.statements));
  const ms = (runs: Run[]) => median(runs.map((r) => r.wallMs));
  // The faster of one and two threads: the least any linter on this parser could take.
  const least = floor2.length > 0 && ms(floor2) < ms(floor) ? floor2 : floor;
  if (!withPeer) {
    console.log('squawk not installed (npm install --no-save squawk-cli) or no GNU time: no peer to compare with');
    return;
  }
  const ratio = ms(peer) / ms(mine);
  const rss = median(mine.map((r) => r.rssMiB));
  console.log(
    `faultline/squawk throughput, medians end to end: ${ratio.toFixed(2)}x (target >= 1.00x: ${ratio >= 1 ? 'ok' : 'SLOWER'}); ` +
      `faultline peak RSS ${rss.toFixed(0)} MiB (target < ${RSS_TARGET_MIB}: ${rss < RSS_TARGET_MIB ? 'ok' : 'OVER'}); ` +
      `parsing alone takes ${Math.round((ms(least) / ms(peer)) * 100)}% of squawk's time and ${Math.round((ms(least) / ms(mine)) * 100)}% of faultline's`,
  );
}

/** Top-level statements in a text: PostgreSQL's parser's count, or our splitter's where it rejects the text. */
function countStatements(text: string): number {
  try {
    return (parseSync(text) as { stmts?: unknown[] }).stmts?.length ?? 0;
  } catch {
    return splitStatements(text).segments.length;
  }
}

function writeFile(path: string, text: string): Layout['paths'] {
  writeFileSync(path, text);
  return [path];
}

/** Every corpus file after the other, each ended with a semicolon so no statement runs into the next file. */
function concatenate(paths: string[]): string {
  return paths
    .map((path) => {
      const text = readFileSync(join(root, path), 'utf8').trimEnd();
      return `-- ${path}\n${text}${text === '' || text.endsWith(';') ? '' : '\n;'}\n`;
    })
    .join('\n');
}

/** The generated history cut at its table groups: one small migration per change, 4-9 statements each. */
function smallFiles(dir: string): Layout {
  const { sql, statements } = generateMigration(SMALL_STATEMENTS, 1_111);
  const groups = sql.split(/\n(?=\n-- app_table_)/);
  mkdirSync(dir);
  const paths = groups.map((group, i) => {
    const path = join(dir, `V${i + 1}__change_${i + 1}.sql`);
    writeFileSync(path, `${group.trim()}\n`);
    return path;
  });
  return { id: 'd', name: 'generated history, many small files', paths, statements };
}

/** Every statement a hazard with a long safe rewrite: the most output a file of this size can produce. */
function hazards(statements: number): string {
  const lines: string[] = [];
  for (let i = 0; i < statements; i++) {
    if (i % 3 === 0) lines.push(`ALTER TABLE accounts ALTER COLUMN c${i} TYPE text USING c${i}::text;`);
    else if (i % 3 === 1) lines.push(`CREATE INDEX i${i} ON orders (a${i});`);
    else lines.push(`ALTER TABLE users ALTER COLUMN d${i} SET NOT NULL;`);
  }
  return `${lines.join('\n')}\n`;
}

console.log('Timings are of a shared machine: compare the two tools within one run, not across runs.');
await loadModule();
const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-squawk-'));
try {
  const corpus = findCorpusFiles().map((path) => relative(root, path));
  if (corpus.length === 0) {
    console.log(`\n(a), (b): no real corpus at ${corpusDir}; bench/corpus/SOURCES.md says how to fetch it`);
  } else {
    const corpusStatements = corpus.reduce((sum, path) => sum + countStatements(readFileSync(join(root, path), 'utf8')), 0);
    await compare({ id: 'a', name: 'real corpus, many small files', paths: corpus, statements: corpusStatements });
    const joined = concatenate(corpus);
    await compare({ id: 'b', name: 'real corpus, one big file', paths: writeFile(join(dir, 'V1__corpus.sql'), joined), statements: countStatements(joined) });
  }

  const mix = generateMix(BIG_STATEMENTS);
  await compare({ id: 'c', name: 'broad generated mix, one big file', paths: writeFile(join(dir, 'V2__mix.sql'), mix.sql), statements: mix.statements });

  await compare(smallFiles(join(dir, 'small')));

  const narrow = generateMigration(BIG_STATEMENTS);
  await compare({ id: 'e', name: 'generated history, one big file', paths: writeFile(join(dir, 'V3__generated.sql'), narrow.sql), statements: narrow.statements });

  const hazardFile = join(dir, 'V4__hazards.sql');
  writeFileSync(hazardFile, hazards(HAZARD_STATEMENTS));
  for (const format of wanted('h') ? ['json', 'sarif', 'text'] : []) {
    const run = await runMeasured(bin, ['migrations', 'lint', '--format', format, hazardFile]);
    if (run.code !== 1) throw new Error(`faultline exited ${run.code}: ${run.stderr}`);
    const verdict = run.peakRssMiB < RSS_TARGET_MIB ? 'ok' : 'OVER';
    console.log(
      `${HAZARD_STATEMENTS.toLocaleString('en-US')} hazardous statements, --format ${format}: ${(run.stdout.length / 1024 / 1024).toFixed(0)} MiB of output, peak RSS ${run.peakRssMiB.toFixed(0)} MiB (target < ${RSS_TARGET_MIB}: ${verdict}), ${(run.wallMs / 1000).toFixed(1)} s`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
