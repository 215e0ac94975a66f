import { blockedBy, LOCK_MODES, lockConflicts, lockFor, relationLocks, relationName, strongerLock } from '../../../core/migrations/locks.ts';
import { parseStatement } from './parse-statement.ts';

const lockOf = (sql: string, pgVersion?: number) => lockFor(parseStatement(sql), pgVersion);

describe('blockedBy', () => {
  it('says ACCESS EXCLUSIVE blocks reads and writes', () => {
    expect(blockedBy('ACCESS EXCLUSIVE')).toEqual(['reads', 'writes']);
  });

  it('says SHARE, SHARE ROW EXCLUSIVE and EXCLUSIVE block writes but not plain reads', () => {
    for (const mode of ['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE'] as const) expect(blockedBy(mode)).toEqual(['writes']);
  });

  it('says the weaker modes block neither (they only conflict with DDL and maintenance)', () => {
    for (const mode of ['ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE'] as const) {
      expect(blockedBy(mode)).toEqual([]);
    }
  });
});

describe('the conflict table', () => {
  it('is symmetric, as in the PostgreSQL docs', () => {
    for (const a of LOCK_MODES) for (const b of LOCK_MODES) expect(lockConflicts(a, b)).toBe(lockConflicts(b, a));
  });

  it('lets SHARE UPDATE EXCLUSIVE conflict with itself (two concurrent index builds queue)', () => {
    expect(lockConflicts('SHARE UPDATE EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE')).toBe(true);
    expect(lockConflicts('SHARE', 'SHARE')).toBe(false);
  });

  it('orders modes by strength', () => {
    expect(strongerLock('SHARE', 'ACCESS EXCLUSIVE')).toBe('ACCESS EXCLUSIVE');
    expect(strongerLock('SHARE UPDATE EXCLUSIVE', 'ROW EXCLUSIVE')).toBe('SHARE UPDATE EXCLUSIVE');
  });
});

describe('relationName', () => {
  it('keeps the parser-folded lower case of unquoted names and the exact case of quoted ones', () => {
    const { node } = parseStatement('ALTER TABLE "Billing".Invoices ADD COLUMN note text');
    expect(relationName(node.relation)).toEqual({ schema: 'Billing', name: 'invoices' });
  });

  it('leaves the schema out when the statement does not name one', () => {
    const { node } = parseStatement('TRUNCATE "OrderLines"');
    expect(relationName((node.relations as unknown[])[0])).toEqual({ name: 'OrderLines' });
  });
});

describe('lockFor: ALTER TABLE subcommands', () => {
  it.each([
    ['ALTER TABLE t ADD COLUMN c int', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t DROP COLUMN c', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ALTER COLUMN c TYPE bigint', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ALTER COLUMN c SET NOT NULL', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ALTER COLUMN c SET DEFAULT 0', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t VALIDATE CONSTRAINT c', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER TABLE t SET LOGGED', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t SET UNLOGGED', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t ALTER COLUMN c SET STATISTICS 500', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER TABLE t CLUSTER ON t_pkey', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER TABLE t SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01)', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER VIEW v SET (security_barrier = true)', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t DISABLE TRIGGER ALL', 'SHARE ROW EXCLUSIVE'],
    ['ALTER TABLE t DETACH PARTITION t_2020', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t DETACH PARTITION t_2020 CONCURRENTLY', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER TABLE t DETACH PARTITION t_2020 FINALIZE', 'SHARE UPDATE EXCLUSIVE'],
    ['ALTER TABLE t OWNER TO app', 'ACCESS EXCLUSIVE'],
    ['ALTER TABLE t SET TABLESPACE archive', 'ACCESS EXCLUSIVE'],
  ])('%s takes %s', (sql, lock) => {
    expect(lockOf(sql)?.lock).toBe(lock);
  });

  it('takes the strongest lock of several subcommands', () => {
    expect(lockOf('ALTER TABLE t ALTER COLUMN c SET STATISTICS 100, ADD COLUMN d int')).toEqual({
      lock: 'ACCESS EXCLUSIVE',
      relations: [{ name: 't' }],
    });
  });

  it('locks both tables of a foreign key SHARE ROW EXCLUSIVE (writes to the referenced table wait too)', () => {
    expect(lockOf('ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES crm.customers (id) NOT VALID')).toEqual({
      lock: 'SHARE ROW EXCLUSIVE',
      relations: [{ name: 'orders' }, { schema: 'crm', name: 'customers' }],
    });
  });

  it('also locks the referenced table of an inline REFERENCES on ADD COLUMN', () => {
    const locks = relationLocks(parseStatement('ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers'));
    expect(locks).toEqual([
      { relation: { name: 'orders' }, lock: 'ACCESS EXCLUSIVE' },
      { relation: { name: 'customers' }, lock: 'SHARE ROW EXCLUSIVE' },
    ]);
  });

  it('locks the parent of ATTACH PARTITION only SHARE UPDATE EXCLUSIVE since PostgreSQL 12, the partition ACCESS EXCLUSIVE', () => {
    const sql = "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')";
    expect(relationLocks(parseStatement(sql), 12)).toEqual([
      { relation: { name: 'events' }, lock: 'SHARE UPDATE EXCLUSIVE' },
      { relation: { name: 'events_2025' }, lock: 'ACCESS EXCLUSIVE' },
    ]);
    expect(relationLocks(parseStatement(sql), 11)[0]).toEqual({ relation: { name: 'events' }, lock: 'ACCESS EXCLUSIVE' });
  });

  it('takes no table lock for ALTER TYPE … ADD ATTRIBUTE (a composite type, not a table)', () => {
    expect(lockOf('ALTER TYPE address ADD ATTRIBUTE zip text')).toBeNull();
  });
});

