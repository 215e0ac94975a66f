/**
 * Runs snyk, checkov and tflint from PATH when the gate is asked to, and reads their outputs.
 * Each tool's exit codes are read as documented, telling "found problems" apart from "failed":
 *
 *   snyk test:  0 no vulnerabilities, 1 vulnerabilities found, 2 failure, 3 no supported project
 *   checkov:    0 no failed check, 1 failed checks (or a crash: then no report file is written)
 *   tflint:     0 no issues, 1 errors occurred, 2 issues found
 *
 * A tool that is missing, exits with its error code, times out or leaves no readable output is a
 * scan error (verdict error) with the reason — never an empty, passing scan. Commands are run
 * without a shell, with fixed arguments, in the workspace.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PathContext } from './paths.ts';
import { type KnownTool, readReportText } from './read-report.ts';
import type { ScanError, ToolReport } from './types.ts';

export interface ToolProcess {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not start (ENOENT: not on PATH). */
  spawnError?: NodeJS.ErrnoException;
  timedOut?: boolean;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export type Spawner = (command: string, args: readonly string[], options: SpawnOptions) => Promise<ToolProcess>;

export const spawnTool: Spawner = (command, args, options) =>
  new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout: '', stderr: '', spawnError: error });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ...(timedOut ? { timedOut } : {}) });
    });
  });

interface ToolSpec {
  args(outDir: string): string[];
  /** Exit codes of a completed scan (with or without findings). */
  completed: number[];
  /** What the other documented codes mean. */
  errors: Record<number, string>;
  /** Where the report is: a file in outDir, or stdout. */
  output(outDir: string, process: ToolProcess): { text?: string; where: string };
  setup: string;
  requiredEnv?: string;
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export const TOOL_SPECS: Record<KnownTool, ToolSpec> = {
  snyk: {
    args: (dir) => ['test', '--all-projects', `--json-file-output=${join(dir, 'snyk.json')}`],
    completed: [0, 1],
    errors: { 2: 'snyk failed (exit 2); re-run with -d for its debug log', 3: 'snyk found no supported project to test (exit 3)' },
    output: (dir) => ({ text: readIfExists(join(dir, 'snyk.json')), where: '--json-file-output' }),
    setup: 'install the Snyk CLI (npm install -g snyk, or snyk/actions/setup) and pass SNYK_TOKEN from a secret',
    requiredEnv: 'SNYK_TOKEN',
  },
  checkov: {
    args: (dir) => ['--directory', '.', '--output', 'json', '--output-file-path', dir],
    completed: [0, 1],
    errors: {},
    output: (dir) => ({ text: readIfExists(join(dir, 'results_json.json')), where: 'results_json.json' }),
    setup: 'install checkov (pip install checkov, e.g. after actions/setup-python)',
  },
  tflint: {
    args: () => ['--recursive', '--format', 'json'],
    completed: [0, 2],
    errors: { 1: 'tflint reported errors (exit 1)' },
    output: (_dir, process) => ({ text: process.stdout, where: 'stdout' }),
    setup: 'install tflint (terraform-linters/setup-tflint) and run tflint --init for its plugins',
  },
};

export interface RunToolOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  context: PathContext;
  timeoutMs?: number;
  spawner?: Spawner;
}

export interface ToolRunOutcome {
  reports: ToolReport[];
  errors: ScanError[];
  /** The tool's version from `<tool> --version`, when it printed one. */
  version?: string;
  exitCode?: number | null;
}

function tail(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return lines.slice(-5).join('\n');
}

async function versionOf(tool: KnownTool, options: RunToolOptions, spawner: Spawner): Promise<string | undefined> {
  const run = await spawner(tool, ['--version'], { cwd: options.cwd, env: options.env, timeoutMs: 30_000 });
  if (run.spawnError || run.code !== 0) return undefined;
  return /\d+\.\d+\.\d+[\w.+-]*/.exec(run.stdout)?.[0];
}

export async function runTool(tool: KnownTool, options: RunToolOptions): Promise<ToolRunOutcome> {
  const spec = TOOL_SPECS[tool];
  const spawner = options.spawner ?? spawnTool;
  const fail = (message: string, exitCode?: number | null): ToolRunOutcome => ({ reports: [], errors: [{ tool, message, code: 'tool-run' }], ...(exitCode !== undefined ? { exitCode } : {}) });
  if (spec.requiredEnv && !options.env[spec.requiredEnv]) {
    return fail(`${tool} was asked to run but ${spec.requiredEnv} is not set; ${spec.setup}`);
  }
  const dir = mkdtempSync(join(tmpdir(), `faultline-${tool}-`));
  try {
    const run = await spawner(tool, spec.args(dir), { cwd: options.cwd, env: options.env, timeoutMs: options.timeoutMs ?? 30 * 60_000 });
    if (run.spawnError) {
      const missing = run.spawnError.code === 'ENOENT';
      return fail(missing ? `${tool} was asked to run but is not installed or not on PATH; ${spec.setup}` : `${tool} could not start: ${run.spawnError.message}`);
    }
    if (run.timedOut) {
      const seconds = (options.timeoutMs ?? 0) / 1000;
      return fail(`${tool} did not finish within ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s and was stopped`, run.code);
    }
    if (run.code === null) return fail(`${tool} was killed by ${run.signal ?? 'a signal'}`, null);
    const version = await versionOf(tool, options, spawner);
    const output = spec.output(dir, run);
    const detail = tail(run.stderr) || tail(run.stdout);
    const parse = (): ToolReport[] => readReportText(output.text ?? '', `run:${tool}`, options.context, tool).map((r) => ({ ...r, ...(version && !r.version ? { version } : {}) }));
    if (!spec.completed.includes(run.code)) {
      const meaning = spec.errors[run.code] ?? `${tool} exited with ${run.code}, which is not one of its "scan completed" codes (${spec.completed.join(', ')})`;
      // tflint still prints its errors as JSON: they say better than the exit code what went wrong.
      let reported: ScanError[] = [];
      try {
        reported = output.text ? parse().flatMap((r) => r.errors) : [];
      } catch {
        // not a report: the stderr tail below says what happened
      }
      const errors: ScanError[] = [{ tool, message: `${meaning}${detail ? `:\n${detail}` : ''}`, code: `exit-${run.code}` }, ...reported];
      return { reports: [], errors, exitCode: run.code, ...(version ? { version } : {}) };
    }
    if (!output.text || output.text.trim() === '') {
      return { ...fail(`${tool} exited with ${run.code} but wrote no report (${output.where})${detail ? `:\n${detail}` : ''}`, run.code), ...(version ? { version } : {}) };
    }
    try {
      return { reports: parse(), errors: [], exitCode: run.code, ...(version ? { version } : {}) };
    } catch (error) {
      return fail(`${tool} exited with ${run.code} but its report could not be read: ${(error as Error).message}`, run.code);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
