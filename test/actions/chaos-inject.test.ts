/**
 * chaos-inject run the way the runner runs it: a separate Node process per step with INPUT_*
 * variables, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, and the post step getting
 * the main step's saved state as STATE_* variables. Entries are the bundles in dist/ once built,
 * else the TypeScript sources (Node 24 runs them directly).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { validateResult } from '../../core/result.ts';
import { type LocalService, startLocalService } from '../support/local-service.ts';

const ACTION = new URL('../../actions/chaos-inject/', import.meta.url).pathname;

function entry(name: 'index' | 'post'): string {
  const bundled = join(ACTION, 'dist', `${name}.js`);
  return existsSync(bundled) ? bundled : join(ACTION, 'src', `${name}.ts`);
}

/** Parses the runner's `name<<DELIMITER\nvalue\nDELIMITER` command files. */
function parseCommandFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  if (!existsSync(path)) return values;
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) body.push(lines[i]!);
    values[match[1]!] = body.join('\n');
  }
  return values;
}

interface Step {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string }>;
}

describe('the chaos-inject action, run as GitHub runs it', () => {
  let workspace: string;
  let service: LocalService;
  let files: { output: string; state: string; summary: string };

  beforeEach(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'faultline-action-'));
    files = { output: join(workspace, 'output'), state: join(workspace, 'state'), summary: join(workspace, 'summary.md') };
    for (const file of Object.values(files)) writeFileSync(file, '');
    service = await startLocalService();
  });
  afterEach(async () => {
    await service.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  function start(name: 'index' | 'post', inputs: Record<string, string>, state: Record<string, string> = {}): Step {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: workspace,
      GITHUB_ACTION: 'chaos',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: 'a'.repeat(40),
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
    };
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', entry(name)], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout }))) };
  }

  function experiment(name: string, body: string): string {
    writeFileSync(join(workspace, name), `title: ${name}\ndescription: action test\ntags: [owner:sre]\n${body}`);
    return name;
  }

  const freeze = (pid: number, pause: number, ttl = 120) => `
steady-state-hypothesis:
  title: up
  probes:
    - type: probe
      name: health
      provider: { type: faultline, probe: http, arguments: { url: "\${url}/health", timeout: 2 } }
      tolerance: true
method:
  - type: action
    name: freeze
    provider: { type: faultline, driver: process, arguments: { action: stop, pid: ${pid}, ttl: ${ttl} } }
    pauses: { after: ${pause} }
`;

  it('reports outputs, journal, result file and a summary with the timeline for a completed run', async () => {
    // The TTL ends the freeze during the pause, so the steady state after holds.
    const file = experiment('short.yaml', freeze(service.pid, 1.5, 1));
    const { code, stdout } = await start('index', { experiment: file, vars: `# the service under test\nurl=${service.url}` }).done;
    expect(stdout).not.toContain('::error::');
    const outputs = parseCommandFile(files.output);
    expect(code).toBe(0);
    expect(outputs).toMatchObject({ status: 'completed', deviated: 'false', score: '100', journal: join(workspace, 'chaos-journal.json') });
    const result = JSON.parse(readFileSync(outputs['result-file']!, 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'chaos', verdict: 'pass', source: { repository: 'acme/shop' } });
    expect(result.measurements).toContainEqual(expect.objectContaining({ name: 'resilience-score', value: 100 }));
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain('steady state held');
    expect(summary).toContain('```mermaid\ngantt');
    expect(service.state()).not.toBe('T');
  });

  it('leaves no fault behind when the main step is killed and the post step runs from the ledger', async () => {
    const file = experiment('long.yaml', freeze(service.pid, 60));
    const main = start('index', { experiment: file, vars: `url=${service.url}` });
    while (service.state() !== 'T') await new Promise((r) => setTimeout(r, 20));
    main.child.kill('SIGKILL');
    await main.done;
    expect(service.state()).toBe('T');
    const state = parseCommandFile(files.state);
    expect(existsSync(state['ledger-path']!)).toBe(true);
    const post = await start('post', {}, state).done;
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('reverted 1 fault(s) the main step left behind');
    expect(service.state()).not.toBe('T');
    expect(existsSync(state['ledger-path']!)).toBe(false);
  });

  it('rolls back by itself when the job is cancelled (SIGTERM) and reports it interrupted', async () => {
    const file = experiment('cancelled.yaml', freeze(service.pid, 60));
    const main = start('index', { experiment: file, vars: `url=${service.url}` });
    while (service.state() !== 'T') await new Promise((r) => setTimeout(r, 20));
    main.child.kill('SIGTERM');
    const { code } = await main.done;
    expect(code).toBe(1);
    expect(service.state()).not.toBe('T');
    expect(parseCommandFile(files.output)).toMatchObject({ status: 'interrupted' });
    const post = await start('post', {}, parseCommandFile(files.state)).done;
    expect(post.stdout).toContain('no fault left to roll back');
  });

  it('prints the plan and touches nothing on a dry run', async () => {
    const file = experiment('plan.yaml', freeze(service.pid, 60));
    const { code, stdout } = await start('index', { experiment: file, 'dry-run': 'true', vars: `url=${service.url}` }).done;
    expect(code).toBe(0);
    expect(stdout).toContain('process: stop (SIGSTOP)');
    expect(stdout).toContain('how long: at most 120 s');
    expect(parseCommandFile(files.output)).toMatchObject({ status: 'dry-run', score: '' });
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain('**Dry run: nothing was injected.**');
    expect(summary).toContain(`| method | freeze (fault) | process: stop \\(SIGSTOP\\) | pid ${service.pid} | at most 120 s |`);
    expect(service.state()).not.toBe('T');
  });

  it('fails with the file, line and key of a bad experiment', async () => {
    const file = experiment('bad.yaml', 'method:\n  - type: action\n    name: a\n    provider: { type: faultline, driver: chainsaw }\n');
    const { code, stdout } = await start('index', { experiment: file }).done;
    expect(code).toBe(1);
    // An annotation on the repository's file and line, so it lands on the pull request's diff.
    expect(stdout).toMatch(/^::error title=chaos-inject%3A invalid experiment \(1 problem\),file=bad\.yaml,line=7,col=34::method\[0\]\.provider\.driver: unknown driver "chainsaw"/m);
    expect(stdout).not.toContain(workspace);
    expect(parseCommandFile(files.output)).toMatchObject({ status: 'error' });
    // The job summary says what failed and where, even though nothing ran.
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain('### ❌ chaos-inject: could not decide');
    expect(summary).toContain('| `bad.yaml:7:34` | method\\[0\\].provider.driver: unknown driver "chainsaw"');
  });

  it('marks a YAML syntax error in an experiment in a subfolder at its line', async () => {
    mkdirSync(join(workspace, 'chaos'));
    writeFileSync(join(workspace, 'chaos', 'broken.yaml'), 'title: x\n  bad: [\n');
    const { code, stdout } = await start('index', { experiment: 'chaos/broken.yaml' }).done;
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error title=chaos-inject%3A could not decide,file=chaos\/broken\.yaml,line=1,col=8::cannot parse: /m);
    expect(readFileSync(files.summary, 'utf8')).toContain('fix the YAML/JSON syntax at that position');
  });

  describe('the chaos policy from the config input', () => {
    const writeConfig = (path: string, text: string) => {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), text);
    };

    it('applies .github/faultline.yml by default and refuses an experiment that breaks it, touching nothing', async () => {
      writeConfig('.github/faultline.yml', 'chaos:\n  max-ttl: 1m\n');
      const file = experiment('long-freeze.yaml', freeze(service.pid, 0, 300));
      const { code, stdout } = await start('index', { experiment: file, vars: `url=${service.url}`, config: '.github/faultline.yml' }).done;
      expect(code).toBe(1);
      expect(stdout).toMatch(/^::error title=chaos-inject%3A experiment breaks the chaos policy,file=long-freeze\.yaml,line=13::method\[0\] \("freeze"\): time-to-live 300 s is over the policy's 60 s/m);
      expect(stdout).toContain('change the policy (chaos: in .github/faultline.yml)');
      expect(parseCommandFile(files.output)).toMatchObject({ status: 'error' });
      expect(service.state()).not.toBe('T');
    });

    it('uses the built-in policy when the default file is absent', async () => {
      const file = experiment('plan.yaml', freeze(service.pid, 0, 300));
      const { code } = await start('index', { experiment: file, 'dry-run': 'true', vars: `url=${service.url}`, config: '.github/faultline.yml' }).done;
      expect(code).toBe(0);
      expect(parseCommandFile(files.output)).toMatchObject({ status: 'dry-run' });
    });

    it('reads another config file when the input names one', async () => {
      writeConfig('.github/faultline.yml', 'chaos:\n  max-ttl: 1m\n');
      writeConfig('ci/chaos-lab.yml', 'chaos:\n  allowed-drivers: [toxiproxy]\n');
      const file = experiment('plan.yaml', freeze(service.pid, 0, 30));
      const { code, stdout } = await start('index', { experiment: file, 'dry-run': 'true', vars: `url=${service.url}`, config: 'ci/chaos-lab.yml' }).done;
      expect(code).toBe(1);
      expect(stdout).toContain('driver "process" is not allowed by the policy (allowed: toxiproxy)');
      expect(stdout).toContain('(chaos: in ci/chaos-lab.yml)');
    });

    it('fails with file, line and key for an invalid chaos: section, and names a config input that does not exist', async () => {
      writeConfig('.github/faultline.yml', 'chaos:\n  max-faults: 0\n');
      const file = experiment('plan.yaml', freeze(service.pid, 0));
      const invalid = await start('index', { experiment: file, 'dry-run': 'true', config: '.github/faultline.yml' }).done;
      expect(invalid.code).toBe(1);
      expect(invalid.stdout).toMatch(/^::error title=[^,]*,file=\.github\/faultline\.yml,line=2,col=15::chaos\.max-faults: must be >= 1/m);
      const missing = await start('index', { experiment: file, 'dry-run': 'true', config: 'ci/nope.yml' }).done;
      expect(missing.code).toBe(1);
      expect(missing.stdout).toContain("input config: file 'ci/nope.yml' does not exist in the workspace");
    });
  });

  it('names the input when fail-on-deviation is not a boolean', async () => {
    const file = experiment('ok.yaml', freeze(service.pid, 0));
    const { code, stdout } = await start('index', { experiment: file, 'fail-on-deviation': 'maybe' }).done;
    expect(code).toBe(1);
    expect(stdout).toContain("input fail-on-deviation: expected true or false, got 'maybe'");
  });
});
