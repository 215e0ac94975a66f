/**
 * Migrations to lint in bulk. The real-world corpus (bench/corpus/SOURCES.md: files of 11 public
 * projects) is fetched, not kept in the repository: it is used where it has been fetched (or where
 * FAULTLINE_MIGRATION_CORPUS points). The broad generated mix, cut into one file per migration, is
 * there everywhere.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMix } from '../../bench/generate-mix.ts';

export const corpusDir = process.env.FAULTLINE_MIGRATION_CORPUS ?? new URL('../../bench/corpus/migrations/', import.meta.url).pathname;

/** Absolute paths of every real corpus migration, sorted; none when the corpus was not fetched. */
export function findCorpusFiles(): string[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.sql'))
    .map((path) => join(corpusDir, path))
    .sort();
}

/** The broad generated mix of `statements`, one file per migration (the usual layout) under `dir`. */
export function writeGeneratedHistory(dir: string, statements: number): string[] {
  mkdirSync(dir, { recursive: true });
  return generateMix(statements)
    .sql.split(/\n(?=\n-- migration \d+\n)/)
    .map((migration, i) => {
      const path = join(dir, `V${String(i + 1).padStart(5, '0')}__migration.sql`);
      writeFileSync(path, `${migration.trim()}\n`);
      return path;
    });
}
