/**
 * Reads and checks every input of chaos-inject once, into a typed settings object. Nothing after
 * this reads the environment, except that the experiment's own `{type: env}` values come from
 * the `env` handed to the core here.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { FaultlineError } from '../../../core/errors.ts';
import { chaosPolicyFromConfig } from '../../../core/experiment/chaos-config.ts';
import { parseVars } from '../../../core/experiment/engine.ts';
import { type ChaosPolicy, DEFAULT_CHAOS_POLICY } from '../../../core/experiment/policy.ts';
import type { ResultSource } from '../../../core/result.ts';
import { readActionConfig } from '../../shared/config-file.ts';
import { runSource } from '../../shared/github-run.ts';
import { decodeUtf8, outputPathInWorkspace, pathInWorkspace, readWorkspaceBytes } from '../../shared/workspace-files.ts';

export interface ChaosSettings {
  workspace: string;
  /** As the user wrote it (messages), absolute, and its text (read once, inside the workspace, UTF-8). */
  experimentInput: string;
  experimentPath: string;
  experimentText: string;
  dryRun: boolean;
  journalPath: string;
  vars: Record<string, string>;
  failOnDeviation: boolean;
  /** From the `config` file's chaos: section, or the built-in policy when the default file is absent. */
  policy: ChaosPolicy;
  ledgerPath: string;
  /** Workspace-relative or absolute inside the workspace; written through the result recorder. */
  resultFile: string;
  /** For the experiment's `{type: env}` values and the process provider's PATH lookup. */
  env: Record<string, string | undefined>;
  searchPath: string[];
  kubeconfig?: string;
  source: ResultSource;
}

export const RESULT_FILE = 'faultline-chaos-result.json';

export type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function bad(input: string, problem: string, hint: string): FaultlineError {
  return new FaultlineError(`input ${input}: ${problem}`, { hint });
}

function bool(input: InputReader, name: string, fallback: boolean): boolean {
  const raw = input(name).toLowerCase();
  if (raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw bad(name, `expected true or false, got '${input(name)}'`, `e.g. ${name}: 'true'`);
}

/**
 * Paths from inputs stay inside the workspace: relative to it, or absolute within it, never through
 * `..` or a symbolic link out of it (the checkout is the pull request's).
 */
function inWorkspace(workspace: string, path: string, input: string): string {
  return pathInWorkspace(workspace, path, `input ${input}`);
}

/** Where the post step finds the ledger: also derivable without the state file. */
export function defaultLedgerPath(env: NodeJS.ProcessEnv): string {
  const dir = env.RUNNER_TEMP || join(homedir(), '.faultline');
  const step = (env.GITHUB_ACTION || 'chaos-inject').replace(/[^\w.-]/g, '_');
  return join(dir, `faultline-chaos-ledger-${step}.json`);
}

/** The default config file is optional; a config path the workflow names must exist. */
function chaosPolicy(workspace: string, value: string): { policy: ChaosPolicy; source: ResultSource } {
  const config = readActionConfig(workspace, value);
  if (!config) return { policy: DEFAULT_CHAOS_POLICY, source: {} };
  return { policy: chaosPolicyFromConfig(config.text, config.shown), source: config.source };
}

export function readSettings(input: InputReader, env: NodeJS.ProcessEnv): ChaosSettings {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const experimentInput = input('experiment');
  if (!experimentInput) throw bad('experiment', 'is required', 'set it to the experiment file, e.g. experiment: chaos/checkout-latency.yaml');
  const experimentPath = inWorkspace(workspace, experimentInput, 'experiment');
  if (!existsSync(experimentPath)) {
    throw bad('experiment', `file not found: ${experimentInput}`, 'the path is relative to the workspace; did the job check out the repository first?');
  }
  const experimentText = decodeUtf8(readWorkspaceBytes(workspace, experimentInput, 'input experiment'), experimentInput);
  const varLines = input('vars')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const kubeconfig = env.KUBECONFIG?.split(delimiter)[0] || (existsSync(join(homedir(), '.kube', 'config')) ? join(homedir(), '.kube', 'config') : undefined);
  const { policy, source } = chaosPolicy(workspace, input('config'));
  return {
    workspace,
    experimentInput,
    experimentPath,
    experimentText,
    dryRun: bool(input, 'dry-run', false),
    journalPath: inWorkspace(workspace, input('journal-path') || 'chaos-journal.json', 'journal-path'),
    vars: parseVars(varLines, 'input vars'),
    failOnDeviation: bool(input, 'fail-on-deviation', true),
    policy,
    // The default lives in RUNNER_TEMP, the runner's own; a path the workflow gives stays in the workspace.
    ledgerPath: input('ledger-path') ? outputPathInWorkspace(workspace, input('ledger-path'), 'input ledger-path') : defaultLedgerPath(env),
    resultFile: inWorkspace(workspace, input('result-file') || RESULT_FILE, 'result-file'),
    env: Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('INPUT_'))),
    searchPath: (env.PATH ?? '').split(delimiter).filter(Boolean),
    kubeconfig,
    source: { ...runSource(env), ...source },
  };
}
