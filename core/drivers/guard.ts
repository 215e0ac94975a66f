/**
 * A detached "dead man's switch" for local faults whose backend has no time-to-live of its own
 * (SIGSTOP, iptables rules, tc qdiscs). It is a tiny Node process in its own session that sleeps
 * for the TTL and then undoes the fault, so the fault ends even if the runner, the engine and its
 * watchdog all die. A normal revert kills the guard first; the guard's own undo is idempotent.
 * Commands are argument arrays run with execFileSync: no shell, as everywhere in the drivers.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { identify, isSameProcess, listPids, type ProcessIdentity, signalProcess } from './proc.ts';

export interface GuardPlan {
  delayMs: number;
  /** Signals to send, only to processes whose start time still matches. */
  signals?: Array<ProcessIdentity & { signal: NodeJS.Signals }>;
  /** Commands to run, each `[file, ...args]`; failures are ignored (the fault may be gone). */
  commands?: string[][];
}

const GUARD_SCRIPT = `
const plan = JSON.parse(process.argv[process.argv.length - 1]);
const { readFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const startOf = (pid) => { try { const t = readFileSync('/proc/' + pid + '/stat', 'utf8'); return t.slice(t.lastIndexOf(')') + 2).split(' ')[19]; } catch { return undefined; } };
setTimeout(() => {
  for (const s of plan.signals ?? []) { if (startOf(s.pid) === s.startTime) { try { process.kill(s.pid, s.signal); } catch {} } }
  for (const [file, ...args] of plan.commands ?? []) { try { execFileSync(file, args, { stdio: 'ignore', timeout: 30000 }); } catch {} }
}, plan.delayMs);
`;

/** Marker in the guard's command line so an operator can spot it in `ps`. */
export const GUARD_MARKER = 'faultline-ttl-guard';

/** The argument that ties a guard to its fault, so a revert can find it without its pid. */
const faultTag = (faultId: string) => `fault=${faultId}`;

/**
 * The GitHub Actions runner ends a job by killing every process whose environment carries the
 * job's RUNNER_TRACKING_ID ("Cleaning up orphan processes"). The guard must outlive the job on a
 * persistent self-hosted runner, or a fault whose post step failed would stay forever: it is
 * started without that variable, on purpose (docs/actions/chaos-inject.md, "What outlives the step").
 * It carries nothing else of the job's environment either: its plan is all it needs.
 */
export function guardEnvironment(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { PATH: parent.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' };
}

export function startGuard(plan: GuardPlan, faultId: string): ProcessIdentity {
  const child = spawn(process.execPath, ['-e', GUARD_SCRIPT, GUARD_MARKER, faultTag(faultId), JSON.stringify(plan)], {
    detached: true,
    stdio: 'ignore',
    env: guardEnvironment(process.env),
  });
  child.unref();
  if (child.pid === undefined) throw new Error('could not start the TTL guard process');
  return identify(child.pid) ?? { pid: child.pid, startTime: '' };
}

/** Stops a guard; harmless when it already fired or exited. */
export function stopGuard(guard: ProcessIdentity | undefined): void {
  if (!guard || !isSameProcess(guard)) return;
  signalProcess(guard.pid, 'SIGKILL');
}

/**
 * Stops every guard started for a fault. A revert from the ledger record written before inject
 * (the main step died between starting the guard and recording it) knows no guard pid; without
 * this the guard would linger until its TTL, harmless (it checks start times) but still running.
 */
export function stopGuardsFor(faultId: string, procRoot = '/proc'): number {
  let stopped = 0;
  for (const pid of listPids(procRoot)) {
    let args: string[];
    try {
      args = readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes(GUARD_MARKER) && args.includes(faultTag(faultId)) && signalProcess(pid, 'SIGKILL')) stopped++;
  }
  return stopped;
}
