/**
 * CPU, memory and I/O pressure with stress-ng. stress-ng always gets `--timeout` equal to the TTL,
 * so the pressure ends even if nobody reverts. It runs detached in its own process group (its
 * workers join that group), which is what revert kills. Its log file name carries the fault id,
 * so the processes can be found again from the record written before inject.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '../errors.ts';
import { ArgumentReader, safeName } from './arguments.ts';
import { missingBinaryError } from './command.ts';
import { identify, listPids, type ProcessIdentity, readCmdline, readStat, signalProcess, sleep } from './proc.ts';
import type { FaultDriver, FaultPlan, UndoRecord } from './types.ts';

export interface StressParams {
  cpu?: number;
  cpuLoad?: number;
  vm?: number;
  vmBytes?: string;
  io?: number;
  hdd?: number;
  hddBytes?: string;
  ttlSeconds: number;
}

interface StressUndo {
  /** stress-ng's own pid, which is also its process group id. */
  process?: ProcessIdentity;
  /** Part of stress-ng's command line, unique to this fault. */
  logFile: string;
}

const ARGUMENTS = ['cpu', 'cpu-load', 'vm', 'vm-bytes', 'io', 'hdd', 'hdd-bytes', 'ttl'] as const;
const BYTES = /^\d+[bkmgt]?$|^\d{1,2}%$|^100%$/i;
/** How long stress-ng gets to reject its command line before we call it started. */
const STARTUP_MS = 300;

function validate(args: unknown): StressParams {
  const reader = new ArgumentReader('stress', args, ARGUMENTS);
  const bytesText = 'a size like "256m", "1g" or a percentage of memory like "50%"';
  const params: StressParams = {
    cpu: reader.integer('cpu', { min: 0, max: 1024 }),
    cpuLoad: reader.integer('cpu-load', { min: 1, max: 100 }),
    vm: reader.integer('vm', { min: 1, max: 256 }),
    vmBytes: reader.string('vm-bytes', { pattern: BYTES, patternText: bytesText }),
    io: reader.integer('io', { min: 1, max: 256 }),
    hdd: reader.integer('hdd', { min: 1, max: 256 }),
    hddBytes: reader.string('hdd-bytes', { pattern: BYTES, patternText: bytesText }),
    ttlSeconds: reader.seconds('ttl', { min: 1, max: 86_400, fallback: 60 }),
  };
  if (params.cpu === undefined && params.vm === undefined && params.io === undefined && params.hdd === undefined) {
    throw reader.error('cpu', 'or one of "vm", "io", "hdd" is required: say which pressure to apply and with how many workers');
  }
  if (params.cpuLoad !== undefined && params.cpu === undefined) throw reader.error('cpu-load', 'needs "cpu" (the number of CPU workers)');
  if (params.vmBytes !== undefined && params.vm === undefined) throw reader.error('vm-bytes', 'needs "vm" (the number of memory workers)');
  if (params.hddBytes !== undefined && params.hdd === undefined) throw reader.error('hdd-bytes', 'needs "hdd" (the number of disk workers)');
  return params;
}

export function stressArguments(params: StressParams, logFile: string): string[] {
  const args: string[] = [];
  if (params.cpu !== undefined) args.push('--cpu', String(params.cpu));
  if (params.cpuLoad !== undefined) args.push('--cpu-load', String(params.cpuLoad));
  if (params.vm !== undefined) args.push('--vm', String(params.vm));
  if (params.vmBytes !== undefined) args.push('--vm-bytes', params.vmBytes);
  if (params.io !== undefined) args.push('--io', String(params.io));
  if (params.hdd !== undefined) args.push('--hdd', String(params.hdd));
  if (params.hddBytes !== undefined) args.push('--hdd-bytes', params.hddBytes);
  return [...args, '--timeout', `${params.ttlSeconds}s`, '--temp-path', tmpdir(), '--log-file', logFile];
}

function describePressure(params: StressParams): string {
  const parts: string[] = [];
  if (params.cpu !== undefined) {
    parts.push(`${params.cpu === 0 ? 'one CPU worker per CPU' : `${params.cpu} CPU worker(s)`}${params.cpuLoad ? ` at ${params.cpuLoad}%` : ''}`);
  }
  if (params.vm !== undefined) parts.push(`${params.vm} memory worker(s)${params.vmBytes ? ` of ${params.vmBytes}` : ''}`);
  if (params.io !== undefined) parts.push(`${params.io} sync I/O worker(s)`);
  if (params.hdd !== undefined) parts.push(`${params.hdd} disk writer(s)${params.hddBytes ? ` of ${params.hddBytes}` : ''}`);
  return parts.join(', ');
}

