import { findingsOf } from '../lint-sql.ts';

const rule = 'add-exclusion-constraint';

describe(rule, () => {
  it('flags ADD EXCLUDE on an existing table: ACCESS EXCLUSIVE for the whole index build', () => {
    const sql = 'ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);';
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.message).toContain('no_overlap');
    expect(finding!.fix).toContain("SET lock_timeout = '2s';");
    expect(finding!.fix).toContain(sql);
  });

  it('accepts an exclusion constraint declared on a table created in the same file', () => {
    const sql = `CREATE TABLE reservations (room_id int, during tstzrange);
ALTER TABLE reservations ADD CONSTRAINT no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('leaves other constraints to their own rules', () => {
    expect(findingsOf(rule, 'ALTER TABLE bookings ADD CONSTRAINT c CHECK (room_id > 0) NOT VALID;')).toEqual([]);
  });
});
