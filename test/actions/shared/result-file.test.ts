/**
 * Every action leaves a result file, whatever happens: its own verdict, or `verdict: error` with
 * the reason when it throws, ends without one, or is cancelled (SIGTERM from a cancel or
 * `timeout-minutes`), so the upload step always has a file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { ResultRecorder, recordResult } from '../../../actions/shared/result-file.ts';
import { FaultlineError } from '../../../core/errors.ts';
import { createResult, validateResult } from '../../../core/result.ts';

let workspace: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(workspace, { recursive: true, force: true });
});

function recorder(): ResultRecorder {
  return new ResultRecorder({
    kind: 'slo',
    name: 'slo-gate',
    workspace,
    defaultPath: 'faultline-slo-result.json',
    source: { repository: 'acme/shop', runId: '7' },
    errorRule: 'slo-gate-error',
  });
}

function written(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(workspace, 'faultline-slo-result.json'), 'utf8'));
}

describe('recordResult', () => {
  it('writes verdict error with the reason when the body throws, and rethrows', async () => {
    const error = new FaultlineError('input specs: is required in budget mode', { hint: 'list SLO spec files' });
    await expect(recordResult(recorder(), async () => Promise.reject(error))).rejects.toBe(error);
    const result = written();
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({
      kind: 'slo',
      name: 'slo-gate',
      verdict: 'error',
      summary: 'could not decide: input specs: is required in budget mode',
      source: { repository: 'acme/shop', runId: '7' },
      findings: [{ rule: 'slo-gate-error', severity: 'error', message: 'input specs: is required in budget mode\n  hint: list SLO spec files' }],
    });
  });

  it('says an unexpected exception is one, without its stack in the file', async () => {
    await expect(recordResult(recorder(), async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')")))).rejects.toThrow(TypeError);
    expect(written()).toMatchObject({ verdict: 'error', summary: "could not decide: unexpected error (please report it): Cannot read properties of undefined (reading 'x')" });
    expect(JSON.stringify(written())).not.toContain('    at ');
  });

  it('writes verdict error when the body ends without writing a result', async () => {
    await recordResult(recorder(), async () => {});
    expect(written()).toMatchObject({ verdict: 'error', summary: expect.stringContaining('ended without a verdict') });
  });

  it('keeps the result the body wrote, at the path the inputs named', async () => {
    const guard = recorder();
    await recordResult(guard, async () => {
      guard.setPath('out/slo.json');
      guard.write(createResult({ kind: 'slo', name: 'slo-gate', verdict: 'pass', startedAt: guard.startedAt, finishedAt: new Date(), source: guard.source }));
    });
    expect(JSON.parse(readFileSync(join(workspace, 'out/slo.json'), 'utf8')).verdict).toBe('pass');
    expect(existsSync(join(workspace, 'faultline-slo-result.json'))).toBe(false);
  });

  it('writes verdict error when the step is cancelled or times out (SIGTERM), and the process still ends', async () => {
    const script = join(workspace, 'action.ts');
    const shared = new URL('../../../actions/shared/result-file.ts', import.meta.url).pathname;
    writeFileSync(
      script,
      `import { ResultRecorder, recordResult } from ${JSON.stringify(shared)};
const recorder = new ResultRecorder({ kind: 'migrations', name: 'migration-gate', workspace: ${JSON.stringify(workspace)}, defaultPath: 'r.json', source: {}, errorRule: 'migration-gate-error' });
await recordResult(recorder, () => { process.stdout.write('started\\n'); return new Promise(() => setInterval(() => {}, 1000)); });
`,
    );
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect([code, signal]).toEqual([143, null]);
    expect(JSON.parse(readFileSync(join(workspace, 'r.json'), 'utf8'))).toMatchObject({
      kind: 'migrations',
      verdict: 'error',
      summary: 'could not decide: the step was cancelled or timed out (SIGTERM) before it could decide',
    });
  });
});
