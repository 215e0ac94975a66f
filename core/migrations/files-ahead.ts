/**
 * Reads a lint run's files ahead of their linting, a batch at a time, and splits them into
 * statements. When the parse-ahead helper runs (the input is large), each batch of small files goes
 * to it as one job, the following batch queued behind it, so the helper parses the next files while
 * this thread lints the current one: a folder of many small migrations, the usual layout, then uses
 * both cores as one large file does. A file large enough to be parsed ahead on its own ends a batch
 * and is handed over alone (its own job starts when it is linted, after the jobs before it).
 *
 * Memory stays bounded by two batches. A file that cannot be read fails the run when its turn
 * comes, so the files before it are linted and reported as before.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import { FaultlineError } from '../errors.ts';
import { DEFAULT_MAX_FILE_BYTES, type LintOptions, refusedFile } from './lint.ts';
import type { ParseAhead } from './parse-ahead.ts';
import { parseAheadTogether, parsedAheadAlone, type SplitFile, splitFile } from './parse.ts';
import type { FileReport } from './types.ts';

/** The PATH that means standard input (its text is read by the face and handed over as `stdin`). */
export const STDIN_PATH = '-';
/** How standard input is named in reports. */
export const STDIN_NAME = '<stdin>';

/** Standard input as read: its bytes (the face may stop keeping them past the size limit) and its size. */
export interface StdinInput {
  bytes: Buffer;
  size: number;
}

/** One file, in turn: its text split into statements, or the report of a file refused unread. */
export type FileAhead = { path: string; text: string; split: SplitFile } | { path: string; refused: FileReport };

type Item = FileAhead | { path: string; error: FaultlineError };

interface Batch {
  items: Item[];
  job?: ParseAhead;
}

// Small enough that two batches of text are nothing beside a parse tree, large enough that the
// helper is never short of work between them.
const BATCH_BYTES = 256 * 1024;
const BATCH_FILES = 128;

export const utf8 = new TextDecoder('utf-8', { fatal: true });

function unreadable(path: string, error: unknown): FaultlineError {
  return new FaultlineError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
    file: path,
    hint: 'check that the file exists and is readable',
    cause: error,
  });
}

/**
 * Where `path` points when it is a symbolic link, else undefined. A migration tool runs whatever a
 * link points to, which a pull request can aim out of the repository (at a runner's credentials,
 * `/proc/self/environ`): the gate neither reads such a file nor lets it pass unread.
 */
export function symlinkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

// Opening with O_NOFOLLOW fails on a link (ELOOP), so a plain file costs no extra system call.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

