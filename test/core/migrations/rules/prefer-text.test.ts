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
