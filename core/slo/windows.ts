/**
 * Time windows as PromQL ranges. Rolling windows are fixed; a calendar window covers the time
 * from the start of the current period (anchored at the spec's start time and zone; else UTC) to
 * the evaluation time.
 */
import { anchoredPeriodStart, parseStartTime } from './calendar.ts';
import type { CalendarUnit } from './duration.ts';
import type { BurnWindow, SloWindow } from './types.ts';

export const BURN_WINDOW_SECONDS: Record<BurnWindow, number> = {
  '5m': 300,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '6h': 21600,
  '1d': 86400,
  '3d': 259200,
};

const UNITS: [string, number][] = [
  ['w', 604800],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** The shortest exact PromQL duration for whole seconds: 2419200 → `4w`, 90 → `90s`. */
export function promDuration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  for (const [unit, size] of UNITS) {
    if (whole % size === 0) return `${whole / size}${unit}`;
  }
  return `${whole}s`;
}

/** Start of the calendar period that contains `at` (UTC; weeks start on Monday). */
export function calendarPeriodStart(unit: CalendarUnit, at: Date): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  switch (unit) {
    case 'Minute':
      return new Date(Date.UTC(y, m, d, at.getUTCHours(), at.getUTCMinutes()));
    case 'Hour':
      return new Date(Date.UTC(y, m, d, at.getUTCHours()));
    case 'Day':
      return new Date(Date.UTC(y, m, d));
    case 'Week': {
      const sinceMonday = (at.getUTCDay() + 6) % 7;
      return new Date(Date.UTC(y, m, d - sinceMonday));
    }
    case 'Month':
      return new Date(Date.UTC(y, m, 1));
    case 'Quarter':
      return new Date(Date.UTC(y, m - (m % 3), 1));
    case 'Year':
      return new Date(Date.UTC(y, 0, 1));
  }
}

/** Seconds the SLO window covers at `at`: the whole rolling window, or the calendar period so far. */
export function sloRangeSeconds(window: SloWindow, at: Date): number {
  if (window.kind === 'rolling') return window.seconds;
  const elapsed = (at.getTime() - periodStart(window, at).getTime()) / 1000;
  // The first minute of a period has too few samples for increase(); use at least one minute.
  return Math.max(60, Math.floor(elapsed));
}

/**
 * Start of the calendar period containing `at`: anchored at the spec's `startTime` in its
 * `timeZone` (OpenSLO), else the UTC period of the unit.
 */
export function periodStart(window: Extract<SloWindow, { kind: 'calendar' }>, at: Date): Date {
  const anchor = window.startTime === undefined ? undefined : parseStartTime(window.startTime);
  if (!anchor || window.timeZone === undefined) return calendarPeriodStart(window.unit, at);
  const count = Number.parseInt(window.duration, 10) || 1;
  return anchoredPeriodStart(anchor, window.timeZone, { unit: window.unit, count }, window.seconds, at);
}
