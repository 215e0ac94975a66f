/**
 * The repository-root action the GitHub Marketplace lists: action.yml is generated from every
 * action's metadata, and its dispatcher bundle (marketplace/dist) runs the action `action` names
 * the way the runner would run it directly — its dist, its defaults, the step's INPUT_* variables
 * and GITHUB_* files — with the same outputs, its post step, and a clear error for anything else.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { availableActions, readManifest } from '../../marketplace/src/dispatch.ts';
import { marketplaceManifest } from '../../scripts/marketplace-action.ts';
import { readOutputs } from '../support/action-run.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
/** The one default only the runner can evaluate. */
const TOKEN_DEFAULT = `\${{ github.token }}`;

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-root-action-'));
  mkdirSync(join(workspace, 'db'));
  writeFileSync(join(workspace, 'db', '001_index.sql'), 'CREATE INDEX orders_customer ON orders (customer_id);\n');
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

interface Step {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
}

/** One step: `entry` in its own Node process with the runner's variables; state carries to a post step. */
function step(entry: string, inputs: Record<string, string>, extra: NodeJS.ProcessEnv = {}): Promise<Step> {
  const files = mkdtempSync(join(workspace, '.step-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary.md'),
    GITHUB_STATE: join(workspace, 'state'),
    RUNNER_TEMP: files,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: '99',
    ...extra,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  for (const file of [env.GITHUB_OUTPUT!, env.GITHUB_STEP_SUMMARY!]) writeFileSync(file, '');
  if (!existsSync(env.GITHUB_STATE!)) writeFileSync(env.GITHUB_STATE!, '');
  const child = spawn(process.execPath, [join(ROOT, entry)], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, outputs: readOutputs(env.GITHUB_OUTPUT!) })));
}

/** What the runner passes to an action called directly: the step's inputs over action.yml's defaults. */
function withDefaults(name: string, inputs: Record<string, string>): Record<string, string> {
  const declared = readManifest(join(ROOT, 'actions', name, 'action.yml')).inputs ?? {};
  const defaults = Object.fromEntries(Object.entries(declared).map(([input, spec]) => [input, String(spec.default ?? '').replace(TOKEN_DEFAULT, 'ghs_token')]));
  return { ...defaults, ...inputs };
}

describe('the root action.yml', () => {
  const manifest = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    name: string;
    description: string;
    branding: { icon: string; color: string };
    inputs: Record<string, { required?: boolean; default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string; post: string; 'post-if': string };
  };

  it('is what scripts/marketplace-action.ts writes from the actions (npm run build; check-dist fails otherwise)', () => {
    expect(readFileSync(join(ROOT, 'action.yml'), 'utf8')).toBe(marketplaceManifest(ROOT));
  });

  it("has what the Marketplace needs, every action's inputs and outputs, and no literal default that would mask an action's own", () => {
    expect(manifest.name).toBe('Faultline');
    expect(manifest.description.length).toBeLessThanOrEqual(125);
    expect(manifest.branding).toEqual({ icon: 'shield', color: 'orange' });
    expect(manifest.runs).toEqual({ using: 'node24', main: 'marketplace/dist/index.js', post: 'marketplace/dist/post.js', 'post-if': 'always()' });
    for (const file of [manifest.runs.main, manifest.runs.post]) expect(existsSync(join(ROOT, file))).toBe(true);
    expect(manifest.inputs.action).toMatchObject({ required: true });
    for (const name of availableActions(ROOT)) {
      const action = readManifest(join(ROOT, 'actions', name, 'action.yml'));
      for (const input of Object.keys(action.inputs ?? {})) expect([name, input, input in manifest.inputs]).toEqual([name, input, true]);
      for (const output of Object.keys(action.outputs ?? {})) expect([name, output, output in manifest.outputs]).toEqual([name, output, true]);
    }
    const defaults = Object.entries(manifest.inputs).filter(([, spec]) => spec.default !== undefined);
    expect(defaults).toEqual([['github-token', expect.objectContaining({ default: TOKEN_DEFAULT })]]);
  });
});

