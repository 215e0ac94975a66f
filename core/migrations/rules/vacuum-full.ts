import { hasOption, relationOf } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { RelationName, Rule } from '../types.ts';
import { lockHit } from './schema-change-support.ts';

/** VACUUM FULL copies the table under ACCESS EXCLUSIVE. */
export const vacuumFull: Rule = {
  id: 'vacuum-full',
  defaultSeverity: 'error',
  kinds: ['VacuumStmt'],
  summary: 'VACUUM FULL rewrites the table under ACCESS EXCLUSIVE',
  description:
    'VACUUM FULL writes a new copy of the table and all its indexes while holding ACCESS EXCLUSIVE: no ' +
    'reads or writes for the whole copy, and it needs disk space for a second copy. Without a table list ' +
    'it does this to every table in the database. Plain VACUUM reclaims space for reuse without blocking; ' +
    'to shrink a bloated table online use pg_repack or pg_squeeze.',
  check(statement, context) {
    if (statement.kind !== 'VacuumStmt' || statement.node.is_vacuumcmd !== true) return [];
    if (!hasOption(statement.node.options, 'full')) return [];
    const rels = ((statement.node.rels as { VacuumRelation?: { relation?: unknown } }[] | undefined) ?? [])
      .map((r) => relationOf(r.VacuumRelation?.relation))
      .filter((r): r is RelationName => r !== undefined);
    const existing = rels.filter((r) => !context.isNewRelation(r));
    if (rels.length > 0 && existing.length === 0) return [];
    const target = existing.length > 0 ? existing.map(relationSql).join(', ') : 'every table in the database';
    const plain = existing.length > 0 ? `VACUUM (ANALYZE) ${existing.map(relationSql).join(', ')};` : 'VACUUM (ANALYZE);';
    return [
      lockHit('ACCESS EXCLUSIVE', {
        message: `VACUUM FULL rewrites ${target} under ACCESS EXCLUSIVE: reads and writes wait for the whole copy.`,
        rewrite: true,
        fix:
          `${plain}\n` +
          `-- to give space back to the OS without blocking, use pg_repack instead:\n` +
          `-- pg_repack --no-order ${existing.length > 0 ? existing.map((r) => `--table=${relationSql(r)}`).join(' ') : '--all'}`,
      }),
    ];
  },
};
