import { findingsOf } from '../lint-sql.ts';

const rule = 'truncate-cascade';

describe(rule, () => {
  it('flags TRUNCATE … CASCADE: referencing tables are emptied too', () => {
    const [finding] = findingsOf(rule, 'TRUNCATE customers CASCADE;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: false });
    expect(finding!.message).toContain('every table whose foreign keys reference customers');
    expect(finding!.fix).toContain("confrelid IN ('customers'::regclass)");
  });

  it('accepts TRUNCATE without CASCADE (reported by truncate)', () => {
    expect(findingsOf(rule, 'TRUNCATE customers;')).toEqual([]);
  });
});
