/**
 * PostgreSQL query probe: `value` is the first column of the first row, `rows` the whole answer
 * (for a jsonpath tolerance). Runs in a read-only transaction: a probe never changes the system.
 * The query goes through the extended protocol, which takes exactly one statement: through the
 * simple protocol `COMMIT; DELETE …` would end the read-only transaction and then write.
 */
import pg from 'pg';
import { asArgs, rejectUnknown, requiredString, requiredUrl, timeoutMs } from './arguments.ts';
import type { Probe } from './types.ts';

export interface PostgresProbeArgs {
  connection: string;
  query: string;
  timeoutMs: number;
}

export const postgresProbe: Probe<PostgresProbeArgs> = {
  kind: 'postgres',
  tolerances: ['boolean', 'number', 'string', 'list', 'regex', 'jsonpath', 'range', 'probe'],
  validate(raw) {
    const args = asArgs(raw, 'postgres');
    rejectUnknown(args, 'postgres', ['connection', 'query', 'timeout']);
    return {
      connection: requiredUrl(args, 'connection', 'postgres', {
        schemes: ['postgres', 'postgresql'],
        example: `postgres://monitor:\${db_password}@127.0.0.1:5432/app, with db_password under secrets`,
        quote: false,
      }),
      query: requiredString(args, 'query', 'postgres'),
      timeoutMs: timeoutMs(args, 'postgres', 10),
    };
  },
  // The connection string may hold a password: show only where it points.
  describe: (args) => `PostgreSQL ${safeTarget(args.connection)}: ${args.query}`,
  async run(args) {
    const client = new pg.Client({
      connectionString: args.connection,
      connectionTimeoutMillis: args.timeoutMs,
      query_timeout: args.timeoutMs,
      statement_timeout: args.timeoutMs,
    });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`cannot connect to PostgreSQL at ${safeTarget(args.connection)}: ${(error as Error).message}`);
    }
    try {
      await client.query('BEGIN READ ONLY');
      // pg supports queryMode; @types/pg does not list it yet.
      const query: pg.QueryArrayConfig & { queryMode: 'extended' } = { text: args.query, rowMode: 'array', queryMode: 'extended' };
      const result = await client.query(query);
      await client.query('ROLLBACK');
      const columns = result.fields.map((f) => f.name);
      const rows = (result.rows as unknown[][]).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
      const first = (result.rows as unknown[][])[0]?.[0];
      return { ok: true, value: first ?? null, rows, row_count: rows.length };
    } catch (error) {
      throw new Error(`query failed on ${safeTarget(args.connection)}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};

function safeTarget(connection: string): string {
  try {
    const url = new URL(connection);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return connection.replace(/password=\S+/gi, 'password=***');
  }
}
