/**
 * Checks that run while the method runs: Chaos Toolkit's `continuously` hypothesis strategy and
 * our `guardrails`. Each loop evaluates its probes every `frequency` seconds; on a breach it calls
 * `onBreach` with the moment the breach was observed, and the runner stops the method and removes
 * every fault at once (target: within one second of that moment).
 */
import type { ActivityContext } from './activity.ts';
import { pause } from './activity.ts';
import { checkSteadyState, firstBreach } from './hypothesis.ts';
import type { SteadyState } from './journal.ts';
import type { LocatedActivity } from './model.ts';

export interface BreachEvent {
  observedAt: Date;
  /** performance.now() at observation, to measure the time to removal precisely. */
  observedMark: number;
  state: SteadyState;
  probe: string;
  reason: string;
}

export interface CheckLoopOptions {
  probes: LocatedActivity[];
  frequencyMs: number;
  context: ActivityContext;
  /** Evaluate every probe at once (guardrails) or in order, stopping at the first (hypothesis). */
  allAtOnce: boolean;
  /** Stop the loop and report the first breach; otherwise keep checking and only record. */
  stopOnBreach: boolean;
  onState(state: SteadyState): void;
  onBreach(event: BreachEvent): void;
}

export class CheckLoop {
  private readonly stopper = new AbortController();
  private loop: Promise<void> | undefined;

  start(options: CheckLoopOptions): void {
    this.loop = this.run(options);
  }

  private async run(options: CheckLoopOptions): Promise<void> {
    const context = { ...options.context, signal: AbortSignal.any([options.context.signal, this.stopper.signal]) };
    while (!context.signal.aborted) {
      const state = await checkSteadyState(options.probes, context, { allAtOnce: options.allAtOnce });
      // A check cut short by the end of the method says nothing about the system.
      if (this.stopper.signal.aborted) break;
      options.onState(state);
      if (!state.steady_state_met) {
        const broken = firstBreach(state);
        options.onBreach({
          observedAt: new Date(),
          observedMark: performance.now(),
          state,
          probe: broken?.activity.name ?? 'unknown',
          reason: broken?.tolerance_reason ?? 'outside tolerance',
        });
        if (options.stopOnBreach) break;
      }
      await pause(options.frequencyMs, context.signal);
    }
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }
}
