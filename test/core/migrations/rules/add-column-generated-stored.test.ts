import { findingsOf } from '../lint-sql.ts';

const rule = 'add-column-generated-stored';
const stored = 'ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;';

describe(rule, () => {
  it('flags a stored generated column on an existing table: computed and written for every row', () => {
    const [finding] = findingsOf(rule, stored);
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: true });
    expect(finding!.fix).toContain('ALTER TABLE orders ADD COLUMN total_cents bigint;');
    expect(finding!.fix).toContain('UPDATE orders SET total_cents = (total * 100) WHERE ctid IN');
  });

  it('suggests a VIRTUAL column on PostgreSQL 18 and not before', () => {
    expect(findingsOf(rule, stored, { pgVersion: 18 })[0]!.fix).toContain(
      'ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) VIRTUAL;',
    );
    expect(findingsOf(rule, stored, { pgVersion: 17 })[0]!.fix).not.toContain('VIRTUAL');
  });

  it('accepts a virtual generated column (PostgreSQL 18: computed on read, no rewrite)', () => {
    expect(findingsOf(rule, 'ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) VIRTUAL;', { pgVersion: 18 })).toEqual([]);
  });

  it('accepts a stored generated column in a new table', () => {
    expect(findingsOf(rule, 'CREATE TABLE p (w int, h int, area int GENERATED ALWAYS AS (w * h) STORED);')).toEqual([]);
  });
});
