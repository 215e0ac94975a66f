/**
 * Is a probe's output within its tolerance? Chaos Toolkit's rules, so its experiments keep their
 * meaning: a number or list compares an output's `status` when it has one; a two-number list is
 * a range `[lo, hi]` for a plain value; regex, jsonpath and range objects may name a `target` key.
 * Our probes' outputs carry `ok` (their own expectations) and `value` (their main figure):
 * `true` means "ok", numbers and ranges compare `value`.
 */
import { JSONPath } from 'jsonpath-plus';
import type { Activity, Tolerance } from './model.ts';

export interface ToleranceVerdict {
  met: boolean;
  /** Why not, in words, for the journal and the summary. */
  reason?: string;
}

/** Runs a `{type: probe}` tolerance with the observed value; true when it says "within". */
export type ToleranceProbeRunner = (activity: Activity, value: unknown) => Promise<boolean>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The figure a scalar tolerance compares: `status` (Chaos Toolkit), else our `value`. */
export function primaryValue(output: unknown): unknown {
  if (isRecord(output)) {
    if ('status' in output) return output.status;
    if ('value' in output && 'ok' in output) return output.value;
  }
  return output;
}

function targetOf(output: unknown, target: string | undefined): unknown {
  if (target && isRecord(output)) return target in output ? output[target] : output;
  return output;
}

/** Text for a regex: the named target, else the body (http) or stdout (process), else JSON. */
function textOf(output: unknown, target: string | undefined): string {
  let value = targetOf(output, target);
  if (!target && isRecord(value)) {
    if ('body' in value) value = value.body;
    else if ('stdout' in value) value = value.stdout;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export async function withinTolerance(
  tolerance: Tolerance,
  output: unknown,
  runProbe?: ToleranceProbeRunner,
): Promise<ToleranceVerdict> {
  if (typeof tolerance === 'boolean') {
    const value = isRecord(output) && 'ok' in output ? output.ok : output;
    return value === tolerance ? { met: true } : { met: false, reason: `expected ${tolerance}, got ${show(value)}` };
  }
  if (typeof tolerance === 'number' || typeof tolerance === 'string') {
    const value = primaryValue(output);
    return same(value, tolerance) ? { met: true } : { met: false, reason: `expected ${show(tolerance)}, got ${show(value)}` };
  }
  if (Array.isArray(tolerance)) {
    const hasStatus = isRecord(output) && 'status' in output;
    const value = primaryValue(output);
    const isRange =
      !hasStatus && tolerance.length === 2 && tolerance.every((t) => typeof t === 'number') && typeof value === 'number';
    if (isRange) {
      const [lo, hi] = tolerance as [number, number];
      return value >= lo && value <= hi ? { met: true } : { met: false, reason: `${value} is outside [${lo}, ${hi}]` };
    }
    return tolerance.some((t) => same(t, value))
      ? { met: true }
      : { met: false, reason: `${show(value)} is not one of ${show(tolerance)}` };
  }
  switch (tolerance.type) {
    case 'regex': {
      const text = textOf(output, tolerance.target);
      return new RegExp(tolerance.pattern).test(text)
        ? { met: true }
        : { met: false, reason: `no match for /${tolerance.pattern}/ in ${show(text)}` };
    }
    case 'jsonpath': {
      let value = targetOf(output, tolerance.target);
      if (typeof value === 'string') {
        try {
          value = JSON.parse(value);
        } catch {
          // Not JSON: the path simply finds nothing.
        }
      }
      const found =
        typeof value === 'object' && value !== null
          ? (JSONPath({ path: tolerance.path, json: value as object, wrap: true }) as unknown[])
          : [];
      let met = found.length > 0;
      if (tolerance.count !== undefined) met = found.length === tolerance.count;
      if ('expect' in tolerance) {
        met = same(found, Array.isArray(tolerance.expect) ? tolerance.expect : [tolerance.expect]);
      }
      return met ? { met } : { met, reason: `${tolerance.path} found ${show(found)}` };
    }
    case 'range': {
      const raw = tolerance.target ? targetOf(output, tolerance.target) : primaryValue(output);
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      const [lo, hi] = tolerance.range;
      if (typeof value !== 'number' || Number.isNaN(value)) {
        return { met: false, reason: `expected a number in [${lo}, ${hi}], got ${show(raw)}` };
      }
      return value >= lo && value <= hi ? { met: true } : { met: false, reason: `${value} is outside [${lo}, ${hi}]` };
    }
    case 'probe': {
      if (!runProbe) return { met: false, reason: 'a probe tolerance cannot be checked here' };
      const activity = { ...(tolerance as unknown as Activity), type: 'probe' as const };
      activity.name ??= 'tolerance probe';
      return (await runProbe(activity, output))
        ? { met: true }
        : { met: false, reason: `tolerance probe "${activity.name}" said no` };
    }
    default:
      return { met: false, reason: `unknown tolerance ${show(tolerance)}` };
  }
}

/** The tolerance's form, to check at load time that it fits the probe (see Probe.tolerances). */
export function toleranceKind(tolerance: Tolerance): 'boolean' | 'number' | 'string' | 'list' | 'regex' | 'jsonpath' | 'range' | 'probe' {
  if (typeof tolerance === 'boolean') return 'boolean';
  if (typeof tolerance === 'number') return 'number';
  if (typeof tolerance === 'string') return 'string';
  if (Array.isArray(tolerance)) return 'list';
  return tolerance.type;
}
