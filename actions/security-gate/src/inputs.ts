/**
 * Reads and checks every input of the security gate once, into a typed settings object. Nothing
 * after this reads the environment (the scanners run with the step's environment, which is how
 * SNYK_TOKEN reaches snyk). A bad input throws a FaultlineError naming the input and the fix.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import { FaultlineError } from '../../../core/errors.ts';
import type { ResultSource } from '../../../core/result.ts';
import { KNOWN_TOOLS, type KnownTool } from '../../../core/security/read-report.ts';
import type { ScanFile } from '../../../core/security/scan.ts';
import { parseThreshold } from '../../../core/security/severity.ts';
import type { Severity } from '../../../core/security/types.ts';
import { runSource } from '../../shared/github-run.ts';
import { workflowFile } from './github-artifacts.ts';
import { readActionConfig } from '../../shared/config-file.ts';
import { pathInWorkspace } from '../../shared/workspace-files.ts';

/** The runner's view of one input, as `core.getInput` reads it: trimmed, '' when unset. */
export type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function bad(input: string, problem: string, hint: string): FaultlineError {
  return new FaultlineError(`input ${input}: ${problem}`, { hint });
}

/** Where the gate writes: read first and on its own, so a bad input still leaves a result file. */
export interface OutputSettings {
  workspace: string;
  resultFile: string;
  stepSummary: boolean;
  source: ResultSource;
}

export type BaselineSetting =
  | { kind: 'none' }
  | { kind: 'file'; path: string }
  | { kind: 'artifact'; branch: string; owner: string; repo: string; workflow: string; token: string; apiUrl: string };

export interface SecurityGateSettings extends OutputSettings {
  files: ScanFile[];
  run: KnownTool[];
  failOn: Severity;
  baseline: BaselineSetting;
  configFile?: string;
  /** Absolute path, or undefined to skip SARIF. */
  sarifFile?: string;
  /** The step's environment, handed to the scanners the gate runs. */
  toolEnv: NodeJS.ProcessEnv;
}


function inWorkspace(path: string, workspace: string): string {
  return isAbsolute(path) ? path : join(workspace, path);
}

export function readOutputSettings(input: InputReader, env: NodeJS.ProcessEnv): OutputSettings {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const resultFile = input('result-file') || 'faultline-security-result.json';
  const source = Object.fromEntries(Object.entries(runSource(env)).filter(([, v]) => v !== undefined && v !== '')) as ResultSource;
  return { workspace, resultFile: inWorkspace(resultFile, workspace), stepSummary: Boolean(env.GITHUB_STEP_SUMMARY), source };
}

/** Globs, one per line: each must match at least one file, or the scan step did not do its job. */
function globFiles(input: InputReader, name: string, workspace: string, tool?: KnownTool): ScanFile[] {
  const entries = input(name)
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const files: ScanFile[] = [];
  for (const entry of entries) {
    const matches = fg.isDynamicPattern(entry)
      ? fg.sync(entry, { cwd: workspace, absolute: true, onlyFiles: true, dot: true }).sort()
      : existsSync(inWorkspace(entry, workspace))
        ? [inWorkspace(entry, workspace)]
        : [];
    if (matches.length === 0) {
      throw bad(name, `"${entry}" matches no file in the workspace`, 'check that the scan step ran before this one and wrote its output there (paths are relative to the workspace)');
    }
    for (const path of matches) files.push({ path, label: relative(workspace, path) || path, ...(tool ? { tool } : {}) });
  }
  return files;
}

function readBaseline(input: InputReader, env: NodeJS.ProcessEnv, workspace: string): BaselineSetting {
  const value = input('baseline');
  if (!value) return { kind: 'none' };
  if (value !== 'artifact') {
    if (!existsSync(inWorkspace(value, workspace))) {
      throw bad('baseline', `"${value}" does not exist`, 'set baseline: artifact to read the base branch\'s faultline-security artifact, or leave baseline empty to judge every finding as new');
    }
    return { kind: 'file', path: inWorkspace(value, workspace) };
  }
  // On a pull request the base branch; on a push, the branch itself (new since its last good run).
  const branch = env.GITHUB_BASE_REF || env.GITHUB_REF_NAME;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const workflow = workflowFile(env.GITHUB_WORKFLOW_REF);
  if (!branch || !owner || !repo || !workflow) {
    throw bad('baseline', 'artifact needs a GitHub Actions run (GITHUB_REPOSITORY, GITHUB_WORKFLOW_REF and a branch)', 'run it in a workflow, or pass a result file');
  }
  return { kind: 'artifact', branch, owner, repo, workflow, token: input('github-token'), apiUrl: env.GITHUB_API_URL || 'https://api.github.com' };
}

export function readSettings(input: InputReader, env: NodeJS.ProcessEnv, output = readOutputSettings(input, env)): SecurityGateSettings {
  const { workspace } = output;
  const files = [
    ...globFiles(input, 'snyk-json', workspace, 'snyk'),
    ...globFiles(input, 'checkov-json', workspace, 'checkov'),
    ...globFiles(input, 'tflint-json', workspace, 'tflint'),
    ...globFiles(input, 'sarif', workspace),
  ];
  const runList = input('run')
    .split(/[\s,]+/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  for (const tool of runList) {
    if (!(KNOWN_TOOLS as readonly string[]).includes(tool)) throw bad('run', `unknown tool '${tool}'`, `the gate can run ${KNOWN_TOOLS.join(', ')}; give other scanners' SARIF through the sarif input`);
  }
  if (files.length === 0 && runList.length === 0) {
    throw bad('snyk-json', 'no scanner output and no tool to run were given', 'set snyk-json, checkov-json, tflint-json or sarif to the scanners\' output files, or run: snyk, checkov, tflint');
  }
  let failOn: Severity;
  try {
    failOn = parseThreshold(input('fail-on') || 'high', 'input fail-on');
  } catch (error) {
    throw bad('fail-on', `expected critical, high, medium, low or info, got '${input('fail-on')}'`, (error as FaultlineError).hint ?? '');
  }
  const baseline = readBaseline(input, env, workspace);
  // The default is read when it exists; a path someone chose must exist, or their suppressions are
  // lost. Its blob SHA goes into the result's source, so the app can tell which policy judged it.
  const config = readActionConfig(workspace, input('config'), 'config');
  const configPath = config ? pathInWorkspace(workspace, config.shown, 'input config') : undefined;
  const sarif = input('sarif-file');
  return {
    ...output,
    source: { ...output.source, ...(config?.source ?? {}) },
    files,
    run: [...new Set(runList)] as KnownTool[],
    failOn,
    baseline,
    ...(configPath ? { configFile: configPath } : {}),
    ...(sarif ? { sarifFile: inWorkspace(sarif, workspace) } : {}),
    toolEnv: env,
  };
}
