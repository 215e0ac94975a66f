/**
 * Who may inject what. Faults from our drivers must name an owning team (tag `owner:<team>`), stay
 * within a time-to-live and a blast radius; plain Chaos Toolkit experiments (no driver) pass
 * unchanged. The policy is data: faces pass DEFAULT_CHAOS_POLICY or the `chaos:` section of
 * .github/faultline.yml (chaos-config.ts).
 */
import type { FaultDriver, FaultPlan } from '../drivers/types.ts';
import { FaultlineError, type LocatedProblem } from '../errors.ts';
import { keyPath } from '../schema/validate.ts';
import { isDriverProvider } from './model.ts';
import type { PreparedExperiment } from './prepare.ts';

/** The most targets one fault may touch, counted (processes, pods) or as a share of the matches. */
export interface BlastRadiusLimit {
  targets: number;
  percent: number;
}

export interface ChaosPolicy {
  /** Experiments that use a driver must carry an `owner:<team>` tag. */
  requireOwner: boolean;
  /** Drivers that may be used at all (undefined: every installed driver). */
  allowedDrivers?: string[];
  /** Longest time-to-live a single fault may have. */
  maxTtlSeconds: number;
  /** Largest blast radius a single fault may declare, for drivers without their own limit. */
  maxBlastRadius: BlastRadiusLimit;
  /** Per driver name: its own limit, complete (defaults already merged in). */
  driverBlastRadius?: Record<string, BlastRadiusLimit>;
  /** Most faults one experiment may inject. */
  maxFaults: number;
  /** Where the policy was configured (e.g. `.github/faultline.yml`), so a refusal says what to edit. */
  source?: string;
}

export const DEFAULT_CHAOS_POLICY: ChaosPolicy = {
  requireOwner: true,
  maxTtlSeconds: 3600,
  maxBlastRadius: { targets: 25, percent: 50 },
  maxFaults: 20,
};

/** The blast-radius limit that applies to one driver's faults. */
export function blastRadiusLimitFor(policy: ChaosPolicy, driver: string): BlastRadiusLimit {
  return (policy.driverBlastRadius && Object.hasOwn(policy.driverBlastRadius, driver) ? policy.driverBlastRadius[driver] : undefined) ?? policy.maxBlastRadius;
}

export interface PlannedFault {
  name: string;
  pointer: string;
  line?: number;
  plan: FaultPlan;
}

/** The plan of every driver action (method and rollbacks), in order. */
export function plannedFaults(prepared: PreparedExperiment, drivers: Record<string, FaultDriver>): PlannedFault[] {
  const faults: PlannedFault[] = [];
  for (const entry of [...prepared.method, ...prepared.rollbacks]) {
    const provider = entry.activity.provider;
    if (!isDriverProvider(provider) || entry.driverParams === undefined) continue;
    faults.push({
      name: entry.activity.name,
      pointer: entry.location.pointer,
      line: entry.location.line,
      plan: drivers[provider.driver]!.plan(entry.driverParams as Record<string, unknown>),
    });
  }
  return faults;
}

/** Throws one FaultlineError (exit 2) listing every violation, or returns the planned faults. */
export function checkPolicy(
  prepared: PreparedExperiment,
  drivers: Record<string, FaultDriver>,
  policy: ChaosPolicy = DEFAULT_CHAOS_POLICY,
): PlannedFault[] {
  const faults = plannedFaults(prepared, drivers);
  const problems: LocatedProblem[] = [];
  const add = (line: number | undefined, message: string): void => {
    problems.push({ file: prepared.file, ...(line ? { line } : {}), message });
  };
  const at = (fault: PlannedFault) => `${keyPath(fault.pointer)} ("${fault.name}")`;
  if (faults.length > 0 && policy.requireOwner && !prepared.owner) {
    add(undefined, `tags: experiments that inject faults need an owner tag such as "owner:payments-sre"`);
  }
  if (faults.length > policy.maxFaults) {
    add(undefined, `method: ${faults.length} faults, the policy allows at most ${policy.maxFaults}`);
  }
  for (const fault of faults) {
    if (policy.allowedDrivers && !policy.allowedDrivers.includes(fault.plan.driver)) {
      add(fault.line, `${at(fault)}: driver "${fault.plan.driver}" is not allowed by the policy (allowed: ${policy.allowedDrivers.join(', ')})`);
    }
    if (fault.plan.ttlSeconds > policy.maxTtlSeconds) {
      add(fault.line, `${at(fault)}: time-to-live ${fault.plan.ttlSeconds} s is over the policy's ${policy.maxTtlSeconds} s`);
    }
    const radius = fault.plan.blastRadius;
    if (radius) {
      const limit = blastRadiusLimitFor(policy, fault.plan.driver);
      const max = radius.unit === 'percent' ? limit.percent : limit.targets;
      const scope = limit === policy.maxBlastRadius ? '' : ` for ${fault.plan.driver}`;
      if (radius.limit > max) {
        add(fault.line, `${at(fault)}: blast radius ${radius.limit} ${radius.unit} is over the policy's ${max} ${radius.unit}${scope}`);
      }
    }
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    throw new FaultlineError(`experiment breaks the chaos policy:\n  ${lines.join('\n  ')}`, {
      file: prepared.file,
      problems,
      hint: `add the owner tag, narrow the fault, or change the policy (chaos: in ${policy.source ?? '.github/faultline.yml'}); see docs/chaos.md#the-chaos-policy`,
    });
  }
  return faults;
}