describe('lockFor: other statements', () => {
  it.each([
    ['CREATE INDEX i ON t (a)', 'SHARE', [{ name: 't' }]],
    ['CREATE INDEX CONCURRENTLY i ON t (a)', 'SHARE UPDATE EXCLUSIVE', [{ name: 't' }]],
    ['DROP INDEX app.i', 'ACCESS EXCLUSIVE', [{ schema: 'app', name: 'i' }]],
    ['DROP INDEX CONCURRENTLY i', 'SHARE UPDATE EXCLUSIVE', [{ name: 'i' }]],
    ['DROP TABLE a, b', 'ACCESS EXCLUSIVE', [{ name: 'a' }, { name: 'b' }]],
    ['DROP TRIGGER audit ON app.orders', 'ACCESS EXCLUSIVE', [{ schema: 'app', name: 'orders' }]],
    ['TRUNCATE a, b CASCADE', 'ACCESS EXCLUSIVE', [{ name: 'a' }, { name: 'b' }]],
    ['VACUUM FULL t', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['VACUUM (FULL, ANALYZE) t', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['VACUUM (FULL false) t', 'SHARE UPDATE EXCLUSIVE', [{ name: 't' }]],
    ['VACUUM t', 'SHARE UPDATE EXCLUSIVE', [{ name: 't' }]],
    ['ANALYZE t', 'SHARE UPDATE EXCLUSIVE', [{ name: 't' }]],
    ['CLUSTER t USING t_pkey', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['REINDEX TABLE t', 'SHARE', [{ name: 't' }]],
    ['REINDEX INDEX i', 'ACCESS EXCLUSIVE', [{ name: 'i' }]],
    ['REINDEX INDEX CONCURRENTLY i', 'SHARE UPDATE EXCLUSIVE', [{ name: 'i' }]],
    ['REFRESH MATERIALIZED VIEW m', 'ACCESS EXCLUSIVE', [{ name: 'm' }]],
    ['REFRESH MATERIALIZED VIEW CONCURRENTLY m', 'EXCLUSIVE', [{ name: 'm' }]],
    ['CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()', 'SHARE ROW EXCLUSIVE', [{ name: 't' }]],
    ["COMMENT ON COLUMN app.t.c IS 'x'", 'SHARE UPDATE EXCLUSIVE', [{ schema: 'app', name: 't' }]],
    ["COMMENT ON TABLE t IS 'x'", 'SHARE UPDATE EXCLUSIVE', [{ name: 't' }]],
    ['ALTER TABLE t RENAME COLUMN a TO b', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['ALTER TABLE t RENAME TO u', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['ALTER TABLE t SET SCHEMA archive', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['CREATE POLICY p ON t USING (true)', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['CREATE STATISTICS s ON a, b FROM t', 'SHARE UPDATE EXCLUSIVE', [{ name: 't' }]],
    ['LOCK TABLE t IN SHARE MODE', 'SHARE', [{ name: 't' }]],
    ['LOCK t', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['UPDATE t SET a = 1', 'ROW EXCLUSIVE', [{ name: 't' }]],
    ['CREATE TABLE t_2025 PARTITION OF t FOR VALUES IN (2025)', 'ACCESS EXCLUSIVE', [{ name: 't' }]],
    ['CREATE TABLE child () INHERITS (t)', 'SHARE UPDATE EXCLUSIVE', [{ name: 't' }]],
    ['CREATE TABLE lines (order_id bigint REFERENCES orders (id))', 'SHARE ROW EXCLUSIVE', [{ name: 'orders' }]],
  ])('%s takes %s', (sql, lock, relations) => {
    expect(lockOf(sql)).toEqual({ lock, relations });
  });

  it('lowered ALTER INDEX … RENAME to SHARE UPDATE EXCLUSIVE in PostgreSQL 12', () => {
    expect(lockOf('ALTER INDEX i RENAME TO j', 12)?.lock).toBe('SHARE UPDATE EXCLUSIVE');
    expect(lockOf('ALTER INDEX i RENAME TO j', 11)?.lock).toBe('ACCESS EXCLUSIVE');
  });

  it.each([
    'CREATE TABLE t (id bigint)',
    'GRANT SELECT ON t TO reporting',
    "ALTER TYPE mood ADD VALUE 'ok'",
    'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
    "SET lock_timeout = '2s'",
    'SELECT 1',
    'REINDEX DATABASE app',
  ])('takes no relation lock for: %s', (sql) => {
    expect(lockOf(sql)).toBeNull();
  });
});
