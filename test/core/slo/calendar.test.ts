/**
 * OpenSLO calendar windows begin at `calendar.startTime` in `calendar.timeZone` and repeat every
 * `duration`, in wall-clock time: the SLO window so far is measured from that period's start.
 */
import { anchoredPeriodStart, isKnownTimeZone, parseStartTime } from '../../../core/slo/calendar.ts';
import { parseSloSpecs } from '../../../core/slo/specs/index.ts';
import type { SloWindow } from '../../../core/slo/types.ts';
import { periodStart, sloRangeSeconds } from '../../../core/slo/windows.ts';
import { specError } from './specs/spec-error.ts';

const calendar = (duration: string, startTime: string, timeZone: string, seconds: number, unit: Extract<SloWindow, { kind: 'calendar' }>['unit']) =>
  ({ kind: 'calendar', duration, seconds, unit, startTime, timeZone }) as const;

const start = (window: ReturnType<typeof calendar>, at: string) => periodStart(window, new Date(at)).toISOString();

describe('calendar windows anchored at startTime in timeZone', () => {
  const weekly = calendar('1w', '2022-01-01 12:00:00', 'America/New_York', 7 * 86400, 'Week');

  it('restarts a weekly window every Saturday noon New York time (2022-01-01 was a Saturday)', () => {
    expect(start(weekly, '2025-03-05T00:00:00Z')).toBe('2025-03-01T17:00:00.000Z');
    expect(sloRangeSeconds(weekly, new Date('2025-03-05T00:00:00Z'))).toBe(3 * 86400 + 7 * 3600);
  });

  it('follows the wall clock across a DST change (noon EDT is 16:00 UTC)', () => {
    expect(start(weekly, '2025-03-15T15:59:59Z')).toBe('2025-03-08T17:00:00.000Z');
    expect(start(weekly, '2025-03-15T16:00:00Z')).toBe('2025-03-15T16:00:00.000Z');
  });

  it('starts a monthly Berlin window at local midnight on the 1st', () => {
    const monthly = calendar('1M', '2024-01-01 00:00:00', 'Europe/Berlin', 30 * 86400, 'Month');
    expect(start(monthly, '2025-07-10T12:00:00Z')).toBe('2025-06-30T22:00:00.000Z');
    expect(start(monthly, '2025-12-31T23:30:00Z')).toBe('2025-12-31T23:00:00.000Z');
  });

  it('steps by the count: a 2Q window from January has periods January and July', () => {
    const half = calendar('2Q', '2024-01-01 00:00:00', 'UTC', 180 * 86400, 'Quarter');
    expect(start(half, '2025-05-01T00:00:00Z')).toBe('2025-01-01T00:00:00.000Z');
    expect(start(half, '2025-07-01T00:00:00Z')).toBe('2025-07-01T00:00:00.000Z');
  });

  it('extends periods backwards before the start time', () => {
    const daily = calendar('1d', '2030-06-01 06:00:00', 'UTC', 86400, 'Day');
    expect(start(daily, '2025-01-01T05:00:00Z')).toBe('2024-12-31T06:00:00.000Z');
  });

  it('reads minute and hour calendar windows, which the OpenSLO SDK allows', () => {
    const hourly = anchoredPeriodStart(parseStartTime('2024-01-01 00:30:00')!, 'UTC', { unit: 'Hour', count: 1 }, 3600, new Date('2025-01-01T10:10:00Z'));
    expect(hourly.toISOString()).toBe('2025-01-01T09:30:00.000Z');
  });

  it('parses only the OpenSLO start time format, and knows IANA zones', () => {
    expect(parseStartTime('2022-01-01 12:00:00')).toEqual([2022, 0, 1, 12, 0, 0]);
    for (const bad of ['2022-01-01T12:00:00Z', '2022-02-30 00:00:00', '2022-01-01 24:00:00', '2022-01-01']) expect(parseStartTime(bad)).toBeUndefined();
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('OpenSLO calendar windows in specs', () => {
  const spec = (calendarBlock: string, duration = '1w') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: weekly
spec:
  service: web
  indicator:
    metadata:
      name: errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            spec:
              query: errors_total
        total:
          metricSource:
            spec:
              query: requests_total
  timeWindow:
    - duration: ${duration}
      isRolling: false
      calendar:
${calendarBlock}
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99`;

  it('keeps the start time and zone, which the engine measures the period from', () => {
    const [slo] = parseSloSpecs(spec('        startTime: 2022-01-01 12:00:00\n        timeZone: America/New_York'), 'w.yaml');
    expect(slo!.window).toEqual({ kind: 'calendar', duration: '1w', seconds: 604800, unit: 'Week', startTime: '2022-01-01 12:00:00', timeZone: 'America/New_York' });
  });

  it('refuses a start time in another format and an unknown zone, naming the key', () => {
    const iso = specError(spec('        startTime: "2022-01-01T12:00:00Z"\n        timeZone: UTC'));
    expect(iso.message).toBe('spec.timeWindow[0].calendar.startTime: "2022-01-01T12:00:00Z" is not a start time as OpenSLO writes it');
    expect(iso.line).toBe(25);
    const zone = specError(spec('        startTime: 2022-01-01 12:00:00\n        timeZone: Mars/Olympus_Mons'));
    expect(zone.message).toBe('spec.timeWindow[0].calendar.timeZone: "Mars/Olympus_Mons" is not an IANA time zone');
    expect(zone.line).toBe(26);
  });
});
