import { findingsOf } from '../lint-sql.ts';

const rule = 'drop-index-non-concurrent';

describe(rule, () => {
  it('flags DROP INDEX: ACCESS EXCLUSIVE on the table, reads and writes wait', () => {
    const [finding] = findingsOf(rule, 'DROP INDEX IF EXISTS index_users_on_email;');
    expect(finding).toMatchObject({
      severity: 'error',
      lock: 'ACCESS EXCLUSIVE',
      blocks: ['reads', 'writes'],
      fix: 'DROP INDEX CONCURRENTLY IF EXISTS index_users_on_email;',
    });
  });

  it('splits a multi-index drop into one concurrent drop per index (CONCURRENTLY allows one)', () => {
    const [finding] = findingsOf(rule, 'DROP INDEX app.idx_a, idx_b CASCADE;');
    expect(finding!.fix).toContain('DROP INDEX CONCURRENTLY app.idx_a;\nDROP INDEX CONCURRENTLY idx_b;');
    expect(finding!.fix).toContain('does not allow CASCADE');
  });

  it('accepts DROP INDEX CONCURRENTLY', () => {
    expect(findingsOf(rule, 'DROP INDEX CONCURRENTLY index_users_on_email;')).toEqual([]);
  });

  it('accepts dropping an index created earlier in the same file', () => {
    const sql = 'CREATE INDEX CONCURRENTLY tmp_idx ON users (email);\nDROP INDEX tmp_idx;';
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});
