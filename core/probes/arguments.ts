/** Small readers for probe arguments: each failure names the argument and what was expected. */
import { FaultlineError } from '../errors.ts';

export type Args = Record<string, unknown>;

export function asArgs(value: unknown, probe: string): Args {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FaultlineError(`probe ${probe}: arguments must be a mapping`);
  }
  return value as Args;
}

export function rejectUnknown(args: Args, probe: string, known: readonly string[]): void {
  for (const key of Object.keys(args)) {
    if (!known.includes(key)) {
      throw new FaultlineError(`probe ${probe}: unknown argument "${key}"`, {
        hint: `known arguments: ${known.join(', ')}`,
      });
    }
  }
}

export function requiredString(args: Args, key: string, probe: string): string {
  const value = args[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FaultlineError(`probe ${probe}: argument "${key}" must be a non-empty string`);
  }
  return value;
}

export function optionalString(args: Args, key: string, probe: string): string | undefined {
  if (args[key] === undefined) return undefined;
  return requiredString(args, key, probe);
}

/** A yes/no argument: only true or false, so `running: "yes"` is not silently read as false. */
export function optionalBoolean(args: Args, key: string, probe: string): boolean | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    throw new FaultlineError(`probe ${probe}: argument "${key}" must be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * An absolute URL with one of the given schemes, checked when the file loads rather than at run
 * time. `quote: false` keeps the value out of the message (a connection string may hold a password).
 */
export function requiredUrl(
  args: Args,
  key: string,
  probe: string,
  expected: { schemes: readonly string[]; example: string; quote?: boolean },
): string {
  const value = requiredString(args, key, probe);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !expected.schemes.includes(url.protocol.slice(0, -1))) {
    const got = expected.quote === false ? '' : `, got ${JSON.stringify(value)}`;
    throw new FaultlineError(`probe ${probe}: argument "${key}" must be an absolute ${expected.schemes.join(' or ')} URL${got}`, {
      hint: `for example ${expected.example}`,
    });
  }
  return value;
}

export function optionalNumber(
  args: Args,
  key: string,
  probe: string,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max) &&
    (!range.integer || Number.isInteger(value));
  if (!ok) {
    const bounds = [
      range.integer ? 'an integer' : 'a number',
      range.min !== undefined ? `>= ${range.min}` : '',
      range.max !== undefined ? `<= ${range.max}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    throw new FaultlineError(`probe ${probe}: argument "${key}" must be ${bounds}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalHeaders(args: Args, key: string, probe: string): Record<string, string> | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    throw new FaultlineError(`probe ${probe}: argument "${key}" must be a mapping of header names to strings`);
  }
  return value as Record<string, string>;
}

/** Seconds → milliseconds with a default, for the `timeout` argument every probe takes. */
export function timeoutMs(args: Args, probe: string, defaultSeconds: number): number {
  return (optionalNumber(args, 'timeout', probe, { min: 0.001, max: 3600 }) ?? defaultSeconds) * 1000;
}

/** Why a request failed, in words a person can act on (ECONNREFUSED → "connection refused"). */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens there)';
    case 'ENOTFOUND':
      return 'host name not found';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    default:
      break;
  }
  if ((error as Error).name === 'TimeoutError') return 'timed out';
  return cause?.message ?? (error as Error).message ?? String(error);
}
