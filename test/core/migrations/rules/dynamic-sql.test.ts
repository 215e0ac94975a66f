import { findingsOf, lintSql, ruleIds } from '../lint-sql.ts';

const rule = 'dynamic-sql';

describe('SQL inside DO blocks, at any depth and built from constants', () => {
  it('follows a DO inside a DO inside a DO', () => {
    const sql = `DO $a$ BEGIN
  DO $b$ BEGIN
    DO $c$ BEGIN CREATE INDEX idx_a ON users (a); END $c$;
  END $b$;
END $a$;`;
    const [finding] = findingsOf('non-concurrent-index', sql);
    expect(finding).toMatchObject({ line: 3 });
  });

  it("sees EXECUTE format('ALTER TABLE %I …', 'users') and concatenations of literals", () => {
    const sql = `DO $$ BEGIN
  EXECUTE format('ALTER TABLE %I ALTER COLUMN email SET NOT NULL', 'users');
  EXECUTE 'CREATE INDEX idx_b ON ' || 'users' || ' (b)';
END $$;`;
    expect(ruleIds(sql)).toEqual(expect.arrayContaining(['set-not-null', 'non-concurrent-index']));
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('unrolls FOREACH over a literal array, FOR over unnest(…) and FOR i IN 1..n', () => {
    const sql = `DO $$
DECLARE t text; i int;
BEGIN
  FOREACH t IN ARRAY ARRAY['orders', 'users'] LOOP
    EXECUTE format('CREATE INDEX ON %I (created_at)', t);
  END LOOP;
  FOR t IN SELECT unnest(ARRAY['a', 'b']) LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN z SET NOT NULL', t);
  END LOOP;
  FOR i IN 1..2 LOOP
    EXECUTE 'ALTER TABLE part_' || i || ' ALTER COLUMN z SET NOT NULL';
  END LOOP;
END $$;`;
    const indexed = findingsOf('non-concurrent-index', sql).map((f) => f.message.split(' ')[3]);
    expect(indexed).toEqual(['orders', 'users']);
    expect(findingsOf('set-not-null', sql).map((f) => f.message.split(' ')[4])).toEqual(['a.z', 'b.z', 'part_1.z', 'part_2.z']);
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('knows CONSTANT variables and ones the body never assigns', () => {
    const sql = `DO $$
DECLARE tbl CONSTANT text := 'users'; col text := 'email';
BEGIN
  EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET NOT NULL', tbl, col);
END $$;`;
    expect(findingsOf('set-not-null', sql)).toHaveLength(1);
  });
});

describe(rule, () => {
  it('reports an EXECUTE whose text depends on run-time values, as a warning naming it and the shadow run', () => {
    const sql = `DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN x int', r.tablename);
  END LOOP;
END $$;`;
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'warning', line: 5 });
    expect(finding!.message).toContain("EXECUTE format('ALTER TABLE %I ADD COLUMN x int', r.tablename)");
    expect(finding!.fix).toContain('shadow run');
  });

  it('reports a variable the body assigns before executing it', () => {
    const sql = `DO $$ DECLARE q text := 'SELECT 1'; BEGIN q := q || current_user; EXECUTE q; END $$;`;
    expect(findingsOf(rule, sql)).toHaveLength(1);
  });

  it('is an error under the strict profile', () => {
    const sql = `DO $$ BEGIN EXECUTE some_text; END $$;`;
    expect(findingsOf(rule, sql, { profile: 'strict' })[0]).toMatchObject({ severity: 'error' });
    expect(findingsOf(rule, sql, { profile: 'strict', rules: { [rule]: 'warning' } })[0]).toMatchObject({ severity: 'warning' });
  });

  it('reports DO blocks in languages it cannot read', () => {
    const [finding] = findingsOf(rule, `DO LANGUAGE plperl $$ spi_exec_query('DROP TABLE users'); $$;`);
    expect(finding!.message).toContain('plperl');
  });

  it('says nothing about plain SQL', () => {
    expect(lintSql('CREATE TABLE t (id bigint);').filter((f) => f.rule === rule)).toEqual([]);
  });
});
