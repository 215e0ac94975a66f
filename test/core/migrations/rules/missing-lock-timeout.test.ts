import { findingsOf } from '../lint-sql.ts';

const rule = 'missing-lock-timeout';

describe(rule, () => {
  it('flags a blocking ALTER TABLE with no lock_timeout, naming lock and what queues behind it', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE orders ADD COLUMN note text;');
    expect(finding).toMatchObject({ severity: 'warning', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.fix).toBe("SET lock_timeout = '5s'; -- give up (and retry) rather than queue traffic behind the lock\nALTER TABLE orders ADD COLUMN note text;");
  });

  it('suggests SET LOCAL inside a transaction', () => {
    const [finding] = findingsOf(rule, 'BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;');
    expect(finding!.fix).toMatch(/^SET LOCAL lock_timeout/);
  });

  it.each([
    ["SET lock_timeout = '3s';"],
    ['SET lock_timeout TO 3000;'],
    ["SET SESSION lock_timeout = '1min';"],
    ["SELECT set_config('lock_timeout', '2s', false);"],
  ])('accepts the ALTER after %s', (setting) => {
    expect(findingsOf(rule, `${setting}\nALTER TABLE orders ADD COLUMN note text;`)).toEqual([]);
  });

  it('accepts SET LOCAL within the same transaction, but not after it ends', () => {
    const sql = `BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
ALTER TABLE orders ADD COLUMN memo text;`;
    const findings = findingsOf(rule, sql);
    expect(findings.map((f) => f.line)).toEqual([5]);
  });

  it('treats lock_timeout = 0 and RESET as no timeout', () => {
    expect(findingsOf(rule, "SET lock_timeout = 0;\nALTER TABLE orders ADD COLUMN note text;")).toHaveLength(1);
    expect(findingsOf(rule, "SET lock_timeout = '5s';\nRESET lock_timeout;\nALTER TABLE orders ADD COLUMN note text;")).toHaveLength(1);
  });

  it('flags SHARE locks too (CREATE INDEX blocks writes)', () => {
    const [finding] = findingsOf(rule, 'CREATE INDEX i ON orders (customer_id);');
    expect(finding).toMatchObject({ lock: 'SHARE', blocks: ['writes'] });
  });

  it('accepts statements whose locks block neither reads nor writes, and new tables', () => {
    const sql = `CREATE INDEX CONCURRENTLY i ON orders (customer_id);
UPDATE orders SET note = NULL WHERE id = 1;
CREATE TABLE audit (id bigint);
ALTER TABLE audit ADD COLUMN at timestamptz;
CREATE INDEX ON audit (at);`;
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('does not count ALTER ROLE / ALTER DATABASE … SET lock_timeout: they change later sessions, not this one', () => {
    const sql = "ALTER ROLE CURRENT_USER SET lock_timeout = '5s';\nALTER DATABASE app SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;";
    expect(findingsOf(rule, sql).map((f) => f.line)).toEqual([3]);
  });
});
