/**
 * Runs a command and reports the peak RSS of the Node processes it starts, however they are
 * started (a script, the action's dist/index.js): each reports its own through a preloaded module.
 * GNU time is not needed, so this works on any runner.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPORTER = new URL('./peak-rss-reporter.mjs', import.meta.url).pathname;

export interface MeasuredRun {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** The largest peak RSS among the command's Node processes, in MiB. */
  peakRssMiB: number;
}

export interface MeasuredRunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export function runMeasured(command: string, args: readonly string[], options: MeasuredRunOptions = {}): Promise<MeasuredRun> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-rss-'));
  const rssFile = join(dir, 'peak-rss');
  const env = { ...(options.env ?? process.env) };
  env.NODE_OPTIONS = [env.NODE_OPTIONS, `--import=${REPORTER}`].filter(Boolean).join(' ');
  env.FAULTLINE_PEAK_RSS_FILE = rssFile;
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      rmSync(dir, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      try {
        const reports = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n') : [];
        if (reports.length === 0) throw new Error(`${command} started no Node process that reported its memory:\n${stderr}`);
        const peakKiB = Math.max(...reports.map((line) => Number(line.split(' ')[1])));
        resolve({ code: code ?? -1, stdout, stderr, wallMs, peakRssMiB: peakKiB / 1024 });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
