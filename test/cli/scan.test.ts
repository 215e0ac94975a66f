import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { validateResult } from '../../core/result.ts';
import { expectValidSarif } from '../support/sarif-schema.ts';

const FIXTURES = new URL('../fixtures/scanners/', import.meta.url).pathname;
let dir: string;

function fixture(name: string, as = name.split('/').pop()!): string {
  copyFileSync(join(FIXTURES, name), join(dir, as));
  return as;
}

async function faultline(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const io: CliIO = { stdout, stderr, colour: false, cwd: dir, env };
  const code = await main(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-scan-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline scan', () => {
  it('exits 1 on new findings at or above --fail-on, listing them', async () => {
    const run = await faultline(['scan', fixture('checkov/checkov-json-terraform-4-failed-with-severity.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('gcs.tf:17  high  checkov:CKV_GCP_28');
    expect(run.stdout).toContain('fail: 1 new high in checkov (fail-on: high); no baseline: every finding is judged as new');
  });

  it('exits 0 when the same findings are in the baseline it wrote on the base branch', async () => {
    const snyk = fixture('snyk/snyk-test-json-npm-multi-project.json', 'snyk.json');
    const tflint = fixture('tflint/tflint-json-module-issues-with-callers.json', 'tflint.json');
    const base = await faultline(['scan', '--snyk', snyk, '--tflint', tflint, '--format', 'json', '--output', 'base/result.json']);
    expect(base.code).toBe(1);
    const result = JSON.parse(readFileSync(join(dir, 'base/result.json'), 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result.details).toMatchObject({ new: 13, fixed: 0 });

    const again = await faultline(['scan', '--snyk', snyk, '--tflint', tflint, '--baseline', 'base/result.json']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 new, 0 fixed, 13 unchanged, 0 suppressed');
  });

  it('counts findings fixed since the baseline', async () => {
    const multi = fixture('snyk/snyk-test-json-npm-multi-project.json', 'before.json');
    await faultline(['scan', multi, '--format', 'json', '--output', 'base.json']);
    const single = fixture('snyk/snyk-test-json-npm-single-project.json', 'after.json');
    // The single-project scan is app-1 alone, its lock file now at the root: app-1's 7 findings are
    // unchanged (moved), app-2's 2 are fixed.
    const run = await faultline(['scan', single, '--baseline', 'base.json', '--all']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 new, 2 fixed, 7 unchanged, 0 suppressed');
    expect(run.stdout).toContain('app-2/package-lock.json  high  snyk:SNYK-JS-ANSIREGEX-1583908');
    expect(run.stdout.match(/\[fixed\]/g)).toHaveLength(2);
  });

  it('writes SARIF 2.1.0 for upload-sarif', async () => {
    const run = await faultline(['scan', fixture('snyk/snyk-code-sarif.json'), fixture('checkov/checkov-sarif-docs-example.json'), '--format', 'sarif', '--fail-on', 'critical']);
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout);
    expectValidSarif(log);
    expect(log.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name)).toEqual(['SnykCode', 'Checkov']);
  });

  it('applies security.ignore from .github/faultline.yml in the root', async () => {
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/faultline.yml'), 'security:\n  ignore:\n    - rule: checkov:CKV_GCP_28\n      reason: the website bucket is public on purpose\n');
    const run = await faultline(['scan', fixture('checkov/checkov-json-terraform-4-failed-with-severity.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 new, 0 fixed, 0 unchanged, 1 suppressed');
  });

  it('exits 2 when a scanner could not check a file', async () => {
    const run = await faultline(['scan', '--tflint', fixture('tflint/tflint-json-recursive-errors-no-range.json')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/error: tflint: Failed to run in subdir/);
  });

  it('exits 2 with the file and what to do for bad input', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"issues": [');
    const broken = await faultline(['scan', 'broken.json']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/faultline scan: broken\.json:1:\d+: not valid JSON/);

    const mislabelled = await faultline(['scan', '--checkov', fixture('tflint/tflint-json-empty.json')]);
    expect(mislabelled.code).toBe(2);
    expect(mislabelled.stderr).toContain('this is tflint output, but it was given as checkov output');

    const missing = await faultline(['scan', '--snyk', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read the scanner output (ENOENT)');

    expect((await faultline(['scan', '--fail-on', 'severe', 'x.json'])).stderr).toContain("--fail-on: expected one of critical, high, medium, low, info, got 'severe'");
    expect((await faultline(['scan', '--run', 'trivy'])).stderr).toContain("--run: unknown tool 'trivy'");
    expect((await faultline(['scan'])).code).toBe(2);
  });

  it('exits 2 when a tool it was asked to run is not installed', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'faultline-nopath-'));
    try {
      const run = await faultline(['scan', '--run', 'checkov,tflint'], { PATH: empty });
      expect(run.code).toBe(2);
      expect(run.stdout).toContain('checkov was asked to run but is not installed or not on PATH; install checkov');
      expect(run.stdout).toContain('tflint was asked to run but is not installed or not on PATH');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
