/**
 * What the local drivers need to know about processes, read from Linux's /proc. A process is
 * identified by pid AND start time: a pid recorded in an undo record may have been reused by an
 * unrelated process by the time the revert runs, and we must never signal that one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { FaultlineError } from '../errors.ts';

export interface ProcessInfo {
  pid: number;
  /** One-letter state from /proc/PID/stat: R, S, D, T (stopped), Z... */
  state: string;
  ppid: number;
  pgrp: number;
  /** Start time in clock ticks since boot (field 22): with the pid, a unique identity. */
  startTime: string;
}

export interface ProcessIdentity {
  pid: number;
  startTime: string;
}

export function readStat(pid: number, procRoot = '/proc'): ProcessInfo | undefined {
  let text: string;
  try {
    text = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  return {
    pid,
    state: fields[0] ?? '?',
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
    startTime: fields[19] ?? '',
  };
}

/** Command line with arguments joined by spaces; empty for kernel threads. */
export function readCmdline(pid: number, procRoot = '/proc'): string {
  try {
    return readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

export function readEnviron(pid: number, procRoot = '/proc'): string[] {
  try {
    return readFileSync(`${procRoot}/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

export function listPids(procRoot = '/proc'): number[] {
  return readdirSync(procRoot)
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** True when the pid still belongs to the process we recorded (not exited, not reused). */
export function isSameProcess(identity: ProcessIdentity, procRoot = '/proc'): boolean {
  const stat = readStat(identity.pid, procRoot);
  return stat !== undefined && stat.startTime === identity.startTime && stat.state !== 'Z';
}

export function identify(pid: number, procRoot = '/proc'): ProcessIdentity | undefined {
  const stat = readStat(pid, procRoot);
  return stat ? { pid, startTime: stat.startTime } : undefined;
}

/** Our own pid and every ancestor up to init: signalling any of them would kill the runner. */
export function selfAndAncestors(procRoot = '/proc'): Set<number> {
  const protectedPids = new Set<number>([1, process.pid]);
  let pid = process.ppid;
  while (pid > 1 && !protectedPids.has(pid)) {
    protectedPids.add(pid);
    pid = readStat(pid, procRoot)?.ppid ?? 0;
  }
  return protectedPids;
}

/** Sends a signal; false when the process is already gone (a revert after the fact is fine). */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return false;
    if (code === 'EPERM') {
      throw new FaultlineError(`not permitted to send ${signal} to pid ${Math.abs(pid)}: it belongs to another user`, {
        hint: 'run Faultline as the user that owns the target process, or as root (sudo)',
        exitCode: 1,
        cause: error,
      });
    }
    throw error;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
