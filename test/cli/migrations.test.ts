import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { startPostgres, type TestPostgres } from '../../cli/demo/support/postgres.ts';
import { expectValidSarif } from '../support/sarif-schema.ts';

const root = new URL('../..', import.meta.url).pathname;
let dir: string;

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function faultline(args: string[], { colour = false } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const io: CliIO = { stdout, stderr, colour, cwd: dir, env: {} };
  const code = await main(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

// With a lock_timeout, so the only hazard is the index build itself (line 2).
const HAZARD = "SET lock_timeout = '2s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n";
const SAFE = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline migrations lint', () => {
  it('prints findings as path:line:col severity rule message and exits 1 on an error finding', async () => {
    const file = write('V2__index.sql', HAZARD);
    const { code, stdout, stderr } = await faultline(['migrations', 'lint', file]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain(`${file}:2:1 error non-concurrent-index CREATE INDEX on orders without CONCURRENTLY`);
    expect(stdout).toContain('      CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);');
  });

  it('exits 0 when no finding is an error', async () => {
    const { code, stdout } = await faultline(['migrations', 'lint', write('V3__safe.sql', SAFE)]);
    expect(code).toBe(0);
    expect(stdout).toContain('1 file, 2 statements: 0 errors, 0 warnings');
  });

  it('walks a folder in version order (V2 before V10)', async () => {
    write('db/V10__later.sql', SAFE);
    write('db/V2__earlier.sql', HAZARD);
    const { stdout } = await faultline(['migrations', 'lint', '--format', 'json', join(dir, 'db')]);
    expect(JSON.parse(stdout).files.map((f: { path: string }) => f.path)).toEqual([join(dir, 'db/V2__earlier.sql'), join(dir, 'db/V10__later.sql')]);
  });

  it('prints exactly one JSON document with --format json', async () => {
    const hazard = write('V2__index.sql', HAZARD);
    const safe = write('V3__safe.sql', SAFE);
    const { code, stdout } = await faultline(['migrations', 'lint', '--format', 'json', hazard, safe]);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc).toEqual({
      version: 1,
      totals: { files: 2, statements: 4, errors: 1, warnings: 0, observed: 0 },
      files: [
        {
          path: hazard,
          statements: 2,
          findings: [
            {
              rule: 'non-concurrent-index',
              severity: 'error',
              line: 2,
              column: 1,
              message: expect.stringContaining('without CONCURRENTLY'),
              lock: 'SHARE',
              blocks: ['writes'],
              rewrite: false,
              fix: 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);',
              source: 'static',
            },
          ],
        },
        { path: safe, statements: 2, findings: [] },
      ],
    });
  });

  it('prints SARIF 2.1.0 that validates against the schema with --format sarif', async () => {
    const { code, stdout } = await faultline(['migrations', 'lint', '--format=sarif', write('V2__index.sql', HAZARD)]);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expectValidSarif(log);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'non-concurrent-index', level: 'error' });
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('non-concurrent-index');
  });

  it('reports a syntax error as a finding and still lints the other files', async () => {
    const broken = write('V1__broken.sql', 'CREATE TABLE (;\n');
    const hazard = write('V2__index.sql', HAZARD);
    const { code, stdout } = await faultline(['migrations', 'lint', '--format', 'json', broken, hazard]);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.files[0].findings[0]).toMatchObject({ rule: 'syntax-error', severity: 'error', line: 1 });
    expect(doc.files[1].findings[0].rule).toBe('non-concurrent-index');
  });

  it('colours the output only when asked', async () => {
    const file = write('V2__index.sql', HAZARD);
    expect((await faultline(['migrations', 'lint', file])).stdout).not.toContain('\u001b[');
    expect((await faultline(['migrations', 'lint', file], { colour: true })).stdout).toContain('\u001b[31merror');
  });

  it('prints its usage with --help and exits 0', async () => {
    const { code, stdout } = await faultline(['migrations', 'lint', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: faultline migrations lint [options] PATH...');
  });
});

const ENUM_IN_TRANSACTION = "BEGIN;\nALTER TYPE mood ADD VALUE 'meh';\nCOMMIT;\n";

