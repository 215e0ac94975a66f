/**
 * PostgreSQL's eight table-level lock modes and their conflict table (docs: "Explicit Locking",
 * Table 13.2), and what each one keeps ordinary sessions from doing.
 */
import type { Blocked, LockMode, RelationName } from './types.ts';

/** Weakest first; the index is the mode's strength. */
export const LOCK_MODES: readonly LockMode[] = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
];

const CONFLICTS: Record<LockMode, readonly LockMode[]> = {
  'ACCESS SHARE': ['ACCESS EXCLUSIVE'],
  'ROW SHARE': ['EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'ROW EXCLUSIVE': ['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'SHARE UPDATE EXCLUSIVE': [
    'SHARE UPDATE EXCLUSIVE',
    'SHARE',
    'SHARE ROW EXCLUSIVE',
    'EXCLUSIVE',
    'ACCESS EXCLUSIVE',
  ],
  SHARE: ['ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
  'SHARE ROW EXCLUSIVE': [
    'ROW EXCLUSIVE',
    'SHARE UPDATE EXCLUSIVE',
    'SHARE',
    'SHARE ROW EXCLUSIVE',
    'EXCLUSIVE',
    'ACCESS EXCLUSIVE',
  ],
  EXCLUSIVE: [
    'ROW SHARE',
    'ROW EXCLUSIVE',
    'SHARE UPDATE EXCLUSIVE',
    'SHARE',
    'SHARE ROW EXCLUSIVE',
    'EXCLUSIVE',
    'ACCESS EXCLUSIVE',
  ],
  'ACCESS EXCLUSIVE': LOCK_MODES,
};

/** Whether two sessions can hold these modes on the same table at once. */
export function lockConflicts(a: LockMode, b: LockMode): boolean {
  return CONFLICTS[a].includes(b);
}

/** 0 for ACCESS SHARE up to 7 for ACCESS EXCLUSIVE. */
export function lockStrength(mode: LockMode): number {
  return LOCK_MODES.indexOf(mode);
}

/** The stronger of two modes (the one an ALTER TABLE with both subcommands takes). */
export function strongerLock(a: LockMode, b: LockMode): LockMode {
  return lockStrength(a) >= lockStrength(b) ? a : b;
}

/**
 * What a lock stops ordinary traffic from doing: plain SELECT takes ACCESS SHARE, so it waits only
 * for ACCESS EXCLUSIVE; INSERT/UPDATE/DELETE take ROW EXCLUSIVE. (EXCLUSIVE also stops
 * `SELECT … FOR UPDATE/SHARE`, which is a write-side lock, so it counts as blocking writes.)
 */
export function blockedBy(lock: LockMode): Blocked[] {
  const blocked: Blocked[] = [];
  if (lockConflicts(lock, 'ACCESS SHARE')) blocked.push('reads');
  if (lockConflicts(lock, 'ROW EXCLUSIVE')) blocked.push('writes');
  return blocked;
}

/** LOCK TABLE's numeric mode (the parser's `LockStmt.mode`, 1 = ACCESS SHARE … 8 = ACCESS EXCLUSIVE). */
export function lockModeFromNumber(mode: number): LockMode | undefined {
  return LOCK_MODES[mode - 1];
}

/**
 * A RangeVar as a RelationName. The parser has already folded unquoted identifiers to lower case
 * and kept quoted ones exactly as written, so the names are taken as they are.
 */
export function relationName(rangeVar: unknown): RelationName {
  const node = (rangeVar ?? {}) as { schemaname?: string; relname?: string; RangeVar?: unknown };
  if (node.RangeVar) return relationName(node.RangeVar);
  return node.schemaname ? { schema: node.schemaname, name: node.relname ?? '' } : { name: node.relname ?? '' };
}

/** A dotted name list (`[schema, table]` or `[table]`, as DROP and COMMENT carry them) as a RelationName. */
export function relationFromNames(names: readonly string[]): RelationName | undefined {
  if (names.length === 0) return undefined;
  const name = names[names.length - 1]!;
  return names.length >= 2 ? { schema: names[names.length - 2]!, name } : { name };
}
