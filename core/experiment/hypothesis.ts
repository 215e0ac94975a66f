/**
 * The steady-state hypothesis: run its probes in order and stop at the first one outside its
 * tolerance (Chaos Toolkit's rule: a failed probe cannot have met its tolerance).
 */
import { type ActivityContext, runActivity, runToleranceProbe } from './activity.ts';
import type { ActivityRun, SteadyState } from './journal.ts';
import type { LocatedActivity } from './model.ts';
import { withinTolerance } from './tolerance.ts';

export async function checkProbe(entry: LocatedActivity, context: ActivityContext): Promise<ActivityRun> {
  const run = await runActivity(entry, context);
  if (run.status === 'failed') {
    run.tolerance_met = false;
    run.tolerance_reason = run.exception?.[0] ?? 'the probe failed';
    return run;
  }
  if (entry.activity.tolerance === undefined) return run;
  const verdict = await withinTolerance(entry.activity.tolerance, run.output, (activity, value) =>
    runToleranceProbe(activity, value, context),
  );
  run.tolerance_met = verdict.met;
  if (verdict.reason) run.tolerance_reason = context.redactor.text(verdict.reason);
  return run;
}

export async function checkSteadyState(
  probes: LocatedActivity[],
  context: ActivityContext,
  options: { allAtOnce?: boolean } = {},
): Promise<SteadyState> {
  const start = new Date().toISOString();
  if (options.allAtOnce) {
    // Guardrails: every probe at once, so one slow probe does not delay noticing another's breach.
    const runs = await Promise.all(probes.map((p) => checkProbe(p, context)));
    return { steady_state_met: runs.every((r) => r.tolerance_met !== false), probes: runs, start };
  }
  const runs: ActivityRun[] = [];
  for (const probe of probes) {
    const run = await checkProbe(probe, context);
    runs.push(run);
    if (run.tolerance_met === false) return { steady_state_met: false, probes: runs, start };
  }
  return { steady_state_met: true, probes: runs, start };
}

/** The first probe that broke a steady state, for messages. */
export function firstBreach(state: SteadyState): ActivityRun | undefined {
  return state.probes.find((p) => p.tolerance_met === false);
}
