import { relationSql } from '../identifiers.ts';
import { blockedBy, relationLocks } from '../locks.ts';
import { strongest } from '../relation-locks.ts';
import type { Rule } from '../types.ts';

/**
 * A statement that needs a blocking lock waits in the lock queue behind any long transaction, and
 * everything arriving after it queues behind it: without lock_timeout a one-millisecond ALTER can
 * stall all traffic on the table for as long as that other transaction runs.
 */
export const missingLockTimeout: Rule = {
  id: 'missing-lock-timeout',
  defaultSeverity: 'warning',
  summary: 'A statement takes a lock that blocks reads or writes with no lock_timeout in force',
  description:
    'Lock requests queue in order. A statement waiting for ACCESS EXCLUSIVE (or SHARE, …) behind one ' +
    'long-running query makes every later query on that table wait behind it, even plain SELECTs: a ' +
    'fast ALTER becomes an outage. Set lock_timeout (for example SET lock_timeout = \'5s\', or SET LOCAL ' +
    'inside a transaction) so the migration gives up and can be retried instead of stalling traffic. ' +
    'ALTER ROLE … SET lock_timeout and ALTER DATABASE … SET lock_timeout change only sessions that start ' +
    'later, not the one running the migration, so they do not count.',
  check(statement, context) {
    if (context.lockTimeoutMs !== undefined) return [];
    const locks = relationLocks(statement, context.pgVersion).filter(
      (l) => !context.isNewRelation(l.relation) && blockedBy(l.lock).length > 0,
    );
    const top = strongest(locks);
    if (!top) return [];
    const names = top.relations.map(relationSql).join(', ');
    const blocks = blockedBy(top.lock);
    const set = context.inTransaction ? 'SET LOCAL' : 'SET';
    return [
      {
        message:
          `This statement waits for ${/^[AEIOU]/.test(top.lock) ? 'an' : 'a'} ${top.lock} lock on ${names} with no lock_timeout: while it waits behind ` +
          `any running query, new ${blocks.join(' and ')} on ${names} queue behind it.`,
        lock: top.lock,
        blocks,
        rewrite: false,
        fix: `${set} lock_timeout = '5s'; -- give up (and retry) rather than queue traffic behind the lock\n${statement.text};`,
      },
    ];
  },
};
