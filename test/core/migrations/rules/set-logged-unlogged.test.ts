import { findingsOf } from '../lint-sql.ts';

const rule = 'set-logged-unlogged';

describe(rule, () => {
  it('flags SET LOGGED: the table is rewritten and written to the WAL', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE import_rows SET LOGGED;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: true });
    expect(finding!.message).toContain('WAL');
    expect(finding!.fix).toContain('CREATE TABLE import_rows_new (LIKE import_rows INCLUDING ALL);');
  });

  it('flags SET UNLOGGED', () => {
    expect(findingsOf(rule, 'ALTER TABLE cache SET UNLOGGED;')[0]!.fix).toContain('CREATE UNLOGGED TABLE cache_new');
  });

  it('accepts it on a table created in the same file', () => {
    expect(findingsOf(rule, 'CREATE UNLOGGED TABLE load (id int);\nALTER TABLE load SET LOGGED;')).toEqual([]);
  });
});
