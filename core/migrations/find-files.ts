/**
 * Which migration files a run looks at when it is given globs (the action's `paths`, the config's
 * `migrations.paths`) rather than files: the matches under a root, minus exclusions, in the order
 * migration tools apply them (V2 before V10).
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, matchesGlob, relative } from 'node:path';
import fg from 'fast-glob';
import { compareNatural } from './lint-files.ts';

/** The common layouts: Flyway, golang-migrate, sqitch, Prisma, and plain migrations folders. */
export const DEFAULT_MIGRATION_GLOBS: readonly string[] = [
  '**/V*__*.sql',
  '**/*.up.sql',
  '**/deploy/*.sql',
  '**/migrations/*/migration.sql',
  '**/migrations/**/*.sql',
  '**/db/migrations/**/*.sql',
];

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Root-relative paths (forward slashes) of the files the globs match; a glob starting with `!`
 * excludes, as do `exclude` globs. Dependencies and .git are never searched.
 */
export async function findMigrationFiles(root: string, globs: readonly string[], exclude: readonly string[] = []): Promise<string[]> {
  // Absolute globs are made root-relative, so every returned path is relative to the root.
  // A folder named as it is (`db/migrations`) means the SQL files under it, as for a PATH argument.
  const include = globs
    .filter((g) => !g.startsWith('!'))
    .map((g) => (isAbsolute(g) ? relative(root, g) : g))
    .map((g) => (isFolder(join(root, g)) ? `${g.replace(/\/+$/, '')}/**/*.sql` : g));
  const ignore = [...ALWAYS_IGNORED, ...globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1))];
  if (include.length === 0) return [];
  // Links are listed, not followed: the linter reports a linked migration rather than skip it unseen.
  const entries = await fg(include, { cwd: root, ignore, onlyFiles: false, dot: false, followSymbolicLinks: false, unique: true, objectMode: true });
  return entries
    .filter(({ dirent }) => dirent.isFile() || dirent.isSymbolicLink())
    .map(({ path }) => path)
    .filter((path) => !exclude.some((glob) => matchesGlob(path, glob)))
    .sort(compareNatural);
}
