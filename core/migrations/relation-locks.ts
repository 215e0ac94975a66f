import { strongerLock } from './lock-modes.ts';
import type { LockMode, RelationName } from './types.ts';

/** One lock one statement takes on one relation. */
export interface RelationLock {
  relation: RelationName;
  lock: LockMode;
}

function sameRelation(a: RelationName, b: RelationName): boolean {
  return a.name === b.name && a.schema === b.schema;
}

/** The strongest mode among the locks, with every relation locked in that mode (no duplicates). */
export function strongest(locks: readonly RelationLock[]): { lock: LockMode; relations: RelationName[] } | null {
  if (locks.length === 0) return null;
  const lock = locks.map((l) => l.lock).reduce(strongerLock);
  const relations: RelationName[] = [];
  for (const l of locks) {
    if (l.lock === lock && !relations.some((r) => sameRelation(r, l.relation))) relations.push(l.relation);
  }
  return { lock, relations };
}
