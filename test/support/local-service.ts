/**
 * The demo HTTP service (examples/services/hello-service.mjs) in a child process on a free
 * loopback port, as a real steady-state target that faults can kill or freeze. stop() continues
 * and kills it, so nothing outlives the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVICE = new URL('../../examples/services/hello-service.mjs', import.meta.url).pathname;

export interface LocalService {
  url: string;
  port: number;
  pid: number;
  pidfile: string;
  child: ChildProcess;
  /** Process state letter from /proc (S, R, T for stopped...), or undefined once gone. */
  state(): string | undefined;
  stop(): Promise<void>;
}

export async function startLocalService(): Promise<LocalService> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-service-'));
  const pidfile = join(dir, 'service.pid');
  const child = spawn(process.execPath, [SERVICE, '0', '--pidfile', pidfile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`service exited early (${code})`)));
  });
  const { readFileSync } = await import('node:fs');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    pidfile,
    child,
    state() {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
        return state === 'Z' ? undefined : state;
      } catch {
        return undefined;
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
