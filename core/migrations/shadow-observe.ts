/**
 * What the shadow run reads from the server around one statement: the relations and their storage
 * (relfilenode) before and after, and the table-level locks a session holds. Only user relations
 * count (oid ≥ 16384): the catalog locks every statement takes, including these queries' own, are
 * noise for a migration review.
 */
import { LOCK_MODES } from './lock-modes.ts';
import type { LockMode } from './types.ts';
import type { ShadowClient } from './shadow-types.ts';


export interface RelationInfo {
  oid: number;
  /** `regclass` text: schema-qualified only when the schema is not on the search_path. */
  name: string;
  /** pg_class.relkind: r table, i index, m materialized view, p partitioned table, S sequence, … */
  kind: string;
  filenode: number;
  /** For indexes: the table they belong to. */
  tableOid?: number;
}

export interface HeldLock {
  oid: number;
  mode: LockMode;
}

const RELATIONS_SQL = `
  SELECT c.oid::int8 AS oid, c.oid::regclass::text AS name, c.relkind::text AS kind,
         c.relfilenode::int8 AS filenode, i.indrelid::int8 AS table_oid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_index i ON i.indexrelid = c.oid
   WHERE c.oid >= 16384 AND n.nspname <> 'pg_toast'`;

export async function snapshotRelations(client: ShadowClient): Promise<Map<number, RelationInfo>> {
  const { rows } = await client.query(RELATIONS_SQL);
  const relations = new Map<number, RelationInfo>();
  for (const row of rows) {
    const oid = Number(row.oid);
    const info: RelationInfo = { oid, name: String(row.name), kind: String(row.kind), filenode: Number(row.filenode) };
    if (row.table_oid !== null && row.table_oid !== undefined) info.tableOid = Number(row.table_oid);
    relations.set(oid, info);
  }
  return relations;
}

// pg_locks.relation is an oid; the database filter keeps locks of other databases out.
const LOCKS_SQL = `
  SELECT l.relation::int8 AS oid, l.mode
    FROM pg_locks l
   WHERE l.pid = $1 AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384::oid
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** Granted relation locks of backend `pid` (another session's, or the caller's own). */
export async function locksOf(client: ShadowClient, pid: number): Promise<HeldLock[]> {
  const { rows } = await client.query(LOCKS_SQL, [pid]);
  const locks: HeldLock[] = [];
  for (const row of rows) {
    const mode = lockModeOf(String(row.mode));
    if (mode) locks.push({ oid: Number(row.oid), mode });
  }
  return locks;
}

/** `ShareUpdateExclusiveLock` → `SHARE UPDATE EXCLUSIVE`. */
export function lockModeOf(pgLocksMode: string): LockMode | undefined {
  const words = pgLocksMode.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
  return LOCK_MODES.find((mode) => mode === words);
}

export async function backendPid(client: ShadowClient): Promise<number> {
  const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
  return Number(rows[0]?.pid);
}

/** lock_timeout in force for the session, in milliseconds (0: no limit). */
export async function lockTimeoutMs(client: ShadowClient): Promise<number> {
  const { rows } = await client.query("SELECT setting FROM pg_settings WHERE name = 'lock_timeout'");
  return Number(rows[0]?.setting ?? 0);
}

/** Locks in `after` that `before` did not hold (same relation and mode), one entry per pair. */
export function newLocks(before: HeldLock[], after: HeldLock[]): HeldLock[] {
  const held = new Set(before.map(lockKey));
  const seen = new Set<string>();
  return after.filter((lock) => {
    const key = lockKey(lock);
    if (held.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function lockKey(lock: HeldLock): string {
  return `${lock.oid}:${lock.mode}`;
}

/**
 * Relations whose storage was replaced (relfilenode changed) between two snapshots. An index
 * rebuilt along with its rewritten table is left out: the table says it.
 */
export function rewrittenRelations(before: Map<number, RelationInfo>, after: Map<number, RelationInfo>): RelationInfo[] {
  const changed: RelationInfo[] = [];
  for (const [oid, old] of before) {
    const now = after.get(oid);
    if (!now || old.filenode === 0 || now.filenode === 0 || old.filenode === now.filenode) continue;
    if (now.kind === 'S') continue; // sequences get new storage on RESTART; no table data is copied
    changed.push(now);
  }
  const tables = new Set(changed.filter((relation) => relation.kind !== 'i').map((relation) => relation.oid));
  return changed.filter((relation) => relation.kind !== 'i' || !tables.has(relation.tableOid ?? -1));
}

/**
 * Runs `statement` while a second session polls pg_locks for backend `pid`, for statements that
 * cannot run inside a transaction block (their locks are gone before the session could look).
 * Returns every lock seen at least once.
 */
export async function pollLocksWhile<T>(
  observer: ShadowClient,
  pid: number,
  intervalMs: number,
  statement: () => Promise<T>,
): Promise<{ locks: HeldLock[]; outcome: PromiseSettledResult<T> }> {
  const seen = new Map<string, HeldLock>();
  let running = true;
  const poller = (async () => {
    while (running) {
      for (const lock of await locksOf(observer, pid)) seen.set(lockKey(lock), lock);
      if (intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  const [outcome] = await Promise.allSettled([statement()]);
  running = false;
  await poller;
  return { locks: [...seen.values()], outcome };
}