describe('faultline migrations lint with a config file and --pg-version', () => {
  it('reads .github/faultline.yml from the working directory: rule severities and paths', async () => {
    write('.github/faultline.yml', 'migrations:\n  paths: ["db/**/*.sql"]\n  exclude: ["db/legacy/**"]\n  rules:\n    non-concurrent-index: warning\n    missing-lock-timeout: "off"\n');
    write('db/V2__index.sql', HAZARD);
    write('db/legacy/V1__old.sql', 'DROP TABLE orders;\n');
    const { code, stdout } = await faultline(['migrations', 'lint', '--format', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual([join(dir, 'db/V2__index.sql')]);
    expect(doc.files[0].findings).toEqual([expect.objectContaining({ rule: 'non-concurrent-index', severity: 'warning' })]);
  });

  it('lets --pg-version override the config: ADD VALUE in a transaction fails only before PostgreSQL 12', async () => {
    write('.github/faultline.yml', 'migrations:\n  pg-version: 11\n');
    const file = write('V5__enum.sql', ENUM_IN_TRANSACTION);
    const onConfigVersion = await faultline(['migrations', 'lint', '--format', 'json', file]);
    expect(onConfigVersion.code).toBe(1);
    expect(JSON.parse(onConfigVersion.stdout).files[0].findings).toContainEqual(expect.objectContaining({ rule: 'alter-enum-add-value-in-transaction' }));
    const onFlagVersion = await faultline(['migrations', 'lint', '--format', 'json', '--pg-version', '12', file]);
    expect(onFlagVersion.code).toBe(0);
  });

  it('uses --config FILE instead of the default file', async () => {
    write('.github/faultline.yml', 'migrations:\n  rules:\n    non-concurrent-index: "off"\n');
    write('ci/strict.yml', 'migrations:\n  rules:\n    non-concurrent-index: error\n');
    const file = write('V2__index.sql', HAZARD);
    expect((await faultline(['migrations', 'lint', file])).code).toBe(0);
    expect((await faultline(['migrations', 'lint', '--config', 'ci/strict.yml', file])).code).toBe(1);
  });
});

describe('faultline migrations lint: bad usage and unreadable input exit 2 with one message', () => {
  const cases: [string, () => string[], RegExp][] = [
    // The path appears once: `faultline migrations: <path>: <problem>`.
    ['a missing path', () => ['migrations', 'lint', join(dir, 'nope.sql')], /^faultline migrations: [^:]*\/nope\.sql: no such file or folder$/m],
    [
      'a missing path after a good one, with a JSON report (no half-written document)',
      () => ['migrations', 'lint', '--format', 'json', write('V1__ok.sql', 'SELECT 1;\n'), join(dir, 'nope.sql')],
      /^faultline migrations: [^:]*\/nope\.sql: no such file or folder$/m,
    ],
    [
      'a folder without a .sql file',
      () => {
        mkdirSync(join(dir, 'empty'), { recursive: true });
        return ['migrations', 'lint', '--format', 'json', join(dir, 'empty')];
      },
      /^faultline migrations: [^:]*\/empty: the folder holds no \.sql file: nothing would be checked$/m,
    ],
    ['no PATH and no paths in a config', () => ['migrations', 'lint'], /no PATH given and no migrations.paths in \.github\/faultline\.yml/],
    ['a --config file that does not exist', () => ['migrations', 'lint', '--config', 'ci/nope.yml', 'x.sql'], /ci\/nope\.yml: cannot read the config file \(ENOENT\)/],
    [
      'an invalid config, naming file, line and key',
      () => {
        write('.github/faultline.yml', 'migrations:\n  pg-version: 9\n  rules:\n    non-concurent-index: warning\n');
        return ['migrations', 'lint', 'x.sql'];
      },
      /faultline\.yml:2:\d+: .*pg-version/,
    ],
    [
      'a misspelt rule id in the config',
      () => {
        write('.github/faultline.yml', 'migrations:\n  rules:\n    non-concurent-index: warning\n');
        return ['migrations', 'lint', 'x.sql'];
      },
      /faultline\.yml:3:5: migrations\.rules\.non-concurent-index: unknown rule id \(did you mean "non-concurrent-index"\?\)/,
    ],
    ['an unknown option', () => ['migrations', 'lint', '--colour', 'x.sql'], /unknown option --colour/],
    ['an unknown format', () => ['migrations', 'lint', '--format', 'xml', 'x.sql'], /--format must be text, json or sarif, not 'xml'/],
    ['a pg version out of range', () => ['migrations', 'lint', '--pg-version', '9', 'x.sql'], /--pg-version must be a PostgreSQL major version from 11 to 18, not '9'/],
    ['an unknown subcommand', () => ['migrations', 'check', 'x.sql'], /unknown subcommand 'check'/],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const { code, stdout, stderr } = await faultline(args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')[0]).toMatch(/^faultline migrations: /);
  });

  it('an unreachable --database-url, naming host and port but not the password', async () => {
    const port = await closedPort();
    const url = `postgres://app:s3cret-pw@127.0.0.1:${port}/postgres`;
    const { code, stdout, stderr } = await faultline(['migrations', 'lint', '--database-url', url, write('V2__index.sql', HAZARD)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`127.0.0.1:${port}`);
    expect(stderr).not.toContain('s3cret-pw');
  });
});

describe('faultline migrations lint --database-url (shadow run on a real PostgreSQL)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reports what the server observed that static analysis cannot see, and failed statements', async () => {
    const seed = write(
      'V1__orders.sql',
      [
        'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);',
        'INSERT INTO orders SELECT g, g FROM generate_series(1, 1000) g;',
        'CREATE FUNCTION widen_orders() RETURNS void LANGUAGE plpgsql AS $$',
        'BEGIN',
        "  EXECUTE 'ALTER TABLE orders ALTER COLUMN customer_id TYPE numeric';",
        'END $$;',
      ].join('\n'),
    );
    // A function body does not run at migration time, so the rules rightly ignore it; calling the
    // function does, and only the shadow run sees what it did.
    const call = write('V2__call.sql', "SET lock_timeout = '2s';\nSELECT widen_orders();\n");
    const failing = write('V3__missing.sql', 'ALTER TABLE invoices ADD COLUMN note text;\n');
    const { code, stdout } = await faultline(['migrations', 'lint', '--format', 'json', '--database-url', server.url, seed, call, failing]);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.files[0].findings).toEqual([]);
    expect(doc.files[1].findings).toEqual([
      expect.objectContaining({ rule: 'shadow-table-rewrite', severity: 'error', line: 2, lock: 'ACCESS EXCLUSIVE', rewrite: true }),
    ]);
    expect(doc.files[2].findings).toContainEqual(
      expect.objectContaining({ rule: 'shadow-statement-failed', severity: 'error', line: 1, message: expect.stringContaining('"invoices" does not exist') }),
    );
  });

  it('says in text output what the shadow run applied and on which server', async () => {
    const file = write('V1__orders.sql', 'CREATE TABLE orders (id bigint PRIMARY KEY);\n');
    const { code, stdout } = await faultline(['migrations', 'lint', '--database-url', server.url, file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^shadow run on PostgreSQL \d+\.\d+: applied 1 of 1 statement to a scratch database started from a copy of database "postgres" \(dropped\)$/m);
    const empty = await faultline(['migrations', 'lint', '--database-url', server.url, '--shadow-from', 'empty', file]);
    expect(empty.stdout).toMatch(/^shadow run on PostgreSQL \d+\.\d+: applied 1 of 1 statement to a scratch database started from an empty database \(dropped\)$/m);
  });
});

describe('bin/faultline', () => {
  it('runs the command from a fresh checkout and lists it in --help', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(join(root, 'bin/faultline'), ['--help']);
    expect(stdout).toMatch(/^\s+migrations\s+lint PostgreSQL migrations/m);
    const demo = await run(join(root, 'bin/faultline'), ['migrations', 'lint', 'examples/migrations'], { cwd: root }).catch((error) => error);
    expect(demo.code).toBe(1);
    expect(demo.stdout).toContain('examples/migrations/V3__index_orders_by_customer.sql:3:1 error non-concurrent-index');
  });
});

