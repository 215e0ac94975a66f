import { findingsOf } from '../lint-sql.ts';

const rule = 'add-column-default-pre-11';
const sql = "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'pending';";

describe(rule, () => {
  it('flags a constant default before PostgreSQL 11: it is written into every row', () => {
    const [finding] = findingsOf(rule, sql, { pgVersion: 10 });
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: true });
    expect(finding!.message).toContain('PostgreSQL 10');
    expect(finding!.fix).toContain("ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';");
  });

  it('accepts the same statement from PostgreSQL 11 on (the default is stored in the catalog)', () => {
    expect(findingsOf(rule, sql, { pgVersion: 11 })).toEqual([]);
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('accepts DEFAULT NULL and leaves volatile defaults to add-column-volatile-default', () => {
    expect(findingsOf(rule, 'ALTER TABLE orders ADD COLUMN note text DEFAULT NULL;', { pgVersion: 10 })).toEqual([]);
    expect(findingsOf(rule, 'ALTER TABLE orders ADD COLUMN t timestamptz DEFAULT clock_timestamp();', { pgVersion: 10 })).toEqual([]);
  });
});
