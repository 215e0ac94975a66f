/** Retention periods as users write them: 30d, 12h, 1y (365 days), or a bare number of days. */
import { FaultlineError } from '../errors.ts';

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, y: 365 * 86_400_000 };

export function parseRetention(text: string, what = '--retain'): number {
  const match = /^(\d+)([hdy]?)$/.exec(text.trim());
  const amount = match ? Number(match[1]) : Number.NaN;
  if (!match || !(amount > 0)) throw new FaultlineError(`${what} "${text}" is not a retention period`, { hint: 'write it as 30d, 12h or 1y (a bare number is days)' });
  return amount * UNIT_MS[match[2] || 'd']!;
}
