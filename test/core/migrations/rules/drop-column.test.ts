import { findingsOf } from '../lint-sql.ts';

const rule = 'drop-column';

describe(rule, () => {
  it('flags dropping a column of an existing table', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE users DROP COLUMN IF EXISTS legacy_token;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: false });
    expect(finding!.fix).toContain('ignored_columns');
    expect(finding!.fix).toContain('ALTER TABLE users DROP COLUMN IF EXISTS legacy_token;');
  });

  it('quotes names that need it in the fix', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE "Users" DROP COLUMN "LegacyToken";');
    expect(finding!.fix).toContain('ALTER TABLE "Users" DROP COLUMN "LegacyToken";');
  });

  it('accepts dropping a column of a table created in the same file, and DROP CONSTRAINT', () => {
    expect(findingsOf(rule, 'CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;')).toEqual([]);
    expect(findingsOf(rule, 'ALTER TABLE users DROP CONSTRAINT users_age_check;')).toEqual([]);
  });
});

describe(`${rule}: columns added by the same file`, () => {
  it('accepts dropping a column this file added to an existing table (no deployed code uses it)', () => {
    expect(findingsOf(rule, 'ALTER TABLE users ADD COLUMN tmp text;\nALTER TABLE users DROP COLUMN tmp;')).toEqual([]);
  });
});
