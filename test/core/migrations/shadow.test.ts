import { loadModule } from 'libpg-query';
import pg from 'pg';
import { FaultlineError } from '../../../core/errors.ts';
import { type ShadowReport, type ShadowStatementReport, shadowRunAgainst } from '../../../core/migrations/shadow.ts';
import { shadowFileFromSql } from '../../../core/migrations/shadow-input.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';
import { shadowFile } from '../../support/shadow-files.ts';

/** An earlier migration of the same run: a table with rows, standing for a production table. */
const SEED = `CREATE TABLE orders (id int PRIMARY KEY, customer_id int, created_at timestamptz NOT NULL);
INSERT INTO orders SELECT g, g % 100, now() FROM generate_series(1, 50000) g;`;

let server: TestPostgres;

async function sql(query: string, params: unknown[] = [], url = server.url): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(query, params)).rows;
  } finally {
    await client.end();
  }
}

async function scratchDatabases(): Promise<string[]> {
  const rows = await sql("SELECT datname FROM pg_database WHERE datname LIKE 'faultline_shadow_%'");
  return rows.map((row) => String(row.datname));
}

function statementAt(report: ShadowReport, path: string, line: number): ShadowStatementReport {
  const found = report.statements.find((statement) => statement.path === path && statement.line === line);
  if (!found) throw new Error(`no statement observed at ${path}:${line}`);
  return found;
}

beforeAll(async () => {
  await loadModule();
  server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
});

describe('shadow run on a real PostgreSQL', () => {
  let report: ShadowReport;

  beforeAll(async () => {
    report = await shadowRunAgainst(
      server.url,
      [
        shadowFile('001_orders.sql', SEED),
        shadowFile(
          '002_change.sql',
          [
            'CREATE INDEX orders_customer_idx ON orders (customer_id);', // line 1
            'ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint;', // line 2
            'ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT now();', // line 3
            'CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);', // line 4
            'CREATE TABLE items (id int, order_id int);', // line 5
            'CREATE INDEX items_order_idx ON items (order_id);', // line 6
            'BEGIN;', // line 7
            "SET LOCAL lock_timeout = '2s';", // line 8
            'ALTER TABLE orders ADD COLUMN note text;', // line 9
            'COMMIT;', // line 10
          ].join('\n'),
        ),
      ],
      { randomSuffix: () => 'main_run' },
    );
  });

  it('applies every file in order and completes', () => {
    expect(report.completed).toBe(true);
    expect(report.files).toEqual([
      { path: '001_orders.sql', statements: 2, applied: 2, openTransactionRolledBack: false },
      { path: '002_change.sql', statements: 10, applied: 10, openTransactionRolledBack: false },
    ]);
    expect(Math.floor(report.serverVersion / 10000)).toBe(server.majorVersion);
  });

  it('sees CREATE INDEX take SHARE on the existing table, blocking writes', () => {
    const observed = statementAt(report, '002_change.sql', 1);
    expect(observed.observedBy).toBe('own-session');
    expect(observed.locks).toContainEqual({ relation: 'orders', mode: 'SHARE', preExisting: true });
    expect(observed.rewrote).toEqual([]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'shadow-blocks-writes', line: 1, lock: 'SHARE', blocks: ['writes'], source: 'shadow' }),
    );
  });

  it('sees ALTER COLUMN … TYPE bigint rewrite the table under ACCESS EXCLUSIVE', () => {
    const observed = statementAt(report, '002_change.sql', 2);
    expect(observed.rewrote).toEqual([{ relation: 'orders', preExisting: true }]);
    expect(observed.locks).toContainEqual({ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true });
    const rewrite = report.findings.find((finding) => finding.line === 2 && finding.path === '002_change.sql');
    expect(rewrite).toMatchObject({
      rule: 'shadow-table-rewrite',
      severity: 'error',
      lock: 'ACCESS EXCLUSIVE',
      blocks: ['reads', 'writes'],
      rewrite: true,
      statement: 'ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint',
    });
  });

  it('sees ADD COLUMN … DEFAULT now() take ACCESS EXCLUSIVE without a rewrite (PG 11+ stores the default)', () => {
    const observed = statementAt(report, '002_change.sql', 3);
    expect(observed.rewrote).toEqual([]);
    expect(observed.locks).toEqual([{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }]);
    expect(observed.lockTimeoutMs).toBe(0);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'shadow-access-exclusive', severity: 'warning', line: 3, rewrite: false }),
    );
  });

  it('observes CREATE INDEX CONCURRENTLY from a second connection, holding only SHARE UPDATE EXCLUSIVE', () => {
    const observed = statementAt(report, '002_change.sql', 4);
    expect(observed.observedBy).toBe('second-connection');
    expect(observed.error).toBeUndefined();
    expect(observed.locks).toContainEqual({ relation: 'orders', mode: 'SHARE UPDATE EXCLUSIVE', preExisting: true });
    expect(observed.locks.filter((lock) => lock.relation === 'orders').map((lock) => lock.mode)).toEqual([
      'SHARE UPDATE EXCLUSIVE',
    ]);
    expect(report.findings.filter((finding) => finding.line === 4 && finding.path === '002_change.sql')).toEqual([]);
  });

  it('treats tables the same file created as new: their locks are observed but not findings', () => {
    expect(statementAt(report, '002_change.sql', 6).locks).toContainEqual({ relation: 'items', mode: 'SHARE', preExisting: false });
    expect(report.findings.filter((finding) => [5, 6].includes(finding.line))).toEqual([]);
  });

  it('observes inside the file’s own BEGIN…COMMIT, with the lock_timeout it set', () => {
    const observed = statementAt(report, '002_change.sql', 9);
    expect(observed.observedBy).toBe('own-session');
    expect(observed.lockTimeoutMs).toBe(2000);
    expect(observed.locks).toEqual([{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }]);
    expect(statementAt(report, '002_change.sql', 7).observedBy).toBe('not-observed');
    // A brief ACCESS EXCLUSIVE under a lock_timeout is the safe pattern, not a hazard.
    expect(report.findings.filter((finding) => finding.line === 9)).toEqual([]);
  });

  it('times every applied statement', () => {
    for (const observed of report.statements) expect(observed.durationMs).toBeGreaterThanOrEqual(0);
    expect(report.statements).toHaveLength(12);
  });

  it('drops the scratch database and leaves the URL’s own database untouched', async () => {
    expect(report.database).toBe('faultline_shadow_main_run');
    expect(await scratchDatabases()).toEqual([]);
    expect(await sql("SELECT relname FROM pg_class WHERE relname IN ('orders', 'items')")).toEqual([]);
  });
});

