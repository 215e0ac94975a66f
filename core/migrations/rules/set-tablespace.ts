import { alterCommands } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { lockHit } from './schema-change-support.ts';
import { relationOf } from '../ast.ts';

const MOVABLE = new Set(['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_MATVIEW']);

/** SET TABLESPACE / SET ACCESS METHOD copy every block of the relation under ACCESS EXCLUSIVE. */
export const setTablespace: Rule = {
  id: 'set-tablespace',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ALTER TABLE/INDEX … SET TABLESPACE or SET ACCESS METHOD copies the relation under ACCESS EXCLUSIVE',
  description:
    'Moving a table or index to another tablespace copies every block, and SET ACCESS METHOD (PostgreSQL ' +
    '15+) rewrites every row, both under ACCESS EXCLUSIVE: no reads or writes for the whole copy. Move data ' +
    'online with pg_repack --tablespace, or build a new index CONCURRENTLY in the target tablespace and drop ' +
    'the old one. Relations created earlier in the same file are not reported.',
  check(statement, context) {
    if (statement.kind !== 'AlterTableStmt' || !MOVABLE.has(String(statement.node.objtype ?? 'OBJECT_TABLE'))) return [];
    const relation = relationOf(statement.node.relation);
    if (!relation || context.isNewRelation(relation)) return [];
    const isIndex = statement.node.objtype === 'OBJECT_INDEX';
    return alterCommands(statement.node)
      .filter((cmd) => cmd.subtype === 'AT_SetTableSpace' || cmd.subtype === 'AT_SetAccessMethod')
      .map((cmd) => {
        const target = quoteIdent(cmd.name ?? '');
        const r = relationSql(relation);
        const tablespace = cmd.subtype === 'AT_SetTableSpace';
        return lockHit('ACCESS EXCLUSIVE', {
          message: tablespace
            ? `SET TABLESPACE ${target} copies all of ${r} under ACCESS EXCLUSIVE: reads and writes wait for the whole copy.`
            : `SET ACCESS METHOD ${target} rewrites all of ${r} under ACCESS EXCLUSIVE: reads and writes wait until it ends.`,
          rewrite: true,
          fix: isIndex
            ? `CREATE INDEX CONCURRENTLY <new index> ON <table> (<same columns>) TABLESPACE ${target};\nDROP INDEX CONCURRENTLY ${r};`
            : tablespace
              ? `-- move it online with pg_repack:\n-- pg_repack --table=${r} --tablespace=${target} --moveidx`
              : `-- create a new table USING ${target}, copy in batches, and swap the names in one short transaction`,
        });
      });
  },
};
