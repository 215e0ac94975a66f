/**
 * Reads and checks every input of the SLO gate once, into a typed settings object (budget mode
 * here, canary mode in canary-inputs.ts). Nothing after this reads the environment. A bad input
 * throws a FaultlineError naming the input and the fix.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import fg from 'fast-glob';
import type { ResultSource } from '../../../core/result.ts';
import { type BudgetPolicy, parseBudgetPolicy, readBudgetPolicy } from '../../../core/slo/budget-policy.ts';
import { configSource, eventPayload, pullRequestOf, runSource } from '../../shared/github-run.ts';
import { decodeUtf8, pathInWorkspace, readWorkspaceBytes } from '../../shared/workspace-files.ts';
import { type CanarySettings, readCanarySettings } from './canary-inputs.ts';
import { bad, type InputReader, list, parseHeaders } from './input-text.ts';

export type GateMode = 'budget' | 'canary';

/** What both modes read: where to write, which Prometheus, and the run's provenance. */
export interface CommonSettings {
  workspace: string;
  prometheusUrl: string;
  prometheusHeaders: Record<string, string>;
  timeoutMs: number;
  resultFile: string;
  /** False on runners without GITHUB_STEP_SUMMARY: the job summary is skipped, not an error. */
  stepSummary: boolean;
  source: ResultSource;
}

export interface BudgetSettings extends CommonSettings {
  mode: 'budget';
  /** Absolute paths of spec files and folders. */
  specs: string[];
  policy: BudgetPolicy;
  labels: string[];
}

export type SloGateSettings = BudgetSettings | CanarySettings;

function resolveSpecs(value: string, workspace: string): string[] {
  const entries = value
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw bad('specs', 'is required in budget mode', 'list SLO spec files or folders, one per line, e.g. slos/');
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

/** The mode alone, read first so even a failed input parse reports in the right shape. */
export function readMode(input: InputReader): GateMode {
  const mode = input('mode') || 'budget';
  if (mode !== 'budget' && mode !== 'canary') throw bad('mode', `expected budget or canary, got '${mode}'`, 'use mode: budget (error budgets) or mode: canary (canary against baseline)');
  return mode;
}

/** Inputs of the other mode that have no default: giving one is a mistake worth naming. */
const ONLY_FOR: Record<GateMode, string[]> = {
  budget: ['specs', 'policy', 'labels'],
  canary: ['canary-selector', 'baseline-selector', 'metrics', 'set-weight-url', 'set-weight-headers', 'set-weight-command'],
};

/**
 * What both modes read: read first and on its own, so that when a mode's inputs turn out bad the
 * gate still knows where to write its result file (verdict error).
 */
export function readCommonSettings(input: InputReader, env: NodeJS.ProcessEnv): CommonSettings {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const prometheusUrl = input('prometheus-url');
  if (!prometheusUrl) throw bad('prometheus-url', 'is required', 'set it to the Prometheus query API, e.g. https://prometheus.example.com');
  const timeout = Number(input('timeout') || '30');
  if (!(timeout > 0)) throw bad('timeout', `expected seconds above 0, got '${input('timeout')}'`, "e.g. timeout: '30'");
  const resultFile = pathInWorkspace(workspace, input('result-file') || 'faultline-slo-result.json', 'input result-file');
  return {
    workspace,
    prometheusUrl,
    prometheusHeaders: parseHeaders(input('prometheus-headers')),
    timeoutMs: timeout * 1000,
    resultFile,
    stepSummary: Boolean(env.GITHUB_STEP_SUMMARY),
    source: runSource(env),
  };
}

/**
 * The policy input: inline YAML, or a file in the workspace (read once, strictly UTF-8, never
 * through a link out of it), whose path and git blob SHA the result's source records.
 */
function budgetPolicy(value: string, workspace: string): { policy: BudgetPolicy; source: ResultSource } {
  const given = value.trim();
  if (given === '' || /[\n:{]/.test(given)) return { policy: readBudgetPolicy(given, 'input policy', workspace), source: {} };
  const path = pathInWorkspace(workspace, given, 'input policy');
  if (!existsSync(path)) return { policy: readBudgetPolicy(given, 'input policy', workspace), source: {} };
  const bytes = readWorkspaceBytes(workspace, given, 'input policy');
  return { policy: parseBudgetPolicy(decodeUtf8(bytes, given), given), source: configSource(workspace, path, bytes) };
}

export function readSettings(input: InputReader, env: NodeJS.ProcessEnv, common = readCommonSettings(input, env)): SloGateSettings {
  const mode = readMode(input);
  const other: GateMode = mode === 'budget' ? 'canary' : 'budget';
  const misplaced = ONLY_FOR[other].find((name) => input(name) !== '');
  if (misplaced) throw bad(misplaced, `belongs to mode: ${other}, but mode is ${mode}`, `remove ${misplaced}, or set mode: ${other}`);
  if (mode === 'canary') return readCanarySettings(input, common);
  const labelsInput = input('labels');
  const pullRequest = pullRequestOf(eventPayload(env));
  const labels = labelsInput ? list(labelsInput) : (pullRequest?.labels ?? []).map((l) => l.name ?? '').filter(Boolean);
  const { policy, source } = budgetPolicy(input('policy'), common.workspace);
  return {
    ...common,
    source: { ...common.source, ...source },
    mode,
    specs: resolveSpecs(input('specs'), common.workspace),
    policy,
    labels,
  };
}
