/**
 * Reading a driver's `arguments` object. Every check throws one FaultlineError that names the
 * driver and the argument, says what was expected and what was given, so a user fixing an
 * experiment never has to guess which key is wrong.
 */
import { FaultlineError } from '../errors.ts';

export type Arguments = Record<string, unknown>;

export class ArgumentReader {
  readonly driver: string;
  readonly args: Arguments;

  constructor(driver: string, args: unknown, allowed: readonly string[]) {
    this.driver = driver;
    if (args === undefined || args === null) args = {};
    if (typeof args !== 'object' || Array.isArray(args)) {
      throw new FaultlineError(`driver "${driver}": arguments must be an object, got ${describe(args)}`, {
        hint: `write the driver's arguments as a mapping under "arguments:" (see docs/drivers.md#${driver})`,
      });
    }
    this.args = args as Arguments;
    for (const key of Object.keys(this.args)) {
      if (!allowed.includes(key)) {
        throw this.error(key, `is not an argument of this driver (known: ${allowed.join(', ')})`);
      }
    }
  }

  /** An error about one argument, for checks the reader does not cover. */
  error(name: string, problem: string, hint?: string): FaultlineError {
    return new FaultlineError(`driver "${this.driver}": argument "${name}" ${problem}`, {
      hint: hint ?? `see docs/drivers.md#${this.driver} for the arguments and their types`,
    });
  }

  has(name: string): boolean {
    return this.args[name] !== undefined && this.args[name] !== null;
  }

  string(name: string, options: { required: true; pattern?: RegExp; patternText?: string }): string;
  string(name: string, options?: { required?: false; pattern?: RegExp; patternText?: string }): string | undefined;
  string(
    name: string,
    options: { required?: boolean; pattern?: RegExp; patternText?: string } = {},
  ): string | undefined {
    const value = this.args[name];
    if (value === undefined || value === null) {
      if (options.required) throw this.error(name, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value.length === 0) {
      throw this.error(name, `must be a non-empty string, got ${describe(value)}`);
    }
    if (options.pattern && !options.pattern.test(value)) {
      throw this.error(name, `must be ${options.patternText ?? `a string matching ${options.pattern}`}, got ${describe(value)}`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback?: T): T {
    const value = this.args[name];
    if (value === undefined || value === null) {
      if (fallback === undefined) throw this.error(name, `is required (one of: ${choices.join(', ')})`);
      return fallback;
    }
    if (typeof value !== 'string' || !choices.includes(value as T)) {
      throw this.error(name, `must be one of ${choices.join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  }

  integer(name: string, options: { min: number; max: number; fallback: number }): number;
  integer(name: string, options: { min: number; max: number; fallback?: undefined }): number | undefined;
  integer(name: string, options: { min: number; max: number; fallback?: number }): number | undefined {
    return this.numberIn(name, { ...options, integer: true });
  }

  number(name: string, options: { min: number; max: number; fallback: number }): number;
  number(name: string, options: { min: number; max: number; fallback?: undefined }): number | undefined;
  number(name: string, options: { min: number; max: number; fallback?: number }): number | undefined {
    return this.numberIn(name, { ...options, integer: false });
  }

  private numberIn(
    name: string,
    options: { min: number; max: number; fallback?: number; integer: boolean },
  ): number | undefined {
    let value = this.args[name];
    if (value === undefined || value === null) return options.fallback;
    // Values substituted from configuration (environment variables) arrive as strings.
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) value = Number(value);
    const kind = options.integer ? 'an integer' : 'a number';
    if (typeof value !== 'number' || !Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
      throw this.error(name, `must be ${kind} from ${options.min} to ${options.max}, got ${describe(value)}`);
    }
    if (value < options.min || value > options.max) {
      throw this.error(name, `must be ${kind} from ${options.min} to ${options.max}, got ${value}`);
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.args[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') throw this.error(name, `must be true or false, got ${describe(value)}`);
    return value;
  }

  object(name: string, options: { required: true }): Arguments;
  object(name: string, options?: { required?: false }): Arguments | undefined;
  object(name: string, options: { required?: boolean } = {}): Arguments | undefined {
    const value = this.args[name];
    if (value === undefined || value === null) {
      if (options.required) throw this.error(name, 'is required (a mapping)');
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw this.error(name, `must be a mapping, got ${describe(value)}`);
    }
    return value as Arguments;
  }

  /**
   * A duration in whole seconds: a number of seconds or a string like `90s`, `5m`, `1h`.
   * Every fault carries one as its time-to-live, so the limits are checked here once.
   */
  seconds(name: string, options: { min: number; max: number; fallback: number }): number {
    const value = this.args[name];
    if (value === undefined || value === null) return options.fallback;
    const seconds = parseSeconds(value);
    const expected = `a duration from ${options.min}s to ${options.max}s (a number of seconds, or "30s", "5m", "1h")`;
    if (seconds === undefined) throw this.error(name, `must be ${expected}, got ${describe(value)}`);
    if (seconds < options.min || seconds > options.max) throw this.error(name, `must be ${expected}, got ${seconds}s`);
    return seconds;
  }

  /** Exactly one of the named arguments must be present; returns which. */
  exactlyOne<T extends string>(names: readonly T[]): T {
    const present = names.filter((name) => this.has(name));
    if (present.length !== 1) {
      const got = present.length === 0 ? 'none' : present.join(' and ');
      throw new FaultlineError(
        `driver "${this.driver}": exactly one of the arguments ${names.map((n) => `"${n}"`).join(', ')} is required, got ${got}`,
        { hint: `see docs/drivers.md#${this.driver}` },
      );
    }
    return present[0]!;
  }

  /** Rejects an argument that makes no sense together with the chosen action. */
  forbid(names: readonly string[], reason: string): void {
    for (const name of names) {
      if (this.has(name)) throw this.error(name, `cannot be used ${reason}`);
    }
  }
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

export function parseSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_SECONDS[match[2] ?? 's']!;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

/** A name safe for labels, resource names and rule comments: lower-case [a-z0-9-], bounded. */
export function safeName(text: string, maxLength = 63): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return cleaned.slice(0, maxLength).replace(/-$/, '') || 'x';
}
