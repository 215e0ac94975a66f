/**
 * Reads and checks every input of the SLO gate once, into a typed settings object. Nothing after
 * this reads the environment. A bad input throws a FaultlineError naming the input and the fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import fg from 'fast-glob';
import { FaultlineError } from '../../../core/errors.ts';
import { type BudgetPolicy, readBudgetPolicy } from '../../../core/slo/budget-policy.ts';

export type GateMode = 'budget';

export interface SloGateSettings {
  workspace: string;
  /** Absolute paths of spec files and folders. */
  specs: string[];
  prometheusUrl: string;
  prometheusHeaders: Record<string, string>;
  policy: BudgetPolicy;
  labels: string[];
  mode: GateMode;
  timeoutMs: number;
  resultFile: string;
  source: {
    repository?: string;
    sha?: string;
    ref?: string;
    eventName?: string;
    workflow?: string;
    runId?: string;
    runAttempt?: string;
    actor?: string;
    pullRequest?: number;
  };
}

/** The runner's view of one input, as `core.getInput` reads it: trimmed, '' when unset. */
export type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function bad(input: string, problem: string, hint: string): FaultlineError {
  return new FaultlineError(`input ${input}: ${problem}`, { hint });
}

function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseHeaders(value: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of value.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(colon + 1).trim() === '') {
      // Never echo the line: it may be a secret pasted without its name.
      throw bad('prometheus-headers', 'every line must look like "Name: value"', 'write one header per line, e.g. "Authorization: Bearer <token from a secret>"');
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function resolveSpecs(value: string, workspace: string): string[] {
  const entries = value
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw bad('specs', 'is empty', 'list SLO spec files or folders, one per line, e.g. slos/');
  const paths: string[] = [];
  for (const entry of entries) {
    if (fg.isDynamicPattern(entry)) {
      const matches = fg.sync(entry, { cwd: workspace, absolute: true, onlyFiles: true }).sort();
      if (matches.length === 0) throw bad('specs', `pattern "${entry}" matches no file`, 'check the pattern against the repository layout (paths are relative to the workspace)');
      paths.push(...matches);
    } else {
      const path = isAbsolute(entry) ? entry : join(workspace, entry);
      if (!existsSync(path)) throw bad('specs', `"${entry}" does not exist in the workspace`, 'check out the repository first (actions/checkout) and check the path');
      paths.push(path);
    }
  }
  return paths;
}

function eventPayload(env: NodeJS.ProcessEnv): Record<string, unknown> | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function pullRequestOf(payload: Record<string, unknown> | undefined): { number?: number; labels?: { name?: string }[] } | undefined {
  return payload?.pull_request as { number?: number; labels?: { name?: string }[] } | undefined;
}

export function readSettings(input: InputReader, env: NodeJS.ProcessEnv): SloGateSettings {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const mode = input('mode') || 'budget';
  if (mode !== 'budget') throw bad('mode', `expected budget, got '${mode}'`, 'use mode: budget');
  const prometheusUrl = input('prometheus-url');
  if (!prometheusUrl) throw bad('prometheus-url', 'is required', 'set it to the Prometheus query API, e.g. https://prometheus.example.com');
  const timeout = Number(input('timeout') || '30');
  if (!(timeout > 0)) throw bad('timeout', `expected seconds above 0, got '${input('timeout')}'`, "e.g. timeout: '30'");
  const payload = eventPayload(env);
  const pullRequest = pullRequestOf(payload);
  const labelsInput = input('labels');
  const labels = labelsInput ? list(labelsInput) : (pullRequest?.labels ?? []).map((l) => l.name ?? '').filter(Boolean);
  const resultFile = input('result-file') || 'faultline-result.json';
  return {
    workspace,
    specs: resolveSpecs(input('specs'), workspace),
    prometheusUrl,
    prometheusHeaders: parseHeaders(input('prometheus-headers')),
    policy: readBudgetPolicy(input('policy'), 'input policy', workspace),
    labels,
    mode,
    timeoutMs: timeout * 1000,
    resultFile: isAbsolute(resultFile) ? resultFile : join(workspace, resultFile),
    source: {
      repository: env.GITHUB_REPOSITORY,
      sha: env.GITHUB_SHA,
      ref: env.GITHUB_REF,
      eventName: env.GITHUB_EVENT_NAME,
      workflow: env.GITHUB_WORKFLOW,
      runId: env.GITHUB_RUN_ID,
      runAttempt: env.GITHUB_RUN_ATTEMPT,
      actor: env.GITHUB_ACTOR,
      ...(typeof pullRequest?.number === 'number' ? { pullRequest: pullRequest.number } : {}),
    },
  };
}
