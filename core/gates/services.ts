/** Which services a change touches, from the `slo.services` path globs in the repo config. */
import { matchesGlob } from 'node:path';

export function servicesTouched(files: readonly string[], services: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(services)
    .filter(([, globs]) => files.some((file) => globs.some((glob) => matchesGlob(file, glob))))
    .map(([service]) => service)
    .sort();
}
