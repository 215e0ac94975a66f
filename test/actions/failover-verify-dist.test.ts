/**
 * The committed bundles (actions/failover-verify/dist/index.js and post.js) run the way the runner
 * runs them: their own Node process, INPUT_* variables, GITHUB_OUTPUT and GITHUB_STATE files. A
 * drill against a local HTTP service passes; a main step killed mid-drill (SIGKILL: nothing of it
 * runs) leaves its fault and load running until the post step ends them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateResult } from '../../core/result.ts';
import { readOutputs } from '../support/action-run.ts';
import { type HeartbeatService, startHeartbeatService } from '../support/heartbeat-service.ts';

const DIST = new URL('../../actions/failover-verify/dist/', import.meta.url).pathname;

let workspace: string;
let service: HeartbeatService | undefined;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-failover-dist-'));
});
afterEach(async () => {
  await service?.close();
  service = undefined;
  rmSync(workspace, { recursive: true, force: true });
});

function start(entry: 'index.js' | 'post.js', inputs: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(workspace, 'output.txt'),
    GITHUB_STATE: join(workspace, 'state.txt'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: workspace,
    ...extraEnv,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  for (const file of [env.GITHUB_OUTPUT!, env.GITHUB_STEP_SUMMARY!]) writeFileSync(file, '');
  if (!existsSync(env.GITHUB_STATE!)) writeFileSync(env.GITHUB_STATE!, '');
  const child = spawn(process.execPath, [join(DIST, entry)], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout })));
  return { child, done };
}

/**
 * Alive and not a zombie: the killed main step's children are reparented to the machine's init,
 * which may reap them late; a zombie has ended all the same.
 */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

function drill(url: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: 'bundle drill',
    objectives: { rto: '5s', rpo: '1s' },
    writer: { interval: '50ms', timeout: '500ms', http: { url: `${url}/heartbeat`, readback: { url: `${url}/heartbeat/{id}` } } },
    fault: { command: ['curl', '-sf', '-X', 'POST', `${url}/fail`] },
    recovery: { timeout: '10s', settle: '300ms' },
    ...extra,
  });
}

describe('actions/failover-verify/dist', () => {
  it('runs a drill from the bundle and writes outputs and a valid result file', async () => {
    service = await startHeartbeatService({ lagMs: 0, downMs: 300 });
    writeFileSync(join(workspace, 'drill.json'), drill(service.url));
    const { code } = await start('index.js', { config: 'drill.json' }).done;
    expect(code).toBe(0);
    const outputs = readOutputs(join(workspace, 'output.txt'));
    expect(outputs.verdict).toBe('met');
    const result = JSON.parse(readFileSync(outputs['result-file']!, 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'failover', verdict: 'pass', details: { lostWrites: 0 } });
    expect(readFileSync(join(workspace, 'summary.md'), 'utf8')).toContain('```mermaid');
  });

  it('post step ends the fault and the load a SIGKILLed main step left running', async () => {
    service = await startHeartbeatService({ lagMs: 0, downMs: 0 });
    writeFileSync(join(workspace, 'drill.json'), drill(service.url, { fault: { command: 'echo $$ > fault.pid; exec sleep 60' }, load: { command: ['sh', '-c', 'echo $$ > load.pid; exec sleep 60'] } }));
    const main = start('index.js', { config: 'drill.json' });
    const deadline = Date.now() + 20_000;
    while (!(existsSync(join(workspace, 'fault.pid')) && existsSync(join(workspace, 'load.pid'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const pids = ['fault.pid', 'load.pid'].map((f) => Number(readFileSync(join(workspace, f), 'utf8')));
    // The main step lists each process just after starting it; on a loaded machine a command can
    // write its pid file first. Killed in that instant, the main step would leave an unlisted process,
    // which is not the case this test is about: it waits until both are listed.
    const listed = () => {
      const list = existsSync(join(workspace, 'state.txt')) ? readOutputs(join(workspace, 'state.txt'))['process-list'] : undefined;
      return list !== undefined && existsSync(list) && pids.every((pid) => readFileSync(list, 'utf8').includes(`"pid":${pid}`));
    };
    while (!listed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    main.child.kill('SIGKILL');
    await main.done;
    for (const pid of pids) expect(running(pid)).toBe(true);

    // The runner hands the main step's saved state to the post step as STATE_<name>.
    const state = readOutputs(join(workspace, 'state.txt'));
    expect(Object.keys(state).sort()).toEqual(['ledger-path', 'process-list']);
    const post = await start('post.js', {}, Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))).done;
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/::warning::failover-verify post: ended (fault command|load) \(pid \d+\)/);
    await new Promise((r) => setTimeout(r, 200));
    for (const pid of pids) expect(running(pid)).toBe(false);
  });

  it('ships one copy of the kubernetes client, loaded by both the main and the post step', () => {
    const chunks = readdirSync(DIST).filter((f) => f.endsWith('.js') && readFileSync(join(DIST, f), 'utf8').includes('node_modules/@kubernetes/client-node'));
    expect(chunks).toHaveLength(1);
    const loader = (entry: string) => /kubernetesClient = \(\) => __nccwpck_require__\.e\(\/\* import\(\) \*\/ (\d+)\)/.exec(readFileSync(join(DIST, entry), 'utf8'))?.[1];
    expect(loader('index.js')).toBeDefined();
    expect(`${loader('post.js')}.index.js`).toBe(chunks[0]);
    expect(loader('index.js')).toBe(loader('post.js'));
    // Two copies were 42 MB; one is about 24 MB.
    const total = readdirSync(DIST).reduce((sum, f) => sum + statSync(join(DIST, f)).size, 0);
    expect(total).toBeLessThan(30 * 1024 * 1024);
  });
});
