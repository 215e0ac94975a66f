import { findingsOf } from '../lint-sql.ts';

const rule = 'set-tablespace';

describe(rule, () => {
  it('flags moving an existing table to another tablespace', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE events SET TABLESPACE archive;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: true });
    expect(finding!.fix).toContain('pg_repack --table=events --tablespace=archive');
  });

  it('flags moving an index and changing the access method', () => {
    expect(findingsOf(rule, 'ALTER INDEX events_at SET TABLESPACE fast;')[0]!.fix).toContain('DROP INDEX CONCURRENTLY events_at;');
    expect(findingsOf(rule, 'ALTER TABLE events SET ACCESS METHOD columnar;')).toHaveLength(1);
  });

  it('accepts it on a table created in the same file', () => {
    expect(findingsOf(rule, 'CREATE TABLE e (id int);\nALTER TABLE e SET TABLESPACE archive;')).toEqual([]);
  });
});
