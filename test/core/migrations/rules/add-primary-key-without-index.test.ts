import { findingsOf } from '../lint-sql.ts';

const rule = 'add-primary-key-without-index';

describe(rule, () => {
  it('flags ADD PRIMARY KEY and gives the concurrent index + PRIMARY KEY USING INDEX', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE events ADD PRIMARY KEY (id);');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.fix).toContain('CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);');
    expect(finding!.fix).toContain('ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;');
    expect(finding!.fix).toContain('NOT NULL');
  });

  it('does not ask for NOT NULL work when a validated CHECK (id IS NOT NULL) exists', () => {
    const sql = `ALTER TABLE events ADD CONSTRAINT events_id_nn CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE events VALIDATE CONSTRAINT events_id_nn;
ALTER TABLE events ADD CONSTRAINT events_pk PRIMARY KEY (id);`;
    const [finding] = findingsOf(rule, sql);
    expect(finding!.fix).not.toContain('nullable');
    expect(finding!.fix).toContain('events_pk PRIMARY KEY USING INDEX events_pk;');
  });

  it('accepts PRIMARY KEY USING INDEX', () => {
    expect(findingsOf(rule, 'ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_idx;')).toEqual([]);
  });

  it('accepts a primary key on a table created in the same file', () => {
    expect(findingsOf(rule, 'CREATE TABLE audit (id bigint);\nALTER TABLE audit ADD PRIMARY KEY (id);')).toEqual([]);
  });
});
