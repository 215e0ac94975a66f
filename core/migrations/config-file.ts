/**
 * Reads `.github/faultline.yml`: the whole file is validated against
 * policy/schemas/config.schema.json (unknown keys anywhere are errors). Rule ids under
 * `migrations.rules` must exist; a misspelt id would otherwise silently leave a rule at its default.
 * Kept apart from config.ts so that runs without a config file never load the validator.
 */
import { readFileSync } from 'node:fs';
import configSlo from '../../policy/schemas/config-slo.schema.json' with { type: 'json' };
import configSchema from '../../policy/schemas/config.schema.json' with { type: 'json' };
import sloPolicy from '../../policy/schemas/slo-policy.schema.json' with { type: 'json' };
import { FaultlineError } from '../errors.ts';
import { loadValidated, registerSchemas } from '../schema/validate.ts';
import { CONFIG_FILE, type FaultlineConfigFile } from './config.ts';
import { ruleById, ruleIds } from './rules/index.ts';

export { configSchema };

let registered = false;
function registerReferencedSchemas(): void {
  if (registered) return;
  registerSchemas(sloPolicy, configSlo);
  registered = true;
}

/** Parses and validates config text; FaultlineError (exit 2) with file:line:column on any problem. */
export function parseConfig(text: string, file: string): FaultlineConfigFile {
  registerReferencedSchemas();
  const doc = loadValidated<FaultlineConfigFile | null>(text, file, configSchema, 'Faultline config');
  const value = doc.value ?? {};
  const unknown = Object.keys(value.migrations?.rules ?? {}).filter((id) => !ruleById(id));
  if (unknown.length > 0) {
    const first = doc.locate(`/migrations/rules/${unknown[0]!.replace(/~/g, '~0').replace(/\//g, '~1')}`, true);
    // Each unknown id at its own place, so an action annotates every one on its line.
    const problems = unknown.map((id) => {
      const at = doc.locate(`/migrations/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`, true);
      const suggestion = closestRuleId(id);
      return { file, ...(at ? { line: at.line, column: at.column } : {}), message: `migrations.rules.${id}: unknown rule id${suggestion ? ` (did you mean "${suggestion}"?)` : ''}` };
    });
    const lines = problems.map((p) => `  ${file}${p.line !== undefined ? `:${p.line}:${p.column}` : ''}: ${p.message}`);
    throw new FaultlineError(`invalid Faultline config (${unknown.length} unknown rule id${unknown.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
      file,
      line: first?.line,
      column: first?.column,
      problems,
      hint: 'use rule ids from docs/rules (for example non-concurrent-index, set-not-null)',
    });
  }
  return value;
}

/** Reads and validates a config file; a missing or unreadable file is an input error naming it. */
export function loadConfigFile(file: string): FaultlineConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FaultlineError(`cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      file,
      hint: `check the path; without --config, ${CONFIG_FILE} is used when it exists`,
      cause: error,
    });
  }
  return parseConfig(text, file);
}

/** The known rule id nearest to a misspelt one (edit distance ≤ 3), for "did you mean". */
export function closestRuleId(id: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of ruleIds) {
    const d = editDistance(id, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
