import { findingsOf } from '../lint-sql.ts';

const rule = 'detach-partition-non-concurrent';
const sql = 'ALTER TABLE measurements DETACH PARTITION measurements_2019;';

describe(rule, () => {
  it('flags a plain DETACH on PostgreSQL 14+ and suggests CONCURRENTLY', () => {
    const [finding] = findingsOf(rule, sql, { pgVersion: 14 });
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'], rewrite: false });
    expect(finding!.fix).toContain('ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;');
  });

  it('says there is no concurrent form before PostgreSQL 14', () => {
    const [finding] = findingsOf(rule, sql, { pgVersion: 13 });
    expect(finding!.message).toContain('no concurrent form');
    expect(finding!.fix).not.toContain('CONCURRENTLY;');
    expect(finding!.fix).toContain("SET lock_timeout = '2s';");
  });

  it('accepts DETACH … CONCURRENTLY and FINALIZE', () => {
    expect(findingsOf(rule, 'ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;')).toEqual([]);
    expect(findingsOf(rule, 'ALTER TABLE measurements DETACH PARTITION measurements_2019 FINALIZE;')).toEqual([]);
  });
});
