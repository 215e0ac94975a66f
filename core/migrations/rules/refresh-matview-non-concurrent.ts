import { relationOf } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { lockHit } from './schema-change-support.ts';

/** REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view. */
export const refreshMatviewNonConcurrent: Rule = {
  id: 'refresh-matview-non-concurrent',
  defaultSeverity: 'warning',
  kinds: ['RefreshMatViewStmt'],
  summary: 'REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view',
  description:
    'A plain REFRESH MATERIALIZED VIEW holds ACCESS EXCLUSIVE on the view while it recomputes the query: ' +
    'every SELECT on the view waits. REFRESH … CONCURRENTLY takes only EXCLUSIVE (reads continue) and ' +
    'swaps in the changes; it needs a UNIQUE index on the view covering all rows, cannot run on a view ' +
    'that has never been populated, and is slower. Views created in the same file are not reported.',
  check(statement, context) {
    if (statement.kind !== 'RefreshMatViewStmt' || statement.node.concurrent === true) return [];
    // WITH NO DATA only empties the view (it has no concurrent form).
    if (statement.node.skipData === true) return [];
    const view = relationOf(statement.node.relation);
    if (!view || context.isNewRelation(view)) return [];
    const name = relationSql(view);
    return [
      lockHit('ACCESS EXCLUSIVE', {
        message: `REFRESH MATERIALIZED VIEW ${name} holds ACCESS EXCLUSIVE while the query reruns: every read of the view waits.`,
        rewrite: true,
        fix:
          `-- needs a unique index on the view (once): CREATE UNIQUE INDEX CONCURRENTLY ON ${name} (<key columns>);\n` +
          `REFRESH MATERIALIZED VIEW CONCURRENTLY ${name};`,
      }),
    ];
  },
};
