import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalService, startLocalService } from '../support/local-service.ts';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;

function faultline(args: string[], cwd: string, env: Record<string, string> = {}) {
  const child = spawn(BIN, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

describe('faultline chaos', () => {
  let dir: string;
  let service: LocalService;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
    service = await startLocalService();
  });
  afterEach(async () => {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, body: string) => {
    writeFileSync(join(dir, name), `title: ${name}\ndescription: cli test\ntags: [owner:sre]\n${body}`);
    return name;
  };
  const freeze = (pause: number) => `
method:
  - type: action
    name: freeze
    provider: { type: faultline, driver: process, arguments: { action: stop, pid: ${service.pid}, ttl: 120 } }
    pauses: { after: ${pause} }
`;

  it('rolls back everything in the ledger on SIGTERM during the method, then exits 1', async () => {
    const file = write('long.yaml', freeze(60));
    const run = faultline(['chaos', 'run', file], dir);
    while (service.state() !== 'T') await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGTERM');
    const { code, stderr, stdout } = await run.done;
    expect(code).toBe(1);
    expect(stderr).toContain('SIGTERM — rolling back every fault in the ledger');
    expect(stdout).toContain('interrupted');
    expect(service.state()).not.toBe('T');
    expect(existsSync(join(dir, '.faultline', 'chaos-ledger.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'journal.json'), 'utf8')).status).toBe('interrupted');
  });

  it('exits 0 when the steady state held, with progress on stderr and the verdict on stdout', async () => {
    const file = write('ok.yaml', `
steady-state-hypothesis:
  title: up
  probes:
    - type: probe
      name: health
      provider: { type: faultline, probe: http, arguments: { url: "${service.url}/health" } }
      tolerance: true
method:
  - type: probe
    name: look
    provider: { type: faultline, probe: tcp, arguments: { port: ${service.port} } }
`);
    // Inside a workflow's run: step, the result names the run and the config as the action's do.
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'faultline.yml'), 'chaos:\n  max-faults: 3\n');
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 9, head: { sha: 'c'.repeat(40) } } }));
    const actions = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_SHA: 'd'.repeat(40), GITHUB_RUN_ID: '11', GITHUB_RUN_ATTEMPT: '1' };
    const { code, stdout, stderr } = await faultline(['chaos', 'run', file, '--journal', 'out/j.json', '--result', 'r.json'], dir, actions).done;
    expect(code).toBe(0);
    expect(stderr).toContain('✓ health — within tolerance');
    expect(stdout).toMatch(/^steady state held: "ok.yaml" — score 100.0/);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))).toMatchObject({
      kind: 'chaos',
      verdict: 'pass',
      source: { sha: 'c'.repeat(40), mergeSha: 'd'.repeat(40), runId: '11', runAttempt: '1', pullRequest: 9, configPath: '.github/faultline.yml', configSha: expect.stringMatching(/^[0-9a-f]{40}$/) },
    });
  });

  it('prints the plan for --dry-run and touches nothing', async () => {
    const file = write('plan.yaml', freeze(1));
    const { code, stdout } = await faultline(['chaos', 'run', file, '--dry-run'], dir).done;
    expect(code).toBe(0);
    expect(stdout).toContain(`where: pid ${service.pid}`);
    expect(stdout).toContain('undone by: SIGCONT');
    expect(service.state()).not.toBe('T');
    expect(existsSync(join(dir, 'journal.json'))).toBe(false);
  });

  it('validates without running, and exits 2 with file:line for a bad file', async () => {
    const good = write('good.yaml', freeze(1));
    const ok = await faultline(['chaos', 'validate', good], dir).done;
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('good.yaml: valid experiment "good.yaml" — 0 steady-state/guardrail probe(s), 1 method activity, 1 fault(s), owner sre');
    const bad = write('bad.yaml', 'method:\n  - ref: nowhere\n');
    const failed = await faultline(['chaos', 'validate', bad], dir).done;
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('bad.yaml:5:5: method[0].ref: ref "nowhere" names no activity (known: none)');
  });

  it('refuses to start while an earlier run left faults in the ledger, and rolls them back on request', async () => {
    writeFileSync(join(dir, 'ledger.json'), JSON.stringify({ version: 1, entries: [{ faultId: 'old', driver: 'process', experiment: 'x', activity: 'old-freeze', owner: 'sre', params: {}, undoText: 'SIGCONT', target: 't', state: 'injected', undo: { action: 'stop', targets: [] }, ttlSeconds: 1, recordedAt: '', expiresAt: '' }] }));
    const file = write('any.yaml', freeze(0));
    const refused = await faultline(['chaos', 'run', file, '--ledger', 'ledger.json'], dir).done;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('still lists 1 fault(s) from an earlier run ("old-freeze")');
    expect(refused.stderr).toContain('faultline chaos rollback --ledger');
    const rolled = await faultline(['chaos', 'rollback', '--ledger', 'ledger.json'], dir).done;
    expect(rolled.code).toBe(0);
    expect(rolled.stdout).toContain('reverted 1, failed 0, unconfirmed 0');
  });

  it('exits 2 for usage mistakes', async () => {
    const { code, stderr } = await faultline(['chaos', 'run', 'x.yaml', '--var', 'not a pair'], dir).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/experiment file not found: x.yaml|--var: "not a pair" is not KEY=VALUE/);
    const unknown = await faultline(['chaos', 'explode'], dir).done;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown chaos subcommand 'explode'");
  });
});
