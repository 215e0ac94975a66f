/**
 * Configuration and secrets: resolved once (inline values, `{type: env, key, default}`, `--var`
 * overrides), substituted as `${name}` into activities, and remembered as a list of secret values
 * so the journal, logs and summaries can redact them. The environment is handed in by the face:
 * the core never reads process.env itself.
 */
import { FaultlineError } from '../errors.ts';
import type { ConfigValue, EnvValue, Experiment } from './model.ts';

export interface Bindings {
  /** Configuration and every secret scope's keys, by name, for `${name}`. */
  values: Record<string, unknown>;
  /** The secret values themselves (strings), longest first, for redaction. */
  secretValues: string[];
  /** Names that could not be resolved (lenient mode only: `chaos validate` without the env). */
  unresolved: string[];
  /**
   * Lenient mode: one `file:line: key: what` per environment variable that is not set and has no
   * default, which `chaos run` would refuse (Chaos Toolkit's validate checks the same).
   */
  unresolvedWarnings: string[];
}

export interface BindingOptions {
  env: Record<string, string | undefined>;
  vars?: Record<string, string>;
  /** Leave `${name}` of missing env values in place instead of failing (for validation). */
  lenient?: boolean;
  /** Where a configuration/secret key sits, for the error. */
  locate?: (pointer: string) => { line: number; column: number } | undefined;
  file?: string;
}

function isEnvValue(value: ConfigValue): value is EnvValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as EnvValue).type === 'env';
}

function convert(text: string, type: EnvValue['env_var_type'], where: string, options: BindingOptions): unknown {
  const fail = (what: string) =>
    new FaultlineError(`${where}: environment value is not ${what}`, {
      file: options.file,
      ...options.locate?.(`/${where.replace(/\./g, '/')}`),
      hint: `set it to ${what}, or change env_var_type`,
    });
  switch (type) {
    case 'int': {
      if (!/^-?\d+$/.test(text.trim())) throw fail('an integer');
      return Number(text);
    }
    case 'float': {
      const value = Number(text);
      if (text.trim() === '' || Number.isNaN(value)) throw fail('a number');
      return value;
    }
    case 'bool':
      return ['1', 'true', 'yes', 'on'].includes(text.trim().toLowerCase());
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw fail('JSON');
      }
    default:
      return text;
  }
}

