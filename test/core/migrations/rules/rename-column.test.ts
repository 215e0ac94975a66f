import { findingsAfter, findingsOf } from '../lint-sql.ts';

const rule = 'rename-column';

describe(rule, () => {
  it('flags renaming a column of an existing table, with expand/contract steps using the real names', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE users RENAME COLUMN name TO full_name;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: false });
    expect(finding!.fix).toContain('ALTER TABLE users ADD COLUMN full_name <type of name>;');
    expect(finding!.fix).toContain('UPDATE users SET full_name = name WHERE ctid IN');
    expect(finding!.fix).toContain('ALTER TABLE users DROP COLUMN name;');
  });

  it('accepts renaming a column of a table created in the same file, and renaming a constraint', () => {
    expect(findingsOf(rule, 'CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;')).toEqual([]);
    expect(findingsOf(rule, 'ALTER TABLE users RENAME CONSTRAINT a TO b;')).toEqual([]);
  });

  it('does not report renaming an attribute of a composite type', () => {
    expect(findingsOf(rule, 'ALTER TYPE address RENAME ATTRIBUTE zip TO postcode;')).toEqual([]);
  });
});

describe(`${rule}: columns added by the same file`, () => {
  it('accepts renaming a column this file added to an existing table', () => {
    expect(findingsOf(rule, 'ALTER TABLE users ADD COLUMN nick text;\nALTER TABLE users RENAME COLUMN nick TO nickname;')).toEqual([]);
  });

  it('writes the column type into the fix when an earlier migration of the run declared it', () => {
    const [finding] = findingsAfter(rule, ['CREATE TABLE orders (id bigint, placed_at timestamptz);'], 'ALTER TABLE orders RENAME COLUMN placed_at TO ordered_at;');
    expect(finding!.fix).toContain('ALTER TABLE orders ADD COLUMN ordered_at timestamptz;');
  });
});
