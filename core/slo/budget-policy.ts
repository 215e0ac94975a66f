/**
 * The error-budget policy: a service whose budget is spent (or burning too fast) blocks changes
 * unless the change carries an exception label (it fixes reliability or security). Missing data
 * is never a pass and never excused: it gets its own verdict, `no-data`.
 */
import { existsSync, readFileSync } from 'node:fs';
import policySchema from '../../policy/schemas/slo-policy.schema.json' with { type: 'json' };
import { FaultlineError } from '../errors.ts';
import { loadValidated } from '../schema/validate.ts';
import { type AlertThresholds, type BurnRateCondition, WORKBOOK_THRESHOLDS } from './alerts.ts';
import type { SloStatus } from './engine.ts';
import type { AlertState, BurnWindow, SloVerdict } from './types.ts';

export interface BudgetPolicy {
  minBudgetRemaining: number;
  maxBurnRate?: number;
  burnRateWindow: BurnWindow;
  failOnAlert: AlertState;
  exceptionLabels: string[];
  alerting: AlertThresholds;
}

export const DEFAULT_BUDGET_POLICY: BudgetPolicy = {
  minBudgetRemaining: 0,
  burnRateWindow: '1h',
  failOnAlert: 'none',
  exceptionLabels: ['reliability-fix', 'security-fix'],
  alerting: WORKBOOK_THRESHOLDS,
};

export { policySchema };

/** The policy file as written (kebab-case keys, as in .github/faultline.yml's `slo:`). */
export interface BudgetPolicyDocument {
  'min-budget-remaining'?: number;
  'max-burn-rate'?: number;
  'burn-rate-window'?: BurnWindow;
  'fail-on-alert'?: AlertState;
  'exception-labels'?: string[];
  alerting?: { page?: ConditionDocument[]; ticket?: ConditionDocument[] };
}

interface ConditionDocument {
  long: BurnWindow;
  short: BurnWindow;
  'burn-rate': number;
}

function conditions(list: ConditionDocument[] | undefined, fallback: BurnRateCondition[]): BurnRateCondition[] {
  return list ? list.map((c) => ({ long: c.long, short: c.short, burnRate: c['burn-rate'] })) : fallback;
}

/** Fills the defaults in; also takes the app config's `slo:` section, whose keys are the same. */
export function budgetPolicyFrom(document: BudgetPolicyDocument = {}): BudgetPolicy {
  return {
    minBudgetRemaining: document['min-budget-remaining'] ?? DEFAULT_BUDGET_POLICY.minBudgetRemaining,
    ...(document['max-burn-rate'] !== undefined ? { maxBurnRate: document['max-burn-rate'] } : {}),
    burnRateWindow: document['burn-rate-window'] ?? DEFAULT_BUDGET_POLICY.burnRateWindow,
    failOnAlert: document['fail-on-alert'] ?? DEFAULT_BUDGET_POLICY.failOnAlert,
    exceptionLabels: document['exception-labels'] ?? DEFAULT_BUDGET_POLICY.exceptionLabels,
    alerting: {
      page: conditions(document.alerting?.page, WORKBOOK_THRESHOLDS.page),
      ticket: conditions(document.alerting?.ticket, WORKBOOK_THRESHOLDS.ticket),
    },
  };
}

/** Parses policy YAML/JSON text; errors name the file (or input), line and key. */
export function parseBudgetPolicy(text: string, file: string): BudgetPolicy {
  if (text.trim() === '') return budgetPolicyFrom();
  const { value } = loadValidated<BudgetPolicyDocument | null>(text, file, policySchema, 'error-budget policy');
  return budgetPolicyFrom(value ?? {});
}

/**
 * A policy given either inline (YAML/JSON text, as an action input allows) or as a path to a file.
 * Text containing a newline or a `:`/`{` is inline; anything else must be an existing file.
 */
