/**
 * Turns trusted result files into a gate verdict (the check run's conclusion), applying an
 * approved override. `pass`/`fail` come only from results; a gate with no result does not apply
 * (neutral), and a result that could not decide (`error`) fails: never a silent pass.
 */
import type { FaultlineResult, ResultKind } from '../result.ts';
import type { GateName } from './commands.ts';
import type { ActiveOverride, OverrideRequest } from './overrides.ts';

export type Conclusion = 'success' | 'failure' | 'neutral';

export interface GateVerdict {
  gate: GateName;
  checkName: string;
  conclusion: Conclusion;
  title: string;
  reasons: string[];
  results: FaultlineResult[];
  override?: ActiveOverride;
  pendingOverride?: OverrideRequest;
  /** No result yet, but workflow runs that may produce one are still going. */
  waiting?: boolean;
}

export const GATE_KINDS: Record<GateName, ResultKind[]> = {
  chaos: ['chaos'],
  'slo-budget': ['slo', 'canary'],
  migrations: ['migrations'],
};

export function checkNameOf(gate: GateName): string {
  return `faultline/${gate}`;
}

function describe(result: FaultlineResult): string {
  return `${result.name}: ${result.verdict}${result.summary ? ` — ${result.summary}` : ''}`;
}

export function gateVerdict(
  gate: GateName,
  results: readonly FaultlineResult[],
  override?: ActiveOverride,
  pendingOverride?: OverrideRequest,
): GateVerdict {
  const relevant = results.filter((r) => GATE_KINDS[gate].includes(r.kind));
  const blocking = relevant.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
  const base = { gate, checkName: checkNameOf(gate), results: relevant, pendingOverride };
  if (relevant.length === 0 || relevant.every((r) => r.verdict === 'neutral')) {
    return { ...base, conclusion: 'neutral', title: 'Does not apply to this change', reasons: relevant.map(describe) };
  }
  if (blocking.length === 0) {
    return { ...base, conclusion: 'success', title: `${relevant.length} passed`, reasons: relevant.map(describe) };
  }
  const reasons = blocking.map(describe);
  if (override) {
    return {
      ...base,
      override,
      conclusion: 'success',
      title: `Overridden by @${override.requestedBy}, approved by @${override.approvedBy}`,
      reasons: [...reasons, `override reason: ${override.reason}`],
    };
  }
  return { ...base, conclusion: 'failure', title: `${blocking.length} of ${relevant.length} failed`, reasons };
}
