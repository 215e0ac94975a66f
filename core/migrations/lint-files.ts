/**
 * Lints files and folders: folders are walked for `*.sql`, in natural order (V2 before V10, as
 * migration tools apply them). Unreadable input is the user's to fix, so it stops the run with a
 * FaultlineError (exit code 2) naming the file; SQL problems never do. The path goes in the error's
 * `file`, not its message: every face prints `file: message`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, matchesGlob, relative, resolve } from 'node:path';
import { FaultlineError } from '../errors.ts';
import { KnownColumnTypes } from './column-types.ts';
import { type FileAhead, FilesAhead, readBytes, STDIN_PATH, type StdinInput, utf8 } from './files-ahead.ts';

export { STDIN_PATH };
import { type FindingSink, type LintOptions, lintSource } from './lint.ts';
import { loadParser } from './parse.ts';
import type { FileReport, Finding, LintReport } from './types.ts';

// Made on first use: creating a collator costs a few milliseconds, and a lint of named files never sorts.
let naturalOrder: Intl.Collator | undefined;

/** Natural order of paths (`V2__a.sql` < `V10__b.sql`), compared segment by segment. */
export function compareNatural(a: string, b: string): number {
  naturalOrder ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return naturalOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export { STDIN_NAME, type StdinInput } from './files-ahead.ts';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareNatural(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, out);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.sql')) {
      // A link is listed so that it is reported (see symlinkTarget), not skipped as if it were not there.
      out.push(path);
    }
  }
}

function isExcluded(path: string, exclude: readonly string[], cwd: string): boolean {
  if (exclude.length === 0) return false;
  const rel = relative(cwd, path) || path;
  const absolute = resolve(cwd, path);
  return exclude.some((glob) => matchesGlob(rel, glob) || matchesGlob(path, glob) || matchesGlob(absolute, glob));
}

/**
 * Expands PATHs (files or folders) to the SQL files to lint, in order. A missing path is an error,
 * and so is a folder that yields nothing to lint: a gate that checked no file must not pass.
 */
export function collectSqlFiles(paths: readonly string[], exclude: readonly string[] = [], cwd = process.cwd()): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (seen.has(file) || isExcluded(file, exclude, cwd)) return;
    seen.add(file);
    files.push(file);
  };
  for (const path of paths) {
    if (path === STDIN_PATH) {
      add(path);
      continue;
    }
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch (error) {
      throw new FaultlineError('no such file or folder', {
        file: path,
        hint: 'check the path (it is relative to the current directory) or the "paths" in your config',
        cause: error,
      });
    }
    if (!stats.isDirectory()) {
      add(path);
      continue;
    }
    const found: string[] = [];
    walk(path, found);
    if (found.length === 0) {
      throw new FaultlineError('the folder holds no .sql file: nothing would be checked', {
        file: path,
        hint: 'name the folder the migrations are in (it is walked for *.sql, subfolders too)',
      });
    }
    if (found.every((file) => isExcluded(file, exclude, cwd))) {
      throw new FaultlineError(`every .sql file in the folder (${found.length}) is excluded: nothing would be checked`, {
        file: path,
        hint: 'narrow --exclude or migrations.exclude in .github/faultline.yml',
      });
    }
    for (const file of found) add(file);
  }
  return files;
}

/** Reads a migration as UTF-8 text; binary or non-UTF-8 content is an input error naming the file. */
export function readSqlFile(path: string): string {
  const bytes = readBytes(path);
  if (bytes.includes(0)) {
    throw new FaultlineError('this is a binary file, not SQL text', {
      file: path,
      hint: 'exclude it (migrations.exclude in .github/faultline.yml) or pass only .sql files',
    });
  }
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new FaultlineError('the file is not valid UTF-8 text', {
      file: path,
      hint: 'save the migration as UTF-8 (e.g. iconv -f latin1 -t utf-8), as PostgreSQL clients expect',
      cause: error,
    });
  }
}

/**
 * What a streaming lint run tells its reader, file by file in order: the file begins, its findings
 * arrive in batches (see lintSource for their order), and it ends with its statement count (the
 * report's findings list is empty there: they went to `findings`).
 */
export interface LintVisitor {
  /** Before the first file: every file that will be linted, in order (for progress). */
  start?(files: readonly string[]): void;
  beginFile(path: string): void;
  findings(batch: Finding[]): void;
  endFile(file: FileReport): void;
}

/** The files to lint and the old column types they start from. */
async function prepare(paths: readonly string[], options: LintOptions): Promise<{ files: string[]; columnTypes: KnownColumnTypes }> {
  await loadParser();
  const files = collectSqlFiles(paths, options.exclude ?? []);
  const columnTypes = options.schemaDump ? (await import('./schema-dump.ts')).columnTypesFromDump(options.schemaDump) : new KnownColumnTypes();
  return { files, columnTypes };
}

/**
 * Lints every SQL file under `paths`. Rejects with a FaultlineError (exit 2) for unreadable input.
 * `progress` hears of the files before the first and of each file's report as it is done.
 */
export async function lintFiles(paths: readonly string[], options: LintOptions = {}, progress?: Partial<Pick<LintVisitor, 'start' | 'endFile'>>): Promise<LintReport> {
  const { files, columnTypes } = await prepare(paths, options);
  progress?.start?.(files);
  const reports: FileReport[] = [];
  // Files are linted in the order they are applied, so a later one knows the columns earlier ones made.
  eachFileAhead(files, options, undefined, (file) => {
    const report = 'refused' in file ? file.refused : lintSource(file.text, file.path, options, columnTypes, undefined, file.split);
    progress?.endFile?.(report);
    reports.push(report);
  });
  return { version: 1, files: reports };
}

/** Each file in order, read ahead (see files-ahead.ts); the helper's jobs end however this ends. */
function eachFileAhead(files: readonly string[], options: LintOptions, stdin: StdinInput | undefined, visit: (file: FileAhead) => void): void {
  const ahead = new FilesAhead(files, options, stdin);
  try {
    for (let file = ahead.take(); file; file = ahead.take()) visit(file);
  } finally {
    ahead.close();
  }
}

/**
 * Lints like lintFiles but keeps no findings: each goes to `visitor` as soon as it is judged, so
 * memory stays bounded however many findings the files have. A PATH `-` is `stdin`. Resolves to the
 * files linted, in order.
 */
export async function lintFilesStreaming(paths: readonly string[], options: LintOptions, visitor: LintVisitor, stdin?: StdinInput): Promise<string[]> {
  const { files, columnTypes } = await prepare(paths, options);
  const sink: FindingSink = (batch) => visitor.findings(batch);
  visitor.start?.(files);
  eachFileAhead(files, options, stdin, (file) => {
    visitor.beginFile(file.path);
    if ('refused' in file) {
      if (file.refused.findings.length > 0) visitor.findings(file.refused.findings);
      visitor.endFile({ ...file.refused, findings: [] });
    } else {
      visitor.endFile(lintSource(file.text, file.path, options, columnTypes, sink, file.split));
    }
  });
  return files;
}