export function readBudgetPolicy(inlineOrPath: string, label: string, cwd: string): BudgetPolicy {
  const value = inlineOrPath.trim();
  if (value === '') return budgetPolicyFrom();
  const looksInline = /[\n:{]/.test(value);
  if (!looksInline) {
    const path = value.startsWith('/') ? value : `${cwd}/${value}`;
    if (!existsSync(path)) {
      throw new FaultlineError(`${label}: policy file "${value}" does not exist`, {
        hint: 'give a path relative to the working directory, or write the policy inline as YAML (e.g. "min-budget-remaining: 0.1")',
      });
    }
    return parseBudgetPolicy(readFileSync(path, 'utf8'), value);
  }
  return parseBudgetPolicy(value, label);
}

export interface SloDecision {
  name: string;
  verdict: SloVerdict;
  /** Why it failed or has no data; for a pass, what was excused or what fires without blocking. */
  reasons: string[];
  /** The label that excused a failure. */
  exception?: string;
}

export interface PolicyOutcome {
  verdict: SloVerdict;
  slos: SloDecision[];
  /** One line per SLO that did not simply pass. */
  reasons: string[];
}

const SEVERITY: Record<AlertState, number> = { none: 0, ticket: 1, page: 2 };

function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))} %`;
}

function breaches(status: SloStatus, policy: BudgetPolicy): string[] {
  const reasons: string[] = [];
  const remaining = status.budgetRemaining!;
  if (remaining <= 0) {
    reasons.push(`error budget spent: ${percent(remaining)} remaining (error ratio ${percent(status.errorRatio!)} against an allowed ${percent(1 - status.target)})`);
  } else if (remaining < policy.minBudgetRemaining) {
    reasons.push(`error budget ${percent(remaining)} remaining, below the policy minimum of ${percent(policy.minBudgetRemaining)}`);
  }
  const burn = status.burnRates[policy.burnRateWindow];
  if (policy.maxBurnRate !== undefined && burn !== null && burn > policy.maxBurnRate) {
    reasons.push(`${policy.burnRateWindow} burn rate ${Number(burn.toFixed(2))} is above the policy maximum of ${policy.maxBurnRate}`);
  }
  if (policy.failOnAlert !== 'none' && SEVERITY[status.alert] >= SEVERITY[policy.failOnAlert]) {
    reasons.push(`${status.alert} alert firing (${status.firingConditions.join('; ')})`);
  }
  return reasons;
}

/** A firing alert the policy does not block on is said beside the pass, with the setting that would block it. */
function tolerated(status: SloStatus, policy: BudgetPolicy): string[] {
  if (status.alert === 'none') return [];
  const setting = policy.failOnAlert === 'none' ? 'fail-on-alert: none' : `fail-on-alert: ${policy.failOnAlert}`;
  return [`not blocking: ${status.alert} alert firing (${status.firingConditions.join('; ')}), but the policy (${setting}) does not block on it; set fail-on-alert: ${status.alert} to block`];
}

export function decideSlo(status: SloStatus, policy: BudgetPolicy, labels: readonly string[]): SloDecision {
  if (status.errorRatio === null || status.budgetRemaining === null) {
    const problem = status.problems.find((p) => p.window === 'slo');
    return { name: status.name, verdict: 'no-data', reasons: [problem?.message ?? `no data over the ${status.window} SLO window`] };
  }
  const reasons = breaches(status, policy);
  if (reasons.length === 0) return { name: status.name, verdict: 'pass', reasons: tolerated(status, policy) };
  const exception = policy.exceptionLabels.find((label) => labels.includes(label));
  if (exception) {
    return { name: status.name, verdict: 'pass', reasons: reasons.map((r) => `excused by label "${exception}": ${r}`), exception };
  }
  return { name: status.name, verdict: 'fail', reasons };
}

/** Fail beats no-data beats pass: a gate cannot pass on SLOs it could not see. */
export function evaluateBudgetPolicy(statuses: SloStatus[], policy: BudgetPolicy, labels: readonly string[] = []): PolicyOutcome {
  const slos = statuses.map((status) => decideSlo(status, policy, labels));
  const verdict: SloVerdict = slos.some((s) => s.verdict === 'fail') ? 'fail' : slos.some((s) => s.verdict === 'no-data') ? 'no-data' : 'pass';
  const reasons = slos.filter((s) => s.reasons.length > 0).map((s) => `${s.name}: ${s.reasons.join('; ')}`);
  return { verdict, slos, reasons };
}
