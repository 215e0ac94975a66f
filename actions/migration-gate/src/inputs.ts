/**
 * Reads and checks every input of the migration gate once, into a typed settings object. Nothing
 * after this reads the environment. A bad input throws one FaultlineError that names the input,
 * what it got, and what it accepts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FaultlineError } from '../../../core/errors.ts';
import { parseShadowFrom, type ShadowFrom } from '../../../core/migrations/shadow-from.ts';
import type { ResultSource } from '../../../core/result.ts';
import { type ActionConfigFile, DEFAULT_CONFIG_FILE, readActionConfig } from '../../shared/config-file.ts';
import { runSource } from '../../shared/github-run.ts';
import { pathInWorkspace } from '../../shared/workspace-files.ts';

export type FailOn = 'error' | 'warning' | 'never';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export interface GateSettings {
  /** Absolute path of the checkout; every path below is resolved against it. */
  workspace: string;
  /** The rules page of the action's own release, for SARIF helpUri (absent when the runner does not say). */
  rulesDocUri?: string;
  /** Globs relative to the workspace; `!` excludes. Empty: take `migrations.paths` from the config. */
  patterns: string[];
  /** Set when only the pull request's added or modified files are linted. */
  pullRequest?: PullRequestRef;
  token: string;
  apiUrl: string;
  pgVersion?: number;
  databaseUrl?: string;
  /** What the shadow run's scratch database starts from; undefined: the config's, else template. */
  shadowFrom?: ShadowFrom;
  /** The config file as read (text and blob SHA), when there is one. */
  config?: ActionConfigFile;
  failOn: FailOn;
  /** Absolute path for SARIF, inside the workspace; undefined to skip it. */
  sarifFile?: string;
  /** Workspace-relative path of the result file. */
  resultFile: string;
  /** False when the runner offers no job summary file (old GHES runners, local runs). */
  stepSummary: boolean;
  /** Facts about the run for the result file's `source`. */
  source: ResultSource;
}

export const DEFAULT_CONFIG = DEFAULT_CONFIG_FILE;
export const RESULT_FILE = 'faultline-migrations-result.json';
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The runner's view of one input, as `core.getInput` reads it: trimmed, '' when unset. */
export type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function bad(input: string, problem: string, hint: string): FaultlineError {
  return new FaultlineError(`input ${input}: ${problem}`, { hint });
}

export function parsePgVersion(value: string): number | undefined {
  if (value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 11 || Number(value) > 18) {
    throw bad('pg-version', `expected a PostgreSQL major version from 11 to 18, got '${value}'`, "set pg-version: '15' (or leave it empty for the config's or 15)");
  }
  return Number(value);
}

export function parseFailOn(value: string): FailOn {
  const normalised = (value || 'error').toLowerCase();
  if (normalised === 'error' || normalised === 'warning' || normalised === 'never') return normalised;
  throw bad('fail-on', `expected error, warning or never, got '${value}'`, 'error fails on error findings only; warning also on warnings; never only reports');
}

function parseChangedOnly(value: string, eventName: string | undefined): boolean {
  const normalised = (value || 'auto').toLowerCase();
  if (normalised === 'auto') return PULL_REQUEST_EVENTS.has(eventName ?? '');
  if (normalised === 'true') return true;
  if (normalised === 'false') return false;
  throw bad('changed-only', `expected true, false or auto, got '${value}'`, 'auto lints only changed files on pull requests and every file otherwise');
}

/**
 * Whether this run lints every matching file (pushes, schedules, `changed-only: false`) rather than
 * a pull request's few changed ones: then a long migration history is likely. False for bad input,
 * which readSettings reports.
 */
export function lintsEveryFile(env: NodeJS.ProcessEnv): boolean {
  try {
    return !parseChangedOnly(envInputReader(env)('changed-only'), env.GITHUB_EVENT_NAME);
  } catch {
    return false;
  }
}

function readEventPayload(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new FaultlineError(`cannot read the event payload ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function pullRequestNumber(payload: Record<string, unknown>): number | undefined {
  const pr = payload.pull_request as { number?: unknown } | undefined;
  return typeof pr?.number === 'number' ? pr.number : undefined;
}

function pullRequestOf(env: NodeJS.ProcessEnv, number: number | undefined): PullRequestRef {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (number === undefined || !owner || !repo) {
    throw bad(
      'changed-only',
      `true needs a pull request event, but this run is '${env.GITHUB_EVENT_NAME ?? 'unknown'}' without a pull request in its payload`,
      'use changed-only: auto (changed files on pull requests, all files otherwise) or false',
    );
  }
  return { owner, repo, number };
}


function validateDatabaseUrl(value: string): string | undefined {
  if (value === '') return undefined;
  if (!/^postgres(ql)?:\/\//i.test(value)) {
    // Never echo the value: it may hold a password.
    throw bad('database-url', 'expected a postgres:// or postgresql:// URL', 'e.g. postgres://postgres:postgres@localhost:5432/postgres for a services: postgres container');
  }
  return value;
}

function shadowFromInput(value: string): { shadowFrom?: ShadowFrom } {
  if (value === '') return {};
  try {
    return { shadowFrom: parseShadowFrom(value) };
  } catch (error) {
    throw bad('shadow-from', (error as Error).message, 'template (a copy of the database-url database), empty, or dump:FILE (a schema dump in the workspace)');
  }
}

/**
 * docs/migrations/rules.md at the ref of this action's repository (`uses: owner/faultline/…@v1`);
 * for a local action (`uses: ./…`) the runner names no action repository: the workflow's own at its sha.
 */
function rulesPage(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = env.GITHUB_ACTION_REPOSITORY || env.GITHUB_REPOSITORY;
  const ref = env.GITHUB_ACTION_REPOSITORY ? env.GITHUB_ACTION_REF : env.GITHUB_SHA;
  if (!repository || !ref || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined;
  return `${server.replace(/\/+$/, '')}/${repository}/blob/${encodeURIComponent(ref)}/docs/migrations/rules.md`;
}

export function readSettings(read: InputReader, env: NodeJS.ProcessEnv): GateSettings {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const patterns = read('paths')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  const eventName = env.GITHUB_EVENT_NAME;
  const changedOnly = parseChangedOnly(read('changed-only'), eventName);
  const payload = readEventPayload(env);
  const prNumber = pullRequestNumber(payload);
  const sarif = read('sarif-file');
  const rulesDocUri = rulesPage(env);
  return {
    workspace,
    ...(rulesDocUri ? { rulesDocUri } : {}),
    patterns,
    ...(changedOnly ? { pullRequest: pullRequestOf(env, prNumber) } : {}),
    token: read('github-token'),
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    pgVersion: parsePgVersion(read('pg-version')),
    databaseUrl: validateDatabaseUrl(read('database-url')),
    ...shadowFromInput(read('shadow-from')),
    config: readActionConfig(workspace, read('config')),
    failOn: parseFailOn(read('fail-on')),
    sarifFile: sarif ? pathInWorkspace(workspace, sarif, 'input sarif-file') : undefined,
    resultFile: RESULT_FILE,
    stepSummary: Boolean(env.GITHUB_STEP_SUMMARY),
    source: runSource(env, payload),
  };
}
