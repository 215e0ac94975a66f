/**
 * The scratch database's lifecycle against a scripted client: what must happen whatever the
 * server or the migrations do. (Observation itself is tested on a real server in shadow.test.ts.)
 */
import { FaultlineError } from '../../../core/errors.ts';
import { shadowRun } from '../../../core/migrations/shadow.ts';
import type { ShadowClient, ShadowConnect } from '../../../core/migrations/shadow-types.ts';

interface Script {
  serverVersion: number;
  /** Answers for the admin session; throwing rejects the query. */
  onAdmin?: (sql: string) => void;
  /** Whether opening a session on the scratch database fails (the n-th, 0-based). */
  failScratchSession?: number;
  /** SQL on which a scratch session loses its connection (an error without SQLSTATE). */
  connectionLostOn?: string;
}

function scriptedServer(script: Script) {
  const adminQueries: string[] = [];
  let scratchSessions = 0;
  const ended: string[] = [];
  const logins: string[] = [];
  const idleClient = (name: string, answer: (sql: string) => Record<string, unknown>[]): ShadowClient => ({
    query: async (sql) => ({ rows: answer(sql) }),
    transactionStatus: () => 'idle',
    end: async () => {
      ended.push(name);
    },
  });
  const connect: ShadowConnect = async (database, login) => {
    if (database === undefined || database === 'postgres') {
      return idleClient(database === undefined ? 'admin' : 'maintenance', (sql) => {
        adminQueries.push(sql);
        script.onAdmin?.(sql);
        return sql.includes('server_version_num')
          ? [{ server_version_num: String(script.serverVersion), database: 'app', user: 'postgres', superuser: true, createdb: true, createrole: true }]
          : [];
      });
    }
    if (login) logins.push(login.user);
    const n = scratchSessions++;
    if (n === script.failScratchSession) throw new Error('server closed the connection unexpectedly');
    return idleClient(`scratch-${n}`, (sql) => {
      if (sql === script.connectionLostOn) throw new Error('Connection terminated unexpectedly');
      return [];
    });
  };
  return { connect, adminQueries, ended, logins };
}

const files = [{ path: '001.sql', statements: [{ text: 'SELECT 1', line: 1, column: 1, index: 0 }] }];

describe('the scratch database', () => {
  it('is a copy of the URL\'s database by default, made from another database, with a role of its own; both dropped with FORCE on PG 13+', async () => {
    const server = scriptedServer({ serverVersion: 150004 });
    const report = await shadowRun(files, server.connect, { randomSuffix: () => 'abc' });
    expect(report.database).toBe('faultline_shadow_abc');
    expect(report.startedFrom).toBe('a copy of database "app"');
    expect(report.role).toBe('faultline_shadow_abc');
    const [facts, createRole, ...rest] = server.adminQueries;
    expect(facts).toContain('server_version_num');
    expect(createRole).toMatch(/^CREATE ROLE "faultline_shadow_abc" LOGIN PASSWORD '[0-9a-f]{36}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS/);
    expect(rest).toEqual([
      'CREATE DATABASE "faultline_shadow_abc" TEMPLATE "app"',
      'DROP DATABASE IF EXISTS "faultline_shadow_abc" WITH (FORCE)',
      'DROP ROLE IF EXISTS "faultline_shadow_abc"',
    ]);
    // The migration session logs in as the run's role; the admin's sessions are closed.
    expect(server.logins).toEqual(['faultline_shadow_abc']);
    expect(server.ended).toContain('admin');
    expect(server.ended).toContain('maintenance');
  });

  it('is created from template0 when it starts empty, and dropped after ending its sessions by hand before PG 13', async () => {
    const server = scriptedServer({ serverVersion: 120015 });
    const report = await shadowRun([], server.connect, { randomSuffix: () => 'old', start: { kind: 'empty' } });
    expect(report.startedFrom).toBe('an empty database');
    expect(server.adminQueries.slice(2)).toEqual([
      'CREATE DATABASE "faultline_shadow_old" TEMPLATE "template0"',
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
      'DROP DATABASE IF EXISTS "faultline_shadow_old"',
      'DROP ROLE IF EXISTS "faultline_shadow_old"',
    ]);
  });

  it('is dropped when the run breaks off, and the original error is what the caller sees', async () => {
    const server = scriptedServer({ serverVersion: 150004, failScratchSession: 1 });
    await expect(shadowRun(files, server.connect, { randomSuffix: () => 'broken' })).rejects.toThrow(
      'server closed the connection unexpectedly',
    );
    expect(server.adminQueries).toContain('DROP DATABASE IF EXISTS "faultline_shadow_broken" WITH (FORCE)');
    expect(server.ended).toContain('admin');
  });

  it('is dropped when the connection is lost mid-statement, which ends the run naming the statement', async () => {
    const server = scriptedServer({ serverVersion: 150004, connectionLostOn: 'SELECT 1' });
    const error = (await shadowRun(files, server.connect, { randomSuffix: () => 'lost' }).catch((caught: unknown) => caught)) as FaultlineError;
    expect(error).toBeInstanceOf(FaultlineError);
    expect(error.message).toBe('Lost the connection to PostgreSQL while applying 001.sql:1: Connection terminated unexpectedly');
    expect(server.adminQueries).toContain('DROP DATABASE IF EXISTS "faultline_shadow_lost" WITH (FORCE)');
  });

  it('that cannot be dropped after a good run is an error telling how to drop it by hand', async () => {
    const server = scriptedServer({
      serverVersion: 150004,
      onAdmin: (sql) => {
        if (sql.startsWith('DROP DATABASE')) throw new Error('permission denied');
      },
    });
    const error = (await shadowRun([], server.connect, { randomSuffix: () => 'stuck', target: 'db:5432' }).catch(
      (caught: unknown) => caught,
    )) as FaultlineError;
    expect(error).toBeInstanceOf(FaultlineError);
    expect(error.message).toBe('Could not drop the shadow run\'s scratch database "faultline_shadow_stuck" or its role on db:5432');
    expect(error.hint).toBe('Drop them by hand: DROP DATABASE "faultline_shadow_stuck"; DROP ROLE "faultline_shadow_stuck";');
  });

  it('that cannot be created is a clear error naming the server', async () => {
    const server = scriptedServer({
      serverVersion: 150004,
      onAdmin: (sql) => {
        if (sql.startsWith('CREATE DATABASE')) throw Object.assign(new Error('too many connections'), { code: '53300' });
      },
    });
    await expect(shadowRun(files, server.connect, { target: 'db:5432' })).rejects.toThrow(
      "Could not create the shadow run's scratch database on db:5432: too many connections",
    );
    // The role created before it is dropped again.
    expect(server.adminQueries.filter((sql) => sql.startsWith('DROP ROLE'))).toHaveLength(1);
  });
});
