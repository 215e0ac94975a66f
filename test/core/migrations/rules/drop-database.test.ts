import { findingsOf } from '../lint-sql.ts';

const rule = 'drop-database';

describe(rule, () => {
  it('flags DROP DATABASE', () => {
    const [finding] = findingsOf(rule, 'DROP DATABASE IF EXISTS analytics;');
    expect(finding).toMatchObject({ severity: 'error', rewrite: false });
    expect(finding!.message).toContain('analytics');
  });

  it('accepts CREATE DATABASE', () => {
    expect(findingsOf(rule, 'CREATE DATABASE analytics;')).toEqual([]);
  });
});
