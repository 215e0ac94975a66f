/**
 * A real, throwaway PostgreSQL server for the demo and the tests: initdb in a temp dir, started on a free loopback
 * port with a private unix socket directory and fsync off, stopped and deleted by `stop()`.
 *
 * Use it once per test file (initdb costs about a second):
 *
 *   let pg: TestPostgres;
 *   beforeAll(async () => { pg = await startPostgres(); });
 *   afterAll(async () => { await pg?.stop(); });
 *
 * `pg.url` is a `postgres://` URL for the superuser `postgres` (password authentication over TCP,
 * as a CI `services: postgres` container has). `pg.urlFor({ user, database })` builds others.
 *
 * initdb refuses to run as root, so as root the server runs as the dedicated system user
 * `faultline-pg` (created on first use). If the test process dies without calling `stop()`, an exit
 * hook still shuts the server down immediately and removes its directory.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort } from './free-port.ts';

export interface TestPostgres {
  /** Superuser URL on the `postgres` database, e.g. postgres://postgres:…@127.0.0.1:PORT/postgres */
  url: string;
  host: '127.0.0.1';
  port: number;
  user: 'postgres';
  password: string;
  /** Server major version, e.g. 15. */
  majorVersion: number;
  /** The postmaster's process id (a failover drill stops it from outside). */
  pid: number;
  dataDir: string;
  /** A URL for another role or database on the same server (password optional: trust is not on). */
  urlFor(options: { user?: string; password?: string; database?: string }): string;
  /** Stops the server (fast shutdown) and removes the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Extra server settings, passed as `-c name=value`. */
  settings?: Record<string, string>;
}

const SERVICE_USER = 'faultline-pg';
const POSTGRES_ROOT = '/usr/lib/postgresql';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const { binDir, majorVersion } = findServerBinaries();
  const owner = serverOwner();
  const baseDir = mkdtempSync(join(tmpdir(), 'faultline-pg-'));
  const dataDir = join(baseDir, 'data');
  const socketDir = join(baseDir, 'socket');
  mkdirSync(socketDir);
  const password = randomBytes(12).toString('hex');
  const passwordFile = join(baseDir, 'pwfile');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) for (const path of [baseDir, socketDir, passwordFile]) chownSync(path, owner.uid, owner.gid);

  const asOwner = { cwd: baseDir, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) };
  try {
    execFileSync(
      join(binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        `--pwfile=${passwordFile}`,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      { ...asOwner, stdio: 'pipe' },
    );
  } catch (error) {
    rmSync(baseDir, { recursive: true, force: true });
    throw new Error(`initdb failed in ${dataDir}: ${outputOf(error)}`);
  }

  // A port picked free can be taken before the server binds it: retry with a fresh one.
  let lastFailure = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freeLoopbackPort();
    const server = spawn(
      join(binDir, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${socketDir}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      { ...asOwner, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    const removeExitHook = killOnProcessExit(server, baseDir);
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    if (await becomesReady(url, server)) {
      let stopped: Promise<void> | undefined;
      return {
        url,
        host: '127.0.0.1',
        port,
        user: 'postgres',
        password,
        majorVersion,
        pid: server.pid!,
        dataDir,
        urlFor: ({ user = 'postgres', password: pass, database = 'postgres' }) => {
          const auth = pass === undefined ? encodeURIComponent(user) : `${encodeURIComponent(user)}:${encodeURIComponent(pass)}`;
          return `postgres://${auth}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
        },
        stop: () => {
          stopped ??= stopServer(server, exited).then(() => {
            removeExitHook();
            rmSync(baseDir, { recursive: true, force: true });
          });
          return stopped;
        },
      };
    }
    await stopServer(server, exited);
    removeExitHook();
    lastFailure = log;
  }
  rmSync(baseDir, { recursive: true, force: true });
  throw new Error(`PostgreSQL did not start on 127.0.0.1 (3 attempts). Server log:\n${lastFailure}`);
}

export function findServerBinaries(): { binDir: string; majorVersion: number } {
  const versions = existsSync(POSTGRES_ROOT)
    ? readdirSync(POSTGRES_ROOT)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(POSTGRES_ROOT, name, 'bin', 'initdb')))
        .map(Number)
        .sort((a, b) => b - a)
    : [];
  if (versions.length === 0) {
    throw new Error(
      `No PostgreSQL server binaries under ${POSTGRES_ROOT}/<version>/bin; install them with ` +
        '`apt-get install -y postgresql` (.ci/run does this on a fresh machine).',
    );
  }
  return { binDir: join(POSTGRES_ROOT, String(versions[0]), 'bin'), majorVersion: versions[0]! };
}

/** As root, the uid/gid to run the server as (creating the system user once); otherwise none. */
export function serverOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (!userExists(SERVICE_USER)) {
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER], {
        stdio: 'pipe',
      });
    } catch (error) {
      // Another test file may have created it at the same moment; only a still-missing user is fatal.
      if (!userExists(SERVICE_USER)) throw new Error(`useradd ${SERVICE_USER} failed: ${outputOf(error)}`);
    }
  }
  const uid = Number(execFileSync('id', ['-u', SERVICE_USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', SERVICE_USER]).toString().trim());
  return { uid, gid };
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}


/** Connects until the server answers, the process exits, or the deadline passes. */
export async function becomesReady(url: string, server: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) return false;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
  return false;
}

/** SIGINT is PostgreSQL's fast shutdown (disconnects clients, no checkpoint wait beyond need). */
export async function stopServer(server: ChildProcess, exited: Promise<void>): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGINT');
  const timer = new Promise<'timeout'>((resolve) => {
    const handle = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    exited.finally(() => clearTimeout(handle));
  });
  if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
    server.kill('SIGKILL');
    await exited;
  }
}

/** Immediate shutdown (SIGQUIT) and cleanup if the test process exits without stop(). */
export function killOnProcessExit(server: ChildProcess, baseDir: string): () => void {
  const onExit = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGQUIT');
    rmSync(baseDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return () => process.removeListener('exit', onExit);
}

function outputOf(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return stderr || (error instanceof Error ? error.message : String(error));
}
