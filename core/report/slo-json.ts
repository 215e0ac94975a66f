/**
 * The SLO status document (`faultline slo status --format json`, the action's `details.slos`):
 * exactly these keys, fractions not percent, null where there is no data.
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
  verdict: SloVerdict;
}

export interface SloJson {
  version: 1;
  slos: SloJsonEntry[];
}

export function toSloJson(statuses: SloStatus[], outcome: PolicyOutcome): SloJson {
  const verdicts = new Map(outcome.slos.map((s) => [s.name, s.verdict]));
  return {
    version: 1,
    slos: statuses.map((status) => ({
      name: status.name,
      service: status.service,
      target: status.target,
      window: status.window,
      errorRatio: status.errorRatio,
      budgetRemaining: status.budgetRemaining,
      burnRates: Object.fromEntries(BURN_WINDOWS.map((w) => [w, status.burnRates[w]])) as Record<BurnWindow, number | null>,
      alert: status.alert,
      verdict: verdicts.get(status.name) ?? 'no-data',
    })),
  };
}
