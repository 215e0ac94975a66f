/**
 * `--shadow-from dump:FILE` carries the old schema's types into the scratch database: a pg_dump
 * --schema-only fixture (test/fixtures/migrations/schema-types.dump.sql, with pg_dump's \restrict
 * lines) defines an enum, a domain, a composite type in another schema and extensions' types
 * (citext, trusted; earth from earthdistance, which the unprivileged role may not create), all used
 * by a table. Migrations that change those types or add columns of them run in the shadow and are
 * observed; a type the dump lacks fails naming the type and the dump.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';
import { runMigrationGate } from '../../../core/migrations/gate.ts';

const DUMP = fileURLToPath(new URL('../../fixtures/migrations/schema-types.dump.sql', import.meta.url));

let server: TestPostgres;
let dir: string;

beforeAll(async () => {
  server = await startPostgres();
  // The URL's database has earthdistance (an administrator installed it), so the run may create it
  // for the dump; "bare" does not.
  const admin = new pg.Client(server.url);
  await admin.connect();
  try {
    await admin.query('CREATE EXTENSION earthdistance CASCADE');
    await admin.query('CREATE DATABASE bare');
  } finally {
    await admin.end();
  }
  dir = mkdtempSync(join(tmpdir(), 'faultline-shadow-types-'));
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function migration(name: string, sql: string): string {
  const path = join(dir, name);
  writeFileSync(path, sql);
  return path;
}

describe('shadow-from dump:FILE with the old schema\'s types', () => {
  it('runs migrations on the dump\'s enum, domain, composite and extension types, and observes them', async () => {
    const reviewed = migration(
      '006_types.sql',
      [
        "ALTER TYPE order_state ADD VALUE 'shipped';",
        'ALTER TABLE orders ADD COLUMN refund positive_amount;',
        'ALTER TYPE billing.address ADD ATTRIBUTE country text;',
        'ALTER TABLE orders ADD COLUMN alt_email citext;',
        'ALTER DOMAIN positive_amount ADD CONSTRAINT below_a_million CHECK (VALUE < 1000000);',
        "UPDATE orders SET state = 'shipped' WHERE state = 'paid';",
        'ALTER TABLE orders ADD COLUMN ship_to_store earth;',
        // Only the owner may: the trusted citext stays the role's, as if the dump had created it alone.
        'ALTER EXTENSION citext UPDATE;',
        '',
      ].join('\n'),
    );
    const run = await runMigrationGate([reviewed], { databaseUrl: server.url, shadowFrom: { kind: 'dump', file: DUMP } });
    const shadow = run.shadow!;
    expect(shadow.startedFrom).toBe(`the schema dump ${DUMP}`);
    expect(shadow.findings.filter((finding) => finding.rule === 'shadow-statement-failed')).toEqual([]);
    expect(shadow.completed).toBe(true);
    expect(shadow.files).toEqual([expect.objectContaining({ path: reviewed, statements: 8, applied: 8 })]);
    const observed = shadow.statements.filter((statement) => statement.path === reviewed);
    expect(observed).toHaveLength(8);
    expect(observed.every((statement) => statement.error === undefined)).toBe(true);
    // A column of a domain with a CHECK is a rewrite (PostgreSQL checks every row); ALTER DOMAIN ADD
    // CONSTRAINT scans the tables using it under SHARE; ADD ATTRIBUTE locks the composite type.
    const at = (rule: string) => shadow.findings.filter((finding) => finding.rule === rule).map((finding) => finding.line);
    expect(at('shadow-table-rewrite')).toContain(2);
    expect(at('shadow-blocks-writes')).toContain(5);
    expect(shadow.findings).toContainEqual(
      expect.objectContaining({ rule: 'shadow-access-exclusive', line: 3, message: expect.stringContaining('billing.address') }),
    );
    expect(shadow.findings.every((finding) => finding.message.endsWith(`(Shadow run on the schema dump ${DUMP}.)`))).toBe(true);
  });

  it('fails on a type the dump lacks, naming the type and the dump it looked in', async () => {
    const reviewed = migration('007_speed.sql', 'ALTER TABLE orders ADD COLUMN state2 order_state;\nALTER TABLE orders ADD COLUMN speed shipping_speed;\n');
    const run = await runMigrationGate([reviewed], { databaseUrl: server.url, shadowFrom: { kind: 'dump', file: DUMP } });
    const shadow = run.shadow!;
    expect(shadow.completed).toBe(false);
    expect(shadow.files).toEqual([expect.objectContaining({ path: reviewed, applied: 1 })]);
    expect(shadow.findings.filter((finding) => finding.rule === 'shadow-statement-failed')).toEqual([
      expect.objectContaining({
        path: reviewed,
        line: 2,
        message: expect.stringContaining('type "shipping_speed" does not exist (SQLSTATE 42704)'),
        fix: expect.stringContaining(`the schema dump ${DUMP}, which does not define it`),
      }),
    ]);
  });

  it('stops at an extension the role may not create when the URL\'s database lacks it, saying how to provide it', async () => {
    const reviewed = migration('008_noop.sql', 'SELECT 1;\n');
    const run = await runMigrationGate([reviewed], { databaseUrl: server.urlFor({ password: server.password, database: 'bare' }), shadowFrom: { kind: 'dump', file: DUMP } });
    const shadow = run.shadow!;
    expect(shadow.completed).toBe(false);
    expect(shadow.files).toEqual([expect.objectContaining({ path: reviewed, applied: 0 })]);
    expect(shadow.findings).toEqual([
      expect.objectContaining({
        rule: 'shadow-statement-failed',
        path: DUMP,
        message: expect.stringContaining('permission denied to create extension "earthdistance"'),
        fix: expect.stringContaining('which may create only trusted extensions'),
      }),
    ]);
  });
});
