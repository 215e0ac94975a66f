/**
 * A streaming standby of a local PostgreSQL primary (see postgres.ts): `pg_basebackup -R` into a
 * temp dir, started on its own loopback port as the same non-root owner, stopped and deleted by
 * `stop()` (and by an exit hook if the test process dies first).
 *
 *   const primary = await startPostgres();
 *   const standby = await startStandby(primary);
 *   // … kill primary.pid, then: SELECT pg_promote() on standby.url
 *   await standby.stop(); await primary.stop();
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort } from './free-port.ts';
import { becomesReady, findServerBinaries, killOnProcessExit, serverOwner, stopServer, type TestPostgres } from './postgres.ts';

export interface TestStandby {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export async function startStandby(primary: TestPostgres): Promise<TestStandby> {
  const { binDir } = findServerBinaries();
  const owner = serverOwner();
  const baseDir = mkdtempSync(join(tmpdir(), 'faultline-standby-'));
  const dataDir = join(baseDir, 'data');
  const socketDir = join(baseDir, 'socket');
  mkdirSync(socketDir);
  if (owner) for (const path of [baseDir, socketDir]) chownSync(path, owner.uid, owner.gid);
  const asOwner = { cwd: baseDir, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) };
  try {
    execFileSync(join(binDir, 'pg_basebackup'), ['-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '-d', primary.url], { ...asOwner, stdio: 'pipe' });
  } catch (error) {
    rmSync(baseDir, { recursive: true, force: true });
    throw new Error(`pg_basebackup failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`);
  }
  const port = await freeLoopbackPort();
  const server = spawn(
    join(binDir, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`, '-c', 'fsync=off', '-c', 'hot_standby=on'],
    { ...asOwner, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const removeExitHook = killOnProcessExit(server, baseDir);
  const url = `postgres://postgres:${primary.password}@127.0.0.1:${port}/postgres`;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= stopServer(server, exited).then(() => {
      removeExitHook();
      rmSync(baseDir, { recursive: true, force: true });
    });
    return stopped;
  };
  if (!(await becomesReady(url, server)) || !(await streaming(url))) {
    await stop();
    throw new Error(`the standby did not start streaming. Server log:\n${log}`);
  }
  return { url, port, pid: server.pid!, stop };
}

/** Waits until the standby's WAL receiver is streaming from the primary. */
async function streaming(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await client.query<{ status: string }>('SELECT status FROM pg_stat_wal_receiver');
      if (rows[0]?.status === 'streaming') return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  } finally {
    await client.end();
  }
}

/**
 * Shell for a drill's fault: fast shutdown of the primary (it ships its last WAL first), waiting
 * until it is gone. With `markFile`, the moment just before the kill (ms since the epoch) goes there.
 */
export function stopPrimaryScript(pid: number, markFile?: string): string {
  return `${markFile ? `date +%s%3N > ${markFile}; ` : ''}kill -INT ${pid}; while kill -0 ${pid} 2>/dev/null; do sleep 0.02; done`;
}

export function promoteScript(standbyUrl: string): string {
  return `psql "${standbyUrl}" -qAtc "select pg_promote()" >/dev/null`;
}

/**
 * Cut the standby off from the primary (primary_conninfo is reloadable) and wait until it is. With
 * `markFile`, the moment the reload returned (the WAL receiver stops right after) goes there: the
 * scripted data-loss window runs from that mark to stopPrimaryScript's.
 */
export function stopStreamingScript(standbyUrl: string, markFile?: string): string {
  return [
    `psql "${standbyUrl}" -qAt -c "alter system set primary_conninfo = ''" -c "select pg_reload_conf()" >/dev/null`,
    ...(markFile ? [`date +%s%3N > ${markFile}`] : []),
    `until [ "$(psql "${standbyUrl}" -qAtc 'select count(*) from pg_stat_wal_receiver')" = 0 ]; do sleep 0.02; done`,
  ].join('; ');
}
