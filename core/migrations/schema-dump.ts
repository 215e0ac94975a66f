/**
 * Column types from a schema dump (`pg_dump --schema-only`, or any SQL that creates the tables):
 * what production holds before the linted migrations run, so that a type change of a column the
 * linted files never declared is judged on its real old type instead of being assumed a rewrite.
 * The dump is parsed with the same parser; only CREATE TABLE and ALTER TABLE … ADD/ALTER COLUMN
 * count (KnownColumnTypes ignores everything else).
 */
import { KnownColumnTypes } from './column-types.ts';
import { readSqlFile } from './lint-files.ts';
import { parseMigrationInChunks } from './parse.ts';

/** The column types `text` (a schema dump read from `path`) declares. The parser must be loaded. */
export function columnTypesFromDumpText(text: string, path: string): KnownColumnTypes {
  const types = new KnownColumnTypes();
  parseMigrationInChunks(text, path, (statements) => {
    for (const statement of statements) {
      if (statement.kind === 'CreateStmt' || statement.kind === 'AlterTableStmt') types.apply(statement);
    }
  });
  return types;
}

/** Reads a schema dump file; unreadable or non-UTF-8 files are input errors (exit 2) naming it. */
export function columnTypesFromDump(path: string): KnownColumnTypes {
  return columnTypesFromDumpText(readSqlFile(path), path);
}
