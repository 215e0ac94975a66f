import { findingsOf } from '../lint-sql.ts';

const rule = 'rename-schema';

describe(rule, () => {
  it('flags renaming a schema', () => {
    const [finding] = findingsOf(rule, 'ALTER SCHEMA reporting RENAME TO analytics;');
    expect(finding).toMatchObject({ severity: 'error', rewrite: false });
    expect(finding!.fix).toContain('CREATE SCHEMA analytics;');
  });

  it('accepts changing the schema owner', () => {
    expect(findingsOf(rule, 'ALTER SCHEMA reporting OWNER TO analyst;')).toEqual([]);
  });
});
