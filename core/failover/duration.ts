/** Drill durations: `100ms`, `30s`, `15m`, `1h30m`, or a bare number of seconds. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds, or undefined when the value is not a duration. */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string' || !/^(\d+(ms|s|m|h|d))+$/.test(value)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+)(ms|s|m|h|d)/g)) ms += Number(amount) * UNIT_MS[unit!]!;
  return ms;
}

/** `1.234 s`, `15 m`-style text for reports: seconds with up to three decimals. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return 'n/a';
  if (seconds >= 120) return `${(seconds / 60).toFixed(1)} min`;
  return `${Number(seconds.toFixed(3))} s`;
}
