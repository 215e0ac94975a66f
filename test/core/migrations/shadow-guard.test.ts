/**
 * The shadow run executes pull-request SQL on the user's server: on a real PostgreSQL, it does so
 * as an unprivileged role it creates and drops, it refuses statements that reach outside the
 * database before creating anything, and a statement's deadline holds whatever the file sets.
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { shadowRunAgainst } from '../../../core/migrations/shadow.ts';
import { shadowFileFromSql } from '../../../core/migrations/shadow-input.ts';
import { screenStatement } from '../../../core/migrations/shadow-screen.ts';
import { loadParser } from '../../../core/migrations/sql-parser.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';

let server: TestPostgres;

async function sql(query: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(server.url);
  await client.connect();
  try {
    return (await client.query(query)).rows;
  } finally {
    await client.end();
  }
}

async function leftovers(): Promise<{ databases: unknown[]; roles: unknown[] }> {
  return {
    databases: (await sql("SELECT datname FROM pg_database WHERE datname LIKE 'faultline_shadow_%'")).map((row) => row.datname),
    roles: (await sql("SELECT rolname FROM pg_roles WHERE rolname LIKE 'faultline_shadow_%'")).map((row) => row.rolname),
  };
}

beforeAll(async () => {
  await loadParser();
  server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
});

describe('the role the migrations run as', () => {
  it('may not create roles, make itself superuser or read server files; and it is dropped with the database', async () => {
    for (const attempt of ['CREATE ROLE intruder LOGIN', 'ALTER ROLE CURRENT_USER SUPERUSER', 'CREATE DATABASE other']) {
      const report = await shadowRunAgainst(server.url, [shadowFileFromSql('001.sql', `${attempt};`)], { start: { kind: 'empty' } });
      expect(report.role).toMatch(/^faultline_shadow_[0-9a-f]{12}$/);
      expect(report.findings).toEqual([
        expect.objectContaining({ rule: 'shadow-statement-failed', message: expect.stringMatching(/permission denied|must have|must be superuser/) }),
      ]);
    }
    expect(await sql("SELECT rolname FROM pg_roles WHERE rolname = 'intruder'")).toEqual([]);
    expect(await leftovers()).toEqual({ databases: [], roles: [] });
  });

  it('owns what it creates and can change it, as a migration tool would', async () => {
    const report = await shadowRunAgainst(
      server.url,
      [shadowFileFromSql('001.sql', 'CREATE SCHEMA app;\nCREATE TABLE app.orders (id int);\nALTER TABLE app.orders ADD COLUMN total numeric;\nCREATE INDEX ON app.orders (id);')],
      { start: { kind: 'empty' } },
    );
    expect(report.completed).toBe(true);
    expect(report.findings).toEqual([]);
  });
});

describe('statements the shadow run refuses to send', () => {
  const marker = join(tmpdir(), `faultline-pwned-${process.pid}`);
  afterEach(() => rmSync(marker, { force: true }));

  it.each([
    ['COPY … TO PROGRAM', `CREATE TABLE t (id int);\nCOPY t TO PROGRAM 'touch ${marker}';`, 2, /COPY … TO PROGRAM runs a shell command/],
    ['COPY … FROM PROGRAM', `CREATE TABLE t (id int);\nCOPY t FROM PROGRAM 'touch ${marker}';`, 2, /FROM PROGRAM/],
    ['ALTER SYSTEM', "ALTER SYSTEM SET shared_preload_libraries = 'evil';", 1, /ALTER SYSTEM/],
    ['lo_import', "SELECT lo_import('/etc/passwd');", 1, /lo_import\(\) reads or writes files/],
    ['lo_export', 'SELECT lo_export(1234, \'/tmp/x\');', 1, /lo_export\(\)/],
    ['CREATE EXTENSION', 'CREATE EXTENSION IF NOT EXISTS dblink;', 1, /CREATE EXTENSION/],
    ['an untrusted language', "CREATE FUNCTION f() RETURNS int LANGUAGE plpython3u AS 'import os; return 1';", 1, /untrusted language plpython3u/],
    ['a C function', "CREATE FUNCTION f() RETURNS int AS '/tmp/evil.so', 'f' LANGUAGE c;", 1, /untrusted language c/],
    ['a DO block in plperlu', "DO LANGUAGE plperlu $$ system('id') $$;", 1, /DO block in the untrusted language plperlu/],
    ['dynamic COPY … PROGRAM in a DO body', `DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch ${marker}'''; END $$;`, 1, /PROGRAM runs a shell command/],
    ['a server file', "CREATE TABLE t (id int);\nCOPY t FROM '/etc/passwd';", 2, /a server file/],
  ])('refuses %s with a finding at its line, and creates nothing', async (_name, text, line, reason) => {
    const report = await shadowRunAgainst(server.url, [shadowFileFromSql('001_ok.sql', 'CREATE TABLE fine (id int);'), shadowFileFromSql('002_bad.sql', text)]);
    expect(report.refused).toBe(true);
    expect(report.completed).toBe(false);
    expect(report.statements).toEqual([]);
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'shadow-refused', severity: 'error', path: '002_bad.sql', line, message: expect.stringMatching(reason), source: 'shadow' }),
    ]);
    expect(existsSync(marker)).toBe(false);
    expect(await leftovers()).toEqual({ databases: [], roles: [] });
  });

  it('lets trusted languages, COPY to the client and text that merely mentions the words through', async () => {
    await loadParser();
    for (const text of [
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'DO $$ BEGIN RAISE NOTICE $q$hello$q$; END $$',
      'COPY (SELECT 1) TO STDOUT',
      "INSERT INTO docs (body) VALUES ('how to ALTER SYSTEM or COPY TO PROGRAM')",
    ]) {
      expect(screenStatement(text)).toEqual([]);
    }
  });
});

describe('the deadline of a statement', () => {
  it.each([
    ['SET statement_timeout', 'SET statement_timeout = 0;\nSELECT pg_sleep(30);', 2],
    ['SET LOCAL inside the file\'s transaction', "BEGIN;\nSET LOCAL statement_timeout = '1h';\nSELECT pg_sleep(30);\nCOMMIT;", 3],
    ['set_config', "SELECT set_config('statement_timeout', '0', false);\nSELECT pg_sleep(30);", 2],
    ['a role setting', 'ALTER ROLE CURRENT_USER SET statement_timeout = 0;\nSELECT pg_sleep(30);', 2],
  ])('holds whatever the file sets (%s): the statement is cancelled from outside and reported', async (_name, text, line) => {
    const started = Date.now();
    const report = await shadowRunAgainst(server.url, [shadowFileFromSql('001_slow.sql', text)], { statementTimeoutMs: 1000, start: { kind: 'empty' } });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(report.completed).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'shadow-deadline',
        severity: 'error',
        path: '001_slow.sql',
        line,
        message: expect.stringContaining("ran past the shadow run's deadline of 1 s and was cancelled (a statement_timeout set in the file does not extend it)"),
      }),
    ]);
    expect(await leftovers()).toEqual({ databases: [], roles: [] });
  });
});
