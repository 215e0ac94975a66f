import { findingsOf, ruleIds } from '../lint-sql.ts';

const rule = 'truncate';

describe(rule, () => {
  it('flags TRUNCATE of an existing table, with a batched DELETE as the fix', () => {
    const [finding] = findingsOf(rule, 'TRUNCATE TABLE sessions RESTART IDENTITY;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'], rewrite: false });
    expect(finding!.fix).toContain('DELETE FROM sessions WHERE ctid IN (SELECT ctid FROM sessions LIMIT 10000);');
  });

  it('reports TRUNCATE … CASCADE too, next to truncate-cascade (suppressing one must not hide the other)', () => {
    const ids = ruleIds('TRUNCATE sessions CASCADE;');
    expect(ids).toContain('truncate-cascade');
    expect(ids).toContain('truncate');
  });

  it('accepts truncating a table created in the same file', () => {
    expect(findingsOf(rule, 'CREATE TABLE staging (id int);\nTRUNCATE staging;')).toEqual([]);
  });
});
