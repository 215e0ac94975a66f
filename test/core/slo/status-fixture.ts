/** A computed SLO status to feed the policy and the reports, with fields overridable per test. */
import type { SloStatus } from '../../../core/slo/engine.ts';

export function sloStatus(overrides: Partial<SloStatus> = {}): SloStatus {
  return {
    name: 'checkout-availability',
    service: 'checkout',
    target: 0.999,
    window: '28d',
    budgetingMethod: 'Occurrences',
    rangeSeconds: 28 * 86400,
    errorRatio: 0.0004,
    budgetRemaining: 0.6,
    burnRates: { '5m': 0.5, '30m': 0.4, '1h': 0.4, '2h': 0.4, '6h': 0.4, '1d': 0.4, '3d': 0.4 },
    timeToExhaustionSeconds: 0.6 * 28 * 86400 / 0.4,
    alert: 'none',
    firingConditions: [],
    counterResets: 0,
    problems: [],
    source: { file: 'slos/checkout.yaml', line: 3 },
    ...overrides,
  };
}
