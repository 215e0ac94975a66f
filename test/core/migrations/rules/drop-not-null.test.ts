import { findingsOf } from '../lint-sql.ts';

const rule = 'drop-not-null';

describe(rule, () => {
  it('warns when an existing column stops being NOT NULL', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;');
    expect(finding).toMatchObject({ severity: 'warning', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'], rewrite: false });
    expect(finding!.fix).toContain('ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;');
  });

  it('accepts SET NOT NULL and columns of new tables', () => {
    expect(findingsOf(rule, 'ALTER TABLE orders ALTER COLUMN shipped_at SET NOT NULL;')).toEqual([]);
    expect(findingsOf(rule, 'CREATE TABLE o (a int NOT NULL);\nALTER TABLE o ALTER COLUMN a DROP NOT NULL;')).toEqual([]);
  });
});

describe(`${rule}: columns added by the same file`, () => {
  it('accepts dropping NOT NULL on a column this file added', () => {
    expect(findingsOf(rule, "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';\nALTER TABLE users ALTER COLUMN plan DROP NOT NULL;")).toEqual([]);
  });
});
