import { findingsOf } from '../lint-sql.ts';

const rule = 'vacuum-full';

describe(rule, () => {
  it('flags VACUUM FULL on a table: a rewrite under ACCESS EXCLUSIVE', () => {
    const [finding] = findingsOf(rule, 'VACUUM FULL ANALYZE events;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'], rewrite: true });
    expect(finding!.fix).toContain('VACUUM (ANALYZE) events;');
    expect(finding!.fix).toContain('pg_repack');
  });

  it('flags the option form and VACUUM FULL of the whole database', () => {
    expect(findingsOf(rule, 'VACUUM (FULL, VERBOSE) events;')).toHaveLength(1);
    expect(findingsOf(rule, 'VACUUM FULL;')[0]!.message).toContain('every table in the database');
  });

  it('accepts plain VACUUM, VACUUM (FULL false) and ANALYZE', () => {
    expect(findingsOf(rule, 'VACUUM (ANALYZE) events;')).toEqual([]);
    expect(findingsOf(rule, 'VACUUM (FULL false) events;')).toEqual([]);
    expect(findingsOf(rule, 'ANALYZE events;')).toEqual([]);
  });
});