describe('shadow run on files read by shadowFileFromSql', () => {
  it('sees the index a DO block builds with EXECUTE, which only running it reveals', async () => {
    const report = await shadowRunAgainst(server.url, [
      shadowFileFromSql('001_orders.sql', SEED, { contextOnly: true }),
      shadowFileFromSql(
        '002_dynamic.sql',
        "DO $$\nBEGIN\n  EXECUTE format('CREATE INDEX %I ON orders (%I)', 'orders_by_' || 'customer', 'customer_id');\nEND\n$$;",
      ),
    ]);
    expect(statementAt(report, '002_dynamic.sql', 1).locks).toContainEqual({ relation: 'orders', mode: 'SHARE', preExisting: true });
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'shadow-blocks-writes', path: '002_dynamic.sql', line: 1 })]);
  });
});

describe('shadow run with context-only files', () => {
  it('applies files already deployed to build the schema, without observing or reporting on them', async () => {
    const report = await shadowRunAgainst(server.url, [
      shadowFile('001_orders.sql', SEED, { contextOnly: true }),
      shadowFile('002_deployed.sql', 'CREATE INDEX orders_customer_idx ON orders (customer_id);', { contextOnly: true }),
      shadowFile('003_review.sql', 'CREATE INDEX orders_created_idx ON orders (created_at);'),
    ]);
    expect(statementAt(report, '002_deployed.sql', 1)).toMatchObject({ observedBy: 'not-observed', locks: [] });
    expect(report.files.map((file) => file.applied)).toEqual([2, 1, 1]);
    expect(report.findings.map((finding) => [finding.path, finding.rule])).toEqual([['003_review.sql', 'shadow-blocks-writes']]);
  });
});

