/** A lint report as the engine produces it, shared by the renderer specifications. */
import type { Finding, LintReport } from '../../../core/migrations/types.ts';

export const indexFinding: Finding = {
  rule: 'non-concurrent-index',
  severity: 'error',
  path: 'db/migrations/V2__index_orders.sql',
  line: 3,
  column: 1,
  message: 'CREATE INDEX without CONCURRENTLY blocks writes to "orders" while the index builds.',
  lock: 'SHARE',
  blocks: ['writes'],
  rewrite: false,
  fix: 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);',
  statement: 'CREATE INDEX orders_customer_idx ON orders (customer_id)',
  source: 'static',
};

export const lockTimeoutFinding: Finding = {
  rule: 'missing-lock-timeout',
  severity: 'warning',
  path: 'db/migrations/V2__index_orders.sql',
  line: 1,
  column: 1,
  message: 'No lock_timeout is set: a queued lock waits forever and blocks everyone behind it.',
  lock: 'ACCESS EXCLUSIVE',
  blocks: ['reads', 'writes'],
  rewrite: true,
  fix: "SET lock_timeout = '2s';",
  statement: 'ALTER TABLE orders ALTER COLUMN id TYPE bigint',
};

export const shadowFinding: Finding = {
  rule: 'observed-table-rewrite',
  severity: 'error',
  path: 'db/migrations/V3__type.sql',
  line: 2,
  column: 5,
  message: 'The shadow run saw "orders" rewritten (new relfilenode) under ACCESS EXCLUSIVE for 41 ms.',
  lock: 'ACCESS EXCLUSIVE',
  blocks: ['reads', 'writes'],
  rewrite: true,
  fix: null,
  statement: 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric',
  source: 'shadow',
};

export function sampleReport(): LintReport {
  return {
    version: 1,
    files: [
      { path: 'db/migrations/V1__create_orders.sql', findings: [], statements: 2 },
      { path: 'db/migrations/V2__index_orders.sql', findings: [indexFinding, lockTimeoutFinding], statements: 3 },
      { path: 'db/migrations/V3__type.sql', findings: [shadowFinding], statements: 1 },
    ],
  };
}
