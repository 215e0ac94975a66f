import { findingsOf } from '../lint-sql.ts';

const rule = 'uncommitted-transaction';

describe(rule, () => {
  it('flags a BEGIN never committed, at the BEGIN', () => {
    const sql = 'ALTER TABLE t ADD COLUMN a int;\n  BEGIN;\nALTER TABLE t ADD COLUMN b int;\n';
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', line: 2, column: 3, fix: 'COMMIT; -- at the end of the file' });
  });

  it('flags START TRANSACTION after an earlier committed transaction', () => {
    const sql = 'BEGIN;\nSELECT 1;\nCOMMIT;\nSTART TRANSACTION;\nSELECT 2;';
    expect(findingsOf(rule, sql).map((f) => f.line)).toEqual([4]);
  });

  it.each([['COMMIT'], ['END'], ['ROLLBACK'], ['ABORT'], ["PREPARE TRANSACTION 'm1'"]])('accepts a transaction ended by %s', (end) => {
    expect(findingsOf(rule, `BEGIN;\nALTER TABLE t ADD COLUMN a int;\n${end};`)).toEqual([]);
  });

  it('does not count the transaction a migration tool opens around the file', () => {
    expect(findingsOf(rule, 'ALTER TABLE t ADD COLUMN a int;', { assumeTransaction: true })).toEqual([]);
  });
});
