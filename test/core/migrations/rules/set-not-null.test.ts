import { findingsAfter, findingsOf } from '../lint-sql.ts';

const rule = 'set-not-null';

describe(rule, () => {
  it('flags SET NOT NULL on an existing table: full scan under ACCESS EXCLUSIVE', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'], rewrite: false });
    expect(finding!.fix).toContain('ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;');
    expect(finding!.fix).toContain('ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;');
    expect(finding!.fix).toContain('ALTER TABLE users ALTER COLUMN email SET NOT NULL;');
  });

  it('accepts SET NOT NULL after a validated CHECK (email IS NOT NULL) on PostgreSQL 12+', () => {
    const sql = `ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('accepts it after a CHECK added already validated, listing several columns', () => {
    const sql = `ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL AND name IS NOT NULL);
ALTER TABLE users ALTER COLUMN name SET NOT NULL;`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('still flags it when the CHECK was added NOT VALID and never validated', () => {
    const sql = `ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;`;
    expect(findingsOf(rule, sql)).toHaveLength(1);
  });

  it('still flags it for a CHECK on another column', () => {
    const sql = `ALTER TABLE users ADD CONSTRAINT nn CHECK (name IS NOT NULL);
ALTER TABLE users ALTER COLUMN email SET NOT NULL;`;
    expect(findingsOf(rule, sql)).toHaveLength(1);
  });

  it('on PostgreSQL 11 flags it even after a validated CHECK (the shortcut starts in 12)', () => {
    const sql = `ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL);
ALTER TABLE users ALTER COLUMN email SET NOT NULL;`;
    const [finding] = findingsOf(rule, sql, { pgVersion: 11 });
    expect(finding!.message).toContain('12+');
    expect(finding!.fix).not.toContain('ALTER COLUMN email SET NOT NULL');
  });

  it('accepts SET NOT NULL on a table created in the same file', () => {
    expect(findingsOf(rule, 'CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;')).toEqual([]);
  });
});

describe(`${rule}: the recipe spread over several migrations (strong_migrations' layout)`, () => {
  const add = "SET lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT users_email_null CHECK (email IS NOT NULL) NOT VALID;";
  const validate = 'ALTER TABLE users VALIDATE CONSTRAINT users_email_null;';
  const setNotNull = 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_null;';

  it.each([
    ['three files', [add, validate], setNotNull],
    ['add, then validate and set in one file', [add], `${validate}\n${setNotNull}`],
  ])('accepts SET NOT NULL after a CHECK validated in an earlier file (%s)', (_layout, earlier, last) => {
    expect(findingsAfter(rule, earlier, last)).toEqual([]);
    expect(findingsAfter(rule, earlier, last, { assumeTransaction: true })).toEqual([]);
  });

  it('still flags it when the CHECK was only added NOT VALID, or dropped before', () => {
    expect(findingsAfter(rule, [add], setNotNull)).toHaveLength(1);
    expect(findingsAfter(rule, [add, validate, 'ALTER TABLE users DROP CONSTRAINT users_email_null;'], setNotNull)).toHaveLength(1);
  });
});
