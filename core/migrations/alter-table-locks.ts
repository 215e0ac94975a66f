/**
 * The lock each ALTER TABLE subcommand takes (PostgreSQL's AlterTableGetLockLevel). A statement
 * with several subcommands takes the strongest of them; some subcommands also lock a second
 * relation (the referenced table of a foreign key, the partition being attached or detached).
 */
import { relationName } from './lock-modes.ts';
import type { RelationLock } from './relation-locks.ts';
import type { LockMode } from './types.ts';

type Node = Record<string, unknown>;

/** Subcommands that only change planner or maintenance settings and never block reads or writes. */
const SHARE_UPDATE_EXCLUSIVE = new Set([
  'AT_SetStatistics',
  'AT_ClusterOn',
  'AT_DropCluster',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_ValidateConstraint',
  'AT_DetachPartitionFinalize',
]);

/** ENABLE/DISABLE TRIGGER affects writes only. */
const SHARE_ROW_EXCLUSIVE = new Set([
  'AT_EnableTrig',
  'AT_EnableAlwaysTrig',
  'AT_EnableReplicaTrig',
  'AT_EnableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrig',
  'AT_DisableTrigAll',
  'AT_DisableTrigUser',
]);

/**
 * Storage parameters whose change needs ACCESS EXCLUSIVE (they change what queries see); every
 * other parameter (fillfactor, autovacuum_*, parallel_workers, toast_tuple_target, …) takes
 * SHARE UPDATE EXCLUSIVE.
 */
const ACCESS_EXCLUSIVE_OPTIONS = new Set(['user_catalog_table', 'check_option', 'security_barrier', 'security_invoker']);

function relOptionsLock(def: unknown): LockMode {
  const items = ((def as { List?: { items?: unknown[] } })?.List?.items ?? []) as { DefElem?: { defname?: string } }[];
  const needsExclusive = items.some((item) => ACCESS_EXCLUSIVE_OPTIONS.has(item.DefElem?.defname ?? ''));
  return needsExclusive || items.length === 0 ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE';
}

/** Foreign keys a column definition declares inline (`ADD COLUMN c int REFERENCES t`). */
function inlineReferences(def: unknown): unknown[] {
  const column = (def as { ColumnDef?: { constraints?: unknown[] } })?.ColumnDef;
  return (column?.constraints ?? [])
    .map((c) => (c as { Constraint?: Node }).Constraint)
    .filter((c): c is Node => c?.contype === 'CONSTR_FOREIGN' && c.pktable !== undefined)
    .map((c) => c.pktable);
}

/** The locks one subcommand takes: on the altered table first, then on any other relation. */
function commandLocks(cmd: Node, table: unknown, pgVersion: number): { lock: LockMode; relation: unknown }[] {
  const subtype = cmd.subtype as string;
  if (SHARE_UPDATE_EXCLUSIVE.has(subtype)) return [{ lock: 'SHARE UPDATE EXCLUSIVE', relation: table }];
  if (SHARE_ROW_EXCLUSIVE.has(subtype)) return [{ lock: 'SHARE ROW EXCLUSIVE', relation: table }];
  switch (subtype) {
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions':
      return [{ lock: relOptionsLock(cmd.def), relation: table }];
    case 'AT_AddConstraint': {
      const constraint = (cmd.def as { Constraint?: Node })?.Constraint;
      if (constraint?.contype === 'CONSTR_FOREIGN') {
        // A foreign key adds triggers on both tables, so both get SHARE ROW EXCLUSIVE.
        return [
          { lock: 'SHARE ROW EXCLUSIVE', relation: table },
          { lock: 'SHARE ROW EXCLUSIVE', relation: constraint.pktable },
        ];
      }
      return [{ lock: 'ACCESS EXCLUSIVE', relation: table }];
    }
    case 'AT_AddColumn':
      return [
        { lock: 'ACCESS EXCLUSIVE', relation: table },
        ...inlineReferences(cmd.def).map((relation) => ({ lock: 'SHARE ROW EXCLUSIVE' as const, relation })),
      ];
    case 'AT_AttachPartition': {
      const partition = (cmd.def as { PartitionCmd?: Node })?.PartitionCmd?.name;
      // Since PostgreSQL 12 the parent only needs SHARE UPDATE EXCLUSIVE; the partition being
      // attached is still locked ACCESS EXCLUSIVE (it is scanned to check the bound).
      return [
        { lock: pgVersion >= 12 ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE', relation: table },
        { lock: 'ACCESS EXCLUSIVE', relation: partition },
      ];
    }
    case 'AT_DetachPartition': {
      const partitionCmd = (cmd.def as { PartitionCmd?: Node })?.PartitionCmd;
      const lock: LockMode = partitionCmd?.concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE';
      return [
        { lock, relation: table },
        { lock, relation: partitionCmd?.name },
      ];
    }
    default:
      // Everything else — ADD/DROP COLUMN, ALTER TYPE, SET/DROP NOT NULL, SET DEFAULT, CHECK and
      // UNIQUE/PRIMARY KEY constraints, DROP CONSTRAINT, SET LOGGED/UNLOGGED, SET TABLESPACE,
      // OWNER TO, REPLICA IDENTITY, row-level security, identity changes — takes ACCESS EXCLUSIVE.
      return [{ lock: 'ACCESS EXCLUSIVE', relation: table }];
  }
}

/** The lock of one ALTER TABLE subcommand on the altered table (for rules that look at one). */
export function alterTableCommandLock(cmd: Node, pgVersion = 15): LockMode {
  return commandLocks(cmd, undefined, pgVersion)[0]!.lock;
}

/** Every lock an AlterTableStmt takes. ALTER TYPE … ADD ATTRIBUTE alters a type, not a table: none. */
export function alterTableLocks(statement: Node, pgVersion: number): RelationLock[] {
  if (statement.objtype === 'OBJECT_TYPE') return [];
  const cmds = ((statement.cmds as { AlterTableCmd?: Node }[] | undefined) ?? [])
    .map((c) => c.AlterTableCmd)
    .filter((c): c is Node => c !== undefined);
  return cmds.flatMap((cmd) =>
    commandLocks(cmd, statement.relation, pgVersion)
      .filter((l) => l.relation !== undefined)
      .map((l) => ({ relation: relationName(l.relation), lock: l.lock })),
  );
}
