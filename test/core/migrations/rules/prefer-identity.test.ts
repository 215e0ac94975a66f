import { findingsOf } from '../lint-sql.ts';

const rule = 'prefer-identity';

describe(rule, () => {
  it('warns about serial types and suggests an identity column', () => {
    const [finding] = findingsOf(rule, 'CREATE TABLE orders (id bigserial PRIMARY KEY);');
    expect(finding).toMatchObject({ severity: 'warning', lock: null, rewrite: false });
    expect(finding!.fix).toBe('-- in CREATE TABLE orders:\nid bigint GENERATED ALWAYS AS IDENTITY');
    expect(findingsOf(rule, 'CREATE TABLE t (id serial4);')).toHaveLength(1);
  });

  it('accepts identity columns', () => {
    expect(findingsOf(rule, 'CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);')).toEqual([]);
  });
});

describe(`${rule}: where its fix would itself rewrite the table`, () => {
  it('leaves a serial added to an existing table to add-column-auto-increment (an identity column rewrites too)', () => {
    expect(findingsOf(rule, 'ALTER TABLE users ADD COLUMN seq bigserial;')).toEqual([]);
    expect(findingsOf(rule, 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN seq bigserial;')).toHaveLength(1);
  });
});
