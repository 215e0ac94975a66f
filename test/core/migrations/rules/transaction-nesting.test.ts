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

describe(`${rule}: COMMIT and ROLLBACK`, () => {
  it('flags a COMMIT or ROLLBACK with no transaction open (it does nothing)', () => {
    const findings = findingsOf(rule, 'ALTER TABLE t ADD COLUMN a int;\nCOMMIT;\nROLLBACK;');
    expect(findings.map((f) => [f.line, f.message.split(' ')[0]])).toEqual([
      [2, 'COMMIT'],
      [3, 'ROLLBACK'],
    ]);
  });

  it('accepts COMMIT; CREATE INDEX CONCURRENTLY …; BEGIN; inside the transaction the tool opens', () => {
    const sql = "SET lock_timeout = '5s';\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_x ON users (x);\nBEGIN;\nALTER TABLE t ADD COLUMN a int;";
    expect(findingsOf(rule, sql, { assumeTransaction: true })).toEqual([]);
    // …and the index is then built outside any transaction, as CONCURRENTLY needs.
    expect(findingsOf('create-index-concurrently-in-transaction', sql, { assumeTransaction: true })).toEqual([]);
    expect(findingsOf('uncommitted-transaction', sql, { assumeTransaction: true })).toEqual([]);
  });

  it("flags a COMMIT of the tool's transaction that the file never reopens", () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE t ADD COLUMN a int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);', { assumeTransaction: true });
    expect(finding).toMatchObject({ line: 2 });
    expect(finding!.message).toContain('never opens one again');
    expect(finding!.fix).toContain('BEGIN;');
  });

  it("flags a ROLLBACK of the tool's transaction (it undoes the file's work)", () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE t ADD COLUMN a int;\nROLLBACK;\nBEGIN;', { assumeTransaction: true });
    expect(finding).toMatchObject({ line: 2 });
    expect(finding!.message).toContain("migration tool's transaction");
  });

  it('still sees the statements after a COMMIT as outside any transaction', () => {
    const sql = 'COMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;';
    expect(findingsOf('create-index-concurrently-in-transaction', 'CREATE INDEX CONCURRENTLY i ON t (a);', { assumeTransaction: true })).toHaveLength(1);
    expect(findingsOf('create-index-concurrently-in-transaction', sql, { assumeTransaction: true })).toEqual([]);
  });
});
