/**
 * The repository-root action, which is what the GitHub Marketplace lists (one action per
 * repository root): `action: <name>` picks one of actions/<name>, which then runs exactly as when
 * called as `<owner>/faultline/actions/<name>@v1` — its own bundle in its own Node process, the
 * step's INPUT_* variables, its action.yml's defaults, and the step's GITHUB_OUTPUT, GITHUB_STATE
 * and GITHUB_STEP_SUMMARY files. The root action.yml declares every action's inputs without
 * defaults (their defaults differ between actions: result-file, config), so the defaults of the
 * action picked are applied here; only `${{ }}` defaults, which only the runner can evaluate, are
 * declared at the root (scripts/marketplace-action.ts checks they agree).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT_INPUTS = ['action'];

export interface ActionManifest {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

export interface TargetAction {
  name: string;
  manifest: ActionManifest;
  main: string;
  post?: string;
}

export function availableActions(root: string): string[] {
  const dir = join(root, 'actions');
  return readdirSync(dir)
    .filter((name) => /^[a-z][a-z-]*$/.test(name) && existsSync(join(dir, name, 'action.yml')))
    .sort();
}

export function readManifest(file: string): ActionManifest {
  return parse(readFileSync(file, 'utf8')) as ActionManifest;
}

/** The action `requested` names; a clear error for anything that is not one of ours. */
export function resolveAction(root: string, requested: string): TargetAction {
  const available = availableActions(root);
  const name = requested.trim();
  if (!available.includes(name)) {
    const what = name === '' ? 'the input action is empty' : `'${name}' is not a Faultline action`;
    throw new Error(`${what}: set action to one of ${available.join(', ')} (or use <owner>/faultline/actions/<name>@v1 directly)`);
  }
  const dir = join(root, 'actions', name);
  const manifest = readManifest(join(dir, 'action.yml'));
  return { name, manifest, main: join(dir, manifest.runs.main), ...(manifest.runs.post ? { post: join(dir, manifest.runs.post) } : {}) };
}

const inputVariable = (input: string) => `INPUT_${input.replace(/ /g, '_').toUpperCase()}`;

/**
 * The environment the picked action runs with: its literal defaults for inputs the step left empty
 * (as the runner fills them when the action is called directly), and the inputs it does not know,
 * which the runner would have warned about.
 */
export function dispatchEnv(target: TargetAction, env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; unexpected: string[] } {
  const result: NodeJS.ProcessEnv = { ...env };
  const inputs = target.manifest.inputs ?? {};
  for (const [input, spec] of Object.entries(inputs)) {
    const variable = inputVariable(input);
    if ((result[variable] ?? '') === '' && spec.default !== undefined && !String(spec.default).includes('${{')) result[variable] = String(spec.default);
  }
  const known = new Set([...Object.keys(inputs), ...ROOT_INPUTS].map(inputVariable));
  const unexpected = Object.keys(env)
    .filter((variable) => variable.startsWith('INPUT_') && !known.has(variable) && (env[variable] ?? '') !== '')
    .filter((variable) => !rootDefaulted(variable, env))
    .map((variable) => variable.slice('INPUT_'.length).toLowerCase());
  return { env: result, unexpected };
}

/** github-token has a root default (the job's token) for every action, so it is set whether asked or not. */
function rootDefaulted(variable: string, env: NodeJS.ProcessEnv): boolean {
  return variable === 'INPUT_GITHUB-TOKEN' && env[variable] !== undefined;
}

/** Runs a bundle as the runner does (the same Node, inherited stdio); passes on cancellation. */
export function runEntry(file: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * A workflow command (`::error::…`, `::warning::…`) with its message escaped as the runner expects.
 * Written by hand: @actions/core would add megabytes to a bundle that only dispatches.
 */
export function workflowCommand(command: 'error' | 'warning' | 'notice', message: string): string {
  return `::${command}::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`;
}
