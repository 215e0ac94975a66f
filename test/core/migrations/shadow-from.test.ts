/**
 * `--shadow-from` on a real PostgreSQL: the scratch database starts as a copy of the database the
 * URL names (template; a schema-only copy when it is in use), from a schema dump, or empty with the
 * history replayed. A migration that builds on a schema the URL's database already holds no longer
 * fails with "relation does not exist", and the findings say what the run started from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runMigrationGate } from '../../../core/migrations/gate.ts';
import { shadowRunAgainst } from '../../../core/migrations/shadow.ts';
import { findPgDump } from '../../../core/migrations/shadow-schema-copy.ts';
import { shadowFileFromSql } from '../../../core/migrations/shadow-input.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';

let server: TestPostgres;
let appUrl: string;
let dir: string;

const SCHEMA = `CREATE TABLE orders (id int PRIMARY KEY, customer_id int);
INSERT INTO orders SELECT g, g % 10 FROM generate_series(1, 1000) g;
CREATE VIEW recent_orders AS SELECT * FROM orders WHERE id > 900;
CREATE TYPE order_state AS ENUM ('new', 'paid');
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;`;

const MIGRATION = 'ALTER TABLE orders ADD COLUMN state order_state;\nCREATE INDEX orders_customer_idx ON orders (customer_id);\nCREATE OR REPLACE VIEW recent_orders AS SELECT * FROM orders WHERE id > 950;\n';

async function onApp<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(appUrl);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startPostgres();
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query('CREATE DATABASE app');
  await admin.end();
  appUrl = server.urlFor({ password: server.password, database: 'app' });
  await onApp((client) => client.query(SCHEMA));
  dir = mkdtempSync(join(tmpdir(), 'faultline-shadow-from-'));
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('shadow-from template (the default)', () => {
  it('starts from a copy of the URL\'s database: migrations on its tables apply, and the findings say so', async () => {
    const report = await shadowRunAgainst(appUrl, [shadowFileFromSql('005_state.sql', MIGRATION)]);
    expect(report.startedFrom).toBe('a copy of database "app"');
    expect(report.completed).toBe(true);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'shadow-blocks-writes', line: 2, message: expect.stringContaining('(Shadow run on a copy of database "app".)') }),
    );
    // The URL's database is only read.
    expect(await onApp(async (client) => (await client.query("SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'orders_customer_idx'")).rows[0].n)).toBe(0);
  });

  it('copies the schema instead when other sessions hold the database, which cannot then serve as a template', async () => {
    expect(findPgDump()).toBeDefined();
    const holder = new pg.Client(appUrl);
    await holder.connect();
    try {
      const report = await shadowRunAgainst(appUrl, [shadowFileFromSql('005_state.sql', MIGRATION)]);
      expect(report.startedFrom).toBe('a schema-only copy of database "app" (it was in use, so it could not serve as a template)');
      expect(report.completed).toBe(true);
      expect(report.findings.map((finding) => finding.rule)).not.toContain('shadow-statement-failed');
    } finally {
      await holder.end();
    }
  });
});

describe('shadow-from empty', () => {
  it('fails with "relation does not exist" without the history, as before', async () => {
    const report = await shadowRunAgainst(appUrl, [shadowFileFromSql('005_state.sql', MIGRATION)], { start: { kind: 'empty' } });
    expect(report.startedFrom).toBe('an empty database');
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'shadow-statement-failed', message: expect.stringContaining('does not exist') })]);
  });

  it('replays the history before the reviewed file (the gate passes it as context)', async () => {
    const history = join(dir, '001_schema.sql');
    const reviewed = join(dir, '005_state.sql');
    writeFileSync(history, SCHEMA);
    writeFileSync(reviewed, MIGRATION);
    const run = await runMigrationGate([reviewed], { databaseUrl: appUrl, shadowFrom: { kind: 'empty' }, history: [history, reviewed] });
    expect(run.shadow?.completed).toBe(true);
    expect(run.shadow?.statements.filter((statement) => statement.path === history).every((statement) => statement.observedBy === 'not-observed')).toBe(true);
    expect(run.report.files.map((file) => file.path)).toEqual([reviewed]);
  });
});

describe('shadow-from dump:FILE', () => {
  it('loads a pg_dump schema dump as the run\'s role, skipping owners and grants of roles that do not exist here', async () => {
    const pgDump = findPgDump()!;
    await onApp((client) => client.query("DO $$ BEGIN CREATE ROLE app_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; GRANT SELECT ON orders TO app_owner"));
    const dump = execFileSync(pgDump, ['--schema-only', '--dbname', appUrl], { encoding: 'utf8' });
    expect(dump).toMatch(/OWNER TO/);
    const file = join(dir, 'schema.sql');
    writeFileSync(file, dump);
    const reviewed = join(dir, '005_state.sql');
    writeFileSync(reviewed, MIGRATION);
    const run = await runMigrationGate([reviewed], { databaseUrl: server.url, shadowFrom: { kind: 'dump', file } });
    expect(run.shadow?.startedFrom).toBe(`the schema dump ${file}`);
    expect(run.shadow?.completed).toBe(true);
    expect(run.shadow?.files.map((f) => f.path)).toEqual([reviewed]);
    const shadowFindings = run.report.files[0]!.findings.filter((finding) => finding.source === 'shadow');
    expect(shadowFindings.every((finding) => finding.message.endsWith(`(Shadow run on the schema dump ${file}.)`))).toBe(true);
  });

  it('refuses a dump that reaches outside the database, like a migration', async () => {
    const file = join(dir, 'evil.sql');
    writeFileSync(file, "CREATE TABLE t (id int);\nCOPY t FROM PROGRAM 'id';\n");
    const report = await shadowRunAgainst(server.url, [shadowFileFromSql('001.sql', 'SELECT 1;')], {
      start: { kind: 'dump', file: shadowFileFromSql(file, "CREATE TABLE t (id int);\nCOPY t FROM PROGRAM 'id';\n") },
    });
    expect(report.refused).toBe(true);
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'shadow-refused', path: file, line: 2 })]);
  });
});
