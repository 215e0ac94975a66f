/**
 * The committed bundle (actions/security-gate/dist/index.js) run the way the runner runs it: its
 * own Node process, INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and the tools
 * it is asked to run on PATH — here fake checkov and tflint executables with the real tools'
 * arguments, output files and exit codes (checkov 1: failed checks; tflint 2: issues found).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateResult } from '../../core/result.ts';
import { readOutputs } from '../support/action-run.ts';
import { expectValidSarif } from '../support/sarif-schema.ts';

const BUNDLE = new URL('../../actions/security-gate/dist/index.js', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/scanners/', import.meta.url).pathname;

function runBundle(workspace: string, bin: string, inputs: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:/usr/bin:/bin`,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(workspace, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'),
    GITHUB_REPOSITORY: 'acme/shop',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  writeFileSync(env.GITHUB_OUTPUT!, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '');
  const child = spawn(process.execPath, [BUNDLE], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

describe('actions/security-gate dist bundle', () => {
  let workspace: string;
  let bin: string;
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'faultline-security-dist-'));
    bin = join(workspace, '.bin');
    mkdirSync(bin);
    const tool = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    tool('checkov', `if [ "$1" = "--version" ]; then echo 2.2.34; exit 0; fi\nwhile [ $# -gt 0 ]; do if [ "$1" = "--output-file-path" ]; then dir="$2"; fi; shift; done\ncp "${FIXTURES}checkov/checkov-json-terraform-4-failed-with-severity.json" "$dir/results_json.json"\nexit 1`);
    tool('tflint', `if [ "$1" = "--version" ]; then echo "TFLint version 0.50.3"; exit 0; fi\ncat "${FIXTURES}tflint/tflint-json-bundled-ruleset-6-warnings.json"\nexit 2`);
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('runs checkov and tflint, reads their outputs, and fails on the new high finding', async () => {
    const { code, stdout } = await runBundle(workspace, bin, { run: 'checkov, tflint', 'fail-on': 'high', 'sarif-file': 'security.sarif', 'result-file': 'faultline-security-result.json', config: '.github/faultline.yml' });
    expect(code).toBe(1);
    const outputs = readOutputs(join(workspace, 'output.txt'));
    expect(outputs).toMatchObject({ verdict: 'fail', new: '10', fixed: '0' });
    expect(stdout).toContain('checkov exited 1: 4 finding(s)');
    expect(stdout).toContain('tflint exited 2: 6 finding(s)');
    const result = JSON.parse(readFileSync(join(workspace, 'faultline-security-result.json'), 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result.tool.components).toMatchObject({ checkov: '2.2.34', tflint: '0.50.3' });
    expectValidSarif(JSON.parse(readFileSync(join(workspace, 'security.sarif'), 'utf8')));
  });
});
