import { findingsOf } from '../lint-sql.ts';

const rule = 'refresh-matview-non-concurrent';

describe(rule, () => {
  it('warns about a plain refresh: reads of the view wait', () => {
    const [finding] = findingsOf(rule, 'REFRESH MATERIALIZED VIEW reporting.daily_totals;');
    expect(finding).toMatchObject({ severity: 'warning', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.fix).toContain('REFRESH MATERIALIZED VIEW CONCURRENTLY reporting.daily_totals;');
  });

  it('accepts CONCURRENTLY and WITH NO DATA', () => {
    expect(findingsOf(rule, 'REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;')).toEqual([]);
    expect(findingsOf(rule, 'REFRESH MATERIALIZED VIEW daily_totals WITH NO DATA;')).toEqual([]);
  });
});
