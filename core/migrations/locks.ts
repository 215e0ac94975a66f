/**
 * Which table-level lock each statement takes, and on which relations — one place for the lock
 * knowledge of PostgreSQL's "Explicit Locking" and ALTER TABLE pages (and tablecmds.c's
 * AlterTableGetLockLevel). Checked against pg_locks on a PostgreSQL 15 server; modes that changed
 * between releases take the pgVersion into account.
 */
import { alterTableLocks } from './alter-table-locks.ts';
import { type RelationLock, strongest } from './relation-locks.ts';
import {
  blockedBy,
  LOCK_MODES,
  lockConflicts,
  lockModeFromNumber,
  relationFromNames,
  relationName,
  strongerLock,
} from './lock-modes.ts';
import type { LockMode, RelationName, Statement } from './types.ts';

export type { RelationLock } from './relation-locks.ts';
export { blockedBy, LOCK_MODES, lockConflicts, relationName, strongerLock };

type Node = Record<string, unknown>;

function names(list: unknown): string[] {
  const items = ((list as { List?: { items?: unknown[] } })?.List?.items ?? list ?? []) as unknown[];
  if (!Array.isArray(items)) return [];
  return items.map((item) => (item as { String?: { sval?: string } }).String?.sval ?? '');
}

function on(lock: LockMode, relations: unknown[]): RelationLock[] {
  return relations.map((relation) => ({ relation: relationName(relation), lock }));
}

/** Tables a CREATE TABLE references with FOREIGN KEY (inline or table constraint). */
function referencedTables(elements: unknown[]): unknown[] {
  const tables: unknown[] = [];
  const visitConstraint = (c: unknown) => {
    const constraint = (c as { Constraint?: Node }).Constraint;
    if (constraint?.contype === 'CONSTR_FOREIGN' && constraint.pktable) tables.push(constraint.pktable);
  };
  for (const element of elements) {
    const column = (element as { ColumnDef?: { constraints?: unknown[] } }).ColumnDef;
    if (column) (column.constraints ?? []).forEach(visitConstraint);
    else visitConstraint(element);
  }
  return tables;
}

