import { evaluateAlert, WORKBOOK_THRESHOLDS } from '../../../core/slo/alerts.ts';
import { budgetRemaining, burnRate, timeToExhaustion } from '../../../core/slo/burn-rate.ts';
import type { BurnWindow } from '../../../core/slo/types.ts';

const quiet: Record<BurnWindow, number | null> = { '5m': 0, '30m': 0, '1h': 0, '2h': 0, '6h': 0, '1d': 0, '3d': 0 };

describe('multi-window multi-burn-rate alerts (SRE Workbook)', () => {
  it.each([
    ['page: 1h and 5m at 14.4', { '1h': 14.4, '5m': 14.4 }, 'page'],
    ['page: 6h and 30m at 6', { '6h': 6, '30m': 6 }, 'page'],
    ['ticket: 1d and 2h at 3', { '1d': 3, '2h': 3 }, 'ticket'],
    ['ticket: 3d and 6h at 1', { '3d': 1, '6h': 1 }, 'ticket'],
    ['none: the long window burns but the short one has recovered', { '1h': 20, '5m': 2 }, 'none'],
    ['none: a short spike the long window has not seen', { '1h': 2, '5m': 50 }, 'none'],
    ['none: no data in the short window proves nothing', { '1h': 20, '5m': null }, 'none'],
  ] as const)('%s', (_name, rates, expected) => {
    expect(evaluateAlert({ ...quiet, ...rates }).state).toBe(expected);
  });

  it('takes configured thresholds', () => {
    const strict = { ...WORKBOOK_THRESHOLDS, page: [{ long: '1h', short: '5m', burnRate: 2 }] as const };
    expect(evaluateAlert({ ...quiet, '1h': 3, '5m': 3 }, { page: [...strict.page], ticket: [] })).toEqual({
      state: 'page',
      firing: ['1h and 5m burn ≥ 2'],
    });
  });
});

describe('budget arithmetic', () => {
  it('is 1 − ratio ÷ (1 − target), and burn rate is ratio ÷ (1 − target)', () => {
    expect(budgetRemaining(0.0005, 0.999)).toBeCloseTo(0.5, 12);
    expect(budgetRemaining(0.002, 0.999)).toBeCloseTo(-1, 12);
    expect(burnRate(0.0144, 0.999)).toBeCloseTo(14.4, 9);
    expect(budgetRemaining(null, 0.999)).toBeNull();
    expect(burnRate(null, 0.999)).toBeNull();
  });

  it('exhausts the remaining budget at the current burn rate', () => {
    // Half a 28-day budget at burn rate 2 lasts a quarter of the window: 7 days.
    expect(timeToExhaustion(0.5, 2, 28 * 86400)).toBe(7 * 86400);
    expect(timeToExhaustion(-0.1, 2, 28 * 86400)).toBe(0);
    expect(timeToExhaustion(0.5, 0, 28 * 86400)).toBeNull();
    expect(timeToExhaustion(null, 2, 28 * 86400)).toBeNull();
  });
});
