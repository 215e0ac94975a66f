/**
 * Child processes a drill starts (the fault command, the load): each in its own process group so
 * that stopping it stops whatever it started too, and each listed in an optional file while it
 * runs, so that a later process (the action's post: step) can end what a killed drill left.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from './types.ts';

const OUTPUT_TAIL = 4000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last few KB of stdout and stderr together. */
  output: string;
  error?: string;
}

export interface RunningProcess {
  pid: number | undefined;
  exited: Promise<Exit>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<Exit>;
  readonly done: boolean;
}

/** Where a drill lists its running children; one JSON file of {pid, what}. */
export class ProcessList {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  read(): { pid: number; what: string }[] {
    if (!existsSync(this.path)) return [];
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as { pid: number; what: string }[];
    } catch {
      return [];
    }
  }

  private write(entries: { pid: number; what: string }[]): void {
    if (entries.length === 0) {
      rmSync(this.path, { force: true });
      return;
    }
    writeFileSync(`${this.path}.tmp`, JSON.stringify(entries));
    renameSync(`${this.path}.tmp`, this.path);
  }

  add(pid: number, what: string): void {
    this.write([...this.read().filter((e) => e.pid !== pid), { pid, what }]);
  }

  remove(pid: number): void {
    this.write(this.read().filter((e) => e.pid !== pid));
  }
}

export function startProcess(command: Command, options: { cwd: string; env: NodeJS.ProcessEnv; what: string; list?: ProcessList }): RunningProcess {
  const [file, ...args] = command.argv;
  let output = '';
  let done = false;
  const child: ChildProcess = spawn(file!, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (child.pid !== undefined) options.list?.add(child.pid, options.what);
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error) => {
      done = true;
      resolve({ code: null, signal: null, output, error: `cannot start ${file}: ${error.message}` });
    });
    // 'exit', not 'close': a daemon the command left holding its stdout must not hold the drill.
    child.once('exit', (code, signal) => {
      done = true;
      if (child.pid !== undefined) options.list?.remove(child.pid);
      resolve({ code, signal, output });
    });
  });
  return {
    pid: child.pid,
    exited,
    get done() {
      return done;
    },
    async stop(graceMs = 3000) {
      if (!done && child.pid !== undefined) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs);
        const exit = await exited;
        clearTimeout(timer);
        // The leader is gone; anything it started in its group follows it.
        killGroup(child.pid, 'SIGKILL');
        return exit;
      }
      return exited;
    },
  };
}

export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Ends every process group a list still names (the post: step, after a killed drill). */
export function stopLeftovers(list: ProcessList): string[] {
  const ended: string[] = [];
  for (const entry of list.read()) {
    if (killGroup(entry.pid, 'SIGKILL')) ended.push(`${entry.what} (pid ${entry.pid})`);
    list.remove(entry.pid);
  }
  return ended;
}
