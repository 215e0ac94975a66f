/**
 * `faultline migrations lint` beside squawk (npm squawk-cli) on the two layouts migrations come in:
 * one big file, and a folder of many small files (the usual layout: one migration per change). Each
 * tool is one invocation per layout, timed end to end (process start to exit), the tools in turn
 * (run 1 of each, then run 2…) so a slow stretch of a shared machine falls on both; medians of RUNS.
 * Then a file whose every statement is a hazard (90,000 findings): memory must stay under the
 * target however many findings a run reports, as the output is streamed.
 *
 * Install the peer first: `npm install --no-save squawk-cli` (without it only our figures print).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasured } from '../test/support/peak-rss.ts';
import { generateMigration } from './generate-migration.ts';

const RUNS = 5;
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
}

function countJsonFindings(stdout: string): number {
  const report = JSON.parse(stdout) as { files: { findings: unknown[] }[] };
  return report.files.reduce((sum, file) => sum + file.findings.length, 0);
}

async function ours(paths: string[]): Promise<Run> {
  const run = await runMeasured(bin, ['migrations', 'lint', '--format', 'json', ...paths]);
  if (run.code !== 0 && run.code !== 1) throw new Error(`faultline exited ${run.code}: ${run.stderr}`);
  return { wallMs: run.wallMs, rssMiB: run.peakRssMiB, findings: countJsonFindings(run.stdout) };
}

function theirs(paths: string[]): Run {
  // GNU time reports squawk's peak RSS (%M, KiB) on stderr.
  const started = performance.now();
  const child = spawnSync(timeBinary, ['-f', '%M', squawk, '--reporter', 'json', ...paths], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (child.status !== 0 && child.status !== 1) throw new Error(`squawk failed (${child.status}): ${child.stderr}`);
  const rssKiB = Number(child.stderr.trim().split('\n').at(-1));
  return { wallMs, rssMiB: rssKiB / 1024, findings: (JSON.parse(child.stdout || '[]') as unknown[]).length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function compare(layout: string, paths: string[], statements: number): Promise<void> {
  const withPeer = existsSync(squawk) && existsSync(timeBinary);
  const mine: Run[] = [];
  const peer: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    mine.push(await ours(paths));
    if (withPeer) peer.push(theirs(paths));
  }
  const line = (name: string, runs: Run[]) =>
    `| ${name.padEnd(9)} | ${median(runs.map((r) => r.wallMs)).toFixed(0).padStart(9)} | ${Math.round((statements / median(runs.map((r) => r.wallMs))) * 1000).toLocaleString('en-US').padStart(9)} | ${Math.max(...runs.map((r) => r.rssMiB)).toFixed(0).padStart(12)} | ${String(runs[0]!.findings).padStart(8)} |`;
  console.log(`\n${layout}: ${statements.toLocaleString('en-US')} statements in ${paths.length.toLocaleString('en-US')} file(s); ${RUNS} runs each, interleaved`);
  console.log('| tool      | median ms | stmts/s   | peak RSS MiB | findings |');
  console.log('|-----------|-----------|-----------|--------------|----------|');
  console.log(line('faultline', mine));
  if (!withPeer) {
    console.log('squawk not installed (npm install --no-save squawk-cli) or no GNU time: no peer to compare with');
    return;
  }
  console.log(line('squawk', peer));
  const ratio = median(peer.map((r) => r.wallMs)) / median(mine.map((r) => r.wallMs));
  console.log(`faultline/squawk throughput, medians end to end: ${ratio.toFixed(2)}x (target >= 1.00x: ${ratio >= 1 ? 'ok' : 'SLOWER'})`);
}

/** The generated history cut at its table groups: one small migration per change, 4-9 statements each. */
function smallFiles(dir: string): { paths: string[]; statements: number } {
  const { sql, statements } = generateMigration(SMALL_STATEMENTS, 1_111);
  const groups = sql.split(/\n(?=\n-- app_table_)/);
  mkdirSync(dir);
  const paths = groups.map((group, i) => {
    const path = join(dir, `V${i + 1}__change_${i + 1}.sql`);
    writeFileSync(path, `${group.trim()}\n`);
    return path;
  });
  return { paths, statements };
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

const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-squawk-'));
try {
  const big = generateMigration(BIG_STATEMENTS);
  const bigFile = join(dir, 'V1__generated.sql');
  writeFileSync(bigFile, big.sql);
  await compare('one big file', [bigFile], big.statements);

  const small = smallFiles(join(dir, 'small'));
  await compare('many small files', small.paths, small.statements);

  const hazardFile = join(dir, 'V2__hazards.sql');
  writeFileSync(hazardFile, hazards(HAZARD_STATEMENTS));
  for (const format of ['json', 'sarif', 'text']) {
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
