/**
 * Which ALTER COLUMN … TYPE changes rewrite. The table of known-origin cases is run against a real
 * PostgreSQL too: relfilenode changes exactly when typeChangeCost says the table is rewritten.
 */
import pg from 'pg';
import { columnType } from '../../../core/migrations/pg-types.ts';
import { typeChangeCost } from '../../../core/migrations/type-changes.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';
import { parseStatement } from './parse-statement.ts';

/** The target type and USING expression of `ALTER TABLE t ALTER COLUMN c TYPE <target>`. */
function target(sql: string): { to: ReturnType<typeof columnType>; using: unknown } {
  const { node } = parseStatement(`ALTER TABLE t ALTER COLUMN c TYPE ${sql}`);
  const def = (node.cmds as { AlterTableCmd: { def: { ColumnDef: { typeName: unknown; raw_default?: unknown } } } }[])[0]!
    .AlterTableCmd.def.ColumnDef;
  return { to: columnType(def.typeName), using: def.raw_default };
}

function declared(type: string) {
  const { node } = parseStatement(`CREATE TABLE t (c ${type})`);
  return columnType((node.tableElts as { ColumnDef: { typeName: unknown } }[])[0]!.ColumnDef.typeName)!;
}

function rewrites(from: string | undefined, to: string): boolean {
  const change = target(to);
  return typeChangeCost({ column: 'c', from: from ? declared(from) : undefined, to: change.to!, using: change.using }) !== null;
}

// [old type, new type (with USING), rewrites?] — the rows PostgreSQL 15 was checked against.
const KNOWN: [string, string, boolean][] = [
  ['varchar(10)', 'text', false],
  ['varchar(10)', 'varchar(20)', false],
  ['varchar(10)', 'varchar', false],
  ['varchar(10)', 'varchar(5)', true],
  ['varchar(10)', 'text USING c::text', false],
  ['varchar(100)', 'varchar(200) USING c::varchar(200)', false],
  ['varchar(10)', 'text USING upper(c)', true],
  ['text', 'varchar', false],
  ['text', 'varchar(20)', true],
  ['char(10)', 'text', true],
  ['char(10)', 'char(20)', true],
  ['numeric(10,2)', 'numeric', false],
  ['numeric(10,2)', 'numeric(12,2)', false],
  ['numeric(10,2)', 'numeric(12,3)', true],
  ['numeric', 'numeric(12,3)', true],
  ['integer', 'bigint', true],
  ['bigint', 'integer', true],
  ['integer', 'bigint USING c::bigint', true],
  ['timestamp(3)', 'timestamp(6)', false],
  ['timestamp(3)', 'timestamp', false],
  ['timestamp', 'timestamp(3)', true],
  ['timestamptz(3)', 'timestamptz', false],
  ['time(3)', 'time', false],
  ['varbit(3)', 'varbit(5)', false],
  ['bit(3)', 'bit(5)', true],
  ['cidr', 'inet', false],
  ['json', 'jsonb USING c::jsonb', true],
  ['text', 'jsonb USING c::jsonb', true],
  ['varchar(10)[]', 'text[]', true],
  ['integer', 'integer', false],
];

describe('typeChangeCost with the old type known', () => {
  it.each(KNOWN)('%s → %s rewrites: %s', (from, to, expected) => {
    expect(rewrites(from, to)).toBe(expected);
  });

  it('treats timestamp ↔ timestamptz as a rewrite (only skipped when the session TimeZone is UTC)', () => {
    expect(rewrites('timestamp', 'timestamptz')).toBe(true);
    expect(rewrites('timestamptz', 'timestamp')).toBe(true);
  });

  it('explains why in words', () => {
    const change = target('bigint');
    expect(typeChangeCost({ column: 'c', from: declared('integer'), to: change.to! })?.reason).toBe(
      'integer and bigint are stored differently, so every row is converted',
    );
  });
});

describe('typeChangeCost with only the new type known (the old type unknown)', () => {
  // The same target is a relabel from one old type and a rewrite from another (varchar → text
  // keeps the rows, integer → text converts them): nothing in the statement tells which.
  it.each(['text', 'varchar', 'varchar(255)', 'numeric', 'numeric(12,2)', 'timestamptz(6)', 'bigint', 'jsonb', 'public.order_status', 'text[]'])(
    'reports %s as a rewrite and says the old type is unknown',
    (to) => {
      const change = target(to);
      const cost = typeChangeCost({ column: 'c', to: change.to! });
      expect(cost?.oldTypeUnknown).toBe(true);
      expect(cost?.reason).toMatch(/^old type unknown/);
    },
  );

  it('reports every USING as a rewrite, even the bare cast (integer USING c::text converts every row)', () => {
    expect(rewrites(undefined, 'text USING c::text')).toBe(true);
    expect(rewrites(undefined, 'varchar(200) USING c::varchar(200)')).toBe(true);
    expect(rewrites(undefined, "integer USING nullif(c, '')::integer")).toBe(true);
  });

  it('still judges a bare-cast USING like no USING when the old type is known (Django writes one every time)', () => {
    expect(rewrites('varchar(100)', 'varchar(200) USING c::varchar(200)')).toBe(false);
    expect(rewrites('integer', 'text USING c::text')).toBe(true);
  });
});

describe('on a real PostgreSQL, relfilenode changes exactly when a rewrite is predicted', () => {
  let server: TestPostgres;
  let client: pg.Client;

  beforeAll(async () => {
    // TimeZone UTC is the one setting under which PostgreSQL skips the timestamp rewrite; the
    // linter cannot know the session's, so that pair is left out of this comparison.
    server = await startPostgres();
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it.each(KNOWN)('%s → %s', async (from, to, expected) => {
    await client.query('BEGIN');
    try {
      await client.query(`CREATE TABLE t (c ${from})`);
      await client.query('INSERT INTO t VALUES (NULL)');
      const before = await client.query<{ f: string }>(`SELECT pg_relation_filenode('t')::text AS f`);
      await client.query(`ALTER TABLE t ALTER COLUMN c TYPE ${to}`);
      const after = await client.query<{ f: string }>(`SELECT pg_relation_filenode('t')::text AS f`);
      expect(after.rows[0]!.f !== before.rows[0]!.f).toBe(expected);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
