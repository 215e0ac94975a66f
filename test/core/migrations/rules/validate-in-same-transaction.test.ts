import { findingsOf } from '../lint-sql.ts';

const rule = 'validate-in-same-transaction';

describe(rule, () => {
  it('flags VALIDATE of a CHECK added NOT VALID in the same transaction (ACCESS EXCLUSIVE still held)', () => {
    const sql = `BEGIN;
ALTER TABLE accounts ADD CONSTRAINT balance_positive CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT balance_positive;
COMMIT;`;
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', line: 3, lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.fix).toContain('ALTER TABLE accounts VALIDATE CONSTRAINT balance_positive;');
  });

  it('flags a foreign key validated in the same transaction as SHARE ROW EXCLUSIVE (writes wait)', () => {
    const sql = `BEGIN;
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
COMMIT;`;
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ lock: 'SHARE ROW EXCLUSIVE', blocks: ['writes'] });
  });

  it('flags both steps in one file run by a tool that wraps it in a transaction', () => {
    const sql = `ALTER TABLE accounts ADD CONSTRAINT c CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT c;`;
    expect(findingsOf(rule, sql, { assumeTransaction: true })).toHaveLength(1);
  });

  it('accepts VALIDATE after COMMIT, and in autocommit mode', () => {
    const committed = `BEGIN;
ALTER TABLE accounts ADD CONSTRAINT c CHECK (balance >= 0) NOT VALID;
COMMIT;
ALTER TABLE accounts VALIDATE CONSTRAINT c;`;
    expect(findingsOf(rule, committed)).toEqual([]);
    const autocommit = `ALTER TABLE accounts ADD CONSTRAINT c CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT c;`;
    expect(findingsOf(rule, autocommit)).toEqual([]);
  });
});
