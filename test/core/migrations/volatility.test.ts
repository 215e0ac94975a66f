/**
 * Default volatility decides whether ADD COLUMN … DEFAULT is instant (PG 11+) or rewrites. The
 * function lists are checked against a real PostgreSQL catalog as well.
 */
import pg from 'pg';
import { NON_VOLATILE_BUILTINS } from '../../../core/migrations/builtin-functions.ts';
import { defaultVolatility, isNullConstant, VOLATILE_FUNCTIONS } from '../../../core/migrations/volatility.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';
import { parseStatement } from './parse-statement.ts';

function defaultOf(expression: string): unknown {
  const { node } = parseStatement(`ALTER TABLE t ADD COLUMN c text DEFAULT ${expression}`);
  const cmd = (node.cmds as { AlterTableCmd: { def: { ColumnDef: { constraints: { Constraint: { raw_expr: unknown } }[] } } } }[])[0]!;
  return cmd.AlterTableCmd.def.ColumnDef.constraints[0]!.Constraint.raw_expr;
}

describe('defaultVolatility', () => {
  it.each([
    'now()',
    'CURRENT_TIMESTAMP',
    'current_date',
    'statement_timestamp()',
    'transaction_timestamp()',
    "timezone('utc', now())",
    "'pending'",
    "'{}'::jsonb",
    '0',
    'false',
    "ARRAY[]::text[]",
    "jsonb_build_object('v', 1)",
    "lower('X')",
    "uuid_generate_v5(uuid_ns_url(), 'x')",
    "'now'::timestamptz",
  ])('treats %s as non-volatile (stored once, no rewrite)', (expression) => {
    expect(defaultVolatility(defaultOf(expression))).toEqual({ volatile: false });
  });

  it.each([
    ['gen_random_uuid()', 'gen_random_uuid'],
    ['uuid_generate_v4()', 'uuid_generate_v4'],
    ['public.uuid_generate_v1mc()', 'public.uuid_generate_v1mc'],
    ['clock_timestamp()', 'clock_timestamp'],
    ['timeofday()', 'timeofday'],
    ['(random() * 100)::int', 'random'],
    ["nextval('orders_id_seq'::regclass)", 'nextval'],
    ["md5(random()::text)", 'random'],
    ["encode(gen_random_bytes(16), 'hex')", 'gen_random_bytes'],
  ])('treats %s as volatile because of %s', (expression, functionName) => {
    expect(defaultVolatility(defaultOf(expression))).toEqual({ volatile: true, functionName, known: true });
  });

  it('treats a function it does not know as volatile (CREATE FUNCTION defaults to VOLATILE)', () => {
    expect(defaultVolatility(defaultOf('generate_ulid()'))).toEqual({
      volatile: true,
      functionName: 'generate_ulid',
      known: false,
    });
  });
});

describe('isNullConstant', () => {
  it('recognises NULL, cast or not', () => {
    expect(isNullConstant(defaultOf('NULL'))).toBe(true);
    expect(isNullConstant(defaultOf('NULL::text'))).toBe(true);
    expect(isNullConstant(defaultOf("''"))).toBe(false);
  });
});

describe('the function lists agree with a real PostgreSQL catalog', () => {
  let server: TestPostgres;
  let client: pg.Client;

  beforeAll(async () => {
    server = await startPostgres();
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it('has no VOLATILE overload for any name listed as non-volatile', async () => {
    const { rows } = await client.query<{ proname: string }>(
      `SELECT DISTINCT proname FROM pg_proc WHERE provolatile = 'v' AND proname = ANY($1)`,
      [[...NON_VOLATILE_BUILTINS]],
    );
    expect(rows.map((r) => r.proname)).toEqual([]);
  });

  it('marks every built-in listed as volatile VOLATILE', async () => {
    const { rows } = await client.query<{ proname: string; volatile: boolean }>(
      `SELECT proname, bool_or(provolatile = 'v') AS volatile FROM pg_proc WHERE proname = ANY($1) GROUP BY proname`,
      [[...VOLATILE_FUNCTIONS]],
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => !r.volatile).map((r) => r.proname)).toEqual([]);
  });

  it('treats now() as STABLE, as the catalog does', async () => {
    const { rows } = await client.query<{ provolatile: string }>(`SELECT provolatile FROM pg_proc WHERE proname = 'now'`);
    expect(rows).toEqual([{ provolatile: 's' }]);
  });
});
