/**
 * The journal: Chaos Toolkit's shape (so its reporting tools read ours) plus a `faultline` section
 * for what Chaos Toolkit has no words for: faults with their TTL and who reverted them, guardrail
 * breaches, phase times and the score. Everything in it has been through the redactor.
 */
import { arch, hostname, platform, release } from 'node:os';
import { TOOL_VERSION } from '../result.ts';
import type { FaultRecord } from './faults.ts';
import type { Activity, Experiment } from './model.ts';
import type { Redactor } from './redact.ts';
import { REDACTED } from './redact.ts';

export type RunStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';

export interface ActivityRun {
  activity: Activity;
  status: 'succeeded' | 'failed';
  output?: unknown;
  exception?: string[];
  start: string;
  end: string;
  /** Seconds, as Chaos Toolkit. */
  duration: number;
  tolerance_met?: boolean;
  /** Ours: why the tolerance was not met. */
  tolerance_reason?: string;
}

export interface SteadyState {
  steady_state_met: boolean;
  probes: ActivityRun[];
  /** Ours: when the check started, for the timeline. */
  start?: string;
}

export interface Breach {
  at: string;
  source: 'guardrail' | 'continuous-hypothesis';
  probe: string;
  reason: string;
  /** Milliseconds from the breach being observed to every fault being reverted. */
  faults_removed_ms?: number;
}

export interface PhaseTimes {
  start: string;
  end?: string;
}

/**
 * The chaoslib journal layout ours follows. chaostoolkit-reporting (`chaos report`) reads this key
 * to pick its template (it fails without it); 1.44.0 selects its current one.
 */
export const CHAOSLIB_JOURNAL_VERSION = '1.44.0';

export interface Journal {
  'chaoslib-version': string;
  'faultline-version': string;
  platform: string;
  node: string;
  experiment: Experiment;
  start: string;
  end?: string;
  duration?: number;
  status: RunStatus | null;
  deviated: boolean;
  steady_states: { before: SteadyState | null; after: SteadyState | null; during: SteadyState[] };
  run: ActivityRun[];
  rollbacks: ActivityRun[];
  faultline: {
    owner?: string;
    file: string;
    hypothesis_strategy: string;
    rollback_strategy: string;
    faults: FaultRecord[];
    breaches: Breach[];
    guardrails: SteadyState[];
    phases: Partial<Record<'before' | 'method' | 'after' | 'rollbacks', PhaseTimes>>;
    /** Why the run stopped early (abort, interruption), in words. */
    reason?: string;
    score?: number;
    weight: number;
  };
}

/** The experiment as written, with inline secret values replaced (env references are kept). */
function experimentForJournal(experiment: Experiment, redactor: Redactor): Experiment {
  const copy = structuredClone(experiment);
  for (const scope of Object.values(copy.secrets ?? {})) {
    for (const [name, value] of Object.entries(scope)) {
      const isEnv = typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'env';
      if (!isEnv) scope[name] = REDACTED;
    }
  }
  return redactor.value(copy);
}

export function startJournal(
  experiment: Experiment,
  options: { file: string; owner?: string; redactor: Redactor; hypothesisStrategy: string; rollbackStrategy: string; start: Date },
): Journal {
  return {
    'chaoslib-version': CHAOSLIB_JOURNAL_VERSION,
    'faultline-version': TOOL_VERSION,
    platform: `${platform()}-${release()}-${arch()}`,
    node: hostname(),
    experiment: experimentForJournal(experiment, options.redactor),
    start: options.start.toISOString(),
    status: null,
    deviated: false,
    steady_states: { before: null, after: null, during: [] },
    run: [],
    rollbacks: [],
    faultline: {
      owner: options.owner,
      file: options.file,
      hypothesis_strategy: options.hypothesisStrategy,
      rollback_strategy: options.rollbackStrategy,
      faults: [],
      breaches: [],
      guardrails: [],
      phases: {},
      weight: experiment.weight ?? 1,
    },
  };
}

/** `faultline chaos run` exit code and the action's verdict, from the journal alone. */
export function journalSucceeded(journal: Journal): boolean {
  return journal.status === 'completed' && !journal.deviated;
}
