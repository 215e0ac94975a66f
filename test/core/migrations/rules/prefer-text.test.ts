import { findingsOf } from '../lint-sql.ts';

const rule = 'prefer-text';

describe(rule, () => {
  it('warns about varchar(n) and suggests text with a CHECK', () => {
    const [finding] = findingsOf(rule, 'CREATE TABLE users (id bigint, email varchar(255) NOT NULL);');
    expect(finding).toMatchObject({ severity: 'warning', lock: null, rewrite: false });
    expect(finding!.fix).toBe('-- in CREATE TABLE users:\nemail text CHECK (char_length(email) <= 255)');
    expect(findingsOf(rule, 'ALTER TABLE users ADD COLUMN phone character varying(32);')).toHaveLength(1);
  });

  it('accepts text and unconstrained varchar', () => {
    expect(findingsOf(rule, 'CREATE TABLE users (email text, name varchar);')).toEqual([]);
  });
});

describe(`${rule}: fixes that run`, () => {
  it('adds the limit as a NOT VALID CHECK, validated apart, outside CREATE TABLE', () => {
    const [altered] = findingsOf(rule, 'ALTER TABLE users ALTER COLUMN d TYPE varchar(50);');
    expect(altered!.fix).not.toContain('TYPE text CHECK');
    expect(altered!.fix).toContain('ALTER TABLE users ALTER COLUMN d TYPE text;');
    expect(altered!.fix).toContain('CHECK (char_length(d) <= 50) NOT VALID;');
    const [added] = findingsOf(rule, 'ALTER TABLE users ADD COLUMN nick varchar(40);');
    expect(added!.fix).toContain('ALTER TABLE users ADD COLUMN nick text;\n');
    expect(added!.fix).toContain('VALIDATE CONSTRAINT users_nick_max_length');
  });
});
