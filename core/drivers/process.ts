/**
 * Process faults: kill with a signal, or freeze with SIGSTOP (undone with SIGCONT). Targets are
 * chosen by pid, pid file or a regular expression over /proc/PID/cmdline. More matches than
 * `max-targets` means the selector is wider than the author thought: refuse and touch nothing.
 * We never select ourselves, our ancestors (the runner) or pid 1.
 */
import { constants } from 'node:os';
import { readFileSync } from 'node:fs';
import { FaultlineError } from '../errors.ts';
import { ArgumentReader } from './arguments.ts';
import { GUARD_MARKER, startGuard, stopGuard, stopGuardsFor } from './guard.ts';
import {
  isSameProcess,
  listPids,
  type ProcessIdentity,
  readCmdline,
  readStat,
  selfAndAncestors,
  signalProcess,
} from './proc.ts';
import type { FaultDriver, FaultPlan, UndoRecord } from './types.ts';

export type ProcessSelector = { pid: number } | { pidFile: string } | { match: string };

export interface ProcessParams {
  action: 'kill' | 'stop';
  signal: NodeJS.Signals;
  selector: ProcessSelector;
  maxTargets: number;
  ttlSeconds: number;
}

interface Target extends ProcessIdentity {
  cmdline: string;
}

const NOT_UNDOABLE = 'not undoable; the supervisor restarts it';
const ARGUMENTS = ['action', 'signal', 'pid', 'pid-file', 'match', 'max-targets', 'ttl'] as const;
const SIGNALS = Object.keys(constants.signals) as NodeJS.Signals[];

function validate(args: unknown): ProcessParams {
  const reader = new ArgumentReader('process', args, ARGUMENTS);
  const action = reader.oneOf('action', ['kill', 'stop'] as const, 'kill');
  if (action === 'stop') reader.forbid(['signal'], 'with action "stop" (it always sends SIGSTOP, then SIGCONT)');
  const signal = reader.oneOf('signal', SIGNALS, 'SIGTERM');
  const which = reader.exactlyOne(['pid', 'pid-file', 'match'] as const);
  let selector: ProcessSelector;
  if (which === 'pid') selector = { pid: reader.integer('pid', { min: 2, max: 2 ** 22 })! };
  else if (which === 'pid-file') selector = { pidFile: reader.string('pid-file', { required: true }) };
  else {
    const match = reader.string('match', { required: true });
    try {
      new RegExp(match);
    } catch (error) {
      throw reader.error('match', `is not a valid regular expression: ${(error as Error).message}`);
    }
    selector = { match };
  }
  return {
    action,
    signal: action === 'stop' ? 'SIGSTOP' : signal,
    selector,
    maxTargets: reader.integer('max-targets', { min: 1, max: 1000, fallback: 1 }),
    ttlSeconds: action === 'stop' ? reader.seconds('ttl', { min: 1, max: 86_400, fallback: 60 }) : 0,
  };
}

function describeSelector(selector: ProcessSelector): string {
  if ('pid' in selector) return `pid ${selector.pid}`;
  if ('pidFile' in selector) return `the pid in ${selector.pidFile}`;
  return `processes whose command line matches /${selector.match}/`;
}

function plan(params: ProcessParams): FaultPlan {
  const stop = params.action === 'stop';
  return {
    driver: 'process',
    action: stop ? 'stop (SIGSTOP)' : `kill (${params.signal})`,
    target: describeSelector(params.selector),
    ttlSeconds: params.ttlSeconds,
    undo: stop
      ? `SIGCONT to the stopped processes; a detached guard sends it after ${params.ttlSeconds}s if nothing else does`
      : NOT_UNDOABLE,
    blastRadius: { limit: params.maxTargets, unit: 'targets' },
  };
}

function readPidFile(path: string): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FaultlineError(`driver "process": argument "pid-file" names ${path}, which cannot be read: ${(error as Error).message}`, {
      hint: 'point "pid-file" at the file the service writes its pid to',
      exitCode: 1,
    });
  }
  const pid = Number(text.trim().split(/\s+/)[0]);
  if (!Number.isInteger(pid) || pid < 1) {
    throw new FaultlineError(`driver "process": argument "pid-file" names ${path}, which holds no pid (expected a number, got ${JSON.stringify(text.trim().slice(0, 40))})`, {
      exitCode: 1,
    });
  }
  return pid;
}

