/**
 * Reads Faultline result files out of a workflow artifact (a zip). Artifacts are produced by
 * workflows a pull request may influence, so every file is validated against the result schema;
 * an invalid one is reported back and never trusted.
 *
 * A zip is also a way to make the app inflate gigabytes: 2 MB of zip can hold 400 entries of
 * 5 MB each. So the archive is read as a stream (fflate's Unzip finds the entries), a slice at a
 * time with the event loop free in between, entries are inflated by Node's zlib on its thread pool
 * (off the event loop), and every limit is checked before the bytes exist: the entry count, each
 * entry's declared size before it is inflated, and the bytes actually inflated (headers can lie)
 * per entry and in total, stopping the inflater at once. Only `.json` entries are inflated at all.
 */
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import { type FlateError, Unzip, type UnzipFile } from 'fflate';
import { type FaultlineResult, validateResult } from '../core/result.ts';

export interface RejectedResult {
  artifact: string;
  file: string;
  problems: string[];
  /** The file's `kind` when it names one: the gate it was meant for (trust decisions use it). */
  kind?: string;
}

export interface ArtifactResults {
  results: FaultlineResult[];
  rejected: RejectedResult[];
}

export interface ZipLimits {
  /** The archive as downloaded. */
  maxZipBytes: number;
  /** Entries of any kind (directories and files). */
  maxEntries: number;
  /** Uncompressed bytes of one JSON entry: result files are small documents. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all JSON entries together. */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxZipBytes: 50 * 1024 * 1024,
  maxEntries: 500,
  maxEntryBytes: 4 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
};

/** Compressed bytes handed to the zip reader per step (inflating happens on zlib's threads). */
const SLICE_BYTES = 16 * 1024;
const MiB = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

class ArchiveRefused extends Error {}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A deflate decoder for fflate's Unzip backed by Node's zlib: the inflating runs on libuv's
 * thread pool, output arrives in 16 KB chunks, and `terminate` stops it mid-entry.
 */
function nativeInflate(running: Set<Promise<void>>) {
  return class NativeInflate {
    static readonly compression = 8;
    ondata: (error: FlateError | null, data: Uint8Array, final: boolean) => void = () => {};
    readonly #stream: InflateRaw = createInflateRaw();
    constructor() {
      const done = new Promise<void>((resolve) => this.#stream.once('close', resolve));
      running.add(done);
      void done.then(() => running.delete(done));
      this.#stream.on('data', (chunk: Buffer) => this.ondata(null, chunk, false));
      this.#stream.once('end', () => this.ondata(null, new Uint8Array(0), true));
      this.#stream.once('error', (error) => this.ondata(Object.assign(error, { code: 0 }) as FlateError, new Uint8Array(0), true));
    }
    push(data: Uint8Array, final: boolean): void {
      if (this.#stream.destroyed) return;
      this.#stream.write(data);
      if (final) this.#stream.end();
    }
    terminate(): void {
      this.#stream.destroy();
    }
  };
}

/** Entries refused one by one before the whole archive is: a real artifact has none. */
const MAX_REFUSED_ENTRIES = 20;

/** The JSON entries of the archive, inflated within the limits; throws ArchiveRefused past them. */
async function jsonEntries(zip: Uint8Array, limits: ZipLimits, reject: (file: string, problem: string) => void): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  let entries = 0;
  let refusedEntries = 0;
  let declaredTotal = 0;
  let inflatedTotal = 0;
  let refusal: ArchiveRefused | undefined;
  const refuse = (message: string) => {
    refusal ??= new ArchiveRefused(message);
  };
  const rejected = (file: string, problem: string) => {
    if (++refusedEntries > MAX_REFUSED_ENTRIES) return refuse(`more than ${MAX_REFUSED_ENTRIES} of its entries were refused (the last: ${file}: ${problem})`);
    reject(file, problem);
  };
  const running = new Set<Promise<void>>();
  const unzip = new Unzip();
  unzip.register(nativeInflate(running));
  unzip.onfile = (file: UnzipFile) => {
    if (refusal) return;
    if (++entries > limits.maxEntries) return refuse(`more than ${limits.maxEntries} entries`);
    if (!file.name.endsWith('.json')) return; // not inflated
    if (file.originalSize !== undefined && file.originalSize > limits.maxEntryBytes) {
      return rejected(file.name, `${MiB(file.originalSize)} uncompressed, over the ${MiB(limits.maxEntryBytes)} limit for a result file: not read`);
    }
    declaredTotal += file.originalSize ?? 0;
    if (declaredTotal > limits.maxTotalBytes) return refuse(`its JSON files add up to more than ${MiB(limits.maxTotalBytes)} uncompressed`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (refusal) return file.terminate();
      if (error) return rejected(file.name, `cannot inflate: ${error.message}`);
      size += data.length;
      inflatedTotal += data.length;
      // The declared size is the sender's word: the bytes actually inflated are what count.
      if (size > limits.maxEntryBytes || (file.originalSize !== undefined && size > file.originalSize)) {
        file.terminate();
        return refuse(`${file.name} inflates past ${file.originalSize !== undefined && file.originalSize < limits.maxEntryBytes ? `its declared ${file.originalSize} bytes` : MiB(limits.maxEntryBytes)}`);
      }
      if (inflatedTotal > limits.maxTotalBytes) return refuse(`its JSON files inflate past ${MiB(limits.maxTotalBytes)}`);
      chunks.push(data);
      if (final) files.set(file.name, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    file.start();
  };
  for (let offset = 0; offset < zip.length && !refusal; offset += SLICE_BYTES) {
    unzip.push(zip.subarray(offset, offset + SLICE_BYTES), offset + SLICE_BYTES >= zip.length);
    await yieldToEventLoop();
  }
  // Entries still inflating finish (or are stopped by a limit) before the answer.
  while (running.size > 0) await Promise.all(running);
  if (refusal) throw refusal;
  return files;
}

export async function readResultsFromZip(artifact: string, zip: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<ArtifactResults> {
  const out: ArtifactResults = { results: [], rejected: [] };
  const refuseArchive = (problem: string) => out.rejected.push({ artifact, file: '(archive)', problems: [problem] });
  if (zip.length > limits.maxZipBytes) {
    refuseArchive(`the artifact is ${MiB(zip.length)}, over the ${MiB(limits.maxZipBytes)} limit: not read`);
    return out;
  }
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) {
    refuseArchive('not a readable zip: no zip signature at the start');
    return out;
  }
  let files: Map<string, Uint8Array>;
  try {
    files = await jsonEntries(zip, limits, (file, problem) => out.rejected.push({ artifact, file, problems: [problem] }));
  } catch (error) {
    refuseArchive(error instanceof ArchiveRefused ? `refused, nothing in it was trusted: ${error.message}` : `not a readable zip: ${(error as Error).message}`);
    return { results: [], rejected: out.rejected };
  }
  for (const [file, bytes] of files) {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (error) {
      out.rejected.push({ artifact, file, problems: [`not UTF-8 JSON: ${(error as Error).message}`] });
      continue;
    }
    // Other JSON in the same artifact (journals, SARIF) is not ours to judge.
    if (typeof value !== 'object' || value === null || !('kind' in value) || !('verdict' in value)) continue;
    const problems = validateResult(value);
    const kind = (value as { kind?: unknown }).kind;
    if (problems.length > 0) out.rejected.push({ artifact, file, problems, ...(typeof kind === 'string' ? { kind } : {}) });
    else out.results.push(value as FaultlineResult);
  }
  return out;
}
