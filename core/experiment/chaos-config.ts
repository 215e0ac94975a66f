/**
 * The chaos policy from the `chaos:` section of `.github/faultline.yml`. The whole file is checked
 * against policy/schemas/config.schema.json (a typo anywhere is an error, as for every other
 * reader of the file); keys left out keep DEFAULT_CHAOS_POLICY's values.
 */
import { readFileSync } from 'node:fs';
import configSlo from '../../policy/schemas/config-slo.schema.json' with { type: 'json' };
import configSchema from '../../policy/schemas/config.schema.json' with { type: 'json' };
import sloPolicy from '../../policy/schemas/slo-policy.schema.json' with { type: 'json' };
import { parseSeconds } from '../drivers/arguments.ts';
import { FaultlineError } from '../errors.ts';
import { checkAgainstSchema, keyPath, parseYaml, registerSchemas, type SchemaProblem } from '../schema/validate.ts';
import { type BlastRadiusLimit, type ChaosPolicy, DEFAULT_CHAOS_POLICY } from './policy.ts';

export const CHAOS_CONFIG_FILE = '.github/faultline.yml';

/** The `chaos:` section as written (kebab-case keys), once the schema accepted it. */
export interface ChaosSection {
  'require-owner'?: boolean;
  'allowed-drivers'?: string[];
  'max-ttl'?: number | string;
  'max-faults'?: number;
  'max-blast-radius'?: Partial<Record<'default' | 'process' | 'kubernetes', Partial<BlastRadiusLimit>>>;
}

const DURATION_EXPECTED = 'must be seconds (a number above 0) or a duration such as "90s", "30m" or "2h"';

/** Schema messages a person can act on where ajv's own ("must match pattern ^\s*\d+…") are not. */
function explain(problem: SchemaProblem): SchemaProblem {
  if (problem.pointer === '/chaos/max-ttl') return { ...problem, message: DURATION_EXPECTED };
  return problem;
}

function invalid(file: string, problems: SchemaProblem[]): FaultlineError {
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.pointer === p.pointer && q.message === p.message) === i);
  const first = unique[0]!;
  const lines = unique.map((p) => `  ${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${keyPath(p.pointer)}: ${p.message}`);
  return new FaultlineError(`invalid Faultline config (${unique.length} problem${unique.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
    file,
    line: first.line,
    column: first.column,
    problems: unique.map((p) => ({ file, line: p.line, column: p.column, message: `${keyPath(p.pointer)}: ${p.message}` })),
    hint: 'see docs/chaos.md#the-chaos-policy for the chaos: keys (schema: policy/schemas/config.schema.json)',
  });
}

/** The policy from config text; FaultlineError (exit 2) naming file, line, column and key otherwise. */
export function chaosPolicyFromConfig(text: string, file: string): ChaosPolicy {
  registerSchemas(sloPolicy, configSlo);
  const doc = parseYaml<{ chaos?: ChaosSection | null } | null>(text, file);
  const problems = checkAgainstSchema(configSchema, doc as Parameters<typeof checkAgainstSchema>[1]).map(explain);
  if (problems.length > 0) throw invalid(file, problems);
  const section = doc.value?.chaos;
  if (!section) return { ...DEFAULT_CHAOS_POLICY, source: file };

  let maxTtlSeconds = DEFAULT_CHAOS_POLICY.maxTtlSeconds;
  if (section['max-ttl'] !== undefined) {
    const seconds = parseSeconds(section['max-ttl']);
    // The schema lets "0s" through its pattern; a zero TTL would refuse every fault.
    if (seconds === undefined || seconds <= 0) {
      throw invalid(file, [{ pointer: '/chaos/max-ttl', message: DURATION_EXPECTED, ...doc.locate('/chaos/max-ttl') }]);
    }
    maxTtlSeconds = seconds;
  }

  const radius = section['max-blast-radius'] ?? {};
  const fallback: BlastRadiusLimit = { ...DEFAULT_CHAOS_POLICY.maxBlastRadius, ...radius.default };
  const driverBlastRadius: Record<string, BlastRadiusLimit> = {};
  for (const driver of ['process', 'kubernetes'] as const) {
    if (radius[driver]) driverBlastRadius[driver] = { ...fallback, ...radius[driver] };
  }

  return {
    requireOwner: section['require-owner'] ?? DEFAULT_CHAOS_POLICY.requireOwner,
    ...(section['allowed-drivers'] ? { allowedDrivers: [...section['allowed-drivers']] } : {}),
    maxTtlSeconds,
    maxBlastRadius: fallback,
    ...(Object.keys(driverBlastRadius).length > 0 ? { driverBlastRadius } : {}),
    maxFaults: section['max-faults'] ?? DEFAULT_CHAOS_POLICY.maxFaults,
    source: file,
  };
}

/**
 * Reads the config file at `path` (shown as `shownAs` in messages). A file that cannot be read is
 * an input error naming it; the faces decide whether a missing default file matters.
 */
export function loadChaosPolicy(path: string, shownAs: string = path): ChaosPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FaultlineError(`cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      file: shownAs,
      hint: `check the path; without one, ${CHAOS_CONFIG_FILE} is read when it exists and the built-in policy applies otherwise`,
      cause: error,
    });
  }
  return chaosPolicyFromConfig(text, shownAs);
}
