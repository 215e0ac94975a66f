/**
 * The runner against small fake executables on PATH that behave like the real tools: the same
 * arguments, the same output files, the same exit codes (snyk 0/1 found/2 failure/3 no project,
 * checkov 0/1, tflint 0/2 issues/1 errors), and the real outputs from test/fixtures/scanners.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../../core/security/runner.ts';
import { FIXTURES } from './fixtures.ts';

let bin: string;
let repo: string;

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'faultline-fake-bin-'));
  repo = mkdtempSync(join(tmpdir(), 'faultline-repo-'));
});
afterEach(() => {
  rmSync(bin, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
});

function fake(name: string, body: string): void {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

const env = (extra: Record<string, string> = {}) => ({ PATH: `${bin}:/usr/bin:/bin`, ...extra });

/** snyk: --json-file-output=FILE gets the report; --version prints the CLI's version. */
function fakeSnyk(fixture: string | undefined, code: number, stderr = ''): void {
  fake(
    'snyk',
    `if [ "$1" = "--version" ]; then echo "1.1290.0"; exit 0; fi
for arg in "$@"; do case "$arg" in --json-file-output=*) out="\${arg#--json-file-output=}";; esac; done
${fixture ? `cp "${FIXTURES}${fixture}" "$out"` : ''}
${stderr ? `echo "${stderr}" >&2` : ''}
exit ${code}`,
  );
}

/** checkov: -o json --output-file-path DIR writes DIR/results_json.json. */
function fakeCheckov(fixture: string | undefined, code: number): void {
  fake(
    'checkov',
    `if [ "$1" = "--version" ]; then echo "2.2.34"; exit 0; fi
while [ $# -gt 0 ]; do if [ "$1" = "--output-file-path" ]; then dir="$2"; fi; shift; done
${fixture ? `cp "${FIXTURES}${fixture}" "$dir/results_json.json"` : 'echo "Traceback (most recent call last): KeyError" >&2'}
exit ${code}`,
  );
}

/** tflint: --format json prints the report on stdout. */
function fakeTflint(fixture: string, code: number): void {
  fake('tflint', `if [ "$1" = "--version" ]; then echo "TFLint version 0.50.3"; exit 0; fi\ncat "${FIXTURES}${fixture}"\nexit ${code}`);
}

const context = () => ({ root: repo });

describe('running snyk', () => {
  it('reads its report on exit 1 (vulnerabilities found), with the version from snyk --version', async () => {
    fakeSnyk('snyk/snyk-test-json-npm-multi-project.json', 1);
    const ran = await runTool('snyk', { cwd: repo, env: env({ SNYK_TOKEN: 't' }), context: context() });
    expect(ran.errors).toEqual([]);
    expect(ran.exitCode).toBe(1);
    expect(ran.version).toBe('1.1290.0');
    expect(ran.reports).toEqual([expect.objectContaining({ tool: 'snyk', source: 'run:snyk', version: '1.1290.0' })]);
    expect(ran.reports[0]!.findings).toHaveLength(9);
  });

  it('reads a clean report on exit 0', async () => {
    writeFileSync(join(bin, 'clean.json'), JSON.stringify({ ok: true, vulnerabilities: [], displayTargetFile: 'package-lock.json', path: repo }));
    fake('snyk', `for arg in "$@"; do case "$arg" in --json-file-output=*) cp "${bin}/clean.json" "\${arg#--json-file-output=}";; esac; done\nexit 0`);
    const ran = await runTool('snyk', { cwd: repo, env: env({ SNYK_TOKEN: 't' }), context: context() });
    expect(ran.errors).toEqual([]);
    expect(ran.reports[0]!.findings).toEqual([]);
  });

  it('is an error on exit 2 (failure) with the tail of its output, and on exit 3 (no supported project)', async () => {
    fakeSnyk(undefined, 2, 'Authentication failed. Please check the API token on https://snyk.io');
    const failed = await runTool('snyk', { cwd: repo, env: env({ SNYK_TOKEN: 't' }), context: context() });
    expect(failed.reports).toEqual([]);
    expect(failed.errors[0]!.message).toBe('snyk failed (exit 2); re-run with -d for its debug log:\nAuthentication failed. Please check the API token on https://snyk.io');
    fakeSnyk(undefined, 3);
    const none = await runTool('snyk', { cwd: repo, env: env({ SNYK_TOKEN: 't' }), context: context() });
    expect(none.errors[0]!.message).toBe('snyk found no supported project to test (exit 3)');
  });

  it('is an error without SNYK_TOKEN, before starting it', async () => {
    fakeSnyk('snyk/snyk-test-json-npm-multi-project.json', 1);
    const ran = await runTool('snyk', { cwd: repo, env: env(), context: context() });
    expect(ran.errors[0]!.message).toMatch(/^snyk was asked to run but SNYK_TOKEN is not set; install the Snyk CLI/);
  });
});

