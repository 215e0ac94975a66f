/**
 * The app as operators run it: `bin/faultline app` in a child process on a free loopback port,
 * configured only through its environment. Used by the end-to-end tests and the app benchmark;
 * stop() ends the process (and a crashed test kills it on exit), so nothing outlives the run.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const CLI = new URL('../../bin/faultline', import.meta.url).pathname;

export interface AppProcess {
  url: string;
  pid: number;
  /** What the process wrote (Probot's pino logs and our CLI lines), for failure messages. */
  output(): string;
  /**
   * Resolves once no event handler is running. A delivery answered `202 still processing` (after
   * 9 s) has a handler still at work; its effects are complete only when this resolves.
   */
  idle(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5 s); resolves with how the process ended. */
  stop(graceMs?: number): Promise<ProcessEnd>;
}

export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Handlers running now, from the app's own /metrics. */
export async function handlersInFlight(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^faultline_app_handlers_in_flight (\d+)/m.exec(text);
  if (!match) throw new Error(`${url}/metrics has no faultline_app_handlers_in_flight`);
  return Number(match[1]);
}

export interface AppProcessEnv {
  APP_ID: string;
  PRIVATE_KEY: string;
  WEBHOOK_SECRET: string;
  GHE_HOST?: string;
  GHE_PROTOCOL?: string;
  PROMETHEUS_URL?: string;
  LOG_LEVEL?: string;
}

function exited(child: ChildProcess): Promise<ProcessEnd> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

export async function startAppProcess(env: AppProcessEnv, readyTimeoutMs = 30_000): Promise<AppProcess> {
  // Only what the app needs: a variable of the test runner's must not change its behaviour.
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn' };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) childEnv[name] = value;
  const child = spawn(CLI, ['app', '--port', '0', '--host', '127.0.0.1'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (graceMs = 5000) => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const end = await exited(child);
      clearTimeout(timer);
      return end;
    }
    return exited(child);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`faultline app did not listen within ${readyTimeoutMs} ms:\n${output}`)), readyTimeoutMs);
      const look = () => {
        const match = /faultline app listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stderr!.on('data', look);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`faultline app exited (${code ?? signal}) before listening:\n${output}`));
      });
    });
    const idle = async (timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      while ((await handlersInFlight(url)) > 0) {
        if (Date.now() > deadline) throw new Error(`handlers still running after ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    return { url, pid: child.pid!, output: () => output, idle, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
