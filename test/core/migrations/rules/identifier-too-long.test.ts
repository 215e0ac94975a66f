import { findingsOf } from '../lint-sql.ts';

const rule = 'identifier-too-long';

describe(rule, () => {
  it('flags an index name over 63 bytes, showing the name PostgreSQL would keep', () => {
    const name = 'index_customer_subscriptions_on_customer_id_and_plan_id_and_started_at';
    const [finding] = findingsOf(rule, `CREATE INDEX CONCURRENTLY ${name} ON customer_subscriptions (customer_id, plan_id, started_at);`);
    expect(finding).toMatchObject({ severity: 'error', line: 1, column: 27 });
    expect(finding!.message).toContain(`${name.length} bytes`);
    expect(finding!.message).toContain(name.slice(0, 63));
  });

  it('counts bytes, not characters: 40 × "ü" is 80 bytes', () => {
    const name = 'ü'.repeat(40);
    const [finding] = findingsOf(rule, `CREATE TABLE t (\n  id int,\n  "${name}" text\n);`);
    expect(finding).toMatchObject({ line: 3, column: 3 });
    expect(finding!.message).toContain('80 bytes');
  });

  it('flags an enum label over 63 bytes (PostgreSQL rejects it)', () => {
    expect(findingsOf(rule, `ALTER TYPE status ADD VALUE '${'x'.repeat(64)}';`)).toHaveLength(1);
  });

  it('accepts a name of exactly 63 bytes, and long string literals and function bodies', () => {
    const sql = `CREATE TABLE ${'a'.repeat(63)} (id int);
COMMENT ON TABLE orders IS '${'long text '.repeat(20)}';
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ DECLARE ${'v'.repeat(70)} int; BEGIN RETURN 1; END $$;`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('finds a long name run by a DO block in a file whose own names are all short', () => {
    const name = 'x'.repeat(70);
    const sql = `CREATE TABLE t (id int);\nDO $$BEGIN EXECUTE 'CREATE INDEX ${name} ON t (id)'; END$$;`;
    expect(findingsOf(rule, sql)).toHaveLength(1);
  });

  it('finds a 22-character name of three-byte characters (66 bytes) among short ASCII ones', () => {
    const name = '表'.repeat(22);
    expect(findingsOf(rule, `CREATE TABLE t (id int, ${name} text);`)).toHaveLength(1);
  });
});
