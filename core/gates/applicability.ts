/**
 * When a gate applies to a change, decided from the DEFAULT branch's `.github/faultline.yml` and
 * the files the change touches: never from anything the pull request controls besides which files
 * it changes. A gate that applies must end with a trusted verdict or fail; `neutral` is only for a
 * gate that does not apply, and says why.
 *
 * Sections and their rules (docs/app.md, "When a gate applies"):
 * - `migrations`: a changed file matches `migrations.paths` (the migration gate's default layouts
 *   when the list is empty), minus `migrations.exclude`.
 * - `slo-budget`: a changed file lies under a service of `slo.services`.
 * - `chaos`, and any later gate with a section of the same shape (`security`):
 *   `<section>.required: true`, or a changed file matches `<section>.paths`.
 * - `dr-drill`: `failover.max-age` is set; then to every change, whatever it touches (it judges
 *   the default branch's drills, not the change: core/gates/dr-drill.ts).
 * A gate without a section does not apply by config; results a trusted run still reports for it count.
 */
import { matchesGlob } from 'node:path';
import { DEFAULT_MIGRATION_GLOBS } from '../migrations/find-files.ts';
import { servicesTouched } from './services.ts';
import { codeSpan } from '../report/markdown-escape.ts';

export interface ChangedFiles {
  paths: readonly string[];
  /** Set when GitHub returned an incomplete list (its caps): path rules then assume a match. */
  capped?: string;
}

export interface Applicability {
  applies: boolean;
  /** Shown in the check run: why the gate applies or does not. */
  reason: string;
}

/** The section of the config each gate reads its rule from. */
export const GATE_SECTIONS: Readonly<Record<string, string>> = {
  migrations: 'migrations',
  chaos: 'chaos',
  'slo-budget': 'slo',
  security: 'security',
  'dr-drill': 'failover',
};

interface RequiredOrPaths {
  required?: boolean;
  paths?: string[];
}

const CONFIG = 'the default branch’s .github/faultline.yml';
const MAX_NAMED = 3;

function matching(files: readonly string[], globs: readonly string[], exclude: readonly string[] = []): string[] {
  const include = globs.filter((g) => !g.startsWith('!'));
  const negated = [...exclude, ...globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1))];
  return files.filter((file) => include.some((g) => matchesGlob(file, g)) && !negated.some((g) => matchesGlob(file, g)));
}

function named(files: readonly string[]): string {
  const shown = files.slice(0, MAX_NAMED).map((f) => codeSpan(f, 200)).join(', ');
  return files.length > MAX_NAMED ? `${shown} and ${files.length - MAX_NAMED} more` : shown;
}

function byPaths(section: string, key: string, globs: readonly string[], files: ChangedFiles, exclude: readonly string[] = []): Applicability {
  if (globs.length === 0) return { applies: false, reason: `\`${section}\` in ${CONFIG} neither is required nor lists paths` };
  if (files.capped) return { applies: true, reason: `the list of changed files is incomplete (${files.capped}), so ${key} is assumed to match` };
  const hits = matching(files.paths, globs, exclude);
  if (hits.length > 0) return { applies: true, reason: `${named(hits)} ${hits.length > 1 ? 'match' : 'matches'} ${key}` };
  return { applies: false, reason: `no changed file matches ${key} in ${CONFIG}` };
}

function migrations(section: { paths?: string[]; exclude?: string[] }, files: ChangedFiles): Applicability {
  const globs = section.paths && section.paths.length > 0 ? section.paths : DEFAULT_MIGRATION_GLOBS;
  const key = section.paths && section.paths.length > 0 ? '`migrations.paths`' : 'the migration gate’s default layouts (`migrations.paths` is empty)';
  return byPaths('migrations', key, globs, files, section.exclude ?? []);
}

function slo(section: { services?: Record<string, string[]> }, files: ChangedFiles): Applicability {
  const services = section.services ?? {};
  if (Object.keys(services).length === 0) return { applies: false, reason: `\`slo.services\` in ${CONFIG} maps no service to paths` };
  if (files.capped) return { applies: true, reason: `the list of changed files is incomplete (${files.capped}), so every service in \`slo.services\` counts as touched` };
  const touched = servicesTouched(files.paths, services);
  if (touched.length > 0) return { applies: true, reason: `touches service${touched.length > 1 ? 's' : ''} ${touched.join(', ')} (\`slo.services\`)` };
  return { applies: false, reason: `touches no service of \`slo.services\` in ${CONFIG}` };
}

function requiredOrPaths(name: string, section: RequiredOrPaths, files: ChangedFiles): Applicability {
  if (section.required === true) return { applies: true, reason: `\`${name}.required\` is true in ${CONFIG}` };
  return byPaths(name, `\`${name}.paths\``, section.paths ?? [], files);
}

/** Whether `gate` applies to a change touching `files`, under the default branch's `config`. */
export function gateApplies(gate: string, config: Readonly<Record<string, unknown>> | null | undefined, files: ChangedFiles): Applicability {
  const sectionName = GATE_SECTIONS[gate] ?? gate;
  const section = config?.[sectionName];
  if (section === undefined) return { applies: false, reason: `there is no \`${sectionName}:\` section in ${CONFIG}` };
  // An empty section (`chaos:` with every key commented out) is null in YAML.
  const value = (section ?? {}) as Record<string, unknown>;
  if (gate === 'migrations') return migrations(value, files);
  if (gate === 'slo-budget') return slo(value, files);
  if (gate === 'dr-drill') {
    return value['max-age'] !== undefined
      ? { applies: true, reason: `\`failover.max-age\` is set in ${CONFIG}` }
      : { applies: false, reason: `\`failover.max-age\` is not set in ${CONFIG}` };
  }
  return requiredOrPaths(sectionName, value as RequiredOrPaths, files);
}
