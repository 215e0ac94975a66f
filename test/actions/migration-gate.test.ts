/**
 * The migration gate action as GitHub runs it: the BUILT dist/index.js in a child process, with
 * INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files and a workspace of migrations.
 * (changed-only talks to the GitHub API; nock cannot reach a child process, so that part is
 * specified in-process in migration-gate-changed-only.test.ts.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { validateResult } from '../../core/result.ts';
import { startPostgres, type TestPostgres } from '../../cli/demo/support/postgres.ts';
import { expectValidSarif } from '../support/sarif-schema.ts';

const DIST = new URL('../../actions/migration-gate/dist/index.js', import.meta.url).pathname;

interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

let workspace: string;
let runnerDir: string;

function write(path: string, content: string | Buffer): void {
  const full = join(workspace, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
}

/** Parses the `name<<delimiter … delimiter` records @actions/core appends to GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}

function runAction(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const outputFile = join(runnerDir, 'output');
  const summaryFile = join(runnerDir, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const child = spawn(process.execPath, [DIST], {
    cwd: workspace,
    env: {
      PATH: process.env.PATH,
      HOME: runnerDir,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      RUNNER_TEMP: runnerDir,
      // Defaults action.yml supplies on a real runner.
      'INPUT_CHANGED-ONLY': 'auto',
      'INPUT_FAIL-ON': 'error',
      'INPUT_SARIF-FILE': 'faultline-migrations.sarif',
      INPUT_CONFIG: '.github/faultline.yml',
      ...inputEnv,
      ...env,
    },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') }),
    );
  });
}

// With a lock_timeout, so the only hazard is the index build itself (line 2).
const HAZARD = "SET lock_timeout = '2s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n";
const WARNING_ONLY = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN payload json;\n";
const SAFE = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run 'npm run build' first`);
});
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
  runnerDir = mkdtempSync(join(tmpdir(), 'faultline-runner-'));
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(runnerDir, { recursive: true, force: true });
});

describe('migration gate action (built dist/index.js)', () => {
  it('annotates hazards at file and line, writes summary, SARIF and result file, and fails the step', async () => {
    write('db/migrations/V1__create.sql', 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n');
    write('db/migrations/V2__index.sql', HAZARD);
    write('node_modules/pkg/migrations/V1__vendored.sql', HAZARD);
    const run = await runAction({ paths: '**/V*__*.sql' });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=non-concurrent-index,file=db\/migrations\/V2__index\.sql,line=2,col=1::CREATE INDEX on orders without CONCURRENTLY/m);
    expect(run.stdout).toMatch(/^::error::migration gate: 1 error, \d+ warnings? \(fail-on: error\)/m);
    expect(run.stdout).not.toContain('node_modules/pkg');
    expect(run.outputs.errors).toBe('1');
    expect(run.outputs['result-file']).toBe(join(workspace, 'faultline-migrations-result.json'));
    expect(run.outputs['sarif-file']).toBe(join(workspace, 'faultline-migrations.sarif'));

    expect(run.summary).toContain('## Migration gate');
    expect(run.summary).toContain('### `db/migrations/V2__index.sql`');
    expect(run.summary).toContain('| Statement | Rule | Lock | Blocks | Safe rewrite |');
    expect(run.summary).toContain('<code>CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);</code>');

    const result = JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'migrations', verdict: 'fail', counts: { errors: 1 }, source: { repository: 'acme/shop', eventName: 'push' } });
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        rule: 'non-concurrent-index',
        path: 'db/migrations/V2__index.sql',
        line: 2,
        help: 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);',
        properties: expect.objectContaining({ lock: 'SHARE', blocks: ['writes'], rewrite: false }),
      }),
    );

    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8'));
    expectValidSarif(sarif);
    expect(sarif.runs[0].results).toContainEqual(
      expect.objectContaining({
        ruleId: 'non-concurrent-index',
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'db/migrations/V2__index.sql', uriBaseId: '%SRCROOT%' },
              region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 'CREATE INDEX orders_customer_idx ON orders (customer_id);'.length + 1 },
            },
          },
        ],
        fixes: [expect.objectContaining({ artifactChanges: [expect.objectContaining({ replacements: [expect.objectContaining({ insertedContent: { text: 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);' } })] })] })],
      }),
    );
    // A local action (uses: ./…): the rules page of the workflow's repository at its commit.
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'non-concurrent-index');
    expect(rule.helpUri).toBe('https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/docs/migrations/rules.md#non-concurrent-index');
  });

  it('passes with fail-on: never but still records a failing verdict for the app', async () => {
    write('migrations/V2__index.sql', HAZARD);
    const run = await runAction({ paths: 'migrations/*.sql', 'fail-on': 'never' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^::error title=non-concurrent-index/m);
    expect(run.outputs.errors).toBe('1');
    expect(JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8')).verdict).toBe('fail');
  });

  it('fails on warnings only with fail-on: warning', async () => {
    write('migrations/V3__json.sql', WARNING_ONLY);
    const lenient = await runAction({ paths: 'migrations/*.sql' });
    expect(lenient.code).toBe(0);
    expect(lenient.outputs).toMatchObject({ errors: '0', warnings: '1' });
    expect(lenient.stdout).toMatch(/^::warning title=add-json-column,file=migrations\/V3__json\.sql,line=2/m);
    const strict = await runAction({ paths: 'migrations/*.sql', 'fail-on': 'warning' });
    expect(strict.code).toBe(1);
    expect(JSON.parse(readFileSync(strict.outputs['result-file']!, 'utf8')).verdict).toBe('fail');
  });

  it('passes a clean migration, and skips SARIF when sarif-file is empty', async () => {
    write('db/migrations/V4__safe.sql', SAFE);
    const run = await runAction({ paths: 'db/migrations/*.sql', 'sarif-file': '' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ errors: '0', warnings: '0', 'sarif-file': '' });
    expect(run.summary).toContain('✅ No hazards in 1 file, 2 statements');
    expect(existsSync(join(workspace, 'faultline-migrations.sarif'))).toBe(false);
    expect(JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8')).verdict).toBe('pass');
  });

  it('finds the common layouts when paths is empty, in version order, skipping dependencies', async () => {
    write('flyway/V10__later.sql', SAFE);
    write('flyway/V2__earlier.sql', SAFE);
    write('golang/000001_init.up.sql', SAFE);
    write('golang/000001_init.down.sql', 'DROP TABLE orders;\n');
    write('sqitch/deploy/orders.sql', SAFE);
    write('sqitch/revert/orders.sql', 'DROP TABLE orders;\n');
    write('prisma/migrations/20240101_init/migration.sql', SAFE);
    write('app/db/migrations/2024/001_orders.sql', SAFE);
    write('docs/example.sql', 'DROP TABLE orders;\n');
    write('node_modules/orm/migrations/V1__vendor.sql', 'DROP TABLE orders;\n');
    const run = await runAction({ paths: '' });
    expect(run.code).toBe(0);
    const group = /::group::Linting 6 migration files\n([\s\S]*?)::endgroup::/.exec(run.stdout)?.[1]?.trim().split('\n');
    expect(group).toEqual([
      'app/db/migrations/2024/001_orders.sql',
      'flyway/V2__earlier.sql',
      'flyway/V10__later.sql',
      'golang/000001_init.up.sql',
      'prisma/migrations/20240101_init/migration.sql',
      'sqitch/deploy/orders.sql',
    ]);
  });

  it('takes paths, exclusions and rule severities from .github/faultline.yml when paths is empty', async () => {
    write('.github/faultline.yml', 'migrations:\n  paths: ["sql/**/*.sql"]\n  exclude: ["sql/archive/**"]\n  rules:\n    non-concurrent-index: warning\n');
    write('sql/V2__index.sql', HAZARD);
    write('sql/archive/V1__old.sql', 'DROP TABLE orders;\n');
    write('db/migrations/V3__drop.sql', 'DROP TABLE orders;\n');
    const run = await runAction({ paths: '' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ errors: '0', warnings: '1' });
    expect(run.stdout).toMatch(/^::warning title=non-concurrent-index,file=sql\/V2__index\.sql,line=2/m);
    expect(run.stdout).not.toContain('V1__old.sql');
    expect(run.stdout).not.toContain('V3__drop.sql');
  });

  it('skips the job summary on a runner without GITHUB_STEP_SUMMARY and still reports', async () => {
    write('db/migrations/V2__index.sql', HAZARD);
    const run = await runAction({}, { GITHUB_STEP_SUMMARY: '' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no GITHUB_STEP_SUMMARY on this runner: the job summary is skipped');
    expect(run.outputs.errors).toBe('1');
  });

  it('fails when the paths input matches no file: nothing checked is not a pass', async () => {
    const run = await runAction({ paths: 'db/migrations/*.sql' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::.*the paths input \(db\/migrations\/\*\.sql\) matches no file in the repository/m);
  });

  it('takes a folder in paths as the SQL files under it', async () => {
    write('db/migrations/V2__index.sql', HAZARD);
    const run = await runAction({ paths: 'db/migrations' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('db/migrations/V2__index.sql');
  });
});

describe('migration gate action: bad input fails the step with one clear message', () => {
  const cases: [string, Record<string, string>, (() => void) | undefined, RegExp][] = [
    ['pg-version out of range', { 'pg-version': '9.6' }, undefined, /^::error::input pg-version: expected a PostgreSQL major version from 11 to 18, got '9\.6'/m],
    ['unknown fail-on', { 'fail-on': 'sometimes' }, undefined, /^::error::input fail-on: expected error, warning or never, got 'sometimes'/m],
    ['unknown changed-only', { 'changed-only': 'maybe' }, undefined, /^::error::input changed-only: expected true, false or auto, got 'maybe'/m],
    ['changed-only without a pull request', { 'changed-only': 'true' }, undefined, /^::error::input changed-only: true needs a pull request event, but this run is 'push'/m],
    ['a config file that does not exist', { config: 'ci/faultline.yml' }, undefined, /^::error::input config: file 'ci\/faultline\.yml' does not exist/m],
    ['a database-url that is not postgres://', { 'database-url': 'mysql://root:pw@db/app' }, undefined, /^::error::input database-url: expected a postgres:\/\/ or postgresql:\/\/ URL/m],
  ];

  it('an invalid config file is marked at its line and key, with a job summary', async () => {
    write('.github/faultline.yml', 'migrations:\n  fail-on: error\n');
    const run = await runAction({ paths: 'db/migrations/*.sql' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=migration-gate%3A invalid Faultline config \(1 problem\),file=\.github\/faultline\.yml,line=2,col=3::migrations\.fail-on: unknown key "fail-on"/m);
    expect(run.stdout.match(/^::error/gm)).toHaveLength(1);
    expect(run.stdout).not.toMatch(/^\s+at /m);
    expect(run.summary).toContain('### ❌ migration-gate: could not decide');
    expect(run.summary).toContain('| `.github/faultline.yml:2:3` | migrations.fail-on: unknown key "fail-on" |');
  });

  // Not text is the migration's problem, not the workflow's: an annotation on the file and a failed gate.
  it.each([
    ['a binary migration', 'V1__blob.sql', Buffer.from([0x50, 0x00, 0xff]), 'NUL bytes'],
    ['a non-UTF-8 migration', 'V1__latin1.sql', Buffer.from("SELECT 'caf\xe9';\n", 'latin1'), 'not valid UTF-8'],
  ])('%s fails the gate with a not-utf8 annotation on the file', async (_name, file, content, reason) => {
    write(`db/migrations/${file}`, content);
    const run = await runAction({ paths: 'db/migrations/*.sql' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^::error title=not-utf8,file=db/migrations/${file.replace('.', '\\.')},line=1,col=1::The file was not checked: .*${reason}`, 'm'));
    expect(run.stdout).not.toMatch(/^\s+at /m);
  });

  it('fails a migration that is a symbolic link out of the repository without reading it', async () => {
    const credentials = join(runnerDir, 'credentials');
    writeFileSync(credentials, 'GITHUB_TOKEN=ghs_secretvalue123\n');
    write('db/migrations/V1__ok.sql', 'SELECT 1;\n');
    symlinkSync(credentials, join(workspace, 'db/migrations/V2__link.sql'));
    const run = await runAction({ paths: 'db/migrations/*.sql' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=symlinked-migration,file=db\/migrations\/V2__link\.sql,line=1,col=1::The file is a symbolic link \(to /m);
    expect(`${run.stdout}${run.summary}`).not.toContain('ghs_secretvalue123');
  });

  it.each(cases)('%s', async (_name, inputs, prepare, message) => {
    prepare?.();
    const run = await runAction({ paths: 'db/migrations/*.sql', ...inputs });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(run.stdout.match(/^::error::/gm)).toHaveLength(1);
    expect(run.stdout).not.toMatch(/^\s+at /m);
  });

  it('masks database-url and names only host and port when the server is unreachable', async () => {
    write('db/migrations/V2__index.sql', HAZARD);
    const run = await runAction({ paths: 'db/migrations/*.sql', 'database-url': 'postgres://app:hunter2-secret@127.0.0.1:9/app' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::add-mask::postgres:\/\/app:hunter2-secret@127\.0\.0\.1:9\/app$/m);
    expect(run.stdout).toMatch(/^::add-mask::hunter2-secret$/m);
    const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain('hunter2-secret');
    expect(run.stdout).toMatch(/^::error::.*127\.0\.0\.1:9/m);
  });

  it('never registers a one-letter password as a mask, so the rest of the log stays readable', async () => {
    write('db/migrations/V2__index.sql', HAZARD);
    const run = await runAction({ paths: 'db/migrations/*.sql', 'database-url': 'postgres://app:e@127.0.0.1:9/app' });
    expect(run.stdout).toMatch(/^::add-mask::postgres:\/\/app:e@127\.0\.0\.1:9\/app$/m);
    expect(run.stdout).not.toMatch(/^::add-mask::e$/m);
  });
});

describe('migration gate action with database-url (shadow run on a real PostgreSQL)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reports what it observed in its own summary section and records the server version', async () => {
    write(
      'db/migrations/V1__orders.sql',
      [
        'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);',
        'INSERT INTO orders SELECT g, g FROM generate_series(1, 1000) g;',
        'CREATE FUNCTION widen_orders() RETURNS void LANGUAGE plpgsql AS $$',
        "BEGIN EXECUTE 'ALTER TABLE orders ALTER COLUMN customer_id TYPE numeric'; END $$;",
      ].join('\n'),
    );
    write('db/migrations/V2__call.sql', "SET lock_timeout = '2s';\nSELECT widen_orders();\n");
    const run = await runAction({ paths: 'db/migrations/*.sql', 'database-url': server.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=shadow-table-rewrite \(observed\),file=db\/migrations\/V2__call\.sql,line=2,col=1::/m);
    expect(run.summary).toContain('### Observed on a real PostgreSQL (shadow run)');
    expect(run.summary).toContain('#### `db/migrations/V2__call.sql`');
    expect(run.summary).toMatch(/Applied 5 of 5 statements to a scratch database on PostgreSQL \d+\.\d+, started from a copy of database "postgres" \(dropped afterwards\)\./);
    expect(run.summary).toMatch(/^\| `db\/migrations\/V2__call\.sql` L2 <code>SELECT widen_orders\(\)<\/code> \| \d+ ms \| ACCESS EXCLUSIVE on orders(, [^|]+)? \| orders \|$/m);
    const result = JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result.tool.components.postgresql).toMatch(/^\d{5,6}$/);
    expect(result.details.shadow).toMatchObject({ completed: true, startedFrom: 'a copy of database "postgres"' });
  });

  it('runs a migration against the schema the URL\'s database already holds (shadow-from template), and says so', async () => {
    const admin = new pg.Client(server.url);
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE shop');
    } finally {
      await admin.end();
    }
    const shop = new pg.Client(server.urlFor({ password: server.password, database: 'shop' }));
    await shop.connect();
    try {
      await shop.query('CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric)');
    } finally {
      await shop.end();
    }
    write('db/migrations/V7__invoices.sql', "SET lock_timeout = '2s';\nALTER TABLE invoices ADD COLUMN paid_at timestamptz;\n");
    const url = server.urlFor({ password: server.password, database: 'shop' });
    const copied = await runAction({ paths: 'db/migrations/V7__*.sql', 'database-url': url });
    expect(copied.stdout).not.toContain('does not exist');
    expect(copied.code).toBe(0);
    expect(JSON.parse(readFileSync(copied.outputs['result-file']!, 'utf8')).details.shadow).toMatchObject({ completed: true, startedFrom: 'a copy of database "shop"' });
    const empty = await runAction({ paths: 'db/migrations/V7__*.sql', 'database-url': url, 'shadow-from': 'empty' });
    expect(empty.code).toBe(1);
    expect(empty.stdout).toMatch(/shadow-statement-failed.*relation \\?"invoices\\?" does not exist/);
  });

  it('refuses to execute a file that reaches outside the database, with a finding and nothing applied', async () => {
    write('db/migrations/V8__evil.sql', "CREATE TABLE loot (line text);\nCOPY loot FROM PROGRAM 'cat /etc/passwd';\n");
    const run = await runAction({ paths: 'db/migrations/V8__*.sql', 'database-url': server.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=shadow-refused \(observed\),file=db\/migrations\/V8__evil\.sql,line=2/m);
    expect(JSON.parse(readFileSync(run.outputs['result-file']!, 'utf8')).details.shadow).toMatchObject({ completed: false, statements: 0 });
  });
});