function plan(params: StressParams): FaultPlan {
  return {
    driver: 'stress',
    action: `stress-ng: ${describePressure(params)}`,
    target: 'this machine (the runner)',
    ttlSeconds: params.ttlSeconds,
    undo: `kill stress-ng's process group; stress-ng stops by itself after ${params.ttlSeconds}s (--timeout)`,
  };
}

function logFileFor(faultId: string): string {
  return join(tmpdir(), `faultline-stress-${safeName(faultId, 80)}.log`);
}

/**
 * Every live process of this fault: the members of its process group. The group is the recorded
 * one, or (from the record written before inject) the group of whatever carries the log-file tag;
 * stress-ng renames its workers, so only the parent is found by command line.
 */
function faultGroups(record: StressUndo): Set<number> {
  const groups = new Set<number>();
  // A zombie leader still owns its group id, so compare start times rather than liveness here.
  const leader = record.process ? readStat(record.process.pid) : undefined;
  if (leader && leader.startTime === record.process!.startTime) groups.add(leader.pid);
  for (const pid of listPids()) {
    if (readCmdline(pid).includes(record.logFile)) groups.add(readStat(pid)?.pgrp ?? 0);
  }
  groups.delete(0);
  return groups;
}

/** Live members of the groups; stress-ng's I/O workers may sit in uninterruptible sleep a while. */
function groupMembers(groups: Set<number>): number[] {
  const members: number[] = [];
  for (const pid of listPids()) {
    const stat = readStat(pid);
    if (stat && stat.state !== 'Z' && groups.has(stat.pgrp)) members.push(pid);
  }
  return members;
}

function start(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('stress-ng', args, { detached: true, stdio: 'ignore' });
    child.once('error', (error) => {
      reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? missingBinaryError('stress-ng', error) : error);
    });
    child.once('spawn', () => {
      const timer = setTimeout(() => {
        child.removeAllListeners('exit');
        child.unref();
        resolve(child.pid!);
      }, STARTUP_MS);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(Object.assign(new Error(`exited at once (${signal ?? `exit ${code}`})`), { startupFailure: true }));
      });
    });
  });
}

function parseUndo(undo: UndoRecord): StressUndo {
  if (typeof undo.logFile !== 'string') {
    throw new FaultlineError('driver "stress": the undo record is damaged (expected "logFile")', { exitCode: 1 });
  }
  return undo as unknown as StressUndo;
}

export const stressDriver: FaultDriver<StressParams> = {
  name: 'stress',
  validate,
  plan,
  undoBeforeInject: (_params, context) => ({ logFile: logFileFor(context.faultId) }),
  async inject(params, context) {
    const logFile = logFileFor(context.faultId);
    const args = stressArguments(params, logFile);
    let pid: number;
    try {
      pid = await start(args);
    } catch (error) {
      if (!(error as { startupFailure?: boolean }).startupFailure) throw error;
      let log = '';
      try {
        log = readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' / ');
      } catch {
        // stress-ng failed before opening its log
      }
      rmSync(logFile, { force: true });
      throw new FaultlineError(`driver "stress": stress-ng ${args.join(' ')} ${(error as Error).message}${log ? `: ${log}` : ''}`, {
        hint: 'check the stressor arguments against `stress-ng --help` for the installed version',
        exitCode: 1,
      });
    }
    const identity = identify(pid) ?? { pid, startTime: '' };
    context.log(`stress: stress-ng (pid ${pid}) applies ${describePressure(params)} for ${params.ttlSeconds}s`);
    return { undo: { process: identity, logFile }, output: { pid, command: ['stress-ng', ...args] } };
  },
  async revert(undo, context) {
    const record = parseUndo(undo);
    // The groups are found once, before the kill: afterwards the tagged parent may be a zombie
    // with no command line left while a worker is still finishing a sync().
    const groups = faultGroups(record);
    const pids = groupMembers(groups);
    for (const group of groups) signalProcess(-group, 'SIGKILL');
    // SIGKILL is asynchronous: report done only when nothing of the fault is still running.
    for (let waited = 0; groupMembers(groups).length > 0; waited += 20) {
      if (waited > 10_000) {
        throw new FaultlineError(`driver "stress": stress-ng processes ${groupMembers(groups).join(', ')} survived SIGKILL for 10s`, { exitCode: 1 });
      }
      await sleep(20);
    }
    rmSync(record.logFile, { force: true });
    context.log(`stress: ${pids.length ? `killed stress-ng (${pids.join(', ')})` : 'stress-ng had already finished'}`);
  },
};
