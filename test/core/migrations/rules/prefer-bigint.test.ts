import { findingsOf } from '../lint-sql.ts';

const rule = 'prefer-bigint';

describe(rule, () => {
  it('warns about integer, smallint and serial columns in new and added columns', () => {
    const findings = findingsOf(rule, 'CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer, qty smallint);');
    expect(findings.map((f) => f.fix)).toEqual([
      '-- in CREATE TABLE orders:\nid bigserial',
      '-- in CREATE TABLE orders:\ncustomer_id bigint',
      '-- in CREATE TABLE orders:\nqty bigint',
    ]);
    expect(findings[0]).toMatchObject({ severity: 'warning', lock: null, rewrite: false });
    expect(findingsOf(rule, 'ALTER TABLE orders ADD COLUMN coupon_id int;')).toHaveLength(1);
  });

  it('accepts bigint, bigserial, numeric and int arrays, and leaves type changes alone', () => {
    expect(findingsOf(rule, 'CREATE TABLE t (a bigint, b bigserial, c numeric, d int[]);')).toEqual([]);
    expect(findingsOf(rule, 'ALTER TABLE t ALTER COLUMN a TYPE integer;')).toEqual([]);
  });
});
