import { findingsOf } from '../lint-sql.ts';

const rule = 'add-column-not-null-without-default';

describe(rule, () => {
  it('flags NOT NULL without a default: it fails on a table that has rows', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: false });
    expect(finding!.message).toContain('column contains null values');
    expect(finding!.fix).toContain('ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT <value>;');
    expect(finding!.fix).toContain('ALTER TABLE users VALIDATE CONSTRAINT users_tenant_id_not_null;');
  });

  it('flags a PRIMARY KEY column added without values', () => {
    expect(findingsOf(rule, 'ALTER TABLE legacy ADD COLUMN id bigint PRIMARY KEY;')).toHaveLength(1);
  });

  it('flags NOT NULL DEFAULT NULL', () => {
    expect(findingsOf(rule, 'ALTER TABLE users ADD COLUMN flag boolean NOT NULL DEFAULT NULL;')).toHaveLength(1);
  });

  it.each([
    "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
    'ALTER TABLE users ADD COLUMN seq bigserial NOT NULL;',
    'ALTER TABLE users ADD COLUMN id2 bigint NOT NULL GENERATED ALWAYS AS IDENTITY;',
    'ALTER TABLE users ADD COLUMN nickname text;',
    'CREATE TABLE users2 (id bigint);\nALTER TABLE users2 ADD COLUMN tenant_id bigint NOT NULL;',
  ])('accepts %s', (sql) => {
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});
