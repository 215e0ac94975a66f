/**
 * Reads every input of failover-verify once, into a typed settings object; nothing after this
 * reads the environment. Where leftovers are recorded (child processes, the experiment ledger)
 * is derived here too, so the post step finds them from the same rule.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { FaultlineError } from '../../../core/errors.ts';
import { DEFAULT_RESULT_FILE } from '../../../core/failover/result.ts';
import type { ResultSource } from '../../../core/result.ts';
import { runSource } from '../../shared/github-run.ts';

export type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export interface FailoverSettings {
  workspace: string;
  /** As given (relative to the workspace), for messages and the result file. */
  config: string;
  configPath: string;
  resultFile: string;
  reportFile?: string;
  processListPath: string;
  ledgerPath: string;
  stepSummary: boolean;
  source: ResultSource;
  env: NodeJS.ProcessEnv;
}

function inWorkspace(path: string, workspace: string): string {
  return isAbsolute(path) ? path : join(workspace, path);
}

/** Where this run records what the post step must end (one place per run and attempt). */
export function leftoverPaths(env: NodeJS.ProcessEnv): { processListPath: string; ledgerPath: string } {
  const dir = resolve(env.RUNNER_TEMP || env.TMPDIR || '/tmp');
  const id = `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${env.GITHUB_ACTION ?? 'failover'}`.replace(/[^\w.-]/g, '_');
  return { processListPath: join(dir, `faultline-failover-processes-${id}.json`), ledgerPath: join(dir, `faultline-failover-ledger-${id}.json`) };
}

/** The result path alone, read first so that even a bad config input leaves a result file. */
export function readResultFile(input: InputReader, env: NodeJS.ProcessEnv): string {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  return inWorkspace(input('result-path') || DEFAULT_RESULT_FILE, workspace);
}

export function readSettings(input: InputReader, env: NodeJS.ProcessEnv): FailoverSettings {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const config = input('config');
  if (!config) throw new FaultlineError('input config: is required', { hint: 'set config to the drill file, e.g. config: dr/orders-failover.yaml' });
  const report = input('report-path');
  return {
    workspace,
    config,
    configPath: inWorkspace(config, workspace),
    resultFile: readResultFile(input, env),
    ...(report ? { reportFile: inWorkspace(report, workspace) } : {}),
    ...leftoverPaths(env),
    stepSummary: Boolean(env.GITHUB_STEP_SUMMARY),
    source: runSource(env),
    env,
  };
}
