/**
 * The security gate as the runner drives it: INPUT_* variables, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, scanner outputs in the workspace, workflow commands on stdout.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../actions/security-gate/src/run.ts';
import { validateResult } from '../../core/result.ts';
import { runActionInProcess } from '../support/action-run.ts';
import { expectValidSarif } from '../support/sarif-schema.ts';

const FIXTURES = new URL('../fixtures/scanners/', import.meta.url).pathname;

describe('actions/security-gate', () => {
  let workspace: string;

  // One workspace for all: @actions/core keeps the job summary's path after the first write.
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'faultline-security-gate-'));
    mkdirSync(join(workspace, 'scans'));
    copyFileSync(join(FIXTURES, 'checkov/checkov-json-terraform-4-failed-with-severity.json'), join(workspace, 'scans/checkov.json'));
    copyFileSync(join(FIXTURES, 'tflint/tflint-json-info-and-warning.json'), join(workspace, 'scans/tflint.json'));
    copyFileSync(join(FIXTURES, 'snyk/snyk-code-sarif.json'), join(workspace, 'scans/snyk-code.sarif'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  const gate = (inputs: Record<string, string>, env: Record<string, string> = {}) => runActionInProcess(run, workspace, inputs, env);

  it('fails on new findings at or above fail-on, with annotations on new findings, SARIF, summary and result file', async () => {
    const { outputs, summary, stdout, exitCode, result } = await gate({
      'checkov-json': 'scans/checkov.json',
      'tflint-json': 'scans/tflint.json',
      sarif: 'scans/*.sarif',
      'sarif-file': 'out/security.sarif',
    });
    expect(exitCode).toBe(1);
    expect(outputs).toMatchObject({ verdict: 'fail', new: '14', fixed: '0', 'result-file': join(workspace, 'faultline-security-result.json') });
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'security', verdict: 'fail', source: { repository: 'acme/shop' } });
    expect(stdout).toContain('::error title=checkov%3ACKV_GCP_28 (high%2C new),file=gcs.tf,line=17::Ensure that Cloud Storage bucket is not anonymously');
    // Every new finding with a file is annotated: 4 checkov, 3 tflint, 7 Snyk Code.
    expect(stdout.match(/^::(error|warning|notice) title=/gm)).toHaveLength(14);
    expect(stdout).toContain('::error::security gate fail: 1 new high in checkov, 3 new high in snyk (fail-on: high)');
    expect(summary).toContain('## ❌ Security gate: fail');
    expectValidSarif(JSON.parse(readFileSync(join(workspace, 'out/security.sarif'), 'utf8')));
  });

  it('passes against the base branch\'s result file when nothing is new, and counts what was fixed', async () => {
    const base = await gate({ 'checkov-json': 'scans/checkov.json', 'tflint-json': 'scans/tflint.json', 'result-file': 'base/faultline-security-result.json' });
    expect(base.outputs.verdict).toBe('fail');
    const { outputs, exitCode, summary, stdout, result } = await gate({ 'checkov-json': 'scans/checkov.json', baseline: 'base/faultline-security-result.json' });
    expect(exitCode).toBeUndefined();
    // A committed baseline is named by its repository path: the app rejects the result when the pull request edits that file.
    expect(result.details).toMatchObject({ baseline: { file: 'base/faultline-security-result.json' } });
    // Unchanged findings are not annotated.
    expect(stdout).not.toMatch(/^::(error|warning|notice) title=/m);
    expect(outputs).toMatchObject({ verdict: 'pass', new: '0', fixed: '3' });
    expect(summary).toContain('### Fixed');
  });

  it('applies suppressions from the config file', async () => {
    mkdirSync(join(workspace, '.github'));
    writeFileSync(join(workspace, '.github/faultline.yml'), 'security:\n  ignore:\n    - rule: checkov:CKV_GCP_28\n      reason: website bucket, reviewed\n');
    try {
      const { outputs } = await gate({ 'checkov-json': 'scans/checkov.json' });
      expect(outputs).toMatchObject({ verdict: 'pass', new: '3' });
    } finally {
      rmSync(join(workspace, '.github'), { recursive: true, force: true });
    }
  });

  it('writes a result file with verdict error when an input matches no file', async () => {
    const { outputs, exitCode, stdout, result, summary } = await gate({ 'snyk-json': 'scans/snyk-*.json' });
    expect(exitCode).toBe(1);
    expect(outputs.verdict).toBe('error');
    expect(stdout).toContain('input snyk-json: \\"scans/snyk-*.json\\" matches no file in the workspace'.replace(/\\"/g, '"'));
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'security', verdict: 'error' });
    expect(summary).toContain('### ❌ security-gate: could not decide');
  });

  it('is an error, not a pass, when nothing is given or a file is not scanner output', async () => {
    expect((await gate({})).outputs.verdict).toBe('error');
    writeFileSync(join(workspace, 'scans/other.json'), '{"hello": "world"}');
    const other = await gate({ sarif: 'scans/other.json' });
    expect(other.outputs.verdict).toBe('error');
    expect(other.stdout).toContain('not a snyk, checkov, tflint or SARIF output');
  });

  it('is an error when a tool it must run is not installed', async () => {
    const { outputs, result } = await gate({ run: 'tflint' }, { PATH: join(workspace, 'no-bin') });
    expect(outputs.verdict).toBe('error');
    expect(JSON.stringify(result)).toContain('tflint was asked to run but is not installed or not on PATH');
  });
});
