/**
 * Security gate throughput and memory on a generated 50 MB `snyk test --all-projects --json`
 * (the real single-project fixture's vulnerabilities, repeated over many projects with distinct
 * ids): findings per second for parsing, and for the whole gate (parse, fingerprints, baseline
 * comparison), in-process and through `faultline scan`; peak RSS of each run's process. Medians
 * of RUNS; times on a shared machine are noisy.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasured } from '../test/support/peak-rss.ts';

const TARGET_BYTES = 50 * 1024 * 1024;
const RUNS = 3;
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/faultline');
const child = join(root, 'bench/security-parse-child.ts');

function generate(path: string): { projects: number; paths: number } {
  const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/scanners/snyk/snyk-test-json-npm-single-project.json'), 'utf8')) as Record<string, unknown> & {
    vulnerabilities: Record<string, unknown>[];
  };
  const { vulnerabilities, ...project } = fixture;
  const one = JSON.stringify(fixture, null, 2).length;
  const projects = Math.ceil(TARGET_BYTES / one);
  const out: unknown[] = [];
  for (let p = 0; p < projects; p++) {
    // Each project its own lock file; ids varied so findings are distinct problems, as in a monorepo.
    out.push({
      ...project,
      displayTargetFile: `services/svc-${p}/package-lock.json`,
      vulnerabilities: vulnerabilities.map((v, i) => ({ ...v, id: `${String(v.id)}-${p % 97}-${i % 3}`, version: `${String(v.version)}-${p}` })),
    });
  }
  writeFileSync(path, JSON.stringify(out, null, 2));
  return { projects, paths: projects * vulnerabilities.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'faultline-security-bench-'));
try {
  const file = join(dir, 'snyk-all-projects.json');
  const { projects, paths } = generate(file);
  const mib = statSync(file).size / 1024 / 1024;
  console.log(`snyk --all-projects JSON: ${mib.toFixed(1)} MiB, ${projects} projects, ${paths} vulnerable paths`);

  const inProcess: { jsonMs: number; parseMs: number; totalMs: number; rss: number; findings: number; raw: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runMeasured(process.execPath, ['--disable-warning=ExperimentalWarning', child, file]);
    if (run.code !== 0) throw new Error(`child exited ${run.code}: ${run.stderr}`);
    const m = JSON.parse(run.stdout) as { readMs: number; jsonParseMs: number; parseMs: number; evaluateMs: number; raw: number; findings: number };
    inProcess.push({ jsonMs: m.jsonParseMs, parseMs: m.readMs + m.parseMs, totalMs: m.readMs + m.parseMs + m.evaluateMs, rss: run.peakRssMiB, findings: m.findings, raw: m.raw });
  }
  const findings = inProcess[0]!.findings;
  const parseMs = median(inProcess.map((r) => r.parseMs));
  const totalMs = median(inProcess.map((r) => r.totalMs));
  console.log(`of which JSON.parse alone: median ${median(inProcess.map((r) => r.jsonMs)).toFixed(0)} ms (the floor for any reader of this file)`);
  console.log(`engine: ${findings} findings (from ${paths} paths); read+parse median ${parseMs.toFixed(0)} ms = ${Math.round(findings / (parseMs / 1000))} findings/s (${(mib / (parseMs / 1000)).toFixed(1)} MiB/s); whole gate median ${totalMs.toFixed(0)} ms = ${Math.round(findings / (totalMs / 1000))} findings/s; peak RSS median ${median(inProcess.map((r) => r.rss)).toFixed(0)} MiB, max ${Math.max(...inProcess.map((r) => r.rss)).toFixed(0)} MiB`);

  // The CLI end to end, writing the result file (the next run's baseline), then judged against it.
  const cliRuns: { ms: number; rss: number }[] = [];
  const baseline = join(dir, 'baseline.json');
  for (let i = 0; i < RUNS; i++) {
    const run = await runMeasured(bin, ['scan', '--snyk', file, '--format', 'json', '--output', baseline]);
    if (run.code !== 1) throw new Error(`faultline scan exited ${run.code}: ${run.stderr}`);
    cliRuns.push({ ms: run.wallMs, rss: run.peakRssMiB });
  }
  const withBaseline: { ms: number; rss: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runMeasured(bin, ['scan', '--snyk', file, '--baseline', baseline, '--format', 'sarif', '--output', join(dir, 'out.sarif')]);
    if (run.code !== 0) throw new Error(`faultline scan with baseline exited ${run.code}: ${run.stderr}`);
    withBaseline.push({ ms: run.wallMs, rss: run.peakRssMiB });
  }
  console.log(`faultline scan --format json (process start to exit): median ${median(cliRuns.map((r) => r.ms)).toFixed(0)} ms, peak RSS max ${Math.max(...cliRuns.map((r) => r.rss)).toFixed(0)} MiB`);
  console.log(`faultline scan --baseline --format sarif: median ${median(withBaseline.map((r) => r.ms)).toFixed(0)} ms, peak RSS max ${Math.max(...withBaseline.map((r) => r.rss)).toFixed(0)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
