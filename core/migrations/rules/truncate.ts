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
 * TRUNCATE of existing tables, with or without CASCADE: the truncate itself is the hazard here;
 * truncate-cascade reports what CASCADE adds (tables the statement does not name), so a statement
 * with CASCADE gets both findings and suppressing one does not hide the other.
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
    'CASCADE is reported by this rule and by truncate-cascade (for the tables it empties without naming them).',
  check(statement, context) {
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
