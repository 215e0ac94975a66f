import { parseDirective } from '../../../core/migrations/suppress.ts';
import { lintSql, ruleIds } from './lint-sql.ts';

describe('faultline-ignore directives', () => {
  it('parses rule ids and the reason after a second --', () => {
    expect(parseDirective(' faultline-ignore: non-concurrent-index, set-not-null -- table has 40 rows')).toEqual({
      fileWide: false,
      ruleIds: ['non-concurrent-index', 'set-not-null'],
      reason: 'table has 40 rows',
    });
    expect(parseDirective(' faultline-ignore-file: missing-lock-timeout -- runs in maintenance window')?.fileWide).toBe(true);
    expect(parseDirective(' an ordinary comment')).toBeUndefined();
  });
});

describe('suppressing findings', () => {
  it('suppresses the named rule on the statement directly below, and only there', () => {
    const sql = `-- faultline-ignore: non-concurrent-index -- lookup table, 12 rows
CREATE INDEX countries_code_idx ON countries (code);
CREATE INDEX cities_name_idx ON cities (name);`;
    const findings = lintSql(sql, { rules: { 'missing-lock-timeout': 'off' } });
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['non-concurrent-index', 3]]);
  });

  it('lets several comment lines stack above one statement', () => {
    const sql = `-- faultline-ignore: non-concurrent-index -- small table
-- faultline-ignore: missing-lock-timeout -- runs before traffic starts
CREATE INDEX countries_code_idx ON countries (code);`;
    expect(lintSql(sql)).toEqual([]);
  });

  it('does not reach across a blank line: the comment is then unused', () => {
    const sql = '-- faultline-ignore: non-concurrent-index -- small\n\nCREATE INDEX i ON countries (code);';
    expect(ruleIds(sql, { rules: { 'missing-lock-timeout': 'off' } })).toEqual(['unused-suppression', 'non-concurrent-index']);
  });

  it('suppresses everywhere in the file with faultline-ignore-file', () => {
    const sql = `CREATE INDEX a ON t (a);
-- faultline-ignore-file: missing-lock-timeout -- the deploy job sets lock_timeout for the session
CREATE INDEX b ON t (b);`;
    expect(ruleIds(sql)).toEqual(['non-concurrent-index', 'non-concurrent-index']);
  });

  it('covers every statement of a DO block when placed above the DO', () => {
    const sql = `-- faultline-ignore: add-check-without-not-valid -- table is empty in every environment
DO $$ BEGIN
  ALTER TABLE flags ADD CONSTRAINT flags_name_check CHECK (name <> '');
END $$;`;
    expect(ruleIds(sql, { rules: { 'missing-lock-timeout': 'off' } })).toEqual([]);
  });

  it('works inside a DO block body, above the inner statement', () => {
    const sql = `DO $$ BEGIN
  -- faultline-ignore: add-check-without-not-valid -- empty table
  ALTER TABLE flags ADD CONSTRAINT flags_name_check CHECK (name <> '');
END $$;`;
    expect(ruleIds(sql, { rules: { 'missing-lock-timeout': 'off' } })).toEqual([]);
  });
});

describe('findings about suppressions', () => {
  it('reports a suppression without a reason (suppression-missing-reason, error)', () => {
    const sql = '-- faultline-ignore: non-concurrent-index\nCREATE INDEX i ON countries (code);';
    const [finding] = lintSql(sql, { rules: { 'missing-lock-timeout': 'off' } });
    expect(finding).toMatchObject({ rule: 'suppression-missing-reason', severity: 'error', line: 1, column: 1 });
    expect(finding!.fix).toBe('-- faultline-ignore: non-concurrent-index -- <why this is safe here>');
  });

  it('reports a suppression that suppresses nothing (unused-suppression, warning)', () => {
    const sql = '-- faultline-ignore: set-not-null -- legacy\nCREATE INDEX CONCURRENTLY i ON t (a);';
    const [finding] = lintSql(sql);
    expect(finding).toMatchObject({ rule: 'unused-suppression', severity: 'warning', line: 1 });
    expect(finding!.message).toContain('set-not-null');
  });

  it('reports an unknown rule id (unknown-rule, error)', () => {
    const sql = '-- faultline-ignore: non-concurent-index -- typo\nCREATE INDEX CONCURRENTLY i ON t (a);';
    const [finding] = lintSql(sql);
    expect(finding).toMatchObject({ rule: 'unknown-rule', severity: 'error', line: 1 });
    expect(finding!.message).toContain('non-concurent-index');
  });

  it('does not call a suppression of a rule that is configured off unused', () => {
    const sql = '-- faultline-ignore: non-concurrent-index -- small\nCREATE INDEX i ON t (a);';
    expect(lintSql(sql, { rules: { 'non-concurrent-index': 'off', 'missing-lock-timeout': 'off' } })).toEqual([]);
  });

  it('ignores directives inside string literals', () => {
    const sql = "INSERT INTO notes VALUES ('-- faultline-ignore: drop-table -- not a comment');";
    expect(lintSql(sql)).toEqual([]);
  });
});