describe('shadow run progress', () => {
  it('reports each statement before it is sent, of the total over all files, and the count at the end', async () => {
    const calls: [number, number, string | undefined][] = [];
    const report = await shadowRunAgainst(
      server.url,
      [shadowFile('001_a.sql', 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);'), shadowFile('002_b.sql', 'CREATE TABLE c (id int);')],
      { onProgress: (applied, total, at) => calls.push([applied, total, at]) },
    );
    expect(report.completed).toBe(true);
    expect(calls).toEqual([
      [0, 3, '001_a.sql:1'],
      [1, 3, '001_a.sql:2'],
      [2, 3, '002_b.sql:1'],
      [3, 3, undefined],
    ]);
  });
});

describe('shadow run when a statement fails', () => {
  it('reports Postgres’ message and SQLSTATE where it pointed, stops, and still drops the scratch database', async () => {
    const report = await shadowRunAgainst(server.url, [
      shadowFile('001_orders.sql', SEED),
      shadowFile('002_bad.sql', 'ALTER TABLE orders ADD COLUMN total numeric;\nINSERT INTO orders (id, created_at)\n  SELECT id, created_at FROM order_archive;\nDROP TABLE orders;'),
      shadowFile('003_never.sql', 'CREATE TABLE never_applied (id int);'),
    ]);
    expect(report.completed).toBe(false);
    const failed = statementAt(report, '002_bad.sql', 2);
    expect(failed.error).toEqual({ message: 'relation "order_archive" does not exist', sqlState: '42P01', line: 3, column: 30 });
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'shadow-statement-failed',
        severity: 'error',
        path: '002_bad.sql',
        line: 3,
        column: 30,
        message: expect.stringContaining('relation "order_archive" does not exist (SQLSTATE 42P01)'),
      }),
    );
    expect(report.files.map((file) => [file.path, file.applied])).toEqual([
      ['001_orders.sql', 2],
      ['002_bad.sql', 1],
      ['003_never.sql', 0],
    ]);
    expect(report.statements.map((statement) => statement.path)).not.toContain('003_never.sql');
    expect(await scratchDatabases()).toEqual([]);
  });

  it('reports a failure inside the file’s transaction block and drops the scratch database', async () => {
    const report = await shadowRunAgainst(server.url, [
      shadowFile('001.sql', 'BEGIN;\nCREATE TABLE a (id int CHECK (id > 0));\nINSERT INTO a VALUES (1), (-1);\nCOMMIT;'),
    ]);
    const failed = statementAt(report, '001.sql', 3);
    expect(failed.error).toMatchObject({ sqlState: '23514', line: 3, column: 1 });
    expect(failed.error?.message).toContain('violates check constraint "a_id_check"');
    expect(report.files[0]).toMatchObject({ applied: 2, openTransactionRolledBack: false });
    expect(report.completed).toBe(false);
    expect(await scratchDatabases()).toEqual([]);
  });

  it('reports CREATE INDEX CONCURRENTLY inside BEGIN…COMMIT as failed (SQLSTATE 25001), not retried outside', async () => {
    const report = await shadowRunAgainst(server.url, [
      shadowFile('001.sql', SEED),
      shadowFile('002.sql', 'BEGIN;\nCREATE INDEX CONCURRENTLY orders_c ON orders (customer_id);\nCOMMIT;'),
    ]);
    expect(statementAt(report, '002.sql', 2).error).toMatchObject({ sqlState: '25001' });
    expect(report.findings.map((finding) => finding.rule)).toEqual(['shadow-statement-failed']);
  });

  it('reports a statement that ends its own session (SQLSTATE 57P01) and still drops the scratch database', async () => {
    const report = await shadowRunAgainst(server.url, [
      shadowFile('001.sql', 'CREATE TABLE a (id int);\nSELECT pg_terminate_backend(pg_backend_pid());\nCREATE TABLE b (id int);'),
    ]);
    expect(statementAt(report, '001.sql', 2).error).toMatchObject({ sqlState: '57P01' });
    expect(report.files[0]).toMatchObject({ applied: 1 });
    expect(await scratchDatabases()).toEqual([]);
  });

  it('rolls back a transaction a file leaves open, as psql would at disconnect', async () => {
    const report = await shadowRunAgainst(server.url, [
      shadowFile('001.sql', 'BEGIN;\nCREATE TABLE half_done (id int);'),
      shadowFile('002.sql', 'SELECT count(*) FROM half_done;'),
    ]);
    expect(report.files[0]).toMatchObject({ applied: 2, openTransactionRolledBack: true });
    expect(statementAt(report, '002.sql', 1).error).toMatchObject({ sqlState: '42P01' });
  });
});

describe('shadow run input and server problems', () => {
  it('names host and port, never the password, when the server is unreachable', async () => {
    const closed = await startPostgres();
    const url = closed.url;
    await closed.stop();
    const attempt = shadowRunAgainst(url, [shadowFile('001.sql', 'SELECT 1;')]);
    await expect(attempt).rejects.toThrow(FaultlineError);
    const error = (await attempt.catch((caught: unknown) => caught)) as FaultlineError;
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`Cannot connect to PostgreSQL at 127.0.0.1:${closed.port}: connection refused`);
    expect(error.hint).toContain(`listening on 127.0.0.1:${closed.port}`);
    expect(error.format()).not.toContain(closed.password);
  });

  it('says so when the password is wrong, without echoing it', async () => {
    const url = server.urlFor({ password: 'wrong-secret' });
    const error = (await shadowRunAgainst(url, []).catch((caught: unknown) => caught)) as FaultlineError;
    expect(error).toBeInstanceOf(FaultlineError);
    expect(error.message).toContain(`PostgreSQL at 127.0.0.1:${server.port} refused the login as user "postgres"`);
    expect(error.format()).not.toContain('wrong-secret');
  });

  it('explains that the role needs CREATEDB and CREATEROLE, before creating anything', async () => {
    await sql("CREATE ROLE reviewer LOGIN PASSWORD 'reviewer-pw' NOCREATEDB");
    const url = server.urlFor({ user: 'reviewer', password: 'reviewer-pw' });
    const error = (await shadowRunAgainst(url, [shadowFile('001.sql', 'SELECT 1;')]).catch((caught: unknown) => caught)) as FaultlineError;
    expect(error).toBeInstanceOf(FaultlineError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `The shadow run needs to create a scratch database and a role on 127.0.0.1:${server.port}, but role "reviewer" may not create databases or create roles`,
    );
    expect(error.hint).toContain('ALTER ROLE "reviewer" CREATEDB CREATEROLE');
    expect(await scratchDatabases()).toEqual([]);
  });

  it('rejects a URL that is not postgres://', async () => {
    await expect(shadowRunAgainst('mysql://root:pw@127.0.0.1:3306/app', [])).rejects.toThrow(
      'database-url must start with postgres:// or postgresql://, not mysql://',
    );
    await expect(shadowRunAgainst('not a url', [])).rejects.toThrow('database-url is not a valid URL');
  });
});
