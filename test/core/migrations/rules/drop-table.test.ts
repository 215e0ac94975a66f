import { findingsOf } from '../lint-sql.ts';

const rule = 'drop-table';

describe(rule, () => {
  it('flags dropping an existing table, one finding per table', () => {
    const findings = findingsOf(rule, 'DROP TABLE IF EXISTS legacy_sessions, app.old_audit CASCADE;');
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'], rewrite: false });
    expect(findings[1]!.fix).toContain('DROP TABLE app.old_audit;');
    expect(findings[1]!.fix).toContain("SET lock_timeout = '2s';");
  });

  it('accepts dropping a table created earlier in the same file', () => {
    expect(findingsOf(rule, 'CREATE TABLE tmp_import (id bigint);\nDROP TABLE tmp_import;')).toEqual([]);
  });

  it('does not treat DROP VIEW or DROP INDEX as dropping a table', () => {
    expect(findingsOf(rule, 'DROP VIEW active_users;')).toEqual([]);
    expect(findingsOf(rule, 'DROP INDEX CONCURRENTLY users_email;')).toEqual([]);
  });
});
