/**
 * Lints files and folders: folders are walked for `*.sql`, in natural order (V2 before V10, as
 * migration tools apply them). Unreadable input is the user's to fix, so it stops the run with a
 * FaultlineError (exit code 2) naming the file; SQL problems never do. The path goes in the error's
 * `file`, not its message: every face prints `file: message`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, matchesGlob, relative, resolve } from 'node:path';
import { FaultlineError } from '../errors.ts';
import { KnownColumnTypes } from './column-types.ts';
import { DEFAULT_MAX_FILE_BYTES, type FindingSink, type LintOptions, lintSource, refusedFile } from './lint.ts';
import { loadParser } from './parse.ts';
import type { FileReport, Finding, LintReport } from './types.ts';

// Made on first use: creating a collator costs a few milliseconds, and a lint of named files never sorts.
let naturalOrder: Intl.Collator | undefined;

/** Natural order of paths (`V2__a.sql` < `V10__b.sql`), compared segment by segment. */
export function compareNatural(a: string, b: string): number {
  naturalOrder ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return naturalOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The PATH that means standard input (its text is read by the face and handed over as `stdin`). */
export const STDIN_PATH = '-';
/** Standard input as read: its bytes (the face may stop keeping them past the size limit) and its size. */
export interface StdinInput {
  bytes: Buffer;
  size: number;
}

/** How standard input is named in reports. */
export const STDIN_NAME = '<stdin>';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareNatural(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, out);
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) {
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

/** Expands PATHs (files or folders) to the SQL files to lint, in order; a missing path is an error. */
export function collectSqlFiles(paths: readonly string[], exclude: readonly string[] = [], cwd = process.cwd()): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (path === STDIN_PATH) {
      files.push(path);
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
    if (stats.isDirectory()) {
      const found: string[] = [];
      walk(path, found);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  const seen = new Set<string>();
  return files.filter((file) => {
    if (seen.has(file) || isExcluded(file, exclude, cwd)) return false;
    seen.add(file);
    return true;
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new FaultlineError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      file: path,
      hint: 'check that the file exists and is readable',
      cause: error,
    });
  }
}

/** The text of a migration, or why it is not UTF-8 text. */
function decode(bytes: Buffer): { text: string } | { notText: string } {
  if (bytes.includes(0)) return { notText: 'it contains NUL bytes (a binary file, or UTF-16)' };
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { notText: 'it is not valid UTF-8 (another encoding, or binary data)' };
  }
}

/**
 * Lints one file, or reports why it was not checked (too large, not text) as a finding that fails
 * the gate: such input ends with a report, never with a crash or a usage error.
 */
function lintFile(path: string, options: LintOptions, columnTypes: KnownColumnTypes, sink?: FindingSink, stdin?: StdinInput): FileReport {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (path === STDIN_PATH) {
    if (!stdin) throw new FaultlineError('standard input was named but not read', { file: path, hint: 'pass - as a PATH to the CLI' });
    path = STDIN_NAME;
  }
  let size = stdin?.size ?? 0;
  if (!stdin) {
    try {
      size = statSync(path).size;
    } catch {
      // readBytes below reports the file as unreadable.
    }
  }
  if (size > limit) {
    return refusedFile(path, options, 'file-too-large', `The file is ${size} bytes, more than the limit of ${limit}: it was not read or checked.`, 'exclude or split it, or raise migrations.max-file-size in .github/faultline.yml');
  }
  const decoded = decode(stdin?.bytes ?? readBytes(path));
  if ('notText' in decoded) {
    return refusedFile(path, options, 'not-utf8', `The file was not checked: ${decoded.notText}.`, 'save the migration as UTF-8 (e.g. iconv -f latin1 -t utf-8), or exclude it when it is not SQL');
  }
  return lintSource(decoded.text, path, options, columnTypes, sink);
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
  // One file's text at a time: memory is bounded by the largest file, not by all of them.
  // Files are linted in the order they are applied, so a later one knows the columns earlier ones made.
  return {
    version: 1,
    files: files.map((file) => {
      const report = lintFile(file, options, columnTypes);
      progress?.endFile?.(report);
      return report;
    }),
  };
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
  for (const file of files) {
    const fromStdin = file === STDIN_PATH;
    visitor.beginFile(fromStdin ? STDIN_NAME : file);
    const report = lintFile(file, options, columnTypes, sink, fromStdin ? stdin : undefined);
    // A refused file's finding comes back in its report.
    if (report.findings.length > 0) visitor.findings(report.findings);
    visitor.endFile({ ...report, findings: [] });
  }
  return files;
}
