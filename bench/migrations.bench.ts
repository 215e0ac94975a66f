/**
 * Migration linter throughput and memory on a generated, realistic 20,000-statement file, through
 * every face users run (the CLI, the built action, the engine in-process), beside squawk (npm
 * squawk-cli) on the same file in the same run when it is installed; then a 100,000-statement file
 * for memory (it must stay bounded).
 *
 * Every run is its own process, timed end to end (process start to exit: the fair comparison for a
 * CLI). Peak RSS comes from each Node process itself (a preloaded reporter, see
 * test/support/peak-rss.ts) and from GNU time for squawk. Best of RUNS for times, worst for memory.
 * bin/faultline keeps Node's compile cache, so its first run is slower than the best one shown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { runMeasured } from '../test/support/peak-rss.ts';
import { generateMigration } from './generate-migration.ts';

const STATEMENTS = 20_000;
const LARGE_STATEMENTS = 100_000;
const RUNS = 7;
const RSS_TARGET_MIB = 300;
const CAPPED_OLD_SPACE_MIB = 64;
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/faultline');
const actionDist = join(root, 'actions/migration-gate/dist/index.js');
const squawk = join(root, 'node_modules/.bin/squawk');
const timeBinary = '/usr/bin/time';

interface Measured {
  wallMs: number;
  /** Median wall time over the runs (best-of runs report wallMs as the best). */
  medianMs?: number;
  /** In-process lint time (the engine alone, parser loaded), when the face reports it. */
  lintMs?: number;
  maxRssMiB?: number;
  findings?: number;
}

function countJsonFindings(stdout: string): number {
  const report = JSON.parse(stdout) as { files: { findings: unknown[] }[] };
  return report.files.reduce((sum, file) => sum + file.findings.length, 0);
}

async function cli(file: string): Promise<Measured> {
  const run = await runMeasured(bin, ['migrations', 'lint', '--format', 'json', file]);
  // Exit 1: error findings, as expected on this file.
  if (run.code !== 1) throw new Error(`faultline exited ${run.code}: ${run.stderr}`);
  return { wallMs: run.wallMs, maxRssMiB: run.peakRssMiB, findings: countJsonFindings(run.stdout) };
}

/** The action with the file's folder as its workspace (`paths` are globs relative to it). */
async function action(file: string): Promise<Measured> {
  const dir = dirname(file);
  const outputFile = join(dir, 'github-output');
  writeFileSync(outputFile, '');
  const run = await runMeasured(process.execPath, [actionDist], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_EVENT_NAME: 'push',
      INPUT_PATHS: basename(file),
      'INPUT_CHANGED-ONLY': 'false',
      'INPUT_FAIL-ON': 'never',
      'INPUT_SARIF-FILE': '',
      INPUT_CONFIG: '.github/faultline.yml',
    },
  });
  if (run.code !== 0) throw new Error(`the action exited ${run.code}: ${run.stdout}${run.stderr}`);
  const output = readFileSync(outputFile, 'utf8');
  const count = (name: string) => Number(new RegExp(`^${name}<<.+\\n(\\d+)$`, 'm').exec(output)?.[1]);
  return { wallMs: run.wallMs, maxRssMiB: run.peakRssMiB, findings: count('errors') + count('warnings') };
}

