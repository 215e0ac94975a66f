import { findingsOf } from '../lint-sql.ts';

const rule = 'serial-array';

describe(rule, () => {
  it.each([
    'CREATE TABLE s (id serial[]);',
    'CREATE TABLE s (id bigserial[3]);',
    'ALTER TABLE s ADD COLUMN ids smallserial[];',
  ])('flags %s (PostgreSQL: "array of serial is not implemented")', (sql) => {
    expect(findingsOf(rule, sql)).toMatchObject([{ severity: 'error' }]);
  });

  it('accepts serial and arrays of integers', () => {
    expect(findingsOf(rule, 'CREATE TABLE s (id serial, ids bigint[], n int[]);')).toEqual([]);
  });
});
