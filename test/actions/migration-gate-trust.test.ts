/**
 * The migration gate against a hostile checkout: whatever the files do, the step leaves a result
 * file (verdict error with the reason) or refuses, naming the path, to write through a link out of
 * the workspace; the result names the config it was produced under.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../actions/migration-gate/src/run.ts';
import { validateResult } from '../../core/result.ts';
import { runActionInProcess } from '../support/action-run.ts';

const SAFE = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";
const DEFAULTS = { 'changed-only': 'false', 'fail-on': 'error', 'sarif-file': 'faultline-migrations.sarif', config: '.github/faultline.yml', paths: 'db/*.sql' };

let workspace: string;
let outside: string;

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(workspace, path, '..'), { recursive: true });
  writeFileSync(join(workspace, path), content);
}

// @actions/core's summary remembers its file after first use: one for the whole file.
const runnerDir = mkdtempSync(join(tmpdir(), 'faultline-runner-'));
const summaryFile = join(runnerDir, 'summary.md');
writeFileSync(summaryFile, '');
afterAll(() => rmSync(runnerDir, { recursive: true, force: true }));
const gate = (inputs: Record<string, string> = {}) => runActionInProcess(run, workspace, { ...DEFAULTS, ...inputs }, { GITHUB_STEP_SUMMARY: summaryFile });
const resultIn = () => JSON.parse(readFileSync(join(workspace, 'faultline-migrations-result.json'), 'utf8'));

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'faultline-outside-'));
  writeFileSync(join(outside, 'target'), 'untouched\n');
  write('db/V1__index.sql', SAFE);
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('migration gate: the result file is always there, and only there', () => {
  it('refuses to write its result through a symlink pointing outside GITHUB_WORKSPACE, naming the path', async () => {
    symlinkSync(join(outside, 'target'), join(workspace, 'faultline-migrations-result.json'));
    const { exitCode, stdout } = await gate();
    expect(exitCode).toBe(1);
    // Paths inside the workspace are shown as the repository names them.
    expect(stdout).toContain(`::error::result file: refusing faultline-migrations-result.json: faultline-migrations-result.json is a symbolic link to ${join(outside, 'target')}, outside the workspace ${workspace}`);
    expect(readFileSync(join(outside, 'target'), 'utf8')).toBe('untouched\n');
  });

  it('refuses a SARIF path that links out, and leaves a result file saying why', async () => {
    symlinkSync(outside, join(workspace, 'reports'));
    const { exitCode, result } = await gate({ 'sarif-file': 'reports/gate.sarif' });
    expect(exitCode).toBe(1);
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ verdict: 'error', summary: expect.stringMatching(/sarif-file: refusing .*reports\/gate\.sarif: .*reports is a symbolic link to .*, outside the workspace/) });
    expect(readFileSync(join(outside, 'target'), 'utf8')).toBe('untouched\n');
  });

  it('refuses a SARIF path with .. leading out of the workspace', async () => {
    const { exitCode, result } = await gate({ 'sarif-file': '../gate.sarif' });
    expect(exitCode).toBe(1);
    expect(result).toMatchObject({ verdict: 'error', summary: expect.stringContaining("input sarif-file: '../gate.sarif' is outside the workspace") });
  });

  it.each([
    ['a config that is not UTF-8', Buffer.from([0x6d, 0x69, 0x67, 0xff, 0xfe, 0x0a]), /\.github\/faultline\.yml: is not UTF-8 text/],
    ['an invalid config', 'migrations:\n  fail-on: never\n', /invalid Faultline config/],
    ['a config with an unknown shadow-from', 'migrations:\n  shadow-from: production\n', /shadow-from/],
  ])('leaves verdict error with the reason for %s', async (_name, config, reason) => {
    write('.github/faultline.yml', config);
    const { exitCode } = await gate();
    expect(exitCode).toBe(1);
    const result = resultIn();
    expect(validateResult(result)).toEqual([]);
    expect(result.verdict).toBe('error');
    expect(result.findings[0]).toMatchObject({ rule: 'migration-gate-error', severity: 'error', message: expect.stringMatching(reason) });
  });

  it('leaves verdict error for a bad input, and for a migration file that is binary', async () => {
    expect((await gate({ 'fail-on': 'sometimes' })).result).toMatchObject({ verdict: 'error', summary: expect.stringContaining('input fail-on') });
    write('db/V2__blob.sql', Buffer.from([0x00, 0x01, 0x02]));
    const binary = await gate();
    expect(binary.exitCode).toBe(1);
    expect(resultIn().verdict).toMatch(/^(error|fail)$/);
  });

  it('names the config it read, by path and git blob SHA, so the app can compare it with the default branch', async () => {
    const config = 'migrations:\n  rules:\n    prefer-text: off\n';
    write('.github/faultline.yml', config);
    const { exitCode, result, stdout } = await gate();
    expect(stdout).not.toContain('::error::');
    expect(exitCode).toBeUndefined();
    const blob = execFileSync('git', ['hash-object', join(workspace, '.github/faultline.yml')], { encoding: 'utf8' }).trim();
    expect(result.source).toMatchObject({ configPath: '.github/faultline.yml', configSha: blob });
  });

  it('refuses shadow-from values it does not know, and a dump outside the workspace', async () => {
    const unknown = await gate({ 'database-url': 'postgres://postgres@127.0.0.1:1/postgres', 'shadow-from': 'prod' });
    expect(unknown.result).toMatchObject({ verdict: 'error', summary: expect.stringContaining("input shadow-from: expected template, empty or dump:FILE, got 'prod'") });
    const escaping = await gate({ 'database-url': 'postgres://postgres@127.0.0.1:1/postgres', 'shadow-from': 'dump:../schema.sql' });
    expect(escaping.result).toMatchObject({ verdict: 'error', summary: expect.stringContaining("'../schema.sql' is outside the workspace") });
  });
});
