import { findingsOf } from '../lint-sql.ts';

const rule = 'duplicate-column';

describe(rule, () => {
  it('flags the same column twice in CREATE TABLE', () => {
    const [finding] = findingsOf(rule, 'CREATE TABLE invoices (id bigint, amount numeric, amount numeric(12,2));');
    expect(finding).toMatchObject({ severity: 'error' });
    expect(finding!.message).toContain('amount');
  });

  it('flags ADD COLUMN of a column this file already created', () => {
    const sql = 'CREATE TABLE invoices (id bigint, amount numeric);\nALTER TABLE invoices ADD COLUMN amount numeric;';
    expect(findingsOf(rule, sql).map((f) => f.line)).toEqual([2]);
    const added = 'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN note text;';
    expect(findingsOf(rule, added).map((f) => f.line)).toEqual([2]);
  });

  it('flags the same column added twice in one ALTER TABLE', () => {
    expect(findingsOf(rule, 'ALTER TABLE orders ADD COLUMN a int, ADD COLUMN a int;')).toHaveLength(1);
  });

  it('accepts ADD COLUMN IF NOT EXISTS, re-adding after DROP COLUMN, and same names on other tables', () => {
    const sql = `CREATE TABLE a (id int, name text);
CREATE TABLE b (id int, name text);
ALTER TABLE a ADD COLUMN IF NOT EXISTS name text;
ALTER TABLE a DROP COLUMN name;
ALTER TABLE a ADD COLUMN name varchar(20);`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});

describe(`${rule}: other places PostgreSQL rejects a name given twice`, () => {
  it.each([
    ['CREATE VIEW v AS SELECT a, t.a FROM t;', 'a'],
    ['CREATE VIEW v AS SELECT 1, 2;', '?column?'],
    ['CREATE VIEW v (x, x) AS SELECT 1, 2;', 'x'],
    ['CREATE VIEW v AS SELECT lower(a), lower(b) FROM t;', 'lower'],
    ['CREATE MATERIALIZED VIEW mv AS SELECT id, name AS id FROM t;', 'id'],
    ['CREATE TABLE copy AS SELECT id, id FROM t;', 'id'],
    ['CREATE FOREIGN TABLE ft (a int, a int) SERVER remote;', 'a'],
    ['UPDATE users SET a = 1, a = 2;', 'a'],
  ])('%s (%s twice)', (sql, name) => {
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error' });
    expect(finding!.message).toContain(name);
  });

  it.each([
    'CREATE VIEW v AS SELECT a, b, a AS a2, x::text, y::text FROM t;',
    'CREATE VIEW v AS SELECT * FROM t JOIN u USING (id);',
    'CREATE VIEW v (x) AS SELECT a, b FROM t UNION SELECT 1, 2;',
    'UPDATE users SET tags[1] = 1, tags[2] = 2, (a, b) = (1, 2);',
  ])('accepts %s', (sql) => {
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});
