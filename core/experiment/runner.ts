/**
 * Runs a prepared experiment: steady state before → method (with continuous checks and
 * guardrails alongside) → steady state after → rollbacks, as Chaos Toolkit does, with three
 * differences that make faults end:
 *  - faults injected by our drivers are always reverted (first thing in the rollback phase,
 *    whatever the rollback strategy), and at once on a guardrail breach or an interruption;
 *  - the `default` rollback strategy also plays the user's rollbacks after a failed or
 *    interrupted method (Chaos Toolkit skips them), since the method may have changed things;
 *  - a fault that cannot be injected aborts the method: an experiment without its fault proves nothing.
 */
import type { FaultDriver } from '../drivers/types.ts';
import type { ProbeRegistry } from '../probes/index.ts';
import { score } from '../scorecard/score.ts';
import { type ActivityContext, pause, runActivity } from './activity.ts';
import { FaultManager, type FaultRecord, type RevertReason } from './faults.ts';
import { type BreachEvent, CheckLoop } from './guardrails.ts';
import { checkSteadyState, firstBreach } from './hypothesis.ts';
import { type ActivityRun, type Journal, startJournal } from './journal.ts';
import type { Ledger } from './ledger.ts';
import { type HypothesisStrategy, isDriverProvider, type LocatedActivity, type RollbackStrategy } from './model.ts';
import type { PreparedExperiment } from './prepare.ts';

export type RunEvent =
  | { type: 'phase'; phase: 'before' | 'method' | 'after' | 'rollbacks' }
  | { type: 'activity'; phase: string; run: ActivityRun }
  | { type: 'breach'; breach: Journal['faultline']['breaches'][number] }
  | { type: 'note'; message: string };

export interface RunOptions {
  drivers: Record<string, FaultDriver>;
  probes: ProbeRegistry;
  ledger: Ledger;
  /** Aborted by the face on SIGINT/SIGTERM or job cancellation: roll back and stop. */
  signal?: AbortSignal;
  /** Where a process provider's program is looked up (the face passes PATH) and runs. */
  searchPath: string[];
  cwd: string;
  /** Progress, already redacted. */
  onEvent?: (event: RunEvent) => void;
  /** Resolved by the face, for drivers that talk to a cluster. */
  kubeconfig?: string;
}

const DURING: HypothesisStrategy[] = ['during-method-only', 'continuously'];
const BEFORE: HypothesisStrategy[] = ['default', 'before-method-only', 'continuously'];
const AFTER: HypothesisStrategy[] = ['default', 'after-method-only', 'continuously'];

function shouldPlayRollbacks(strategy: RollbackStrategy, journal: Journal, methodRan: boolean): boolean {
  switch (strategy) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'deviated':
      return journal.deviated;
    default:
      return methodRan;
  }
}

function revertRun(record: FaultRecord, started: Date): ActivityRun {
  const end = record.reverted_at ?? new Date().toISOString();
  return {
    activity: { type: 'action', name: `revert: ${record.activity}`, provider: { type: 'faultline', driver: record.driver } },
    status: record.revert_error && !record.reverted_at ? 'failed' : 'succeeded',
    output: { fault_id: record.fault_id, reverted_by: record.reverted_by, undo: record.undo },
    ...(record.revert_error && !record.reverted_at ? { exception: [record.revert_error] } : {}),
    start: started.toISOString(),
    end,
    duration: (record.revert_ms ?? 0) / 1000,
  };
}

