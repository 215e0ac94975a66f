/**
 * The lock knowledge checked against a real PostgreSQL: each statement runs in a transaction that
 * is rolled back, and the strongest mode pg_locks shows on each relation must be what lockFor says.
 */
import pg from 'pg';
import { LOCK_MODES, relationLocks } from '../../../core/migrations/locks.ts';
import type { LockMode } from '../../../core/migrations/types.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';
import { parseStatement } from './parse-statement.ts';

const SCHEMA = `
  CREATE TABLE customers (id bigint PRIMARY KEY, email text, note varchar(20));
  CREATE INDEX customers_email ON customers (email);
  CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric(10,2), placed timestamp);
  CREATE TABLE events (id bigint, year int) PARTITION BY LIST (year);
  CREATE TABLE events_2024 PARTITION OF events FOR VALUES IN (2024);
  CREATE TABLE events_2025 (id bigint, year int);
  CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
  CREATE UNIQUE INDEX order_totals_customer ON order_totals (customer_id);
  CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
  CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION touch();
`;

const STATEMENTS = [
  'ALTER TABLE orders ADD COLUMN note text',
  'ALTER TABLE orders ALTER COLUMN placed TYPE timestamptz',
  'ALTER TABLE orders ALTER COLUMN placed SET NOT NULL',
  'ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID',
  'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID',
  'ALTER TABLE orders ADD COLUMN referrer_id bigint REFERENCES customers (id)',
  'ALTER TABLE orders ALTER COLUMN total SET STATISTICS 500',
  'ALTER TABLE orders SET (fillfactor = 80)',
  'ALTER TABLE orders DISABLE TRIGGER ALL',
  'ALTER TABLE orders SET UNLOGGED',
  'ALTER TABLE customers CLUSTER ON customers_email',
  'ALTER TABLE events DETACH PARTITION events_2024',
  'ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES IN (2025)',
  'ALTER TABLE orders RENAME COLUMN placed TO placed_at',
  'ALTER TABLE orders RENAME TO purchases',
  'ALTER INDEX customers_email RENAME TO customers_email_idx',
  'CREATE INDEX orders_placed ON orders (placed)',
  'CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()',
  "COMMENT ON COLUMN orders.total IS 'gross'",
  'CREATE TABLE order_lines (order_id bigint REFERENCES orders (id))',
  'CREATE TABLE events_2026 PARTITION OF events FOR VALUES IN (2026)',
  'CREATE POLICY own_orders ON orders USING (true)',
  'CREATE STATISTICS orders_stats ON customer_id, total FROM orders',
  'TRUNCATE orders',
  'REINDEX TABLE customers',
  'REINDEX INDEX customers_email',
  'REFRESH MATERIALIZED VIEW order_totals',
  'LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE',
  'CLUSTER customers USING customers_pkey',
  'UPDATE orders SET total = 0',
  'DROP INDEX customers_email',
  'DROP TABLE events_2025',
  'DROP TRIGGER orders_audit ON orders',
];

let server: TestPostgres;
let client: pg.Client;

beforeAll(async () => {
  server = await startPostgres();
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(SCHEMA);
});

afterAll(async () => {
  await client?.end();
  await server?.stop();
});

const MODE_NAMES: Record<string, LockMode> = {
  AccessShareLock: 'ACCESS SHARE',
  RowShareLock: 'ROW SHARE',
  RowExclusiveLock: 'ROW EXCLUSIVE',
  ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
  ShareLock: 'SHARE',
  ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
  ExclusiveLock: 'EXCLUSIVE',
  AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};

/**
 * The strongest mode this session holds on each of `names` after running `sql` (rolled back).
 * Relations are resolved to OIDs first, so renames are still found.
 */
async function observedLocks(sql: string, names: string[]): Promise<Map<string, LockMode>> {
  await client.query('BEGIN');
  try {
    const { rows: oids } = await client.query<{ name: string; oid: number }>(
      'SELECT name, to_regclass(name)::oid AS oid FROM unnest($1::text[]) AS name',
      [names],
    );
    await client.query(sql);
    const { rows } = await client.query<{ relation: number; mode: string }>(
      `SELECT relation, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'`,
    );
    const strongest = new Map<string, LockMode>();
    for (const { name, oid } of oids) {
      for (const row of rows.filter((r) => r.relation === oid)) {
        const mode = MODE_NAMES[row.mode]!;
        const seen = strongest.get(name);
        if (!seen || LOCK_MODES.indexOf(mode) > LOCK_MODES.indexOf(seen)) strongest.set(name, mode);
      }
    }
    return strongest;
  } finally {
    await client.query('ROLLBACK');
  }
}

describe(`lock knowledge matches pg_locks on a real PostgreSQL`, () => {
  it.each(STATEMENTS)('%s', async (sql) => {
    const predicted = relationLocks(parseStatement(sql), server.majorVersion);
    expect(predicted.length).toBeGreaterThan(0);
    const observed = await observedLocks(
      sql,
      predicted.map((p) => p.relation.name),
    );
    for (const { relation, lock } of predicted) {
      expect({ relation: relation.name, lock: observed.get(relation.name) }).toEqual({ relation: relation.name, lock });
    }
  });
});
