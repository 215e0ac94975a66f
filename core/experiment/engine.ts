/**
 * What the faces call: read an experiment file's text, validate it (schema, semantics, driver and
 * probe arguments, policy), then plan it or run it. One path for the CLI and the action.
 */
import type { FaultDriver } from '../drivers/types.ts';
import { FaultlineError } from '../errors.ts';
import { probes as defaultProbes, type ProbeRegistry } from '../probes/index.ts';
import { loadExperiment } from './load.ts';
import { checkPolicy, type ChaosPolicy, DEFAULT_CHAOS_POLICY, type PlannedFault } from './policy.ts';
import { type PreparedExperiment, prepareExperiment } from './prepare.ts';

export interface ReadExperimentOptions {
  drivers: Record<string, FaultDriver>;
  probes?: ProbeRegistry;
  env: Record<string, string | undefined>;
  vars?: Record<string, string>;
  /** For `validate`: values that come from a missing environment stay placeholders. */
  lenient?: boolean;
  policy?: ChaosPolicy;
  /** Run without the experiment's controls (never run by us): warnings instead of refusals. */
  ignoreControls?: boolean;
}

export interface ReadExperiment {
  prepared: PreparedExperiment;
  faults: PlannedFault[];
}

/** Throws FaultlineError (exit 2) with file:line and key path for anything wrong. */
export function readExperiment(text: string, file: string, options: ReadExperimentOptions): ReadExperiment {
  const probes = options.probes ?? defaultProbes;
  const loaded = loadExperiment(text, file, { drivers: options.drivers, probes, ignoreControls: options.ignoreControls });
  const prepared = prepareExperiment(loaded, {
    drivers: options.drivers,
    probes,
    env: options.env,
    vars: options.vars,
    lenient: options.lenient,
  });
  const faults = checkPolicy(prepared, options.drivers, options.policy ?? DEFAULT_CHAOS_POLICY);
  return { prepared, faults };
}

/** `KEY=VALUE` pairs (from --var or the action's `vars` input) into a map; bad pairs name themselves. */
export function parseVars(pairs: string[], source: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^\s*([A-Za-z_][\w.-]*)\s*=(.*)$/s.exec(pair);
    if (!match) {
      throw new FaultlineError(`${source}: "${pair}" is not KEY=VALUE`, {
        hint: 'KEY starts with a letter or _, then letters, digits, _ . or -; e.g. --var base_url=http://127.0.0.1:8080',
      });
    }
    vars[match[1]!] = match[2]!;
  }
  return vars;
}
