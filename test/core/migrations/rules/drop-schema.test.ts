import { findingsOf } from '../lint-sql.ts';

const rule = 'drop-schema';

describe(rule, () => {
  it('flags DROP SCHEMA … CASCADE and says it deletes every object', () => {
    const [finding] = findingsOf(rule, 'DROP SCHEMA IF EXISTS reporting CASCADE;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE' });
    expect(finding!.message).toContain('deletes every object');
  });

  it('flags DROP SCHEMA without CASCADE too', () => {
    expect(findingsOf(rule, 'DROP SCHEMA staging;')).toHaveLength(1);
  });

  it('accepts DROP TABLE and CREATE SCHEMA', () => {
    expect(findingsOf(rule, 'CREATE SCHEMA IF NOT EXISTS reporting;')).toEqual([]);
  });
});
