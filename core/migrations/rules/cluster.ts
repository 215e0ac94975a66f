import { relationOf } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { lockHit } from './schema-change-support.ts';

/** CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE. */
export const cluster: Rule = {
  id: 'cluster',
  defaultSeverity: 'error',
  kinds: ['ClusterStmt'],
  summary: 'CLUSTER rewrites the table under ACCESS EXCLUSIVE',
  description:
    'CLUSTER writes a new copy of the table sorted by an index, holding ACCESS EXCLUSIVE the whole time: no ' +
    'reads or writes until it ends. Without a table name it re-clusters every table clustered before. ' +
    'pg_repack --order-by does the same reordering online.',
  check(statement, context) {
    if (statement.kind !== 'ClusterStmt') return [];
    const table = relationOf(statement.node.relation);
    if (table && context.isNewRelation(table)) return [];
    const target = table ? relationSql(table) : 'every previously clustered table';
    const index = typeof statement.node.indexname === 'string' ? quoteIdent(statement.node.indexname) : undefined;
    return [
      lockHit('ACCESS EXCLUSIVE', {
        message: `CLUSTER rewrites ${target} under ACCESS EXCLUSIVE: reads and writes wait until the copy is done.`,
        rewrite: true,
        fix: table
          ? `-- reorder online with pg_repack instead:\n-- pg_repack --table=${relationSql(table)} --order-by=<columns of ${index ?? 'the clustering index'}>`
          : '-- reorder online, table by table, with pg_repack --table=<table> --order-by=<columns>',
      }),
    ];
  },
};