describe('the root action dispatching by its action input', () => {
  it("runs migration-gate with its own defaults and gives the outputs the action gives when called directly", async () => {
    const viaRoot = await step('marketplace/dist/index.js', { action: 'migration-gate', paths: 'db/*.sql', 'github-token': 'ghs_token' });
    expect(viaRoot.code).toBe(1);
    expect(viaRoot.outputs).toMatchObject({ errors: '1', 'sarif-file': join(workspace, 'faultline-migrations.sarif') });
    const sarif = readFileSync(join(workspace, 'faultline-migrations.sarif'), 'utf8');
    const result = readFileSync(viaRoot.outputs['result-file']!, 'utf8');
    rmSync(join(workspace, 'faultline-migrations.sarif'));

    const direct = await step('actions/migration-gate/dist/index.js', withDefaults('migration-gate', { paths: 'db/*.sql' }));
    expect(direct.code).toBe(1);
    expect(viaRoot.outputs).toEqual(direct.outputs);
    const stable = (text: string) => text.replace(/"(startedAt|finishedAt|durationMs|generatedAt|timestamp)":\s*("[^"]*"|\d+)/g, '"$1":0');
    expect(stable(readFileSync(join(workspace, 'faultline-migrations.sarif'), 'utf8'))).toBe(stable(sarif));
    expect(JSON.parse(readFileSync(direct.outputs['result-file']!, 'utf8')).verdict).toBe(JSON.parse(result).verdict);
  }, 60_000);

  it('runs chaos-inject and then its post step, with the state the main step saved', async () => {
    writeFileSync(
      join(workspace, 'experiment.yaml'),
      'title: Touch a file\ndescription: A harmless experiment.\ntags: [owner:sre]\nsteady-state-hypothesis:\n  title: Always\n  probes:\n    - type: probe\n      name: always-true\n      provider: { type: process, path: "true" }\n      tolerance: 0\nmethod:\n  - type: action\n    name: touch\n    provider: { type: process, path: touch, arguments: [touched] }\n',
    );
    const main = await step('marketplace/dist/index.js', { action: 'chaos-inject', experiment: 'experiment.yaml' });
    expect(main.code).toBe(0);
    expect(main.outputs).toMatchObject({ status: 'completed', deviated: 'false' });
    expect(existsSync(join(workspace, 'touched'))).toBe(true);
    // The default journal and result paths of chaos-inject, applied by the dispatcher.
    expect(existsSync(join(workspace, 'chaos-journal.json'))).toBe(true);
    expect(main.outputs['result-file']).toBe(join(workspace, 'faultline-chaos-result.json'));
    const state = readOutputs(join(workspace, 'state'));
    const post = await step('marketplace/dist/post.js', { action: 'chaos-inject', experiment: 'experiment.yaml' }, Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])));
    expect(post.code).toBe(0);
    expect(Object.keys(state)).toContain('ledger-path');
    expect(post.stdout).toContain('chaos-inject post: no fault left to roll back');
  }, 60_000);

  it("has no post step to run for an action without one", async () => {
    const post = await step('marketplace/dist/post.js', { action: 'migration-gate' });
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('');
  });

  it.each([
    ['', 'the input action is empty'],
    ['../migration-gate', "'../migration-gate' is not a Faultline action"],
    ['shared', "'shared' is not a Faultline action"],
  ])('refuses action %j with the list of actions', async (action, reason) => {
    const run = await step('marketplace/dist/index.js', { action });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::faultline: ${reason}: set action to one of chaos-inject, evidence-upload, failover-verify, migration-gate, security-gate, slo-gate`);
  });

  it("warns about an input of another action, as the runner warns about an undeclared one", async () => {
    const run = await step('marketplace/dist/index.js', { action: 'migration-gate', paths: 'db/*.sql', 'prometheus-url': 'http://127.0.0.1:9090' });
    expect(run.stdout).toContain("::warning::input 'prometheus-url' is not one of migration-gate's inputs and is ignored");
  }, 60_000);
});
