import { findingsOf } from '../lint-sql.ts';

const rule = 'unbatched-backfill';

describe(rule, () => {
  it('flags a whole-table UPDATE in the transaction that altered the table (ACCESS EXCLUSIVE held)', () => {
    const sql = `BEGIN;
ALTER TABLE orders ADD COLUMN status text;
UPDATE orders SET status = 'pending';
COMMIT;`;
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'warning', line: 3, lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.fix).toContain(
      "UPDATE orders SET status = 'pending' WHERE ctid IN (SELECT ctid FROM orders WHERE status IS DISTINCT FROM ('pending') LIMIT 10000);",
    );
  });

  it('flags an UPDATE whose WHERE does not bound the rows (IS NULL touches them all)', () => {
    const sql = `BEGIN;
ALTER TABLE users RENAME COLUMN mail TO email;
UPDATE users SET email = lower(email) WHERE email IS NOT NULL;
COMMIT;`;
    const [finding] = findingsOf(rule, sql);
    expect(finding!.fix).toContain('WHERE ctid IN (SELECT ctid FROM users WHERE email IS NOT NULL LIMIT 10000)');
  });

  it('flags a whole-table DELETE as well', () => {
    const sql = 'BEGIN;\nALTER TABLE sessions DROP COLUMN token;\nDELETE FROM sessions;\nCOMMIT;';
    expect(findingsOf(rule, sql)).toHaveLength(1);
  });

  it('accepts batched updates (LIMITed subquery, key range) in the same transaction', () => {
    const sql = `BEGIN;
ALTER TABLE orders ADD COLUMN status text;
UPDATE orders SET status = 'pending' WHERE id IN (SELECT id FROM orders WHERE status IS NULL LIMIT 5000);
UPDATE orders SET status = 'pending' WHERE id BETWEEN 1 AND 10000;
UPDATE orders SET status = 'pending' WHERE id >= 10000 AND id < 20000;
COMMIT;`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('accepts a whole-table UPDATE after the DDL committed, or with no DDL lock held', () => {
    expect(findingsOf(rule, "ALTER TABLE orders ADD COLUMN status text;\nUPDATE orders SET status = 'pending';")).toEqual([]);
    expect(findingsOf(rule, "BEGIN;\nUPDATE orders SET status = 'pending';\nCOMMIT;")).toEqual([]);
    expect(findingsOf(rule, "BEGIN;\nCREATE INDEX CONCURRENTLY i ON orders (id);\nUPDATE orders SET status = 'x';\nCOMMIT;")).toEqual([]);
  });

  it('accepts backfilling a table created in the same transaction', () => {
    const sql = `BEGIN;
CREATE TABLE settings (k text, v text);
ALTER TABLE settings ADD COLUMN scope text;
UPDATE settings SET scope = 'global';
COMMIT;`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('forgets a lock that a ROLLBACK TO SAVEPOINT released', () => {
    const sql = `BEGIN;
SAVEPOINT widen;
ALTER TABLE orders ALTER COLUMN total TYPE bigint;
ROLLBACK TO SAVEPOINT widen;
UPDATE orders SET status = 'archived';
COMMIT;`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});
