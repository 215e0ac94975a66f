import { hasOption, relationOf } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { outsideTransaction } from './locking-support.ts';

const TARGET: Record<string, string> = {
  REINDEX_OBJECT_INDEX: 'INDEX',
  REINDEX_OBJECT_TABLE: 'TABLE',
  REINDEX_OBJECT_SCHEMA: 'SCHEMA',
  REINDEX_OBJECT_DATABASE: 'DATABASE',
  REINDEX_OBJECT_SYSTEM: 'SYSTEM',
};

/** REINDEX locks out writes to the table and every query that would use the index. */
export const reindexNonConcurrent: Rule = {
  id: 'reindex-non-concurrent',
  defaultSeverity: 'error',
  kinds: ['ReindexStmt'],
  summary: 'REINDEX without CONCURRENTLY blocks writes, and reads that use the index',
  description:
    'REINDEX takes a SHARE lock on the table (writes wait) and an ACCESS EXCLUSIVE lock on each index it ' +
    'rebuilds; the planner locks every index of a table it plans a query for, so in practice reads ' +
    'wait as well, for the whole rebuild. Since PostgreSQL 12, REINDEX CONCURRENTLY rebuilds without ' +
    'blocking (outside a transaction block). Before 12, build a new index with CREATE INDEX ' +
    'CONCURRENTLY, drop the old one with DROP INDEX CONCURRENTLY and rename the new one.',
  check(statement, context) {
    if (statement.kind !== 'ReindexStmt' || hasOption(statement.node.params, 'concurrently')) return [];
    const target = TARGET[String(statement.node.kind)] ?? 'INDEX';
    const relation = relationOf(statement.node.relation);
    if (relation && context.isNewRelation(relation)) return [];
    const name = relation ? relationSql(relation) : typeof statement.node.name === 'string' ? statement.node.name : '';
    if (target === 'SYSTEM') {
      return [
        {
          message: 'REINDEX SYSTEM rebuilds the system catalogs under exclusive locks: every session waits.',
          lock: 'ACCESS EXCLUSIVE',
          blocks: ['reads', 'writes'],
          rewrite: true,
          fix: '-- system catalogs cannot be reindexed concurrently: run this in a maintenance window, not in a migration',
        },
      ];
    }
    const fix =
      context.pgVersion >= 12
        ? `${outsideTransaction(context.inTransaction)}REINDEX ${target} CONCURRENTLY ${name};`.trimEnd()
        : target === 'INDEX' && relation
          ? `-- PostgreSQL ${context.pgVersion} has no REINDEX CONCURRENTLY: build a copy, then swap. Its definition:\n` +
            `--   SELECT indexdef FROM pg_indexes WHERE indexname = '${relation.name}';\n` +
            `-- run that as CREATE INDEX CONCURRENTLY ${relation.name}_new ON …, then:\n` +
            `DROP INDEX CONCURRENTLY ${name};\n` +
            `ALTER INDEX ${relation.schema ? `${relation.schema}.` : ''}${relation.name}_new RENAME TO ${relation.name};`
          : `-- PostgreSQL ${context.pgVersion} has no REINDEX CONCURRENTLY: rebuild each index with CREATE INDEX CONCURRENTLY + DROP INDEX CONCURRENTLY + RENAME`;
    return [
      {
        message:
          `REINDEX ${target}${name ? ` ${name}` : ''} without CONCURRENTLY takes a SHARE lock on the table and an ` +
          'ACCESS EXCLUSIVE lock on each index: writes wait, and so do reads that plan to use the index, for the whole rebuild.',
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: true,
        fix,
      },
    ];
  },
};
