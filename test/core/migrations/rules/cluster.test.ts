import { findingsOf } from '../lint-sql.ts';

const rule = 'cluster';

describe(rule, () => {
  it('flags CLUSTER: the table is rewritten in index order under ACCESS EXCLUSIVE', () => {
    const [finding] = findingsOf(rule, 'CLUSTER events USING events_created_at_idx;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: true });
    expect(finding!.fix).toContain('pg_repack --table=events');
  });

  it('flags a bare CLUSTER (every clustered table)', () => {
    expect(findingsOf(rule, 'CLUSTER;')[0]!.message).toContain('every previously clustered table');
  });

  it('accepts marking the clustering index only (ALTER TABLE … CLUSTER ON) and new tables', () => {
    expect(findingsOf(rule, 'ALTER TABLE events CLUSTER ON events_created_at_idx;')).toEqual([]);
    expect(findingsOf(rule, 'CREATE TABLE e (id int PRIMARY KEY);\nCLUSTER e USING e_pkey;')).toEqual([]);
  });
});
