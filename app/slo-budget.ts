/**
 * The `faultline/slo-budget` gate for a change: the SLOs of the services it touches, computed live
 * from the operator's Prometheus with the SLO engine, judged by the repo's error-budget policy.
 * A gate that cannot see its SLOs (no Prometheus, no data, bad specs) fails with the reason: it is
 * never a silent pass.
 */
import type { ActiveOverride } from '../core/gates/overrides.ts';
import { servicesTouched } from '../core/gates/services.ts';
import { type GateEvidence, type GateVerdict, gateVerdict } from '../core/gates/verdict.ts';
import type { PrometheusClient } from '../core/prometheus/client.ts';
import type { SloRow } from '../core/report/pr-comment.ts';
import { escapeMarkdown } from '../core/report/markdown-escape.ts';
import type { FaultlineResult } from '../core/result.ts';
import { budgetPolicyFrom, type BudgetPolicyDocument, evaluateBudgetPolicy } from '../core/slo/budget-policy.ts';
import { computeSloStatuses } from '../core/slo/engine.ts';
import { parseSloSpecs } from '../core/slo/specs/index.ts';
import type { SloDefinition } from '../core/slo/types.ts';
import type { GitHubApi, Repo } from './github-api.ts';

export interface SloConfig extends BudgetPolicyDocument {
  specs?: string[];
  services?: Record<string, string[]>;
}

export interface SloBudgetOutcome {
  verdict: GateVerdict;
  rows: SloRow[];
  error?: string;
}

interface ContentEntry {
  type: string;
  path: string;
  content?: string;
}

const SPEC_FILE = /\.(ya?ml|json)$/;
/** Keyed by repo, commit and path: a commit's files never change, so entries never go stale. */
const specCache = new Map<string, SloDefinition[]>();

async function specFilesAt(api: GitHubApi, repo: Repo, ref: string, path: string, depth = 0): Promise<ContentEntry[]> {
  const { data } = await api.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path, ref });
  if (!Array.isArray(data)) return [data as ContentEntry];
  const found: ContentEntry[] = [];
  for (const entry of data as ContentEntry[]) {
    if (entry.type === 'file' && SPEC_FILE.test(entry.path)) {
      const { data: file } = await api.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path: entry.path, ref });
      found.push(file as ContentEntry);
    } else if (entry.type === 'dir' && depth < 3) {
      found.push(...(await specFilesAt(api, repo, ref, entry.path, depth + 1)));
    }
  }
  return found;
}

/** SLO specs from the repository at a commit (the base branch's, never the pull request's). */
export async function slosAt(api: GitHubApi, repo: Repo, ref: string, paths: readonly string[]): Promise<SloDefinition[]> {
  const slos: SloDefinition[] = [];
  for (const path of paths) {
    const key = `${repo.owner}/${repo.repo}@${ref}:${path}`;
    let found = specCache.get(key);
    if (!found) {
      found = [];
      for (const file of await specFilesAt(api, repo, ref, path)) {
        const text = Buffer.from(file.content ?? '', 'base64').toString('utf8');
        found.push(...parseSloSpecs(text, file.path));
      }
      specCache.set(key, found);
    }
    slos.push(...found);
  }
  return slos;
}

function failed(title: string, reasons: string[], results: FaultlineResult[], override?: ActiveOverride): GateVerdict {
  const base = { gate: 'slo-budget' as const, checkName: 'faultline/slo-budget', results };
  if (override) {
    return { ...base, override, conclusion: 'success', title: `Overridden by @${override.requestedBy}, approved by @${override.approvedBy}`, reasons: [...reasons, `override reason: ${escapeMarkdown(override.reason, 500)}`] };
  }
  return { ...base, conclusion: 'failure', title, reasons };
}

export interface SloBudgetInputs {
  config: SloConfig | undefined;
  files: readonly string[];
  /** Set when the list of changed files is incomplete: every mapped service then counts as touched. */
  filesCapped?: string;
  labels: readonly string[];
  /** Commit whose specs count (the base branch head). */
  specRef: string;
  /** slo/canary results from trusted workflows for this commit, which must pass too. */
  results: FaultlineResult[];
  prometheus?: PrometheusClient;
  override?: ActiveOverride;
  /** Whether the gate applies and what was rejected or ignored (see core/gates/verdict.ts). */
  evidence?: GateEvidence;
}

export async function sloBudgetGate(api: GitHubApi, repo: Repo, inputs: SloBudgetInputs): Promise<SloBudgetOutcome> {
  // Result files can fail this gate or pass it when no service is touched; when one is, the live
  // check is the trusted verdict, so a missing slo/canary result is not a "no trusted result".
  const resultEvidence = inputs.evidence && { ...inputs.evidence, applicability: { ...inputs.evidence.applicability, applies: false } };
  const fromResults = gateVerdict('slo-budget', inputs.results, inputs.override, undefined, resultEvidence);
  const mapped = inputs.config?.services ?? {};
  const services = inputs.filesCapped ? Object.keys(mapped).sort() : servicesTouched(inputs.files, mapped);
  if (services.length === 0) return { verdict: fromResults, rows: [] };
  if (!inputs.prometheus) {
    const error = 'the app has no PROMETHEUS_URL, so error budgets cannot be checked';
    return { verdict: failed('SLO data unavailable', [error], inputs.results, inputs.override), rows: [], error };
  }
  let rows: SloRow[] = [];
  try {
    const slos = (await slosAt(api, repo, inputs.specRef, inputs.config?.specs ?? ['.slo'])).filter((s) => services.includes(s.service));
    if (slos.length === 0) {
      const error = `no SLO spec covers the touched service${services.length > 1 ? 's' : ''} ${services.join(', ')}`;
      return { verdict: failed('No SLO for a touched service', [error], inputs.results, inputs.override), rows: [], error };
    }
    const report = await computeSloStatuses(inputs.prometheus, slos);
    const policy = evaluateBudgetPolicy(report.statuses, budgetPolicyFrom(inputs.config), inputs.labels);
    rows = report.statuses.map((s, i) => ({
      service: s.service,
      name: s.name,
      objective: s.target,
      budgetRemaining: s.budgetRemaining,
      burn1h: s.burnRates['1h'],
      burn6h: s.burnRates['6h'],
      alert: s.alert,
      verdict: policy.slos[i]!.verdict,
    }));
    if (policy.verdict !== 'pass') {
      const title = policy.verdict === 'fail' ? 'Error budget policy breached' : 'No SLO data: budget cannot be checked';
      return { verdict: failed(title, policy.reasons, inputs.results, inputs.override), rows };
    }
    if (fromResults.conclusion === 'failure') return { verdict: fromResults, rows };
    const excused = policy.slos.filter((s) => s.exception).map((s) => `${s.name}: ${s.reasons.join('; ')}`);
    return {
      verdict: { gate: 'slo-budget', checkName: 'faultline/slo-budget', results: inputs.results, conclusion: 'success', title: `${slos.length} SLO${slos.length > 1 ? 's' : ''} within budget`, reasons: excused },
      rows,
    };
  } catch (error) {
    const message = (error as Error).message;
    return { verdict: failed('SLO data unavailable', [message], inputs.results, inputs.override), rows, error: message };
  }
}
