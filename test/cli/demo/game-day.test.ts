/**
 * `bin/faultline demo` as a user runs it: the whole game day once, on the real local targets
 * (PostgreSQL primary and standby, Prometheus, Ceph RGW when installed), and the promise that
 * nothing outlives it — no server process and no temp dir, after a normal run, a failed step and
 * Ctrl-C. Each run gets a TMPDIR of its own: every temp dir the demo makes (and every server's data
 * and config) lives under it, so "left behind" is exact: the folder must be empty afterwards, and
 * no process may have its command line or working directory in it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingCephPrograms } from '../../../cli/demo/support/ceph-rgw.ts';

const BIN = new URL('../../../bin/faultline', import.meta.url).pathname;

interface DemoRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

let scratch: string[] = [];

/** A TMPDIR of its own; the PostgreSQL user (not root) must be able to reach its servers' dirs inside. */
function ownTmpdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-demo-test-'));
  chmodSync(dir, 0o755);
  scratch.push(dir);
  return dir;
}

function demo(args: string[], tmp: string, env: NodeJS.ProcessEnv = {}): DemoRun {
  const child = spawn(BIN, ['demo', ...args], { cwd: tmp, env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Processes whose command line or working directory is inside `dir` (servers started there). */
function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        // not ours to read
      }
      if (cmdline.includes(dir) || cwd.startsWith(dir)) found.push(`${pid}: ${cmdline.slice(0, 200)} (cwd ${cwd})`);
    } catch {
      // gone while we looked
    }
  }
  return found;
}

/** Left in the TMPDIR besides `keep` (the report folder the test asked for). */
function leftIn(dir: string, keep: string[] = []): string[] {
  return readdirSync(dir).filter((name) => !keep.includes(name));
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterEach(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  scratch = [];
});

describe('bin/faultline demo: the local game day', () => {
  it('runs every part as designed, writes the PR comment as Markdown and HTML, and leaves nothing behind', async () => {
    const tmp = ownTmpdir();
    const run = demo(['--out', 'report'], tmp);
    const code = await run.exited;
    const out = run.stdout();
    if (code !== 0) throw new Error(`exit ${code}\n--- stdout\n${out.slice(-6000)}\n--- stderr\n${run.stderr().slice(-4000)}`);
    for (const part of ['migrations', 'chaos', 'slo', 'canary', 'failover', 'evidence', 'report']) expect(out).toMatch(new RegExp(`✓ ${part}: as designed — \\d+\\.\\d s`));
    expect(out).toContain('Demo complete: every part ran as designed in');
    // The failover drill was measured against its objectives, and the orders service lost nothing.
    expect(out).toMatch(/orders database failover: met \(RTO [\d.]+ s \/ 20 s met, RPO 0 s \/ 1 s met\)/);
    const orders = /Orders service: (\d+) orders acknowledged, \d+ refused during the outage, .*; (\d+) of (\d+) are on the promoted standby\./.exec(out);
    expect(orders).not.toBeNull();
    expect(orders![2]).toBe(orders![1]);
    // Evidence: verified locally; on S3 under COMPLIANCE with the deletion refused, or skipped saying why.
    expect(out).toMatch(/✓ verified \S+\/evidence\/game-day: \d+ file\(s\), \d+ bytes, signature verified/);
    if (missingCephPrograms().length === 0) expect(out).toContain('✓ refused: AccessDenied (HTTP 403)');
    else expect(out).toContain('S3 Object Lock step skipped: Ceph RGW is not installed');
    // The app's check runs and comment, on the terminal and in the files.
    expect(out).toMatch(/✗ faultline\/migrations +failure +1 of 1 failed/);
    expect(out).toContain('│ ## Faultline — resilience report for');
    const markdown = readFileSync(join(tmp, 'report', 'pull-request.md'), 'utf8');
    expect(markdown).toContain('<!-- faultline:pull-request-comment -->');
    expect(markdown).toContain('### ❌ `faultline/chaos`');
    expect(markdown).toContain('| The demo service answers again after its process is killed | ✅ pass | 100.0 | n/a |');
    expect(markdown).toContain('```mermaid\ntimeline');
    const html = readFileSync(join(tmp, 'report', 'pull-request.html'), 'utf8');
    expect(html).toContain('<pre class="mermaid">timeline');
    expect(html).not.toMatch(/<script[^>]+src=/);
    // Nothing left: no server, no temp dir (only the report the test asked for).
    expect(processesIn(tmp)).toEqual([]);
    expect(leftIn(tmp, ['report'])).toEqual([]);
  }, 240_000);

  it('stops everything it started when a step fails (the failover cannot promote the standby)', async () => {
    const tmp = ownTmpdir();
    // A psql that fails: the drill's fault (stop the primary, promote the standby) cannot finish.
    const bin = join(tmp, 'fake-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'psql'), '#!/bin/sh\necho "psql: not today" >&2\nexit 1\n', { mode: 0o755 });
    const run = demo(['--only', 'failover'], tmp, { PATH: `${bin}:${process.env.PATH}` });
    expect(await run.exited).toBe(1);
    expect(run.stdout()).toMatch(/✗ failover: NOT as designed \(exit \d\)/);
    expect(run.stdout()).toContain('everything it started was stopped');
    expect(processesIn(tmp)).toEqual([]);
    expect(leftIn(tmp, ['fake-bin'])).toEqual([]);
  }, 120_000);

  it('on Ctrl-C while the targets are still starting, stops them all and exits 130', async () => {
    const tmp = ownTmpdir();
    const run = demo(['--only', 'migrations', '--only', 'failover', '--only', 'evidence'], tmp);
    await until('the background start', () => run.stdout().includes('Starting in the background'), 60_000);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toContain('faultline demo: SIGINT — ending the current step, then stopping everything the demo started');
    expect(run.stdout()).toContain('Demo interrupted after');
    expect(processesIn(tmp)).toEqual([]);
    expect(leftIn(tmp)).toEqual([]);
  }, 120_000);

  it('on Ctrl-C in the middle of the failover drill, ends the drill, stops the databases and exits 130', async () => {
    const tmp = ownTmpdir();
    const run = demo(['--only', 'failover'], tmp);
    await until('the drill', () => run.stderr().includes('faultline failover: drill "orders database failover"'), 90_000);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stdout()).toContain('✗ failover: interrupted');
    expect(processesIn(tmp)).toEqual([]);
    expect(leftIn(tmp)).toEqual([]);
    expect(existsSync(tmp)).toBe(true);
  }, 120_000);
});
