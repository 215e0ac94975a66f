import { alterCommands, relationOf } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { alterTable, existingAlteredTable, lockHit } from './schema-change-support.ts';

/** DETACH PARTITION without CONCURRENTLY locks the whole partitioned table ACCESS EXCLUSIVE. */
export const detachPartitionNonConcurrent: Rule = {
  id: 'detach-partition-non-concurrent',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'DETACH PARTITION without CONCURRENTLY blocks reads and writes of the whole partitioned table',
  description:
    'ALTER TABLE … DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table and the partition: every ' +
    'query on any partition waits, and waits behind every running query first. Since PostgreSQL 14, ' +
    'DETACH PARTITION … CONCURRENTLY needs only SHARE UPDATE EXCLUSIVE (reads and writes continue); it ' +
    'cannot run in a transaction block or when the table has a default partition, and an interrupted run ' +
    'is finished with DETACH PARTITION … FINALIZE. Before 14 there is no concurrent form: run it with a ' +
    'short lock_timeout and retries, at a quiet time.',
  check(statement, context) {
    const parent = existingAlteredTable(statement, context);
    if (!parent) return [];
    return alterCommands(statement.node)
      .filter((cmd) => cmd.subtype === 'AT_DetachPartition')
      .filter((cmd) => (cmd.def?.PartitionCmd as { concurrent?: boolean } | undefined)?.concurrent !== true)
      .map((cmd) => {
        const partition = relationOf((cmd.def?.PartitionCmd as { name?: unknown } | undefined)?.name);
        const name = partition ? relationSql(partition) : '<partition>';
        const concurrent = context.pgVersion >= 14;
        return lockHit('ACCESS EXCLUSIVE', {
          message:
            `Detaching ${name} from ${relationSql(parent)} takes ACCESS EXCLUSIVE on the whole partitioned table: ` +
            `reads and writes of every partition wait.` +
            (concurrent ? '' : ` PostgreSQL ${context.pgVersion} has no concurrent form (it arrived in 14).`),
          rewrite: false,
          fix: concurrent
            ? `-- outside a transaction block (not possible with a default partition):\n${alterTable(parent)} DETACH PARTITION ${name} CONCURRENTLY;`
            : `-- PostgreSQL ${context.pgVersion} has no DETACH … CONCURRENTLY (added in 14); keep the wait short and retry:\n` +
              `SET lock_timeout = '2s';\n${alterTable(parent)} DETACH PARTITION ${name};`,
        });
      });
  },
};