function resolveValue(
  value: ConfigValue,
  pointer: string,
  name: string,
  options: BindingOptions,
  unresolved: string[],
  warnings: string[] = [],
): { value: unknown; resolved: boolean } {
  if (isEnvValue(value)) {
    const text = options.env[value.key];
    if (text !== undefined) return { value: convert(text, value.env_var_type, pointer.slice(1).replace(/\//g, '.'), options), resolved: true };
    if ('default' in value) return { value: value.default, resolved: true };
    if (options.lenient) {
      unresolved.push(name);
      const line = options.locate?.(pointer)?.line;
      warnings.push(
        `${options.file ?? ''}${line ? `:${line}` : ''}${options.file ? ': ' : ''}${pointer.slice(1).replace(/\//g, '.')}: environment variable ${value.key} is not set and has no default: run will refuse to start without it (export ${value.key}=..., pass --var ${name}=..., or give it a "default")`,
      );
      return { value: undefined, resolved: false };
    }
    throw new FaultlineError(`${pointer.slice(1).replace(/\//g, '.')}: environment variable ${value.key} is not set and has no default`, {
      file: options.file,
      ...options.locate?.(pointer),
      hint: `export ${value.key}=..., pass --var ${name}=..., or give the entry a "default"`,
    });
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string') {
    throw new FaultlineError(`${pointer.slice(1).replace(/\//g, '.')}: value type "${String((value as { type: string }).type)}" is not supported`, {
      file: options.file,
      ...options.locate?.(pointer),
      hint: 'use an inline value or {type: env, key: NAME}; fetch vault secrets into the environment first',
    });
  }
  return { value, resolved: true };
}

export function resolveBindings(experiment: Experiment, options: BindingOptions): Bindings {
  const values: Record<string, unknown> = {};
  const secrets = new Set<string>();
  const unresolved: string[] = [];
  const unresolvedWarnings: string[] = [];
  for (const [name, raw] of Object.entries(experiment.configuration ?? {})) {
    if (options.vars && name in options.vars) {
      values[name] = options.vars[name];
      continue;
    }
    const { value, resolved } = resolveValue(raw, `/configuration/${name}`, name, options, unresolved, unresolvedWarnings);
    if (resolved) values[name] = value;
  }
  // --var may also introduce names the file does not declare (Chaos Toolkit allows it).
  for (const [name, value] of Object.entries(options.vars ?? {})) values[name] ??= value;
  for (const [scope, entries] of Object.entries(experiment.secrets ?? {})) {
    for (const [name, raw] of Object.entries(entries)) {
      const { value, resolved } = resolveValue(raw, `/secrets/${scope}/${name}`, name, options, unresolved, unresolvedWarnings);
      if (!resolved) continue;
      values[name] = value;
      collectSecretStrings(value, secrets);
    }
  }
  return {
    values,
    secretValues: [...secrets].sort((a, b) => b.length - a.length),
    unresolved,
    unresolvedWarnings,
  };
}

function collectSecretStrings(value: unknown, into: Set<string>): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (value.length > 0) into.add(value);
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    // Short scalars such as `true` or `1` would redact half a journal; only strings of some length count.
    const text = String(value);
    if (text.length >= 4) into.add(text);
  } else if (typeof value === 'object') {
    for (const inner of Object.values(value)) collectSecretStrings(inner, into);
  }
}

const PLACEHOLDER = /\$\{([A-Za-z_][\w.-]*)\}/g;

/**
 * Replaces `${name}` in every string of a value. A string that is exactly one placeholder takes
 * the bound value with its type (a number stays a number); unknown names stay as written.
 */
export function substitute<T>(value: T, values: Record<string, unknown>): T {
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(value);
    if (whole && whole[1]! in values) return values[whole[1]!] as T;
    return value.replace(PLACEHOLDER, (match, name: string) => {
      if (!(name in values)) return match;
      const bound = values[name];
      return typeof bound === 'string' ? bound : JSON.stringify(bound);
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, values)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)])) as T;
  }
  return value;
}

/** True when a value still holds a `${name}` placeholder (lenient validation skips it). */
export function hasPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return /\$\{[A-Za-z_][\w.-]*\}/.test(value);
  if (Array.isArray(value)) return value.some(hasPlaceholder);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasPlaceholder);
  return false;
}

/** One word for `sh -c`: single-quoted, with embedded single quotes closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * `${name}` in the string `arguments` of a process provider, which Chaos Toolkit runs through
 * `sh -c`: each substituted value is shell-quoted, so a configuration value (from `--var`, the
 * environment or a secret) is one argument and never shell syntax (`x; touch /tmp/pwned` stays
 * text). The experiment's own text around the placeholders is the author's shell, as before.
 */
export function substituteShell(text: string, values: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (match, name: string) => {
    if (!(name in values)) return match;
    const bound = values[name];
    return shellQuote(typeof bound === 'string' ? bound : JSON.stringify(bound));
  });
}

/** Placeholders the author put inside quotes of a shell string: quoting the value again would keep the quotes. */
export function quotedPlaceholders(text: string): string[] {
  return [...text.matchAll(/(["'])[^"']*\$\{([A-Za-z_][\w.-]*)\}[^"']*\1/g)].map((match) => match[2]!);
}

/**
 * What `chaos validate` says about process providers with string arguments: substituted values
 * are shell-quoted, so a placeholder the author quoted again keeps those quotes in the value.
 */
export function shellArgumentNotes(experiment: unknown): string[] {
  const notes: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as { name?: unknown; provider?: { type?: unknown; arguments?: unknown } };
    const provider = node.provider;
    if (provider?.type === 'process' && typeof provider.arguments === 'string') {
      for (const name of quotedPlaceholders(provider.arguments)) {
        notes.push(
          `activity "${String(node.name ?? '?')}": \${${name}} is inside quotes in a shell string; Faultline shell-quotes substituted values, so those quotes become part of the value: write \${${name}} without quotes`,
        );
      }
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(experiment);
  return notes;
}
