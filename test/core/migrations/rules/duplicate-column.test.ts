import { findingsOf } from '../lint-sql.ts';

const rule = 'duplicate-column';

describe(rule, () => {
  it('flags the same column twice in CREATE TABLE', () => {
    const [finding] = findingsOf(rule, 'CREATE TABLE invoices (id bigint, amount numeric, amount numeric(12,2));');
    expect(finding).toMatchObject({ severity: 'error' });
    expect(finding!.message).toContain('amount');
  });

  it('flags ADD COLUMN of a column this file already created', () => {
    const sql = 'CREATE TABLE invoices (id bigint, amount numeric);\nALTER TABLE invoices ADD COLUMN amount numeric;';
    expect(findingsOf(rule, sql).map((f) => f.line)).toEqual([2]);
    const added = 'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN note text;';
    expect(findingsOf(rule, added).map((f) => f.line)).toEqual([2]);
  });

  it('flags the same column added twice in one ALTER TABLE', () => {
    expect(findingsOf(rule, 'ALTER TABLE orders ADD COLUMN a int, ADD COLUMN a int;')).toHaveLength(1);
  });

  it('accepts ADD COLUMN IF NOT EXISTS, re-adding after DROP COLUMN, and same names on other tables', () => {
    const sql = `CREATE TABLE a (id int, name text);
CREATE TABLE b (id int, name text);
ALTER TABLE a ADD COLUMN IF NOT EXISTS name text;
ALTER TABLE a DROP COLUMN name;
ALTER TABLE a ADD COLUMN name varchar(20);`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});
