/**
 * `--dry-run`: what the experiment would do, where, for how long and how it is undone — built
 * from the drivers' plan() and the probes' describe(), which touch nothing.
 */
import type { FaultDriver } from '../drivers/types.ts';
import type { ProbeRegistry } from '../probes/index.ts';
import { keyPath } from '../schema/validate.ts';
import { isDriverProvider, isProbeProvider, type LocatedActivity } from './model.ts';
import type { PreparedExperiment } from './prepare.ts';

export interface PlanStep {
  phase: 'steady state' | 'method' | 'guardrail' | 'rollbacks';
  activity: string;
  kind: 'probe' | 'action' | 'fault';
  what: string;
  where?: string;
  /** Seconds the fault stays in force at most (faults only; absent for an instantaneous fault). */
  ttlSeconds?: number;
  /** An instantaneous fault (kill, delete): done at once, nothing to revert; the system itself recovers. */
  instantaneous?: boolean;
  undo?: string;
  blastRadius?: string;
  at: string;
}

export interface ExperimentPlan {
  title: string;
  owner?: string;
  hypothesisStrategy: string;
  rollbackStrategy: string;
  steps: PlanStep[];
}

function describe(entry: LocatedActivity, phase: PlanStep['phase'], drivers: Record<string, FaultDriver>, probes: ProbeRegistry, file: string): PlanStep {
  const { activity, location } = entry;
  const at = `${file}${location.line ? `:${location.line}` : ''} ${keyPath(location.pointer)}`;
  const provider = activity.provider;
  const base = { phase, activity: activity.name, at };
  if (isDriverProvider(provider)) {
    if (entry.driverParams === undefined) {
      return { ...base, kind: 'fault', what: `${provider.driver} fault (arguments depend on values not set here)` };
    }
    const plan = drivers[provider.driver]!.plan(entry.driverParams as Record<string, unknown>);
    return {
      ...base,
      kind: 'fault',
      what: `${plan.driver}: ${plan.action}`,
      where: plan.target,
      ...(plan.ttlSeconds > 0 ? { ttlSeconds: plan.ttlSeconds } : { instantaneous: true }),
      undo: plan.undo,
      ...(plan.blastRadius ? { blastRadius: `at most ${plan.blastRadius.limit} ${plan.blastRadius.unit}` } : {}),
    };
  }
  if (isProbeProvider(provider)) {
    const probe = probes[provider.probe];
    const what = entry.probeArgs === undefined ? `${provider.probe} probe` : probe.describe(entry.probeArgs);
    return { ...base, kind: 'probe', what };
  }
  const kind = activity.type === 'probe' ? 'probe' : 'action';
  if (provider.type === 'http') return { ...base, kind, what: `${(provider.method ?? 'GET').toUpperCase()} ${provider.url}` };
  if (provider.type === 'process') {
    const args = provider.arguments;
    const shown = typeof args === 'string' ? args : Array.isArray(args) ? args.join(' ') : args ? JSON.stringify(args) : '';
    return { ...base, kind, what: `runs ${provider.path}${shown ? ` ${shown}` : ''}` };
  }
  return { ...base, kind, what: `${provider.type} provider` };
}

export function planExperiment(prepared: PreparedExperiment, drivers: Record<string, FaultDriver>, probes: ProbeRegistry): ExperimentPlan {
  const { experiment } = prepared;
  const step = (phase: PlanStep['phase']) => (entry: LocatedActivity) => describe(entry, phase, drivers, probes, prepared.file);
  const steps = [
    ...prepared.hypothesis.map(step('steady state')),
    ...prepared.guardrails.map(step('guardrail')),
    ...prepared.method.map(step('method')),
    ...prepared.rollbacks.map(step('rollbacks')),
  ];
  return prepared.redactor.value({
    title: experiment.title,
    owner: prepared.owner,
    hypothesisStrategy: experiment.runtime?.hypothesis?.strategy ?? 'default',
    rollbackStrategy: experiment.runtime?.rollbacks?.strategy ?? 'default',
    steps,
  });
}

/** The plan as text for a terminal or a log. */
export function formatPlan(plan: ExperimentPlan): string {
  const lines = [
    `Plan for "${plan.title}"${plan.owner ? ` (owner: ${plan.owner})` : ''} — dry run, nothing is touched`,
    `  steady state: ${plan.hypothesisStrategy}; rollbacks: ${plan.rollbackStrategy}`,
  ];
  let phase = '';
  for (const step of plan.steps) {
    if (step.phase !== phase) {
      phase = step.phase;
      lines.push(`${phase}:`);
    }
    lines.push(`  - ${step.activity} [${step.kind}] ${step.what}`);
    if (step.where) lines.push(`      where: ${step.where}`);
    if (step.instantaneous) lines.push('      how long: instantaneous; nothing stays in force, so nothing is reverted');
    else if (step.ttlSeconds !== undefined) lines.push(`      how long: at most ${step.ttlSeconds} s (time-to-live)`);
    if (step.undo) lines.push(`      ${step.instantaneous ? 'recovery' : 'undone by'}: ${step.undo}`);
    if (step.blastRadius) lines.push(`      blast radius: ${step.blastRadius}`);
  }
  lines.push(faultSummary(plan.steps.filter((s) => s.kind === 'fault')));
  return lines.join('\n');
}

/** What happens to the plan's faults, without promising a revert for a fault that has none. */
export function faultSummary(faults: PlanStep[]): string {
  if (faults.length === 0) return 'No faults from drivers: only Chaos Toolkit actions and probes.';
  const lasting = faults.filter((f) => !f.instantaneous).length;
  const instant = faults.length - lasting;
  const parts: string[] = [];
  if (lasting > 0) {
    parts.push(
      `${lasting === 1 ? '1 lasting fault: it is' : `${lasting} lasting faults: each is`} recorded in the ledger before it is injected and reverted at the end, on a guardrail breach, on interruption or when its TTL passes`,
    );
  }
  if (instant > 0) {
    parts.push(`${instant === 1 ? '1 instantaneous fault: it is' : `${instant} instantaneous faults: each is`} recorded in the ledger and has nothing to revert; the system's own recovery is what the steady state checks`);
  }
  return `${parts.join('. ')}.`;
}
