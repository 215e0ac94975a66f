import { findingsOf } from '../lint-sql.ts';

const rule = 'add-check-without-not-valid';

describe(rule, () => {
  it("flags ADD CHECK and repeats the user's own expression in the fix", () => {
    const sql = "ALTER TABLE products ADD CONSTRAINT price_positive CHECK (price > 0 AND currency IN ('EUR', 'USD'));";
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.fix).toBe(
      "ALTER TABLE products ADD CONSTRAINT price_positive CHECK (price > 0 AND currency IN ('EUR', 'USD')) NOT VALID;\n" +
        '-- then, in a separate transaction (reads and writes continue):\n' +
        'ALTER TABLE products VALIDATE CONSTRAINT price_positive;',
    );
  });

  it('names an unnamed CHECK the way PostgreSQL would', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE users ADD CHECK (email IS NOT NULL);');
    expect(finding!.fix).toContain('ADD CONSTRAINT users_email_check CHECK (email IS NOT NULL) NOT VALID;');
  });

  it('accepts ADD CHECK … NOT VALID', () => {
    expect(findingsOf(rule, 'ALTER TABLE products ADD CONSTRAINT p CHECK (price > 0) NOT VALID;')).toEqual([]);
  });

  it('accepts a CHECK on a table created in the same file', () => {
    const sql = 'CREATE TABLE coupons (id int, pct int);\nALTER TABLE coupons ADD CONSTRAINT pct_range CHECK (pct BETWEEN 0 AND 100);';
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});
