/**
 * The real ShadowClient: node-postgres sessions opened from a user's `postgres://` URL. Connection
 * failures become FaultlineErrors (exit 2) that name host, port, user and database, never the
 * password, and say what to check.
 */
import pg from 'pg';
import { FaultlineError } from '../errors.ts';
import type { ShadowClient, ShadowConnect, ShadowLogin, TransactionStatus } from './shadow-types.ts';

export interface PgTarget {
  host: string;
  port: number;
  user: string;
  database: string;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Reads the parts of a database URL that are safe to show; rejects what is not a postgres URL. */
export function describeDatabaseUrl(url: string): PgTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FaultlineError('database-url is not a valid URL', {
      hint: 'Use postgres://USER:PASSWORD@HOST:PORT/DATABASE (percent-encode special characters in the password).',
    });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new FaultlineError(`database-url must start with postgres:// or postgresql://, not ${parsed.protocol}//`, {
      hint: 'Use postgres://USER:PASSWORD@HOST:PORT/DATABASE.',
    });
  }
  const host = parsed.searchParams.get('host') ?? (decodeURIComponent(parsed.hostname) || 'localhost');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(parsed.username) || 'postgres';
  return { host, port: Number(parsed.port || 5432), user, database: database || user };
}

/** `host:port`, or the socket directory for unix sockets. */
export function formatTarget(target: PgTarget): string {
  return target.host.startsWith('/') ? `${target.host} (port ${target.port})` : `${target.host}:${target.port}`;
}

/** Opens one session; `database` replaces the URL's database (the scratch database), `login` its role. */
export async function connectPg(url: string, database?: string, login?: ShadowLogin): Promise<ShadowClient> {
  const target = describeDatabaseUrl(url);
  const parsed = new URL(url);
  if (database !== undefined) {
    parsed.pathname = `/${encodeURIComponent(database)}`;
    target.database = database;
  }
  if (login) {
    parsed.username = encodeURIComponent(login.user);
    parsed.password = encodeURIComponent(login.password);
    target.user = login.user;
  }
  const client = new pg.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A session the server ends (DROP DATABASE … WITH (FORCE), shutdown) must not crash the process;
  // the next query on it rejects instead.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectionError(error, target, parsed.password);
  }
  return {
    query: async (sql, params) => {
      const result = await client.query(sql, params);
      return { rows: result.rows as Record<string, unknown>[] };
    },
    transactionStatus: () => transactionStatusOf(client.getTransactionStatus()),
    end: () => client.end(),
  };
}

/** The ShadowConnect for a URL: the URL's own database by default, another one by name. */
export function pgConnector(url: string): ShadowConnect {
  describeDatabaseUrl(url);
  return (database, login) => connectPg(url, database, login);
}

function transactionStatusOf(status: string | null): TransactionStatus {
  if (status === 'T') return 'in-transaction';
  if (status === 'E') return 'failed';
  return 'idle';
}

function connectionError(error: unknown, target: PgTarget, password: string): FaultlineError {
  const where = formatTarget(target);
  const code = (error as { code?: string }).code;
  const raw = error instanceof Error ? error.message : String(error);
  const detail = password ? raw.split(decodeURIComponent(password)).join('***') : raw;
  const as = `as user "${target.user}", database "${target.database}"`;
  const options = { cause: error, exitCode: 2 };
  switch (code) {
    case 'ECONNREFUSED':
      return new FaultlineError(`Cannot connect to PostgreSQL at ${where}: connection refused`, {
        ...options,
        hint:
          `Check that a server is running and listening on ${where}. In GitHub Actions, run it as a ` +
          "`services: postgres` container with `ports: ['5432:5432']` and a pg_isready health check.",
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FaultlineError(`Cannot connect to PostgreSQL at ${where}: host "${target.host}" not found`, {
        ...options,
        hint: 'Check the host name in database-url; a service container is reached at localhost from a job on the runner.',
      });
    case '28P01':
    case '28000':
      return new FaultlineError(`PostgreSQL at ${where} refused the login ${as}: ${detail}`, {
        ...options,
        hint: 'Check the user and password in database-url (percent-encode special characters in the password).',
      });
    case '3D000':
      return new FaultlineError(`PostgreSQL at ${where} has no database "${target.database}" (connecting ${as})`, {
        ...options,
        hint: 'Name an existing database in database-url, e.g. postgres; the shadow run creates its own scratch database next to it.',
      });
  }
  if (/timeout/i.test(raw)) {
    return new FaultlineError(`Cannot connect to PostgreSQL at ${where}: no answer within ${CONNECT_TIMEOUT_MS / 1000}s`, {
      ...options,
      hint: `Check that ${where} is reachable from this machine (firewall, service container health check).`,
    });
  }
  return new FaultlineError(`Cannot connect to PostgreSQL at ${where} ${as}: ${detail}`, {
    ...options,
    hint: 'Check database-url and that the server accepts connections from this machine.',
  });
}
