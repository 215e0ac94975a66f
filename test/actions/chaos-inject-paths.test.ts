/**
 * chaos-inject against a hostile checkout: its paths (experiment, journal, ledger, result, config)
 * stay inside the workspace, no symbolic link leads a read or a write out of it, and whatever goes
 * wrong the step leaves a result file with verdict error and the reason.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../actions/chaos-inject/src/run.ts';
import { validateResult } from '../../core/result.ts';
import { runActionInProcess } from '../support/action-run.ts';

const EXPERIMENT = `title: dry
description: plan only
tags: [owner:sre]
method:
  - type: action
    name: noop
    provider: { type: process, path: "true" }
`;

let workspace: string;
let outside: string;
const runnerDir = mkdtempSync(join(tmpdir(), 'faultline-runner-'));
const summaryFile = join(runnerDir, 'summary.md');
writeFileSync(summaryFile, '');
afterAll(() => rmSync(runnerDir, { recursive: true, force: true }));

const chaos = (inputs: Record<string, string>) =>
  runActionInProcess(run, workspace, { 'dry-run': 'true', config: '.github/faultline.yml', ...inputs }, { GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: runnerDir });
const resultIn = (path = 'faultline-chaos-result.json') => JSON.parse(readFileSync(join(workspace, path), 'utf8'));

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'faultline-outside-'));
  writeFileSync(join(workspace, 'experiment.yaml'), EXPERIMENT);
  writeFileSync(join(outside, 'experiment.yaml'), EXPERIMENT);
  writeFileSync(join(outside, 'target'), 'untouched\n');
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('chaos-inject paths stay inside the workspace', () => {
  it('plans a dry run with paths inside it', async () => {
    const { exitCode, result } = await chaos({ experiment: 'experiment.yaml' });
    expect(exitCode).toBeUndefined();
    expect(result).toMatchObject({ kind: 'chaos', verdict: 'neutral' });
  });

  it.each([
    ['an absolute experiment path outside it', { experiment: '<outside>/experiment.yaml' }, /input experiment: '.*experiment\.yaml' is outside the workspace/],
    ['an experiment path escaping with ..', { experiment: '../experiment.yaml' }, /input experiment: '\.\.\/experiment\.yaml' is outside the workspace/],
    ['a journal path escaping with ..', { experiment: 'experiment.yaml', 'journal-path': '../../journal.json' }, /input journal-path: '\.\.\/\.\.\/journal\.json' is outside the workspace/],
    ['an absolute ledger path outside it', { experiment: 'experiment.yaml', 'ledger-path': '/tmp/ledger.json' }, /input ledger-path: '\/tmp\/ledger\.json' is outside the workspace/],
    ['a config path outside it', { experiment: 'experiment.yaml', config: '../faultline.yml' }, /input config: '\.\.\/faultline\.yml' is outside the workspace/],
  ])('refuses %s, with a result file saying why', async (_name, inputs, reason) => {
    const given = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.replace('<outside>', outside)]));
    const { exitCode, outputs } = await chaos(given);
    expect(exitCode).toBe(1);
    expect(outputs.status).toBe('error');
    const result = resultIn();
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'chaos', verdict: 'error', findings: [expect.objectContaining({ rule: 'chaos-inject-error', message: expect.stringMatching(reason) })] });
  });

  it('refuses an experiment that is a symbolic link out of the workspace', async () => {
    symlinkSync(join(outside, 'experiment.yaml'), join(workspace, 'linked.yaml'));
    const { exitCode } = await chaos({ experiment: 'linked.yaml' });
    expect(exitCode).toBe(1);
    expect(resultIn().summary).toMatch(/refusing linked\.yaml: .* is a symbolic link to .*outside the workspace/);
  });

  it('refuses to write its result through a symbolic link out of the workspace', async () => {
    symlinkSync(join(outside, 'target'), join(workspace, 'faultline-chaos-result.json'));
    const { exitCode, stdout } = await chaos({ experiment: 'experiment.yaml' });
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/::error::result file: refusing .*faultline-chaos-result\.json: .* is a symbolic link to .*target, outside the workspace/);
    expect(readFileSync(join(outside, 'target'), 'utf8')).toBe('untouched\n');
  });

  it('leaves verdict error for an experiment that is not UTF-8', async () => {
    writeFileSync(join(workspace, 'latin1.yaml'), Buffer.from('title: caf\xe9\n', 'latin1'));
    const { exitCode } = await chaos({ experiment: 'latin1.yaml' });
    expect(exitCode).toBe(1);
    expect(resultIn()).toMatchObject({ verdict: 'error', summary: 'could not decide: latin1.yaml: is not UTF-8 text' });
  });
});