/** A loopback port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('faultline migrations lint: options shared with squawk', () => {
  const rulesOf = (stdout: string) => (JSON.parse(stdout) as { files: { findings: { rule: string }[] }[] }).files.map((f) => f.findings.map((x) => x.rule));

  it('--assume-in-transaction: CREATE INDEX CONCURRENTLY needs the COMMIT; …; BEGIN; idiom', async () => {
    const bare = write('V1__bare.sql', 'CREATE INDEX CONCURRENTLY i ON t (a);\n');
    const idiom = write('V2__idiom.sql', 'COMMIT;\nCREATE INDEX CONCURRENTLY j ON t (a);\nBEGIN;\n');
    const { code, stdout } = await faultline(['migrations', 'lint', '--format', 'json', '--assume-in-transaction', bare, idiom]);
    expect(code).toBe(1);
    expect(rulesOf(stdout)[0]).toContain('create-index-concurrently-in-transaction');
    expect(rulesOf(stdout)[1]).toEqual([]);
  });

  it('--exclude-rule turns a rule off, --exclude skips files, and an unknown rule id is a usage error', async () => {
    const hazard = write('V1__hazard.sql', HAZARD);
    const skipped = write('V2__skipped.sql', HAZARD);
    const { code, stdout } = await faultline(['migrations', 'lint', '--format', 'json', '--exclude-rule', 'non-concurrent-index', '--exclude', '**/V2__*', hazard, skipped]);
    expect(code).toBe(0);
    expect(rulesOf(stdout)).toEqual([[]]);
    const bad = await faultline(['migrations', 'lint', '--exclude-rule', 'non-concurent-index', hazard]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown rule id 'non-concurent-index'");
  });

  it('--profile strict makes dynamic SQL an error', async () => {
    const file = write('V1__dynamic.sql', 'DO $$ BEGIN EXECUTE some_text; END $$;\n');
    expect((await faultline(['migrations', 'lint', file])).code).toBe(0);
    expect((await faultline(['migrations', 'lint', '--profile', 'strict', file])).code).toBe(1);
  });

  it('expands a quoted glob in PATH, and a glob or config paths that match nothing are errors, not a pass', async () => {
    write('db/V1__a.sql', HAZARD);
    write('db/V2__b.sql', SAFE);
    const { code, stdout } = await faultline(['migrations', 'lint', '--format', 'json', 'db/*.sql']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual([join(dir, 'db/V1__a.sql'), join(dir, 'db/V2__b.sql')]);
    const none = await faultline(['migrations', 'lint', 'nowhere/*.sql']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("'nowhere/*.sql' matches no file");
    write('.github/faultline.yml', 'migrations:\n  paths: ["missing/**/*.sql"]\n');
    const config = await faultline(['migrations', 'lint']);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('matches no file');
  });
});
