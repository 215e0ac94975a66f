/**
 * OpenSLO calendar-aligned windows: periods of `duration` (e.g. `1w`, `1M`, `2Q`) that begin at
 * `calendar.startTime` ("2022-01-01 12:00:00", a wall-clock time without zone) in
 * `calendar.timeZone` (IANA) and repeat. A weekly window anchored on a Saturday noon in New York
 * restarts every Saturday at noon New York time, whatever the UTC offset that day.
 *
 * Days, weeks, months, quarters and years step in local wall-clock time (a day is 23 or 25 hours
 * across a DST change), as Go's time.AddDate does, months overflowing the same way (Jan 31 + 1
 * month = Mar 3). Time zones come from the runtime's ICU data (Intl), no extra dependency.
 */

const START_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Whether `zone` is an IANA time zone the runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD hh:mm:ss` (Go's time.DateTime, which the OpenSLO SDK requires) as wall-clock fields, or undefined. */
export function parseStartTime(text: string): number[] | undefined {
  const match = START_TIME.exec(text);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject 2022-02-30 and 25:00:00 rather than let Date roll them over.
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return [y, mo - 1, d, h, mi, s];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetMs(zone: string, instant: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)!.value);
  const parts = format.formatToParts(new Date(instant));
  const wall = Date.UTC(part(parts, 'year'), part(parts, 'month') - 1, part(parts, 'day'), part(parts, 'hour'), part(parts, 'minute'), part(parts, 'second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall-clock time (given as if it were UTC) in `zone`. */
function wallToInstant(wall: number, zone: string): number {
  const first = wall - offsetMs(zone, wall);
  return wall - offsetMs(zone, first);
}

export type CalendarStep = { unit: 'Minute' | 'Hour' | 'Day' | 'Week' | 'Month' | 'Quarter' | 'Year'; count: number };

/** Wall-clock fields of `anchor` moved by `k` periods of `step`, as a UTC-style millisecond value. */
function shifted(anchor: number[], step: CalendarStep, k: number): number {
  const [y, mo, d, h, mi, s] = anchor as [number, number, number, number, number, number];
  const n = step.count * k;
  switch (step.unit) {
    case 'Minute':
      return Date.UTC(y, mo, d, h, mi + n, s);
    case 'Hour':
      return Date.UTC(y, mo, d, h + n, mi, s);
    case 'Day':
      return Date.UTC(y, mo, d + n, h, mi, s);
    case 'Week':
      return Date.UTC(y, mo, d + 7 * n, h, mi, s);
    case 'Month':
      return Date.UTC(y, mo + n, d, h, mi, s);
    case 'Quarter':
      return Date.UTC(y, mo + 3 * n, d, h, mi, s);
    case 'Year':
      return Date.UTC(y + n, mo, d, h, mi, s);
  }
}

/**
 * Start of the period that contains `at`, for periods of `step` anchored at `startTime` in `zone`
 * (periods also extend backwards from the anchor).
 */
export function anchoredPeriodStart(startTime: number[], zone: string, step: CalendarStep, nominalSeconds: number, at: Date): Date {
  const start = (k: number) => wallToInstant(shifted(startTime, step, k), zone);
  const t = at.getTime();
  let k = Math.floor((t - start(0)) / (nominalSeconds * 1000));
  while (start(k) > t) k--;
  while (start(k + 1) <= t) k++;
  return new Date(start(k));
}
