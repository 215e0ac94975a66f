/**
 * The probe contract: a probe observes the system and never changes it. Each probe validates its
 * arguments once (at load time, so a typo is an exit-2 error naming the argument) and returns an
 * output whose `ok` says whether its own expectations held and whose `value` is the one figure a
 * tolerance compares by default (HTTP status, query value, exit code...).
 */
import type { ProbeKind } from '../experiment/model.ts';

/** Which tolerance forms make sense for a probe's output (checked when the experiment loads). */
export type ToleranceKind = 'boolean' | 'number' | 'string' | 'list' | 'regex' | 'jsonpath' | 'range' | 'probe';

export interface ProbeOutput {
  ok: boolean;
  value: unknown;
  [detail: string]: unknown;
}

export interface ProbeContext {
  signal: AbortSignal;
}

export interface Probe<Args = unknown> {
  kind: ProbeKind;
  /** Throws FaultlineError naming the bad argument (the caller adds file and line). */
  validate(args: unknown): Args;
  run(args: Args, context: ProbeContext): Promise<ProbeOutput>;
  /** One line for a plan: what is observed, where. */
  describe(args: Args): string;
  tolerances: readonly ToleranceKind[];
}
