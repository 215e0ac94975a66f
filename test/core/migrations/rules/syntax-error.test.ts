import { findingsOf, lintSql } from '../lint-sql.ts';

const rule = 'syntax-error';

describe(rule, () => {
  it("reports the parser's own message at its line and column", () => {
    const sql = 'ALTER TABLE orders ADD COLUMN note text;\n\nALTER TABLE orders ADD COLUM memo text;\n';
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', line: 3, column: 35 });
    expect(finding!.message).toContain('syntax error at or near "text"');
  });

  it('keeps linting the statements after the error', () => {
    const sql = 'SELEC 1;\nCREATE INDEX i ON orders (id);';
    expect(lintSql(sql).map((f) => f.rule)).toEqual(expect.arrayContaining(['syntax-error', 'non-concurrent-index']));
  });

  it('positions errors after multibyte text correctly', () => {
    const sql = "COMMENT ON TABLE t IS 'ünïcödé 😀';\nSELECT FROM WHERE;";
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ line: 2, column: 13 });
  });

  it('reports an unterminated string', () => {
    const [finding] = findingsOf(rule, "UPDATE t SET a = 'x;\n");
    expect(finding!.message).toContain('unterminated quoted string');
  });

  it('reports a DO block whose PL/pgSQL does not compile', () => {
    const [finding] = findingsOf(rule, 'DO $$\nBEGIN\n  ALTR TABLE t ADD COLUMN a int;\nEND $$;');
    expect(finding).toMatchObject({ line: 3, column: 3 });
    expect(finding!.message).toContain('in DO block');
  });

  it('accepts valid SQL', () => {
    expect(findingsOf(rule, 'SELECT 1;\nCREATE TABLE t (a int);')).toEqual([]);
  });
});
