/**
 * Process probe: is a process alive? By pid, pid file, or a regular expression over command lines
 * (read from /proc, so it sees what `ps` sees). A stopped (SIGSTOP) process is alive but not
 * running; `running: true` counts it as down, which is what a service's users feel.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { FaultlineError } from '../errors.ts';
import { asArgs, optionalBoolean, optionalNumber, optionalString, rejectUnknown } from './arguments.ts';
import type { Probe } from './types.ts';

export interface ProcessProbeArgs {
  pid?: number;
  pidfile?: string;
  match?: RegExp;
  running: boolean;
}

/** Process state letter from /proc/<pid>/stat (R, S, D, T, Z...), or undefined when gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

function matchingPids(pattern: RegExp): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cmdline && pattern.test(cmdline)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked; it simply does not match.
    }
  }
  return pids;
}

function pidsFor(args: ProcessProbeArgs): number[] {
  if (args.pid !== undefined) return [args.pid];
  if (args.pidfile !== undefined) {
    let text: string;
    try {
      text = readFileSync(args.pidfile, 'utf8').trim();
    } catch {
      return [];
    }
    return /^\d+$/.test(text) ? [Number(text)] : [];
  }
  return matchingPids(args.match!);
}

export const processProbe: Probe<ProcessProbeArgs> = {
  kind: 'process',
  tolerances: ['boolean', 'probe'],
  validate(raw) {
    const args = asArgs(raw, 'process');
    rejectUnknown(args, 'process', ['pid', 'pidfile', 'match', 'running']);
    const pid = optionalNumber(args, 'pid', 'process', { min: 1, integer: true });
    const pidfile = optionalString(args, 'pidfile', 'process');
    const match = optionalString(args, 'match', 'process');
    const given = [pid, pidfile, match].filter((v) => v !== undefined).length;
    if (given !== 1) {
      throw new FaultlineError('probe process: give exactly one of "pid", "pidfile" or "match"');
    }
    let pattern: RegExp | undefined;
    if (match !== undefined) {
      try {
        pattern = new RegExp(match);
      } catch (error) {
        throw new FaultlineError(`probe process: argument "match" is not a valid regular expression: ${(error as Error).message}`);
      }
    }
    return { pid, pidfile, match: pattern, running: optionalBoolean(args, 'running', 'process') ?? false };
  },
  describe: (args) =>
    `process ${args.pid !== undefined ? `pid ${args.pid}` : args.pidfile !== undefined ? `from ${args.pidfile}` : `matching /${args.match!.source}/`} is ${args.running ? 'running' : 'alive'}`,
  async run(args) {
    const processes = pidsFor(args)
      .map((pid) => ({ pid, state: processState(pid) }))
      .filter((p) => p.state !== undefined && p.state !== 'Z' && p.state !== 'X');
    const alive = processes.some((p) => !args.running || p.state !== 'T');
    return { ok: alive, value: alive, alive, processes };
  },
};