function openNoFollow(path: string): number | { symlink: string } {
  if (NO_FOLLOW === 0) {
    const target = symlinkTarget(path);
    if (target !== undefined) return { symlink: target };
  }
  try {
    return openSync(path, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    const target = (error as NodeJS.ErrnoException).code === 'ELOOP' ? symlinkTarget(path) : undefined;
    if (target !== undefined) return { symlink: target };
    throw unreadable(path, error);
  }
}

const REPLACE_LINK = 'replace the link with the migration it points to, or exclude it';

/** The bytes of a migration that is not a symbolic link (see symlinkTarget). */
export function readBytes(path: string): Buffer {
  const read = readCapped(path, Number.POSITIVE_INFINITY);
  if ('symlink' in read) throw new FaultlineError(`the file is a symbolic link (to ${read.symlink}), which is not read`, { file: path, hint: REPLACE_LINK });
  return (read as { bytes: Buffer }).bytes;
}

/**
 * The file's bytes, or only its size when that is over `limit` (it is then not read). One open and
 * one fstat: a run over a thousand small files spent more on system calls than on some rules.
 */
function readCapped(path: string, limit: number): { bytes: Buffer } | { size: number } | { symlink: string } {
  const fd = openNoFollow(path);
  if (typeof fd !== 'number') return fd;
  try {
    const stats = fstatSync(fd);
    if (stats.size > limit) return { size: stats.size };
    // A pipe or a file of /proc says size 0: read it to its end as readFileSync does.
    if (!stats.isFile() || stats.size === 0) return { bytes: readFileSync(fd) };
    const bytes = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, null);
      if (n === 0) break;
      read += n;
    }
    return { bytes: read === bytes.length ? bytes : bytes.subarray(0, read) };
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    closeSync(fd);
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
 * One file read: refused (too large, not text) with a finding that fails the gate, so such input
 * ends with a report, never with a crash or a usage error; split when it is text.
 */
function readOne(path: string, options: LintOptions, stdin: StdinInput | undefined): Item {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const fromStdin = path === STDIN_PATH;
  if (fromStdin && !stdin) throw new FaultlineError('standard input was named but not read', { file: path, hint: 'pass - as a PATH to the CLI' });
  const name = fromStdin ? STDIN_NAME : path;
  try {
    const read = fromStdin ? (stdin!.size > limit ? { size: stdin!.size } : { bytes: stdin!.bytes }) : readCapped(path, limit);
    if ('symlink' in read) {
      const refused = refusedFile(
        name,
        options,
        'symlinked-migration',
        `The file is a symbolic link (to ${read.symlink}): it was not read or checked. A migration tool would run whatever it points to, which may be outside the repository.`,
        REPLACE_LINK,
      );
      return { path: name, refused };
    }
    if ('size' in read) {
      const refused = refusedFile(name, options, 'file-too-large', `The file is ${read.size} bytes, more than the limit of ${limit}: it was not read or checked.`, 'exclude or split it, or raise migrations.max-file-size in .github/faultline.yml');
      return { path: name, refused };
    }
    const decoded = decode(read.bytes);
    if ('notText' in decoded) {
      const refused = refusedFile(name, options, 'not-utf8', `The file was not checked: ${decoded.notText}.`, 'save the migration as UTF-8 (e.g. iconv -f latin1 -t utf-8), or exclude it when it is not SQL');
      return { path: name, refused };
    }
    return { path: name, text: decoded.text, split: splitFile(decoded.text) };
  } catch (error) {
    if (error instanceof FaultlineError) return { path: name, error };
    throw error;
  }
}

export class FilesAhead {
  private next = 0;
  private carried: Item | undefined;
  private current: Batch = { items: [] };
  private following: Batch | undefined;
  private readonly files: readonly string[];
  private readonly options: LintOptions;
  private readonly stdin: StdinInput | undefined;

  constructor(files: readonly string[], options: LintOptions, stdin?: StdinInput) {
    this.files = files;
    this.options = options;
    this.stdin = stdin;
  }

  /** The next file in order, or undefined after the last. Throws for a file that cannot be read. */
  take(): FileAhead | undefined {
    if (this.current.items.length === 0) {
      this.current.job?.close();
      this.current = this.following ?? this.readBatch();
      this.following = undefined;
      // Queued behind this batch's job, the next one keeps the helper busy while this one is linted.
      if (this.current.job) this.following = this.readBatch();
    }
    const item = this.current.items.shift();
    if (item && 'error' in item) throw item.error;
    return item;
  }

  /** Ends the jobs the helper holds; call when done, also after an error. */
  close(): void {
    this.current.job?.close();
    this.following?.job?.close();
  }

  /** The next files up to the batch's size, stopping before a file that is parsed ahead alone. */
  private readBatch(): Batch {
    const items: Item[] = [];
    let bytes = 0;
    while (items.length < BATCH_FILES && bytes < BATCH_BYTES) {
      const item = this.carried ?? (this.next < this.files.length ? readOne(this.files[this.next++]!, this.options, this.stdin) : undefined);
      this.carried = undefined;
      if (!item) break;
      if ('split' in item && parsedAheadAlone(item.split)) {
        if (items.length === 0) return { items: [item] };
        this.carried = item;
        break;
      }
      items.push(item);
      if ('text' in item) bytes += item.text.length;
    }
    const job = parseAheadTogether(items.filter((item): item is Extract<FileAhead, { split: SplitFile }> => 'split' in item));
    return { items, ...(job ? { job } : {}) };
  }
}
