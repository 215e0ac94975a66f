/**
 * What `chaos run` will need that a file alone cannot show: the programs of process providers.
 * Chaos Toolkit's own validate refuses a process path it cannot find; so does ours, looking the
 * way the runner will (absolute, relative to the working directory, or on PATH). The file system
 * is behind `isExecutable`, so the core stays free of I/O.
 */
import { isAbsolute, join } from 'node:path';
import { hasPlaceholder } from './bindings.ts';
import type { Activity, LoadedExperiment, LocatedActivity, Provider } from './model.ts';

export interface ProgramLookup {
  searchPath: string[];
  cwd: string;
  isExecutable(path: string): boolean;
}

export interface MissingProgram {
  entry: LocatedActivity;
  path: string;
  /** Where the provider sits: the activity's, or its tolerance probe's. */
  pointer: string;
}

export function programCandidates(path: string, lookup: Omit<ProgramLookup, 'isExecutable'>): string[] {
  if (isAbsolute(path)) return [path];
  if (path.includes('/')) return [join(lookup.cwd, path)];
  return lookup.searchPath.map((dir) => join(dir, path));
}

export function missingPrograms(experiment: LoadedExperiment, lookup: ProgramLookup): MissingProgram[] {
  const missing: MissingProgram[] = [];
  const check = (entry: LocatedActivity, provider: Provider | undefined, pointer: string) => {
    if (provider?.type !== 'process' || hasPlaceholder(provider.path)) return;
    if (!programCandidates(provider.path, lookup).some((candidate) => lookup.isExecutable(candidate))) {
      missing.push({ entry, path: provider.path, pointer });
    }
  };
  // A referenced activity is checked once, where it is first met.
  const seen = new Set<Activity>();
  for (const entry of [...experiment.hypothesis, ...experiment.method, ...experiment.rollbacks, ...experiment.guardrails]) {
    if (seen.has(entry.activity)) continue;
    seen.add(entry.activity);
    check(entry, entry.activity.provider, `${entry.location.pointer}/provider/path`);
    const tolerance = entry.activity.tolerance;
    if (typeof tolerance === 'object' && tolerance !== null && !Array.isArray(tolerance) && tolerance.type === 'probe') {
      check(entry, tolerance.provider, `${entry.location.pointer}/tolerance/provider/path`);
    }
  }
  return missing;
}
