/**
 * What the schema-change rules share: finding the table an ALTER TABLE changes (and whether that
 * matters: tables created earlier in the file are new and empty), the columns a statement adds or
 * declares, and a RuleHit that states its lock and what the lock blocks.
 */
import { relationOf } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import { blockedBy } from '../lock-modes.ts';
import type { LockMode, MigrationContext, RelationName, RuleHit, Statement } from '../types.ts';

export { addedColumns, type ColumnDefinition, type DeclaredType, declaredTypes } from '../declared-columns.ts';

/** ALTER TABLE on an existing table (not a view, index, type or a table created in this file). */
export function existingAlteredTable(statement: Statement, context: MigrationContext): RelationName | undefined {
  if (statement.kind !== 'AlterTableStmt') return undefined;
  const objtype = statement.node.objtype ?? 'OBJECT_TABLE';
  if (objtype !== 'OBJECT_TABLE') return undefined;
  const table = relationOf(statement.node.relation);
  if (!table || context.isNewRelation(table)) return undefined;
  return table;
}

/** A finding whose `blocks` follow from its lock, so the two never disagree. */
export function lockHit(lock: LockMode | null, fields: { message: string; rewrite: boolean; fix: string }): RuleHit {
  return { ...fields, lock, blocks: lock ? blockedBy(lock) : [] };
}

/** `ALTER TABLE t` for fixes. */
export function alterTable(table: RelationName): string {
  return `ALTER TABLE ${relationSql(table)}`;
}

/** Batched backfill loop of UPDATEs by ctid, so no statement holds row locks on the whole table. */
export function batchedUpdate(table: RelationName, assignment: string, pending: string): string {
  const t = relationSql(table);
  return (
    `-- backfill in batches, each in its own transaction; repeat until it updates 0 rows:\n` +
    `UPDATE ${t} SET ${assignment} WHERE ctid IN (SELECT ctid FROM ${t} WHERE ${pending} LIMIT 10000);`
  );
}

/** The safe way to make a column NOT NULL on a big table: a validated CHECK first (PG 12+). */
export function notNullSteps(table: RelationName, column: string, constraintName: string): string {
  const t = alterTable(table);
  return (
    `${t} ADD CONSTRAINT ${constraintName} CHECK (${column} IS NOT NULL) NOT VALID;\n` +
    `${t} VALIDATE CONSTRAINT ${constraintName};\n` +
    `${t} ALTER COLUMN ${column} SET NOT NULL;\n` +
    `${t} DROP CONSTRAINT ${constraintName};`
  );
}
