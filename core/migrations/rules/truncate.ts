import { relationOf } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { RelationName, Rule, Statement, MigrationContext } from '../types.ts';
import { lockHit } from './schema-change-support.ts';

/** The existing tables a TRUNCATE names (tables created in the same file are empty anyway). */
export function truncatedTables(statement: Statement, context: MigrationContext): RelationName[] {
  if (statement.kind !== 'TruncateStmt') return [];
  return ((statement.node.relations as unknown[] | undefined) ?? [])
    .map((r) => relationOf((r as { RangeVar?: unknown }).RangeVar))
    .filter((r): r is RelationName => r !== undefined && !context.isNewRelation(r));
}

/**
 * TRUNCATE without CASCADE. TRUNCATE … CASCADE is reported by truncate-cascade instead (one
 * finding per statement: the cascade finding names the extra hazard and includes this one).
 */
export const truncate: Rule = {
  id: 'truncate',
  defaultSeverity: 'error',
  kinds: ['TruncateStmt'],
  summary: 'TRUNCATE of an existing table',
  description:
    'TRUNCATE deletes every row at once and takes ACCESS EXCLUSIVE on the table: it waits for every running ' +
    'query on it and blocks all reads and writes meanwhile. It is not MVCC-safe (concurrent transactions ' +
    'with an older snapshot see the table empty) and cannot be undone after commit. To empty a live table ' +
    'delete in batches; if you really mean TRUNCATE (a staging table), suppress with a reason. TRUNCATE … ' +
    'CASCADE is reported as truncate-cascade instead.',
  check(statement, context) {
    if (statement.node.behavior === 'DROP_CASCADE') return [];
    const tables = truncatedTables(statement, context);
    if (tables.length === 0) return [];
    const names = tables.map(relationSql).join(', ');
    return [
      lockHit('ACCESS EXCLUSIVE', {
        message: `TRUNCATE ${names} deletes every row under ACCESS EXCLUSIVE: reads and writes on it wait, and the data cannot be recovered after commit.`,
        rewrite: false,
        fix: tables
          .map((t) => `-- repeat until it deletes 0 rows:\nDELETE FROM ${relationSql(t)} WHERE ctid IN (SELECT ctid FROM ${relationSql(t)} LIMIT 10000);`)
          .join('\n'),
      }),
    ];
  },
};
