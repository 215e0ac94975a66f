/**
 * Secrets never leave the engine: every journal, log line and summary passes through a redactor
 * that replaces each secret value (wherever it appears, even inside a longer string) with `***`.
 */
export const REDACTED = '***';

export interface Redactor {
  text(value: string): string;
  /** A deep copy with every string redacted. */
  value<T>(value: T): T;
}

export function createRedactor(secretValues: readonly string[]): Redactor {
  const secrets = [...secretValues].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  const text = (value: string): string => {
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(deep);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)]));
    }
    if ((typeof value === 'number' || typeof value === 'bigint') && secrets.includes(String(value))) return REDACTED;
    return value;
  };
  return { text, value: <T>(value: T) => deep(value) as T };
}