export async function runExperiment(prepared: PreparedExperiment, options: RunOptions): Promise<Journal> {
  const { experiment, redactor } = prepared;
  const hypothesisStrategy = experiment.runtime?.hypothesis?.strategy ?? 'default';
  const rollbackStrategy = experiment.runtime?.rollbacks?.strategy ?? 'default';
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const log = (message: string) => emit({ type: 'note', message: redactor.text(message) });
  const journal = startJournal(experiment, {
    file: prepared.file,
    owner: prepared.owner,
    redactor,
    hypothesisStrategy,
    rollbackStrategy,
    start: new Date(),
  });
  const interrupt = options.signal ?? new AbortController().signal;
  const methodStop = new AbortController();
  const methodSignal = AbortSignal.any([interrupt, methodStop.signal]);
  const faults = new FaultManager({
    ledger: options.ledger,
    drivers: options.drivers,
    owner: prepared.owner ?? 'unknown',
    experiment: experiment.title,
    log,
    kubeconfig: options.kubeconfig,
  });
  const context: ActivityContext = {
    faults,
    probes: options.probes,
    redactor,
    searchPath: options.searchPath,
    cwd: options.cwd,
    signal: interrupt,
  };
  const phase = (name: 'before' | 'method' | 'after' | 'rollbacks') => {
    journal.faultline.phases[name] = { start: new Date().toISOString() };
    emit({ type: 'phase', phase: name });
  };
  const endPhase = (name: 'before' | 'method' | 'after' | 'rollbacks') => {
    const times = journal.faultline.phases[name];
    if (times) times.end = new Date().toISOString();
  };
  const stopEverything = (reason: RevertReason, status: Journal['status'], why: string): Promise<unknown> => {
    if (journal.status === null || journal.status === 'completed') journal.status = status;
    journal.faultline.reason ??= why;
    methodStop.abort();
    return faults.revertAll(reason, { close: true });
  };

  // An interruption rolls back at once, not when the current activity happens to finish.
  let interruption: Promise<unknown> | undefined;
  const onInterrupt = () => {
    interruption = stopEverything('interrupted', 'interrupted', 'the run was interrupted (signal or cancellation)');
  };
  if (interrupt.aborted) onInterrupt();
  else interrupt.addEventListener('abort', onInterrupt, { once: true });

  const hypothesis = prepared.hypothesis;
  let methodRan = false;
  try {
    if (hypothesis.length > 0 && BEFORE.includes(hypothesisStrategy) && !interrupt.aborted) {
      phase('before');
      const before = await checkSteadyState(hypothesis, context);
      journal.steady_states.before = before;
      for (const run of before.probes) emit({ type: 'activity', phase: 'before', run });
      endPhase('before');
      if (!before.steady_state_met && !interrupt.aborted) {
        journal.status = 'failed';
        const broken = firstBreach(before);
        journal.faultline.reason = `steady state not met before the method: probe "${broken?.activity.name}" ${broken?.tolerance_reason ?? ''}`.trim();
      }
    }

    if (journal.status === null) {
      methodRan = true;
      phase('method');
      const breaches: Promise<unknown>[] = [];
      const onBreach = (source: 'guardrail' | 'continuous-hypothesis') => (event: BreachEvent) => {
        const breach = {
          at: event.observedAt.toISOString(),
          source,
          probe: event.probe,
          reason: event.reason,
        } as Journal['faultline']['breaches'][number];
        journal.faultline.breaches.push(breach);
        journal.deviated = true;
        const removal = stopEverything(
          source === 'guardrail' ? 'guardrail' : 'aborted',
          source === 'guardrail' ? 'aborted' : 'failed',
          `${source === 'guardrail' ? 'guardrail' : 'continuous steady state'} "${event.probe}" breached: ${event.reason}`,
        ).then(() => {
          breach.faults_removed_ms = Math.round((performance.now() - event.observedMark) * 100) / 100;
          emit({ type: 'breach', breach });
        });
        breaches.push(removal);
      };
      const loops: CheckLoop[] = [];
      if (hypothesis.length > 0 && DURING.includes(hypothesisStrategy)) {
        const loop = new CheckLoop();
        const failFast = experiment.runtime?.hypothesis?.fail_fast ?? false;
        loop.start({
          probes: hypothesis,
          frequencyMs: (experiment.runtime?.hypothesis?.frequency ?? 1) * 1000,
          context,
          allAtOnce: false,
          stopOnBreach: failFast,
          onState: (state) => journal.steady_states.during.push(state),
          onBreach: failFast
            ? onBreach('continuous-hypothesis')
            : () => {
                journal.deviated = true;
              },
        });
        loops.push(loop);
      }
      if (prepared.guardrails.length > 0) {
        const loop = new CheckLoop();
        loop.start({
          probes: prepared.guardrails,
          frequencyMs: (experiment.guardrails?.frequency ?? 1) * 1000,
          context,
          allAtOnce: true,
          stopOnBreach: true,
          onState: (state) => journal.faultline.guardrails.push(state),
          onBreach: onBreach('guardrail'),
        });
        loops.push(loop);
      }

      await runMethod(prepared.method, journal, context, methodSignal, emit, (entry, run) => {
        // A fault that could not be injected leaves nothing to test: stop here.
        void stopEverything('aborted', 'aborted', `fault "${entry.activity.name}" could not be injected: ${run.exception?.[0] ?? ''}`);
      });
      await Promise.all(loops.map((l) => l.stop()));
      await Promise.all(breaches);
      endPhase('method');

      if (journal.status === null && hypothesis.length > 0 && AFTER.includes(hypothesisStrategy)) {
        phase('after');
        const after = await checkSteadyState(hypothesis, context);
        journal.steady_states.after = after;
        for (const run of after.probes) emit({ type: 'activity', phase: 'after', run });
        endPhase('after');
        if (!after.steady_state_met && journal.status === null) {
          journal.status = 'failed';
          journal.deviated = true;
          const broken = firstBreach(after);
          journal.faultline.reason = `steady state deviated after the method: probe "${broken?.activity.name}" ${broken?.tolerance_reason ?? ''}`.trim();
        }
      }
      if (journal.status === null && journal.deviated) {
        journal.status = 'failed';
        journal.faultline.reason ??= 'the steady state deviated while the method ran';
      }
    }
  } finally {
    phase('rollbacks');
    await interruption;
    const revertStarted = new Date();
    await faults.revertAll('rollback');
    journal.rollbacks.push(...faults.records().filter((r) => r.injected_at).map((r) => revertRun(r, revertStarted)));
    if (shouldPlayRollbacks(rollbackStrategy, journal, methodRan)) {
      for (const entry of prepared.rollbacks) {
        if (isDriverProvider(entry.activity.provider)) continue;
        const run = await runActivity(entry, { ...context, signal: new AbortController().signal });
        journal.rollbacks.push(run);
        emit({ type: 'activity', phase: 'rollbacks', run });
      }
    }
    endPhase('rollbacks');
    faults.dispose();
    interrupt.removeEventListener('abort', onInterrupt);
    journal.faultline.faults = redactor.value(faults.records());
    journal.status ??= 'completed';
    const end = new Date();
    journal.end = end.toISOString();
    journal.duration = (end.getTime() - Date.parse(journal.start)) / 1000;
    const scored = score(journal).score;
    if (scored !== null) journal.faultline.score = scored;
  }
  return journal;
}

