import { findingsOf } from '../lint-sql.ts';

const rule = 'ban-char-type';

describe(rule, () => {
  it('warns about char(n) in CREATE TABLE, ADD COLUMN and ALTER TYPE', () => {
    const [finding] = findingsOf(rule, 'CREATE TABLE countries (code char(2) PRIMARY KEY, name text);');
    expect(finding).toMatchObject({ severity: 'warning', lock: null, blocks: [], rewrite: false });
    expect(finding!.fix).toContain('code text CHECK (char_length(code) <= 2)');
    expect(findingsOf(rule, 'ALTER TABLE countries ADD COLUMN iso3 character(3);')).toHaveLength(1);
    expect(findingsOf(rule, 'ALTER TABLE countries ALTER COLUMN code TYPE char(3);')).toHaveLength(1);
  });

  it('accepts text, varchar and the internal "char" type', () => {
    expect(findingsOf(rule, 'CREATE TABLE c (a text, b varchar(3), flag "char");')).toEqual([]);
  });
});