/** Resolves the selector to live processes, never including ourselves, our ancestors or init. */
export function findTargets(selector: ProcessSelector, procRoot = '/proc'): Target[] {
  const excluded = selfAndAncestors(procRoot);
  const one = (pid: number): Target[] => {
    if (excluded.has(pid)) {
      throw new FaultlineError(`driver "process": refusing to signal pid ${pid}: it is pid 1, Faultline itself or one of its parents`, {
        exitCode: 2,
      });
    }
    const stat = readStat(pid, procRoot);
    if (!stat || stat.state === 'Z') return [];
    return [{ pid, startTime: stat.startTime, cmdline: readCmdline(pid, procRoot) }];
  };
  if ('pid' in selector) return one(selector.pid);
  if ('pidFile' in selector) return one(readPidFile(selector.pidFile));
  const pattern = new RegExp(selector.match);
  const targets: Target[] = [];
  for (const pid of listPids(procRoot)) {
    if (excluded.has(pid)) continue;
    const cmdline = readCmdline(pid, procRoot);
    if (!cmdline || cmdline.includes(GUARD_MARKER) || !pattern.test(cmdline)) continue;
    const stat = readStat(pid, procRoot);
    if (stat && stat.state !== 'Z') targets.push({ pid, startTime: stat.startTime, cmdline });
  }
  return targets;
}

function checkBlastRadius(params: ProcessParams, targets: Target[]): void {
  if (targets.length === 0) {
    throw new FaultlineError(`driver "process": no running process matches ${describeSelector(params.selector)}`, {
      hint: 'check the target is running before the method starts (a steady-state probe), and the selector',
      exitCode: 1,
    });
  }
  if (targets.length > params.maxTargets) {
    const listed = targets
      .slice(0, 5)
      .map((t) => `${t.pid} (${t.cmdline.slice(0, 60)})`)
      .join(', ');
    throw new FaultlineError(
      `driver "process": ${targets.length} processes match ${describeSelector(params.selector)} but "max-targets" is ${params.maxTargets}; nothing was touched. Matches: ${listed}${targets.length > 5 ? ', ...' : ''}`,
      { hint: 'narrow "match" (anchor it with ^ or add arguments) or raise "max-targets" deliberately', exitCode: 1 },
    );
  }
}

interface ProcessUndo {
  action: string;
  targets: ProcessIdentity[];
  guard?: ProcessIdentity;
  /** Only in the record written before inject: the targets are found again, stopped ones continued. */
  selector?: ProcessSelector;
}

function parseUndo(undo: UndoRecord): ProcessUndo {
  if (typeof undo.action !== 'string' || !Array.isArray(undo.targets)) {
    throw new FaultlineError('driver "process": the undo record is damaged (expected "action" and "targets")', { exitCode: 1 });
  }
  return undo as unknown as ProcessUndo;
}

/** Targets of a stop recorded before inject: whatever the selector finds that is stopped now. */
function stoppedTargets(selector: ProcessSelector): ProcessIdentity[] {
  try {
    return findTargets(selector)
      .filter((target) => readStat(target.pid)?.state === 'T')
      .map(({ pid, startTime }) => ({ pid, startTime }));
  } catch {
    return [];
  }
}

export const processDriver: FaultDriver<ProcessParams> = {
  name: 'process',
  validate,
  plan,
  undoBeforeInject: (params) =>
    params.action === 'kill'
      ? { action: 'kill', targets: [], reason: NOT_UNDOABLE }
      : { action: 'stop', targets: [], selector: params.selector },
  async inject(params, context) {
    const targets = findTargets(params.selector);
    checkBlastRadius(params, targets);
    const affected = targets.filter((target) => signalProcess(target.pid, params.signal));
    const output = { signal: params.signal, targets: affected.map(({ pid, cmdline }) => ({ pid, cmdline })) };
    context.log(`process: sent ${params.signal} to ${affected.map((t) => t.pid).join(', ') || 'nothing (targets exited)'}`);
    if (params.action === 'kill') {
      return { undo: { action: 'kill', targets: affected.map(({ pid, startTime }) => ({ pid, startTime })), reason: NOT_UNDOABLE }, output };
    }
    const identities = affected.map(({ pid, startTime }) => ({ pid, startTime }));
    const guard = startGuard(
      { delayMs: params.ttlSeconds * 1000, signals: identities.map((identity) => ({ ...identity, signal: 'SIGCONT' as const })) },
      context.faultId,
    );
    return { undo: { action: 'stop', targets: identities, guard }, output: { ...output, ttlGuardPid: guard.pid } };
  },
  async revert(undo, context) {
    const record = parseUndo(undo);
    if (record.action === 'kill') {
      context.log(`process: revert of a kill is a no-op (${NOT_UNDOABLE})`);
      return;
    }
    stopGuard(record.guard);
    stopGuardsFor(context.faultId);
    const targets = record.targets.length === 0 && record.selector ? stoppedTargets(record.selector) : record.targets;
    const continued = targets.filter((target) => isSameProcess(target) && signalProcess(target.pid, 'SIGCONT'));
    context.log(`process: sent SIGCONT to ${continued.map((t) => t.pid).join(', ') || 'nothing (targets gone)'}`);
  },
};

