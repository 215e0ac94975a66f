/**
 * Durations as SLO specs and PromQL write them. Prometheus accepts `1h30m`-style compounds of
 * s, m, h, d, w, y; OpenSLO's shorthand adds M, Q and Y for calendar windows, which PromQL cannot
 * express, so those only ever describe a calendar window's nominal length.
 */

const PROM_UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** Seconds in a Prometheus duration such as `5m`, `28d`, `1h30m`; undefined if it is not one. */
export function promDurationSeconds(text: string): number | undefined {
  if (!/^(\d+(ms|[smhdwy]))+$/.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|[smhdwy])/g)) {
    seconds += unit === 'ms' ? Number(amount) / 1000 : Number(amount) * PROM_UNIT_SECONDS[unit!]!;
  }
  return seconds > 0 ? seconds : undefined;
}

export type CalendarUnit = 'Minute' | 'Hour' | 'Day' | 'Week' | 'Month' | 'Quarter' | 'Year';

const CALENDAR_UNITS: Record<string, { unit: CalendarUnit; seconds: number }> = {
  m: { unit: 'Minute', seconds: 60 },
  h: { unit: 'Hour', seconds: 3600 },
  d: { unit: 'Day', seconds: 86_400 },
  w: { unit: 'Week', seconds: 604_800 },
  M: { unit: 'Month', seconds: 30 * 86_400 },
  Q: { unit: 'Quarter', seconds: 90 * 86_400 },
  Y: { unit: 'Year', seconds: 365 * 86_400 },
};

/** OpenSLO calendar shorthand (`1M`, `1Q`, `1w`, also `1h` and `1m` as the SDK allows): unit and nominal length. */
export function calendarDuration(text: string): { unit: CalendarUnit; seconds: number } | undefined {
  const match = /^(\d+)([mhdwMQY])$/.exec(text);
  if (!match || Number(match[1]) === 0) return undefined;
  const unit = CALENDAR_UNITS[match[2]!]!;
  return { unit: unit.unit, seconds: Number(match[1]) * unit.seconds };
}

/** The shortest Prometheus duration for whole seconds: 2592000 → `30d`, 5400 → `90m` (days, not weeks, as
 * SLO windows are usually written). */
export function formatPromDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