const RELATION_DROPS = new Set([
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_FOREIGN_TABLE',
  'OBJECT_SEQUENCE',
  'OBJECT_INDEX',
]);
/** DROP TRIGGER/POLICY/RULE name the table first, then the object. */
const TABLE_MEMBER_DROPS = new Set(['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);
const RELATION_RENAMES = new Set([
  'OBJECT_TABLE',
  'OBJECT_COLUMN',
  'OBJECT_TABCONSTRAINT',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_FOREIGN_TABLE',
  'OBJECT_SEQUENCE',
  'OBJECT_TRIGGER',
  'OBJECT_POLICY',
  'OBJECT_RULE',
]);
const COMMENTABLE_RELATIONS = new Set([
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_FOREIGN_TABLE',
  'OBJECT_SEQUENCE',
  'OBJECT_INDEX',
]);

function hasOption(params: unknown, option: string): boolean {
  if (!Array.isArray(params)) return false;
  return params.some((p) => {
    const def = (p as { DefElem?: { defname?: string; arg?: unknown } }).DefElem;
    if (def?.defname !== option) return false;
    return !isFalse(def.arg);
  });
}

/** `(FULL false)`, `(FULL off)`, `(FULL 0)`: an option explicitly switched off. */
function isFalse(arg: unknown): boolean {
  if (arg === undefined) return false;
  const a = arg as { String?: { sval?: string }; Integer?: { ival?: number }; Boolean?: { boolval?: boolean } };
  if (a.String) return ['false', 'off', 'no', '0'].includes((a.String.sval ?? '').toLowerCase());
  if (a.Integer) return (a.Integer.ival ?? 0) === 0;
  if (a.Boolean) return a.Boolean.boolval !== true;
  return false;
}

/**
 * Every relation-level lock a statement takes, relation by relation. New relations the statement
 * creates are left out (nobody else can see them yet); database- and schema-wide statements
 * (REINDEX DATABASE, DROP SCHEMA) name no relation and return [].
 */
export function relationLocks(statement: Pick<Statement, 'kind' | 'node'>, pgVersion = 15): RelationLock[] {
  const n = statement.node;
  switch (statement.kind) {
    case 'AlterTableStmt':
      return alterTableLocks(n, pgVersion);
    case 'IndexStmt':
      return on(n.concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE', [n.relation]);
    case 'DropStmt': {
      const type = n.removeType as string;
      const objects = (n.objects as unknown[] | undefined) ?? [];
      if (RELATION_DROPS.has(type)) {
        const lock: LockMode = type === 'OBJECT_INDEX' && n.concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE';
        return objects.flatMap((o) => {
          const relation = relationFromNames(names(o));
          return relation ? [{ relation, lock }] : [];
        });
      }
      if (TABLE_MEMBER_DROPS.has(type)) {
        return objects.flatMap((o) => {
          const relation = relationFromNames(names(o).slice(0, -1));
          return relation ? [{ relation, lock: 'ACCESS EXCLUSIVE' as const }] : [];
        });
      }
      return [];
    }
    case 'RenameStmt': {
      const type = n.renameType as string;
      if (type === 'OBJECT_INDEX') {
        // PostgreSQL 12 lowered ALTER INDEX … RENAME to SHARE UPDATE EXCLUSIVE.
        return on(pgVersion >= 12 ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE', [n.relation]);
      }
      return RELATION_RENAMES.has(type) && n.relation ? on('ACCESS EXCLUSIVE', [n.relation]) : [];
    }
    case 'AlterObjectSchemaStmt':
      return n.relation ? on('ACCESS EXCLUSIVE', [n.relation]) : [];
    case 'TruncateStmt':
      return on('ACCESS EXCLUSIVE', (n.relations as unknown[] | undefined) ?? []);
    case 'VacuumStmt': {
      const rels = ((n.rels as { VacuumRelation?: { relation?: unknown } }[] | undefined) ?? []).map(
        (r) => r.VacuumRelation?.relation,
      );
      const full = n.is_vacuumcmd === true && hasOption(n.options, 'full');
      return on(full ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE', rels);
    }
    case 'ClusterStmt':
      return n.relation ? on('ACCESS EXCLUSIVE', [n.relation]) : [];
    case 'ReindexStmt': {
      if (!n.relation) return [];
      if (hasOption(n.params, 'concurrently')) return on('SHARE UPDATE EXCLUSIVE', [n.relation]);
      // REINDEX INDEX: ACCESS EXCLUSIVE on the index (reads that use it wait) and SHARE on its
      // table; REINDEX TABLE: SHARE on the table, ACCESS EXCLUSIVE on each of its indexes.
      return on(n.kind === 'REINDEX_OBJECT_INDEX' ? 'ACCESS EXCLUSIVE' : 'SHARE', [n.relation]);
    }
    case 'RefreshMatViewStmt':
      return on(n.concurrent ? 'EXCLUSIVE' : 'ACCESS EXCLUSIVE', [n.relation]);
    case 'CreateTrigStmt':
      return on('SHARE ROW EXCLUSIVE', [n.relation]);
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      return on('ACCESS EXCLUSIVE', [n.table]);
    case 'RuleStmt':
      return on('ACCESS EXCLUSIVE', [n.relation]);
    case 'CreateStatsStmt':
      return on('SHARE UPDATE EXCLUSIVE', (n.relations as unknown[] | undefined) ?? []);
    case 'CommentStmt': {
      const type = n.objtype as string;
      const path = names(n.object);
      const target = COMMENTABLE_RELATIONS.has(type)
        ? path
        : type === 'OBJECT_COLUMN' || type === 'OBJECT_TABCONSTRAINT'
          ? path.slice(0, -1)
          : [];
      const relation = relationFromNames(target);
      return relation ? [{ relation, lock: 'SHARE UPDATE EXCLUSIVE' }] : [];
    }
    case 'LockStmt': {
      const lock = lockModeFromNumber(n.mode as number) ?? 'ACCESS EXCLUSIVE';
      return on(lock, (n.relations as unknown[] | undefined) ?? []);
    }
    case 'CreateStmt': {
      const parents = (n.inhRelations as unknown[] | undefined) ?? [];
      // PARTITION OF locks the parent ACCESS EXCLUSIVE; INHERITS only SHARE UPDATE EXCLUSIVE.
      const parentLock: LockMode = n.partbound ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE';
      const referenced = referencedTables((n.tableElts as unknown[] | undefined) ?? []);
      return [...on(parentLock, parents), ...on('SHARE ROW EXCLUSIVE', referenced)];
    }
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt':
      return n.relation ? on('ROW EXCLUSIVE', [n.relation]) : [];
    default:
      return [];
  }
}

/**
 * The strongest lock a statement takes and the relations it takes it on; null for statements
 * that lock no existing relation (CREATE FUNCTION, SET, GRANT, ALTER TYPE … ADD VALUE, …).
 */
export function lockFor(
  statement: Pick<Statement, 'kind' | 'node'>,
  pgVersion = 15,
): { lock: LockMode; relations: RelationName[] } | null {
  return strongest(relationLocks(statement, pgVersion));
}
