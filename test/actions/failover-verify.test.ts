/**
 * actions/failover-verify driven the way the runner drives it (INPUT_*, GITHUB_OUTPUT, the job
 * summary), against a local HTTP service with an async replica: outputs, the result file on every
 * path (met, breached, bad input), secrets masked, and the post step ending what a killed main
 * step left running.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUp } from '../../actions/failover-verify/src/cleanup.ts';
import { leftoverPaths } from '../../actions/failover-verify/src/inputs.ts';
import { run } from '../../actions/failover-verify/src/run.ts';
import { ProcessList } from '../../core/failover/processes.ts';
import { validateResult } from '../../core/result.ts';
import { runActionInProcess } from '../support/action-run.ts';
import { type HeartbeatService, startHeartbeatService } from '../support/heartbeat-service.ts';

/** Processes of a group still running (zombies waiting for init to reap them have ended). */
function liveMembers(pgid: number): number[] {
  const live: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') live.push(Number(entry));
    } catch {
      // gone while we looked
    }
  }
  return live;
}

let workspace: string;
let service: HeartbeatService | undefined;

// One workspace for the file: @actions/core keeps the job summary's path once it has used it.
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-failover-action-'));
});
afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
});
afterEach(async () => {
  await service?.close();
  service = undefined;
});

function drill(url: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: 'checkout api failover',
    objectives: { rto: '5s', rpo: '1s' },
    writer: { interval: '50ms', timeout: '500ms', http: { url: `${url}/heartbeat`, headers: { authorization: `Bearer \${HEARTBEAT_TOKEN}` }, readback: { url: `${url}/heartbeat/{id}` } } },
    fault: { command: ['curl', '-sf', '-X', 'POST', `${url}/fail`] },
    recovery: { timeout: '10s', settle: '500ms' },
    ...overrides,
  });
}

describe('failover-verify action', () => {
  it('measures the drill, sets the outputs, writes result, report and a job summary with the timeline, masking secrets', async () => {
    service = await startHeartbeatService({ lagMs: 200, downMs: 600 });
    writeFileSync(join(workspace, 'drill.json'), drill(service.url));
    const outcome = await runActionInProcess(run, workspace, { config: 'drill.json', 'result-path': 'out/result.json', 'report-path': 'out/drill.md' }, { HEARTBEAT_TOKEN: 'tok-s3cret', RUNNER_TEMP: workspace });

    expect(outcome.exitCode).toBeUndefined();
    expect(outcome.outputs.verdict).toBe('met');
    expect(Number(outcome.outputs['rto-seconds'])).toBeGreaterThanOrEqual(0.6);
    const truth = service.loss();
    expect(truth.lostWrites).toBeGreaterThan(0);
    // The service shares this process: when the verifier spawns the fault command, its event loop
    // stalls and it reads the in-flight write's acknowledgement late, which can only make the newest
    // lost write look later (a conservative RPO). Hence the wider bound above than below.
    expect(Number(outcome.outputs['rpo-seconds'])).toBeGreaterThanOrEqual(truth.rpoSeconds - 0.1);
    expect(Number(outcome.outputs['rpo-seconds'])).toBeLessThanOrEqual(truth.rpoSeconds + 0.5);
    expect(outcome.result).toMatchObject({ details: { lostWrites: truth.lostWrites } });
    expect(outcome.outputs['result-file']).toBe(join(workspace, 'out/result.json'));
    expect(validateResult(outcome.result)).toEqual([]);
    expect(outcome.result).toMatchObject({ kind: 'failover', verdict: 'pass', source: { repository: 'acme/shop' }, details: { config: 'drill.json' } });
    expect(outcome.summary).toContain('```mermaid\ntimeline');
    expect(outcome.summary).toMatch(/\| RPO \| 1 s \| [\d.]+ s \| ✅ met \|/);
    expect(readFileSync(join(workspace, 'out/drill.md'), 'utf8')).toBe(outcome.summary);
    expect(outcome.stdout).toContain('::add-mask::tok-s3cret');
    // The token reached the service as the header, never the log.
    expect(outcome.stdout.replace('::add-mask::tok-s3cret', '')).not.toContain('tok-s3cret');
  });

  it('fails with verdict breached when writes never recover within recovery.timeout', async () => {
    service = await startHeartbeatService({ lagMs: 0, downMs: 60_000 });
    writeFileSync(join(workspace, 'drill.json'), drill(service.url, { recovery: { timeout: '1s', settle: '200ms' } }));
    const outcome = await runActionInProcess(run, workspace, { config: 'drill.json' }, { HEARTBEAT_TOKEN: 't', RUNNER_TEMP: workspace });

    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs).toMatchObject({ verdict: 'breached', 'rto-seconds': '', 'rpo-seconds': '' });
    expect(outcome.result).toMatchObject({ kind: 'failover', verdict: 'fail', findings: [{ rule: 'failover-not-recovered' }] });
    expect(outcome.stdout).toMatch(/::error::failover drill breached: never recovered: no acknowledged write for .* past recovery\.timeout \(1 s\); last error: HTTP 503/);
  });

  it('writes an error result for a bad drill file and for a variable the environment lacks', async () => {
    writeFileSync(join(workspace, 'drill.yaml'), 'name: x\nobjectives: {rto: soon}\n');
    const bad = await runActionInProcess(run, workspace, { config: 'drill.yaml' }, { RUNNER_TEMP: workspace });
    expect(bad.exitCode).toBe(1);
    expect(bad.outputs.verdict).toBe('error');
    expect(validateResult(bad.result)).toEqual([]);
    expect(bad.result).toMatchObject({ kind: 'failover', verdict: 'error', findings: [{ rule: 'failover-error', message: expect.stringContaining('drill.yaml:2:19') }] });

    writeFileSync(join(workspace, 'drill.json'), drill('http://127.0.0.1:9'));
    const missing = await runActionInProcess(run, workspace, { config: 'drill.json' }, { RUNNER_TEMP: workspace });
    expect(missing.result).toMatchObject({ verdict: 'error', summary: expect.stringContaining('invalid drill (1 problem)') });
    expect(missing.stdout).toContain(`\${HEARTBEAT_TOKEN} is not set in the environment`);

    const noConfig = await runActionInProcess(run, workspace, {}, { RUNNER_TEMP: workspace });
    expect(noConfig.result).toMatchObject({ verdict: 'error', summary: 'input config: is required' });
  });

  it('post step ends the process groups a killed main step left running', async () => {
    const env = { RUNNER_TEMP: workspace, GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1' };
    const list = new ProcessList(leftoverPaths(env).processListPath);
    const child = spawn('sh', ['-c', 'sleep 30 & sleep 30'], { detached: true, stdio: 'ignore' });
    list.add(child.pid!, 'fault command');
    const exited = new Promise((resolve) => child.once('exit', resolve));

    const post = await runActionInProcess(() => cleanUp(env), workspace, {}, env);
    await exited;
    expect(post.stdout).toContain(`::warning::failover-verify post: ended fault command (pid ${child.pid}), left running by the main step`);
    expect(liveMembers(child.pid!)).toEqual([]);
    expect(existsSync(list.path)).toBe(false);
  });
});
