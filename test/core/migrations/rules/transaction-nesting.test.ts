import { findingsOf } from '../lint-sql.ts';

const rule = 'transaction-nesting';

describe(rule, () => {
  it('flags BEGIN inside an open transaction (PostgreSQL ignores it)', () => {
    const sql = 'BEGIN;\nALTER TABLE t ADD COLUMN a int;\nBEGIN;\nALTER TABLE t ADD COLUMN b int;\nCOMMIT;\nCOMMIT;';
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', line: 3 });
    expect(finding!.message).toContain('since line 1');
  });

  it('flags BEGIN in a file the migration tool already wraps in a transaction', () => {
    const [finding] = findingsOf(rule, 'BEGIN;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;', { assumeTransaction: true });
    expect(finding!.message).toContain('assume-transaction');
  });

  it('flags SAVEPOINT outside a transaction block (an error in PostgreSQL)', () => {
    expect(findingsOf(rule, 'SAVEPOINT before_backfill;')).toHaveLength(1);
  });

  it('accepts sequential transactions and savepoints inside one', () => {
    const sql = `BEGIN;
SAVEPOINT s1;
ALTER TABLE t ADD COLUMN a int;
RELEASE SAVEPOINT s1;
COMMIT;
BEGIN;
ALTER TABLE t ADD COLUMN b int;
COMMIT;`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});
