/**
 * The SLO status document (`faultline slo status --format json`, the action's `details.slos`):
 * exactly these keys, fractions not percent, null where there is no data. Each SLO carries why it
 * got its verdict, so a script reading it needs nothing else.
 */
import type { PolicyOutcome } from '../slo/budget-policy.ts';
import type { SloStatus } from '../slo/engine.ts';
import type { AlertState, BurnWindow, SloVerdict } from '../slo/types.ts';
import { BURN_WINDOWS } from '../slo/types.ts';

export interface SloJsonEntry {
  name: string;
  service: string;
  target: number;
  window: string;
  errorRatio: number | null;
  budgetRemaining: number | null;
  burnRates: Record<BurnWindow, number | null>;
  alert: AlertState;
  /** The multi-window conditions that fire, e.g. "1h and 5m burn ≥ 14.4". */
  firingConditions: string[];
  /** Seconds until the budget is spent at the current burn rate; 0 when spent, null when it is not being spent or there is no data. */
  timeToExhaustionSeconds: number | null;
  verdict: SloVerdict;
  /** Why it failed or has no data; for a pass, what was excused or fires without blocking. */
  reasons: string[];
  /** Data problems (no series, counter resets, NaN) per window. */
  problems: string[];
}

export interface SloJson {
  version: 1;
  evaluatedAt: string;
  /** The gate's verdict over all SLOs: fail beats no-data beats pass. */
  verdict: SloVerdict;
  slos: SloJsonEntry[];
}

export function toSloJson(statuses: SloStatus[], outcome: PolicyOutcome, evaluatedAt: Date): SloJson {
  const decisions = new Map(outcome.slos.map((s) => [s.name, s]));
  return {
    version: 1,
    evaluatedAt: evaluatedAt.toISOString(),
    verdict: outcome.verdict,
    slos: statuses.map((status) => ({
      name: status.name,
      service: status.service,
      target: status.target,
      window: status.window,
      errorRatio: status.errorRatio,
      budgetRemaining: status.budgetRemaining,
      burnRates: Object.fromEntries(BURN_WINDOWS.map((w) => [w, status.burnRates[w]])) as Record<BurnWindow, number | null>,
      alert: status.alert,
      firingConditions: status.firingConditions,
      timeToExhaustionSeconds: status.timeToExhaustionSeconds,
      verdict: decisions.get(status.name)?.verdict ?? 'no-data',
      reasons: decisions.get(status.name)?.reasons ?? [],
      problems: status.problems.map((p) => p.message),
    })),
  };
}
