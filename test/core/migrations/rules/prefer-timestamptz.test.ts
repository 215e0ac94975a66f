import { findingsOf } from '../lint-sql.ts';

const rule = 'prefer-timestamptz';

describe(rule, () => {
  it('warns about timestamp without time zone, keeping the precision in the fix', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE orders ADD COLUMN shipped_at timestamp(3) without time zone;');
    expect(finding).toMatchObject({ severity: 'warning', lock: null, rewrite: false });
    expect(finding!.fix).toBe('ALTER TABLE orders ADD COLUMN shipped_at timestamptz(3);');
    expect(findingsOf(rule, 'CREATE TABLE e (at timestamp NOT NULL DEFAULT now());')).toHaveLength(1);
  });

  it('accepts timestamptz, date and time', () => {
    expect(findingsOf(rule, 'CREATE TABLE e (a timestamptz, b timestamp with time zone, c date, d time);')).toEqual([]);
  });
});