describe('running checkov', () => {
  it('reads results_json.json on exit 1 (failed checks)', async () => {
    fakeCheckov('checkov/checkov-json-multi-framework-terraform-dockerfile.json', 1);
    const ran = await runTool('checkov', { cwd: repo, env: env(), context: context() });
    expect(ran.errors).toEqual([]);
    expect(ran.reports[0]).toMatchObject({ tool: 'checkov', version: '2.0.209' });
    expect(ran.reports[0]!.findings).toHaveLength(13);
  });

  it('is an error when it exits 1 without a report (a crash), with its stderr', async () => {
    fakeCheckov(undefined, 1);
    const ran = await runTool('checkov', { cwd: repo, env: env(), context: context() });
    expect(ran.errors[0]!.message).toBe('checkov exited with 1 but wrote no report (results_json.json):\nTraceback (most recent call last): KeyError');
  });

  it('is an error on an exit code that is not "scan completed"', async () => {
    fakeCheckov('checkov/checkov-json-terraform-4-failed-with-severity.json', 2);
    const ran = await runTool('checkov', { cwd: repo, env: env(), context: context() });
    expect(ran.reports).toEqual([]);
    expect(ran.errors[0]!.message).toMatch(/^checkov exited with 2, which is not one of its "scan completed" codes \(0, 1\)/);
  });
});

describe('running tflint', () => {
  it('reads stdout on exit 2 (issues found)', async () => {
    fakeTflint('tflint/tflint-json-module-issues-with-callers.json', 2);
    const ran = await runTool('tflint', { cwd: repo, env: env(), context: context() });
    expect(ran.errors).toEqual([]);
    expect(ran.version).toBe('0.50.3');
    expect(ran.reports[0]!.findings).toHaveLength(4);
  });

  it('is an error on exit 1, reporting the errors tflint printed', async () => {
    fakeTflint('tflint/tflint-json-recursive-errors-no-range.json', 1);
    const ran = await runTool('tflint', { cwd: repo, env: env(), context: context() });
    expect(ran.reports).toEqual([]);
    expect(ran.errors.map((e) => e.message.split('\n')[0])).toEqual([
      'tflint reported errors (exit 1):',
      'Failed to run in subdir2; exit status 1',
      'Failed to run in subdir1; exit status 1',
    ]);
  });
});

describe('running any tool', () => {
  it('is an error when the tool is not on PATH, naming how to install it', async () => {
    const ran = await runTool('tflint', { cwd: repo, env: env(), context: context() });
    expect(ran.errors).toEqual([{ tool: 'tflint', code: 'tool-run', message: 'tflint was asked to run but is not installed or not on PATH; install tflint (terraform-linters/setup-tflint) and run tflint --init for its plugins' }]);
  });

  it('stops a tool that does not finish in time', async () => {
    fake('tflint', 'exec sleep 30');
    const started = Date.now();
    const ran = await runTool('tflint', { cwd: repo, env: env(), context: context(), timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ran.errors[0]!.message).toBe('tflint did not finish within 0.3 s and was stopped');
  });

  it('is an error when the report is not the tool\'s output', async () => {
    fake('tflint', 'echo "Usage: tflint [OPTIONS]"; exit 0');
    const ran = await runTool('tflint', { cwd: repo, env: env(), context: context() });
    expect(ran.errors[0]!.message).toMatch(/^tflint exited with 0 but its report could not be read: not valid JSON/);
  });
});
