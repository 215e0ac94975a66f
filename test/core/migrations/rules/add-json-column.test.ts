import { findingsOf } from '../lint-sql.ts';

const rule = 'add-json-column';

describe(rule, () => {
  it('warns about a json column added to a table, with jsonb as the fix', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE events ADD COLUMN payload json;');
    expect(finding).toMatchObject({ severity: 'warning', lock: null, blocks: [], rewrite: false });
    expect(finding!.message).toContain('no equality operator');
    expect(finding!.fix).toBe('ALTER TABLE events ADD COLUMN payload jsonb;');
  });

  it('warns about json in CREATE TABLE and in a type change', () => {
    expect(findingsOf(rule, 'CREATE TABLE audit (id bigint, diff json NOT NULL);')[0]!.fix).toContain('diff jsonb');
    expect(findingsOf(rule, 'ALTER TABLE audit ALTER COLUMN diff TYPE json USING diff::json;')[0]!.fix).toBe(
      'ALTER TABLE audit ALTER COLUMN diff TYPE jsonb USING diff::jsonb;',
    );
  });

  it('accepts jsonb', () => {
    expect(findingsOf(rule, "ALTER TABLE events ADD COLUMN payload jsonb NOT NULL DEFAULT '{}';")).toEqual([]);
  });
});
