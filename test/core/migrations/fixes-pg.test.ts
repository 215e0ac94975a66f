/**
 * Every fix the gate prints must be SQL that PostgreSQL runs and that passes the gate itself. For a
 * corpus of statements that trigger the rules, each finding's fix is applied on a real PostgreSQL
 * (in a fresh schema holding the tables it needs) and linted after that schema: no syntax error, no
 * server error, and no error-severity finding the original statement did not already have, unless
 * the fix marks the step as deliberate with a `faultline-ignore: rule -- reason` comment.
 * Fixes with placeholders (`…`, `<referencing tables>`) are instructions, not SQL: they are listed.
 */
import pg from 'pg';
import { KnownColumnTypes } from '../../../core/migrations/column-types.ts';
import { lintSource, loadParser } from '../../../core/migrations/lint.ts';
import { parseSql } from '../../../core/migrations/sql-parser.ts';
import type { Finding } from '../../../core/migrations/types.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';

await loadParser();

/** The tables, types and indexes the corpus touches, as production would hold them. */
const SCHEMA = `
CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE TABLE users (id bigint PRIMARY KEY, email text, bio varchar(100) NOT NULL, d text, age integer);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer, total numeric, code text, note text,
  status text, created_at timestamp, legacy text, cid bigint);
CREATE INDEX orders_code ON orders (code);
CREATE TABLE sessions (id bigint);
CREATE DOMAIN positive AS integer;
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE MATERIALIZED VIEW totals AS SELECT 1 AS n;
CREATE UNIQUE INDEX totals_n ON totals (n);
`;

/** Statements that trigger the rules with fixes (every rule that reports them gets checked). */
const CORPUS = [
  'CREATE INDEX orders_note_idx ON orders (note);',
  'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (cid) REFERENCES customers (id);',
  'ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);',
  'ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);',
  'ALTER TABLE sessions ADD PRIMARY KEY (id);',
  'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
  'ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint;',
  'ALTER TABLE users ALTER COLUMN d TYPE varchar(50);',
  'ALTER TABLE users ADD COLUMN nick varchar(40);',
  'CREATE TABLE fresh (id serial PRIMARY KEY, code char(3), body json, at timestamp, name varchar(40), n int);',
  'ALTER TABLE users ADD COLUMN seq bigserial;',
  'ALTER TABLE orders ADD COLUMN flag boolean NOT NULL;',
  'ALTER TABLE orders ADD COLUMN payload json;',
  'DROP INDEX orders_code;',
  'REINDEX TABLE orders;',
  'REFRESH MATERIALIZED VIEW totals;',
  'ALTER TABLE orders DROP COLUMN legacy;',
  'TRUNCATE sessions;',
  'UPDATE orders SET status = 1;',
  'ALTER TABLE users ALTER COLUMN bio DROP NOT NULL;',
  'ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0);',
  'ALTER DOMAIN positive SET NOT NULL;',
  'ALTER TABLE events DETACH PARTITION events_2020;',
  'VACUUM FULL orders;',
  'CLUSTER orders USING orders_pkey;',
];

/**
 * The fix's SQL without comments, or undefined when it is an instruction with placeholders. A column
 * definition for a CREATE TABLE (`-- in CREATE TABLE t:` then the column) runs as a table of its own.
 */
function runnableSql(fix: string): string | undefined {
  const fragment = /^-- in CREATE TABLE (\S+):\n([\s\S]*)$/.exec(fix);
  if (fragment) return `CREATE TABLE ${fragment[1]} (${fragment[2]});`;
  const sql = fix
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .trim();
  if (sql === '' || sql.includes('…') || /<[a-z][a-z ]*>/i.test(sql)) return undefined;
  return sql;
}

function lintAfterSchema(sql: string): Finding[] {
  const types = new KnownColumnTypes();
  lintSource(SCHEMA, 'V1__schema.sql', {}, types);
  return lintSource(sql, 'V2__fix.sql', {}, types).findings;
}

/** Every (statement, finding) pair with a fix, computed once. */
const cases = CORPUS.flatMap((statement) => {
  const original = lintAfterSchema(statement);
  return original
    .filter((finding) => finding.fix)
    .map((finding) => ({ name: `${finding.rule}: ${statement}`, statement, finding, original }));
});

/** Statements of `sql` one by one (CONCURRENTLY and VACUUM cannot run in a multi-statement query). */
function statementsOf(sql: string): string[] {
  const { stmts = [] } = parseSql(sql) as { stmts?: { stmt_location?: number; stmt_len?: number }[] };
  const bytes = Buffer.from(sql);
  return stmts.map((s) => bytes.subarray(s.stmt_location ?? 0, s.stmt_len ? (s.stmt_location ?? 0) + s.stmt_len : undefined).toString().trim());
}

describe('every fix on a real PostgreSQL', () => {
  let server: TestPostgres;
  let client: pg.Client;
  let n = 0;

  beforeAll(async () => {
    server = await startPostgres();
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it('has a corpus that reaches many rules', () => {
    expect(new Set(cases.map((c) => c.finding.rule)).size).toBeGreaterThanOrEqual(20);
  });

  // The other side of the same promise: what the gate calls rejected, PostgreSQL rejects.
  it.each([
    ['duplicate-column', 'CREATE VIEW v AS SELECT id, o.id FROM orders o;'],
    ['duplicate-column', 'CREATE VIEW v AS SELECT 1, 2;'],
    ['duplicate-column', 'CREATE TABLE copy AS SELECT id, id FROM orders;'],
    ['duplicate-column', 'UPDATE orders SET note = 1, note = 2;'],
    ['serial-array', 'CREATE TABLE s (id serial[]);'],
  ])('%s: PostgreSQL rejects %s', async (rule, statement) => {
    expect(lintAfterSchema(statement).filter((f) => f.severity === 'error').map((f) => f.rule)).toContain(rule);
    const schema = `rejected_${++n}`;
    await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}, public`);
    try {
      await client.query(SCHEMA);
      await expect(client.query(statement)).rejects.toThrow();
    } finally {
      await client.query(`RESET search_path; DROP SCHEMA ${schema} CASCADE`);
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, { finding, original }) => {
    const sql = runnableSql(finding.fix!);
    if (sql === undefined) {
      // An instruction, not SQL: it must say so in words a reader follows (at least a comment).
      expect(finding.fix).toMatch(/--|…|</);
      return;
    }
    const statements = statementsOf(sql); // throws on a syntax error
    const schema = `fix_${++n}`;
    await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}, public`);
    try {
      await client.query(SCHEMA);
      for (const statement of statements) {
        try {
          await client.query(statement);
        } catch (error) {
          throw new Error(`the fix fails on PostgreSQL at "${statement}": ${(error as Error).message}\n${finding.fix}`);
        }
      }
    } finally {
      await client.query(`RESET search_path; DROP SCHEMA ${schema} CASCADE`);
    }
    const before = new Set(original.filter((f) => f.severity === 'error').map((f) => f.rule));
    const linted = finding.fix!.startsWith('-- in CREATE TABLE') ? sql : finding.fix!;
    const introduced = lintAfterSchema(linted).filter((f) => f.severity === 'error' && (!before.has(f.rule) || f.rule === finding.rule));
    expect(introduced.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});
