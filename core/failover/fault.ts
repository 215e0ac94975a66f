/**
 * The fault a drill measures: a command (a script that fails the primary over), a chaos
 * experiment run by our engine (its faults recorded in the ledger and rolled back as usual), or
 * a manual fault someone else causes. `ended` resolves when the fault's own work is over; `stop`
 * ends it early (interrupted drill) and always leaves nothing behind. An experiment whose steady
 * state deviates still faulted as asked: only an aborted run counts as a failed fault.
 */
import { readFileSync } from 'node:fs';
import type { FaultDriver } from '../drivers/types.ts';
import { FaultlineError } from '../errors.ts';
import { readExperiment } from '../experiment/engine.ts';
import { Ledger, revertAll } from '../experiment/ledger.ts';
import { runExperiment } from '../experiment/runner.ts';
import type { ProbeRegistry } from '../probes/index.ts';
import { type ProcessList, startProcess } from './processes.ts';
import type { FaultConfig } from './types.ts';

export interface FaultEnd {
  ok: boolean;
  /** One line: how it ended (exit code, experiment status). */
  detail: string;
}

export interface RunningFault {
  /** Never rejects. Manual faults never end on their own (the engine watches for the outage). */
  ended: Promise<FaultEnd>;
  stop(): Promise<void>;
}

export interface FaultContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  processes?: ProcessList;
  /** For experiment faults. */
  chaos?: { drivers: Record<string, FaultDriver>; probes: ProbeRegistry; ledgerPath: string; searchPath: string[]; log?: (message: string) => void };
}

export function startFault(fault: FaultConfig, context: FaultContext): RunningFault {
  switch (fault.kind) {
    case 'command': {
      const child = startProcess(fault.command, { cwd: context.cwd, env: context.env, what: 'fault command', list: context.processes });
      return {
        ended: child.exited.then((exit) => ({
          ok: exit.code === 0,
          detail: exit.error ?? (exit.code === 0 ? 'exited 0' : `exited ${exit.code ?? exit.signal}${exit.output.trim() ? `: ${exit.output.trim().split('\n').slice(-3).join(' | ')}` : ''}`),
        })),
        stop: async () => {
          await child.stop();
        },
      };
    }
    case 'experiment':
      return startExperiment(fault.path, context);
    case 'manual':
      return { ended: new Promise(() => undefined), stop: async () => undefined };
  }
}

function startExperiment(path: string, context: FaultContext): RunningFault {
  const chaos = context.chaos;
  if (!chaos) throw new FaultlineError('this face cannot run chaos experiments as a drill fault', { hint: 'use fault.command, or run the drill with faultline failover verify' });
  const { prepared } = readExperiment(readFileSync(path, 'utf8'), path, { drivers: chaos.drivers, probes: chaos.probes, env: context.env });
  const controller = new AbortController();
  const ledger = new Ledger(chaos.ledgerPath);
  const ended = runExperiment(prepared, { drivers: chaos.drivers, probes: chaos.probes, ledger, signal: controller.signal, searchPath: chaos.searchPath, cwd: context.cwd })
    .then((journal) => ({ ok: journal.status !== 'aborted' && journal.status !== 'interrupted', detail: `experiment "${prepared.experiment.title}" ${journal.status}${journal.faultline.reason ? `: ${journal.faultline.reason}` : ''}` }))
    .catch((error: unknown) => ({ ok: false, detail: `experiment failed: ${(error as Error).message}` }));
  return {
    ended,
    stop: async () => {
      controller.abort('the drill was stopped');
      await ended;
      // Whatever the runner could not roll back on its way out.
      await revertAll(chaos.ledgerPath, { drivers: chaos.drivers, log: chaos.log });
    },
  };
}