async function runMethod(
  method: LocatedActivity[],
  journal: Journal,
  context: ActivityContext,
  signal: AbortSignal,
  emit: (event: RunEvent) => void,
  onFaultFailed: (entry: LocatedActivity, run: ActivityRun) => void,
): Promise<void> {
  const background: Promise<void>[] = [];
  // A pause can be minutes long: say what is awaited, so a run is never silent for no visible reason.
  const pauseFor = async (seconds: number, when: 'before' | 'after', name: string) => {
    if (seconds <= 0 || signal.aborted) return;
    emit({ type: 'note', message: `pausing ${seconds} s ${when} "${name}" (pauses.${when})` });
    await pause(seconds * 1000, signal);
  };
  const play = async (entry: LocatedActivity) => {
    await pauseFor(Number(entry.activity.pauses?.before ?? 0), 'before', entry.activity.name);
    if (signal.aborted) return;
    const run = await runActivity(entry, context, signal);
    journal.run.push(run);
    emit({ type: 'activity', phase: 'method', run });
    if (run.status === 'failed' && isDriverProvider(entry.activity.provider)) onFaultFailed(entry, run);
    await pauseFor(Number(entry.activity.pauses?.after ?? 0), 'after', entry.activity.name);
  };
  for (const entry of method) {
    if (signal.aborted) break;
    if (entry.activity.background) background.push(play(entry));
    else await play(entry);
  }
  await Promise.all(background);
}
