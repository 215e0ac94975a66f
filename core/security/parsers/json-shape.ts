/** Small readers for untrusted JSON: a scanner output is data, never assumed to have a field. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A 1-based line or column; tools use -1 and 0 for "none". */
export function position(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && n >= 1 ? Math.floor(n) : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: unknown): string[] {
  return arr(value).filter((v): v is string => typeof v === 'string' && v !== '');
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** tflint prints terminal colours into its JSON error messages. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Drops undefined values so findings compare and serialise cleanly. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A help link is shown as a link in the job summary, annotations and code scanning: only http(s),
 * so a crafted output (a scanner run on pull-request code) cannot plant a javascript: or data: URL.
 */
export function httpUrl(value: unknown): string | undefined {
  const text = str(value)?.trim();
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? text : undefined;
  } catch {
    return undefined;
  }
}
