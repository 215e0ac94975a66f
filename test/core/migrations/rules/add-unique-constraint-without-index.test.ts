import { findingsOf } from '../lint-sql.ts';

const rule = 'add-unique-constraint-without-index';

describe(rule, () => {
  it('flags ADD UNIQUE and gives CREATE UNIQUE INDEX CONCURRENTLY + UNIQUE USING INDEX', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.fix).toBe(
      'CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n' +
        'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;',
    );
  });

  it('derives the index name from the columns when the constraint is unnamed', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE memberships ADD UNIQUE (team_id, user_id);');
    expect(finding!.fix).toContain('CREATE UNIQUE INDEX CONCURRENTLY memberships_team_id_user_id_key ON memberships (team_id, user_id);');
  });

  it('flags an inline UNIQUE on ADD COLUMN', () => {
    expect(findingsOf(rule, 'ALTER TABLE users ADD COLUMN handle text UNIQUE;')).toHaveLength(1);
  });

  it('accepts UNIQUE USING INDEX (the index was built concurrently before)', () => {
    const sql =
      'CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n' +
      'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;';
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('accepts UNIQUE on a table created in the same file', () => {
    expect(findingsOf(rule, 'CREATE TABLE tags (name text);\nALTER TABLE tags ADD UNIQUE (name);')).toEqual([]);
  });
});
