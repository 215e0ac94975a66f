/**
 * The schema of the URL's database as SQL, from `pg_dump --schema-only`, for when that database
 * cannot serve as a template (other sessions are connected to it, as in most CI setups where the
 * application or an earlier step still holds a connection). Run without a shell; the password
 * reaches pg_dump through PGPASSWORD, never its arguments.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../errors.ts';
import { describeDatabaseUrl, formatTarget } from './pg-client.ts';

const TIMEOUT_MS = 120_000;
const MAX_DUMP_BYTES = 256 * 1024 * 1024;

/** pg_dump from PATH, else the newest Debian/Ubuntu server package's (newer dumps older servers). */
export function findPgDump(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(':').filter(Boolean)) {
    if (existsSync(join(dir, 'pg_dump'))) return join(dir, 'pg_dump');
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'pg_dump')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin', 'pg_dump') : undefined;
}

export function dumpSchemaOnly(url: string, pgDump = findPgDump()): Promise<string> {
  const target = describeDatabaseUrl(url);
  const where = formatTarget(target);
  if (!pgDump) {
    return Promise.reject(
      new FaultlineError(`The shadow run needs pg_dump to copy the schema of database "${target.database}" on ${where}, which is in use, and pg_dump is not installed`, {
        exitCode: 2,
        hint: 'Install the PostgreSQL client (apt-get install postgresql-client) matching the server, close the other sessions on the database, or use shadow-from: empty or dump:FILE.',
      }),
    );
  }
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  const args = ['--schema-only', '--no-owner', '--no-privileges', '--host', target.host, '--port', String(target.port), '--username', target.user, '--dbname', target.database];
  return new Promise((resolve, reject) => {
    execFile(
      pgDump,
      args,
      {
        timeout: TIMEOUT_MS,
        maxBuffer: MAX_DUMP_BYTES,
        env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10', ...(sslmode ? { PGSSLMODE: sslmode } : {}) },
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const detail = (String(stderr).trim() || error.message).split(password || '\u0000').join('***');
        reject(
          new FaultlineError(`pg_dump could not copy the schema of database "${target.database}" on ${where}: ${detail}`, {
            cause: error,
            exitCode: 2,
            hint: /version mismatch/i.test(detail)
              ? 'Install a pg_dump at least as new as the server (postgresql-client-<major>), or use shadow-from: empty or dump:FILE.'
              : 'Check that the role in database-url may read the schema, or use shadow-from: empty or dump:FILE.',
          }),
        );
      },
    );
  });
}
