/**
 * Where the CLI finds `.github/faultline.yml` when no --config is given: in the working directory
 * or the nearest folder above it, up to the repository's root (the folder holding `.git`), as git
 * finds its own files. A command run from `db/` or `services/api/` reads the repository's config
 * instead of silently running without one.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const DEFAULT_CONFIG_FILE = '.github/faultline.yml';

export interface FoundConfig {
  /** Absolute path of the file. */
  path: string;
  /** The path as the user would name it from where they are, e.g. `../.github/faultline.yml`. */
  shown: string;
  /** The folder the file belongs to (its `.github`'s parent): the repository root. */
  root: string;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The nearest `.github/faultline.yml` from `cwd` up to the repository root, or undefined. */
export function findConfigFile(cwd: string): FoundConfig | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, DEFAULT_CONFIG_FILE);
    if (isFile(candidate)) return { path: candidate, shown: relative(cwd, candidate) || DEFAULT_CONFIG_FILE, root: dir };
    // The repository's root ends the search: a config above it belongs to something else.
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
