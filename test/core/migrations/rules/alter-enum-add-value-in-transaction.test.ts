import { findingsOf } from '../lint-sql.ts';

const rule = 'alter-enum-add-value-in-transaction';

describe(rule, () => {
  it('before PostgreSQL 12: flags ADD VALUE inside a transaction block (it fails)', () => {
    const sql = "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nCOMMIT;";
    const [finding] = findingsOf(rule, sql, { pgVersion: 11 });
    expect(finding).toMatchObject({ severity: 'error', line: 2 });
    expect(finding!.message).toContain('PostgreSQL 11');
  });

  it('before 12: accepts ADD VALUE outside a transaction', () => {
    expect(findingsOf(rule, "ALTER TYPE order_status ADD VALUE 'refunded';", { pgVersion: 11 })).toEqual([]);
  });

  it('from 12: accepts ADD VALUE in a transaction, but flags using the value before COMMIT', () => {
    const sql = `BEGIN;
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';
UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;
COMMIT;`;
    const findings = findingsOf(rule, sql, { pgVersion: 15 });
    expect(findings.map((f) => f.line)).toEqual([3]);
    expect(findings[0]!.message).toContain('unsafe use of new value');
  });

  it('from 12: accepts using the value after the transaction committed', () => {
    const sql = `BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';
COMMIT;
UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('flags a use in the same file when the tool wraps it in a transaction', () => {
    const sql = "ALTER TYPE order_status ADD VALUE 'refunded';\nINSERT INTO audit (status) VALUES ('refunded');";
    expect(findingsOf(rule, sql, { assumeTransaction: true })).toHaveLength(1);
  });
});
