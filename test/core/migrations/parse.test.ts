import { loadParser, parseMigration, SYNTAX_ERROR_KIND } from '../../../core/migrations/parse.ts';
import { splitStatements } from '../../../core/migrations/split.ts';

await loadParser();

const shape = (sql: string) =>
  parseMigration(sql, 'm.sql').statements.map((s) => ({ kind: s.kind, line: s.line, column: s.column, text: s.text }));

describe('parseMigration', () => {
  it('gives each statement its kind, text and the 1-based line/column of its first token', () => {
    const sql = '-- add audit\nCREATE TABLE audit (id bigint);  CREATE INDEX audit_id ON audit (id);\n\n  /* c */ SELECT 1;';
    expect(shape(sql)).toEqual([
      { kind: 'CreateStmt', line: 2, column: 1, text: 'CREATE TABLE audit (id bigint)' },
      { kind: 'IndexStmt', line: 2, column: 34, text: 'CREATE INDEX audit_id ON audit (id)' },
      { kind: 'SelectStmt', line: 4, column: 11, text: 'SELECT 1' },
    ]);
  });

  it('converts UTF-8 byte offsets to characters (multibyte text before a statement)', () => {
    const sql = "COMMENT ON TABLE t IS 'ünïcödé 😀'; CREATE INDEX i ON t (a);";
    const [, index] = parseMigration(sql, 'm.sql').statements;
    expect(index).toMatchObject({ kind: 'IndexStmt', line: 1, column: 37, text: 'CREATE INDEX i ON t (a)' });
  });

  it('keeps CRLF files on the right lines', () => {
    expect(shape('SELECT 1;\r\nSELECT 2;\r\n').map((s) => s.line)).toEqual([1, 2]);
  });

  it('reports a syntax error per statement and keeps parsing the rest', () => {
    const statements = parseMigration('SELECT 1;\nSELEC 2;\nSELECT 3;', 'm.sql').statements;
    expect(statements.map((s) => s.kind)).toEqual(['SelectStmt', SYNTAX_ERROR_KIND, 'SelectStmt']);
    expect(statements[1]!.node).toEqual({ message: 'syntax error at or near "SELEC"', line: 2, column: 1 });
  });

  it('does not split inside strings, dollar quotes, comments or BEGIN ATOMIC bodies', () => {
    const sql = `INSERT INTO t VALUES ('a;b', E'c\\';d', $x$e;f$x$); /* g; */ -- h;
CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + b; END;
CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY t; NOTIFY u);
SELECT 2;`;
    expect(shape(sql).map((s) => s.kind)).toEqual(['InsertStmt', 'CreateFunctionStmt', 'RuleStmt', 'SelectStmt']);
  });

  it('parses a file with many statements (chunk boundaries) without losing or reordering any', () => {
    const sql = Array.from({ length: 1234 }, (_, i) => `SELECT ${i};`).join('\n');
    const statements = parseMigration(sql, 'm.sql').statements;
    expect(statements).toHaveLength(1234);
    expect(statements[1233]).toMatchObject({ line: 1234, text: 'SELECT 1233', index: 1233 });
  });

  describe('DO blocks run at migration time: their SQL is analysed', () => {
    it('lifts out SQL statements with their positions in the file', () => {
      const sql = `DO $migrate$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'orders_status_idx') THEN
    CREATE INDEX orders_status_idx ON orders (status);
  END IF;
  PERFORM set_config('lock_timeout', '5s', true);
END
$migrate$;`;
      const statements = parseMigration(sql, 'm.sql').statements;
      expect(statements.map((s) => [s.kind, s.line, s.column, s.fromDoBlock])).toEqual([
        ['IndexStmt', 4, 5, true],
        ['SelectStmt', 6, 11, true],
      ]);
      expect(statements[0]!.doBlock).toEqual({ line: 1, column: 1, offset: 0 });
    });

    it("analyses EXECUTE of a constant string (also with '' escapes, || and format())", () => {
      const sql = `DO LANGUAGE plpgsql $$
BEGIN
  EXECUTE 'ALTER TABLE users ADD COLUMN nickname text';
  EXECUTE 'ALTER TABLE ' || 'users' || ' ADD COLUMN bio text';
  EXECUTE format('ALTER TABLE %I ADD COLUMN x int', 'users');
END $$;`;
      const statements = parseMigration(sql, 'm.sql').statements;
      expect(statements.map((s) => [s.text, s.line, s.column])).toEqual([
        ['ALTER TABLE users ADD COLUMN nickname text', 3, 12],
        ['ALTER TABLE users ADD COLUMN bio text', 3 + 1, 11],
        ['ALTER TABLE users ADD COLUMN x int', 5, 11],
      ]);
    });

    it('leaves non-PL/pgSQL DO blocks as they are', () => {
      expect(shape("DO LANGUAGE plperl $$ print 'x' $$;").map((s) => s.kind)).toEqual(['DoStmt']);
    });
  });

  it('never analyses CREATE FUNCTION / PROCEDURE bodies (they run when called, not now)', () => {
    const sql = `CREATE OR REPLACE FUNCTION backfill() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE INDEX i ON orders (status);
END $$;
CREATE PROCEDURE p() LANGUAGE sql AS $$ ALTER TABLE t ADD COLUMN a int $$;`;
    expect(shape(sql).map((s) => s.kind)).toEqual(['CreateFunctionStmt', 'CreateFunctionStmt']);
  });
});

describe('splitStatements', () => {
  it('collects -- comments outside literals, with offsets', () => {
    const { comments } = splitStatements("SELECT '-- not a comment'; -- real\n-- two");
    expect(comments).toEqual([
      { start: 27, text: ' real' },
      { start: 35, text: ' two' },
    ]);
  });

  it('survives unterminated quotes and comments by running to the end of the text', () => {
    expect(splitStatements("SELECT 'abc; SELECT 2;").segments).toHaveLength(1);
    expect(splitStatements('SELECT 1; /* open').segments).toHaveLength(1);
  });

  it('bounds the UTF-8 length of the names written outside literals and comments', () => {
    expect(splitStatements('CREATE TABLE orders_archive (id int);').longestNameBytes).toBe('orders_archive'.length);
    expect(splitStatements(`SELECT '${'x'.repeat(90)}' -- ${'y'.repeat(90)}\n;`).longestNameBytes).toBe('select'.length);
    expect(splitStatements(`CREATE TABLE "${'q'.repeat(70)}" (id int);`).longestNameBytes).toBe(70);
    // Three bytes a UTF-16 unit is the most a name can take: ü (two bytes) is counted as three.
    expect(splitStatements('CREATE TABLE grüße (id int);').longestNameBytes).toBe(15);
  });
});
