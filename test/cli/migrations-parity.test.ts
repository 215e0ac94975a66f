/**
 * `faultline migrations lint` options users know from squawk: `-` for standard input, --fail-on,
 * --rule (only these rules), and the config found from a subfolder of the repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-parity-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  files: { path: string; findings: { rule: string; severity: string; line: number }[] }[];
}

function lint(args: string[], options: { cwd?: string; input?: string | Buffer } = {}): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(BIN, ['migrations', 'lint', ...args], { cwd: options.cwd ?? dir, input: options.input ?? '', encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function json(args: string[], options: { cwd?: string; input?: string | Buffer } = {}): { code: number | null; report: Report; stderr: string } {
  const run = lint(['--format', 'json', ...args], options);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const HAZARDS = 'CREATE INDEX orders_a ON orders (a);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n';
// missing-lock-timeout: a warning by default.
const WARNING_ONLY = 'ALTER TABLE users ADD COLUMN note text;\n';

describe('migrations lint: standard input', () => {
  it('lints - as a file named <stdin>, next to named files in the order given', () => {
    const file = write(join(dir, 'V1__file.sql'), 'CREATE TABLE t (id bigint);\n');
    const { code, report, stderr } = json(['-', file], { input: HAZARDS });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(report.files.map((f) => f.path)).toEqual(['<stdin>', file]);
    expect(report.files[0]!.findings.map((f) => [f.rule, f.line])).toEqual(
      expect.arrayContaining([
        ['non-concurrent-index', 1],
        ['set-not-null', 2],
      ]),
    );
  });

  it('refuses standard input above the size limit, and binary input, as it refuses such files', () => {
    write(join(dir, 'limits/.github/faultline.yml'), 'migrations:\n  max-file-size: 64\n');
    const tooLarge = json(['-'], { cwd: join(dir, 'limits'), input: `${HAZARDS}${HAZARDS}` });
    expect(tooLarge.code).toBe(1);
    expect(tooLarge.report.files[0]!.findings.map((f) => f.rule)).toEqual(['file-too-large']);
    const binary = json(['-'], { input: Buffer.from([0x50, 0x00, 0xff]) });
    expect(binary.report.files[0]!.findings.map((f) => f.rule)).toEqual(['not-utf8']);
  });

  it('refuses - twice, and - with a shadow run (which applies files), as usage errors', () => {
    expect(lint(['-', '-']).code).toBe(2);
    const shadow = lint(['--database-url', 'postgres://127.0.0.1:1/x', '-']);
    expect(shadow.code).toBe(2);
    expect(shadow.stderr).toMatch(/standard input/);
  });
});

describe('migrations lint --fail-on', () => {
  it('error (default) passes warnings; warning fails on them; never passes errors too', () => {
    expect(json(['-'], { input: WARNING_ONLY }).report.files[0]!.findings.length).toBeGreaterThan(0);
    expect(json(['-'], { input: WARNING_ONLY }).code).toBe(0);
    expect(json(['--fail-on', 'warning', '-'], { input: WARNING_ONLY }).code).toBe(1);
    expect(json(['--fail-on', 'never', '-'], { input: HAZARDS }).code).toBe(0);
    expect(json(['--fail-on', 'error', '-'], { input: HAZARDS }).code).toBe(1);
  });

  it('rejects any other severity with exit 2 and the accepted values', () => {
    const run = lint(['--fail-on', 'high', '-']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--fail-on must be error, warning or never/);
  });
});

describe('migrations lint --rule', () => {
  it('runs only the named rules (repeatable)', () => {
    const one = json(['--rule', 'set-not-null', '-'], { input: HAZARDS });
    expect(one.report.files[0]!.findings.map((f) => f.rule)).toEqual(['set-not-null']);
    const two = json(['--rule', 'set-not-null', '--rule', 'non-concurrent-index', '-'], { input: HAZARDS });
    expect(two.report.files[0]!.findings.map((f) => f.rule).sort()).toEqual(['non-concurrent-index', 'set-not-null']);
  });

  it('still reports what it could not check (a syntax error), and rejects an unknown rule id', () => {
    const broken = json(['--rule', 'set-not-null', '-'], { input: 'CREATE INDEX ON;\n' });
    expect(broken.report.files[0]!.findings.map((f) => f.rule)).toEqual(['syntax-error']);
    const unknown = lint(['--rule', 'no-such-rule', '-']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--rule: unknown rule id 'no-such-rule'/);
  });
});

describe('migrations lint config discovery', () => {
  it('finds .github/faultline.yml above the working directory, with its paths and excludes relative to that root', () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    write(join(repo, '.github/faultline.yml'), 'migrations:\n  paths: ["db/migrations/*.sql"]\n  exclude: ["db/migrations/V2__*"]\n');
    write(join(repo, 'db/migrations/V1__index.sql'), 'CREATE INDEX orders_a ON orders (a);\n');
    write(join(repo, 'db/migrations/V2__skipped.sql'), 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n');
    const sub = join(repo, 'services/api');
    mkdirSync(sub, { recursive: true });

    const { code, report, stderr } = json([], { cwd: sub });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(report.files.map((f) => f.path)).toEqual(['../../db/migrations/V1__index.sql']);
    // Named files from the subfolder get the config's excludes too.
    const named = json(['../../db/migrations'], { cwd: sub });
    expect(named.report.files.map((f) => f.path)).toEqual(['../../db/migrations/V1__index.sql']);
  });

  it('stops at the repository root: a config above it is not used', () => {
    write(join(dir, 'outer/.github/faultline.yml'), 'migrations:\n  paths: ["nothing/*.sql"]\n');
    const repo = join(dir, 'outer/repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const run = lint([], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no PATH given and no migrations\.paths/);
  });
});
