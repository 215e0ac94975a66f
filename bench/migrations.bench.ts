/**
 * Migration linter throughput and memory on a generated, realistic 20,000-statement file, beside
 * squawk (npm squawk-cli) on the same file in the same run when it is installed.
 *
 * Each run is its own process: our linter reports its in-process lint time and its peak RSS
 * (process.resourceUsage().maxRSS); both tools are also timed end to end (process start to exit),
 * which is the fair comparison for a CLI. Best of RUNS for times, worst for memory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMigration } from './generate-migration.ts';

const STATEMENTS = 20_000;
const RUNS = 5;
const root = new URL('..', import.meta.url).pathname;
const squawk = join(root, 'node_modules/.bin/squawk');
const timeBinary = '/usr/bin/time';

interface Measured {
  wallMs: number;
  lintMs?: number;
  maxRssMiB?: number;
  findings?: number;
}

function ours(file: string): Measured {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bench/migrations-lint-child.ts'), file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`linter failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout) as { lintMs: number; statements: number; findings: number; maxRssKiB: number };
  if (result.statements !== STATEMENTS) throw new Error(`linter saw ${result.statements} statements, expected ${STATEMENTS}`);
  return { wallMs, lintMs: result.lintMs, maxRssMiB: result.maxRssKiB / 1024, findings: result.findings };
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

function best(runs: Measured[]): Measured {
  const min = (values: (number | undefined)[]) => Math.min(...values.filter((v): v is number => v !== undefined));
  const max = (values: (number | undefined)[]) => Math.max(...values.filter((v): v is number => v !== undefined));
  const lint = runs.map((r) => r.lintMs);
  const rss = runs.map((r) => r.maxRssMiB);
  return {
    wallMs: min(runs.map((r) => r.wallMs)),
    ...(lint.some((v) => v !== undefined) ? { lintMs: min(lint) } : {}),
    ...(rss.some((v) => v !== undefined) ? { maxRssMiB: max(rss) } : {}),
    findings: runs[0]!.findings,
  };
}

const perSecond = (ms: number | undefined) => (ms === undefined ? '—' : Math.round((STATEMENTS / ms) * 1000).toLocaleString('en-US'));
const fixed = (value: number | undefined, digits = 0) => (value === undefined ? '—' : value.toFixed(digits));

const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
try {
  const { sql, statements } = generateMigration(STATEMENTS);
  const file = join(dir, 'V1__generated.sql');
  writeFileSync(file, sql);
  console.log(`file: ${statements.toLocaleString('en-US')} statements, ${(Buffer.byteLength(sql) / 1024 / 1024).toFixed(1)} MiB; best of ${RUNS} runs`);

  const rows: [string, Measured][] = [['faultline', best(Array.from({ length: RUNS }, () => ours(file)))]];
  if (existsSync(squawk)) rows.push(['squawk', best(Array.from({ length: RUNS }, () => theirs(file)))]);
  else console.log('squawk not installed (npm squawk-cli): no peer to compare with');

  const header = ['tool', 'end-to-end ms', 'stmts/s end-to-end', 'lint ms', 'stmts/s lint', 'peak RSS MiB', 'findings'];
  const table = rows.map(([tool, m]) => [tool, fixed(m.wallMs), perSecond(m.wallMs), fixed(m.lintMs), perSecond(m.lintMs), fixed(m.maxRssMiB), String(m.findings ?? '—')]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table) console.log(line(row));

  const ourRun = rows[0]![1];
  const peer = rows.find(([tool]) => tool === 'squawk')?.[1];
  if (peer) {
    console.log(`throughput ratio faultline/squawk, end to end: ${(peer.wallMs / ourRun.wallMs).toFixed(2)}x`);
  }
  console.log(`peak RSS ${fixed(ourRun.maxRssMiB)} MiB (target < 300 MiB): ${ourRun.maxRssMiB !== undefined && ourRun.maxRssMiB < 300 ? 'ok' : 'OVER'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
