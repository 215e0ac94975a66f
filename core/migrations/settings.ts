/**
 * Reads the session settings the gate cares about (lock_timeout, statement_timeout) from `SET`,
 * `SET LOCAL`, `RESET`, `SET … TO DEFAULT` and `SELECT set_config(name, value, is_local)`. Values
 * follow PostgreSQL's rules for time settings: a bare number is milliseconds, units us/ms/s/min/h/d.
 */
import { nodeOf, stringList, unwrap } from './ast.ts';

export type TimeoutSetting = 'lock_timeout' | 'statement_timeout';

export interface SettingChange {
  name: TimeoutSetting;
  /** Milliseconds; 0 means "no timeout"; undefined means back to the default (also none). */
  valueMs: number | undefined;
  /** SET LOCAL / set_config(…, true): lasts until the end of the transaction. */
  local: boolean;
}

const TRACKED = new Set<string>(['lock_timeout', 'statement_timeout']);
const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `'5s'` → 5000, `'250'` → 250, `'1.5min'` → 90000; undefined when PostgreSQL would reject it. */
export function parseDurationMs(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(us|ms|s|min|h|d)?\s*$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!;
}

function constantValue(node: unknown): string | number | undefined {
  const constant = nodeOf(node, 'A_Const');
  if (constant) {
    if (constant.sval) return (constant.sval as { sval?: string }).sval ?? '';
    if (constant.ival) return (constant.ival as { ival?: number }).ival ?? 0;
    if (constant.fval) return Number((constant.fval as { fval?: string }).fval);
    return undefined;
  }
  const cast = nodeOf(node, 'TypeCast');
  return cast ? constantValue(cast.arg) : undefined;
}

function booleanValue(node: unknown): boolean | undefined {
  const constant = nodeOf(node, 'A_Const');
  if (constant?.boolval) return (constant.boolval as { boolval?: boolean }).boolval === true;
  const value = constantValue(node);
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (['t', 'true', 'on', 'yes', 'y', '1'].includes(v)) return true;
    if (['f', 'false', 'off', 'no', 'n', '0'].includes(v)) return false;
  }
  if (typeof value === 'number') return value !== 0;
  return undefined;
}

/** The changes a `VariableSetStmt` makes (RESET ALL touches both timeouts). */
export function changesFromSet(node: Record<string, unknown>): SettingChange[] {
  const local = node.is_local === true;
  const kind = node.kind;
  if (kind === 'VAR_RESET_ALL') {
    return [
      { name: 'lock_timeout', valueMs: undefined, local },
      { name: 'statement_timeout', valueMs: undefined, local },
    ];
  }
  const name = typeof node.name === 'string' ? node.name.toLowerCase() : '';
  if (!TRACKED.has(name)) return [];
  const setting = name as TimeoutSetting;
  if (kind === 'VAR_RESET' || kind === 'VAR_SET_DEFAULT') return [{ name: setting, valueMs: undefined, local }];
  if (kind !== 'VAR_SET_VALUE' || !Array.isArray(node.args) || node.args.length !== 1) return [];
  const raw = constantValue(node.args[0]);
  const valueMs = raw === undefined ? undefined : parseDurationMs(raw);
  return valueMs === undefined ? [] : [{ name: setting, valueMs, local }];
}

/** `set_config('lock_timeout', '5s', is_local)` calls anywhere in a SELECT's target list. */
export function changesFromSelect(node: Record<string, unknown>): SettingChange[] {
  const changes: SettingChange[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    const pair = unwrap(value);
    if (!pair) return;
    const [kind, inner] = pair;
    if (kind === 'FuncCall') {
      const names = stringList(inner.funcname);
      const args = Array.isArray(inner.args) ? inner.args : [];
      if (names[names.length - 1] === 'set_config' && args.length === 3) {
        const name = constantValue(args[0]);
        const raw = constantValue(args[1]);
        const local = booleanValue(args[2]);
        if (typeof name === 'string' && TRACKED.has(name.toLowerCase()) && raw !== undefined && local !== undefined) {
          const valueMs = parseDurationMs(raw);
          if (valueMs !== undefined) changes.push({ name: name.toLowerCase() as TimeoutSetting, valueMs, local });
        }
      }
    }
    for (const child of Object.values(inner)) if (child && typeof child === 'object') visit(child);
  };
  visit(node.targetList);
  return changes;
}
