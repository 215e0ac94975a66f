import { relationFromNames } from '../ast.ts';
import { relationSql } from '../identifiers.ts';
import type { RelationName, Rule } from '../types.ts';
import { outsideTransaction } from './locking-support.ts';

/** DROP INDEX takes ACCESS EXCLUSIVE on the index's table: reads and writes wait. */
export const dropIndexNonConcurrent: Rule = {
  id: 'drop-index-non-concurrent',
  defaultSeverity: 'error',
  kinds: ['DropStmt'],
  summary: 'DROP INDEX without CONCURRENTLY blocks reads and writes on the table',
  description:
    'DROP INDEX takes an ACCESS EXCLUSIVE lock on the table the index belongs to. The drop itself is ' +
    'quick, but it has to wait for every running query on the table, and every new query queues behind ' +
    'it: a long-running SELECT turns into an outage. DROP INDEX CONCURRENTLY waits for those queries ' +
    'without blocking new ones. It drops one index per statement, cannot use CASCADE and cannot run ' +
    'inside a transaction block.',
  check(statement, context) {
    const node = statement.node;
    if (statement.kind !== 'DropStmt' || node.removeType !== 'OBJECT_INDEX' || node.concurrent === true) return [];
    const indexes = ((node.objects ?? []) as { List?: { items?: unknown } }[])
      .map((o) => relationFromNames(o.List?.items))
      .filter((r): r is RelationName => r !== undefined && !context.isNewRelation(r));
    if (indexes.length === 0) return [];
    const ifExists = node.missing_ok === true ? 'IF EXISTS ' : '';
    const drops = indexes.map((index) => `DROP INDEX CONCURRENTLY ${ifExists}${relationSql(index)};`).join('\n');
    const cascade = node.behavior === 'DROP_CASCADE' ? '-- CONCURRENTLY does not allow CASCADE: drop dependent objects first\n' : '';
    return [
      {
        message:
          `DROP INDEX ${indexes.map(relationSql).join(', ')} takes an ACCESS EXCLUSIVE lock on the table: ` +
          'it waits for running queries and blocks all new reads and writes meanwhile.',
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: false,
        fix: `${outsideTransaction(context.inTransaction)}${cascade}${drops}`,
      },
    ];
  },
};
