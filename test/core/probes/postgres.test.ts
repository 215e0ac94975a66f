/**
 * The postgres probe against a real PostgreSQL server: what it returns, that it cannot change the
 * database it observes, and that its failures say where it looked without showing the password.
 */
import pg from 'pg';
import { postgresProbe } from '../../../core/probes/postgres.ts';
import { refusedPort } from '../../support/refused-port.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';
import { runText } from '../experiment/harness.ts';

const signal = new AbortController().signal;
const run = (args: Record<string, unknown>) => postgresProbe.run(postgresProbe.validate(args), { signal });

describe('postgres probe against a real server', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query(`
      CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL);
      INSERT INTO jobs SELECT n, CASE WHEN n <= 3 THEN 'stuck' ELSE 'done' END FROM generate_series(1, 10) n;`);
    await client.end();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function tableExists(name: string): Promise<boolean> {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [name]);
      return rows[0].present as boolean;
    } finally {
      await client.end();
    }
  }

  it('gives the first column of the first row as the value, and every row by column name', async () => {
    const output = await run({ connection: server.url, query: "SELECT state, count(*)::int AS jobs FROM jobs GROUP BY state ORDER BY state DESC" });
    expect(output).toEqual({
      ok: true,
      value: 'stuck',
      rows: [
        { state: 'stuck', jobs: 3 },
        { state: 'done', jobs: 7 },
      ],
      row_count: 2,
    });
    expect(await run({ connection: server.url, query: "SELECT 1 WHERE false" })).toMatchObject({ ok: true, value: null, rows: [], row_count: 0 });
  });

  it('runs read-only: a write fails and changes nothing', async () => {
    await expect(run({ connection: server.url, query: 'DELETE FROM jobs' })).rejects.toThrow(/read-only transaction/);
    expect((await run({ connection: server.url, query: 'SELECT count(*)::int FROM jobs' })).value).toBe(10);
  });

  it('runs exactly one statement, so a COMMIT cannot end the read-only transaction early', async () => {
    await expect(run({ connection: server.url, query: 'COMMIT; CREATE TABLE probe_wrote (id int)' })).rejects.toThrow(/cannot insert multiple commands/);
    expect(await tableExists('probe_wrote')).toBe(false);
  });

  it('stops a query at its timeout', async () => {
    await expect(run({ connection: server.url, query: 'SELECT pg_sleep(30)', timeout: 0.3 })).rejects.toThrow(/query failed on 127\.0\.0\.1:\d+\/postgres: .*(timeout|cancel)/i);
  });

  it('names host, port and database, never the password, when it cannot connect or the query fails', async () => {
    const wrongPassword = server.urlFor({ password: 'not-the-password' });
    const refused = `postgres://postgres:s3cret-pass@127.0.0.1:${refusedPort()}/orders`;
    const failures = await Promise.all([
      run({ connection: wrongPassword, query: 'SELECT 1' }).catch((error: Error) => error.message),
      run({ connection: refused, query: 'SELECT 1', timeout: 2 }).catch((error: Error) => error.message),
      run({ connection: server.url, query: 'SELECT * FROM missing_table' }).catch((error: Error) => error.message),
    ]);
    expect(failures[0]).toMatch(new RegExp(`^cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${server.port}/postgres: password authentication failed`));
    expect(failures[1]).toMatch(/^cannot connect to PostgreSQL at 127\.0\.0\.1:\d+\/orders: .*ECONNREFUSED/);
    expect(failures[2]).toMatch(/^query failed on 127\.0\.0\.1:\d+\/postgres: relation "missing_table" does not exist/);
    for (const message of failures) expect(message).not.toMatch(/not-the-password|s3cret-pass|:\/\/postgres:/);
    expect(postgresProbe.describe(postgresProbe.validate({ connection: refused, query: 'SELECT 1' }))).toBe(`PostgreSQL 127.0.0.1:${new URL(refused).port}/orders: SELECT 1`);
  });

  it('keeps an experiment from starting while a precondition query is outside its tolerance', async () => {
    const experiment = (maxStuck: number) => `
title: restart the job runner
description: only when no more than ${maxStuck} jobs are stuck
tags: [owner:data-platform]
steady-state-hypothesis:
  title: the queue is healthy
  probes:
    - type: probe
      name: few-stuck-jobs
      provider:
        type: faultline
        probe: postgres
        arguments: { connection: "${server.url}", query: "SELECT count(*)::int FROM jobs WHERE state = 'stuck'" }
      tolerance: { type: range, range: [0, ${maxStuck}] }
method:
  - type: action
    name: note-the-restart
    provider: { type: process, path: "true" }
runtime:
  hypothesis: { strategy: before-method-only }
`;
    const refused = await runText(experiment(2));
    const allowed = await runText(experiment(5));
    try {
      expect(refused.journal.status).toBe('failed');
      expect(refused.journal.run).toEqual([]);
      expect(refused.journal.steady_states.before?.probes[0]?.output).toMatchObject({ value: 3 });
      expect(allowed.journal.status).toBe('completed');
      expect(allowed.journal.run.map((r) => r.activity.name)).toEqual(['note-the-restart']);
    } finally {
      refused.cleanup();
      allowed.cleanup();
    }
  });
});