async function inProcess(file: string, statements: number, nodeFlags: string[] = []): Promise<Measured> {
  const child = join(root, 'bench/migrations-lint-child.ts');
  const run = await runMeasured(process.execPath, [...nodeFlags, '--disable-warning=ExperimentalWarning', child, file]);
  if (run.code !== 0) throw new Error(`linter failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { lintMs: number; statements: number; findings: number };
  if (result.statements !== statements) throw new Error(`linter saw ${result.statements} statements, expected ${statements}`);
  return { wallMs: run.wallMs, lintMs: result.lintMs, maxRssMiB: run.peakRssMiB, findings: result.findings };
}

function theirs(file: string): Measured {
  // GNU time reports squawk's peak RSS (%M, KiB) on stderr; the JSON reporter keeps output cheap.
  const withTime = existsSync(timeBinary);
  const command = withTime ? timeBinary : squawk;
  const args = [...(withTime ? ['-f', '%M', squawk] : []), '--reporter', 'json', file];
  const started = performance.now();
  const child = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  // squawk exits 1 when it reports issues.
  if (child.status !== 0 && child.status !== 1) throw new Error(`squawk failed (${child.status}): ${child.stderr}`);
  const rssKiB = withTime ? Number(child.stderr.trim().split('\n').at(-1)) : Number.NaN;
  const findings = (JSON.parse(child.stdout || '[]') as unknown[]).length;
  return { wallMs, maxRssMiB: Number.isFinite(rssKiB) ? rssKiB / 1024 : undefined, findings };
}

/**
 * Each face measured `runs` times, the faces in turn (run 1 of every face, then run 2…), so that a
 * slow stretch of a shared machine falls on all of them alike: best and median wall time, best
 * lint time, largest peak RSS.
 */
async function measureInTurn(runs: number, faces: [string, () => Measured | Promise<Measured>][]): Promise<[string, Measured][]> {
  const all = faces.map((): Measured[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, [, measure]] of faces.entries()) all[index]!.push(await measure());
  }
  const defined = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);
  return faces.map(([name], index) => {
    const runsOfFace = all[index]!;
    const walls = runsOfFace.map((r) => r.wallMs).sort((a, b) => a - b);
    const lint = defined(runsOfFace.map((r) => r.lintMs));
    const rss = defined(runsOfFace.map((r) => r.maxRssMiB));
    const measured: Measured = {
      wallMs: walls[0]!,
      medianMs: walls[Math.floor(walls.length / 2)]!,
      ...(lint.length > 0 ? { lintMs: Math.min(...lint) } : {}),
      ...(rss.length > 0 ? { maxRssMiB: Math.max(...rss) } : {}),
      findings: runsOfFace[0]!.findings,
    };
    return [name, measured];
  });
}

const fixed = (value: number | undefined, digits = 0) => (value === undefined ? '—' : value.toFixed(digits));

function printTable(statements: number, rows: [string, Measured][]): void {
  const perSecond = (ms: number | undefined) => (ms === undefined ? '—' : Math.round((statements / ms) * 1000).toLocaleString('en-US'));
  const header = ['face', 'end-to-end ms', 'median ms', 'stmts/s end-to-end', 'lint ms', 'stmts/s lint', 'peak RSS MiB', 'findings'];
  const table = rows.map(([name, m]) => [
    name,
    fixed(m.wallMs),
    fixed(m.medianMs),
    perSecond(m.wallMs),
    fixed(m.lintMs),
    perSecond(m.lintMs),
    fixed(m.maxRssMiB),
    String(m.findings ?? '—'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table) console.log(line(row));
}

const verdict = (rss: number | undefined) => (rss !== undefined && rss < RSS_TARGET_MIB ? 'ok' : 'OVER');

const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
try {
  const { sql, statements } = generateMigration(STATEMENTS);
  const file = join(dir, 'V1__generated.sql');
  writeFileSync(file, sql);
  console.log(`file: ${statements.toLocaleString('en-US')} statements, ${(Buffer.byteLength(sql) / 1024 / 1024).toFixed(1)} MiB; ${RUNS} runs of each, in turn`);

  const faces: [string, () => Measured | Promise<Measured>][] = [
    ['faultline migrations lint (CLI)', () => cli(file)],
    ['migration-gate action (dist)', () => action(file)],
    ['engine in-process (lintFiles)', () => inProcess(file, STATEMENTS)],
  ];
  if (existsSync(squawk)) faces.push(['squawk --reporter json', () => theirs(file)]);
  else console.log('squawk not installed (npm squawk-cli): no peer to compare with');
  const rows = await measureInTurn(RUNS, faces);
  printTable(STATEMENTS, rows);

  const peer = rows.find(([name]) => name.startsWith('squawk'))?.[1];
  if (peer) {
    for (const [name, m] of rows.slice(0, 2)) {
      const median = peer.medianMs && m.medianMs ? `, median ${(peer.medianMs / m.medianMs).toFixed(2)}x` : '';
      console.log(`throughput ratio ${name}/squawk, end to end: best ${(peer.wallMs / m.wallMs).toFixed(2)}x${median}`);
    }
    // squawk is a native binary that starts in about a millisecond, so its end-to-end time is its lint time.
    const engine = rows.find(([name]) => name.startsWith('engine'))?.[1];
    if (engine?.lintMs) console.log(`lint throughput ratio engine/squawk (Node start-up and module loading excluded): ${(peer.wallMs / engine.lintMs).toFixed(2)}x`);
  }
  for (const [name, m] of rows.slice(0, 3)) console.log(`peak RSS ${name}: ${fixed(m.maxRssMiB)} MiB (target < ${RSS_TARGET_MIB} MiB): ${verdict(m.maxRssMiB)}`);

  // Bounded memory: five times the statements must not need five times the memory.
  const large = generateMigration(LARGE_STATEMENTS);
  const largeFile = join(dir, 'V2__generated_large.sql');
  writeFileSync(largeFile, large.sql);
  console.log(
    `\nfile: ${large.statements.toLocaleString('en-US')} statements, ${(Buffer.byteLength(large.sql) / 1024 / 1024).toFixed(1)} MiB; one run each (memory)`,
  );
  const largeRows: [string, Measured][] = [
    ['faultline migrations lint (CLI)', await cli(largeFile)],
    ['engine in-process (lintFiles)', await inProcess(largeFile, large.statements)],
    // What the linter keeps alive is small; the RSS above is V8 collecting lazily while memory is
    // plentiful. With the heap capped it finishes all the same: the memory it needs is bounded.
    [`engine, heap capped at ${CAPPED_OLD_SPACE_MIB} MiB`, await inProcess(largeFile, large.statements, [`--max-old-space-size=${CAPPED_OLD_SPACE_MIB}`])],
  ];
  const largePeer = existsSync(squawk) ? theirs(largeFile) : undefined;
  if (largePeer) largeRows.push(['squawk --reporter json', largePeer]);
  printTable(large.statements, largeRows);
  if (largePeer) console.log(`throughput ratio CLI/squawk, end to end, start-up amortised: ${(largePeer.wallMs / largeRows[0]![1].wallMs).toFixed(2)}x`);
  // The 300 MB target is the 20,000-statement file's; here the point is that memory is bounded:
  // the heap-capped run finishes, so what the linter keeps alive does not grow with the file.
  for (const [name, m] of largeRows.slice(0, 3)) console.log(`peak RSS ${name}: ${fixed(m.maxRssMiB)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
