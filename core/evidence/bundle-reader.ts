/**
 * What verify needs from where a bundle lives (a local folder here, S3 in s3-reader.ts): the list
 * of what is present, small files whole, and large files as a streaming hash.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../errors.ts';
import { type FileDigest, hashFile } from './hash.ts';

export interface BundleEntries {
  /** '/'-separated paths of the regular files present. */
  files: string[];
  /** Things that must not be in a bundle (symlinks, devices), with why. */
  strange: { path: string; problem: string }[];
  /** Facts worth telling the reader (e.g. later S3 versions written on top of the stored ones). */
  notes: string[];
}

export interface BundleReader {
  /** Where the bundle is, for messages. */
  location: string;
  entries(): Promise<BundleEntries>;
  readSmall(path: string): Promise<Buffer>;
  hash(path: string): Promise<FileDigest>;
}

/** A manifest, statement or signature larger than this is not one of ours. */
export const SMALL_FILE_LIMIT = 64 * 1024 * 1024;

export function folderReader(dir: string): BundleReader {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(dir);
  } catch {
    throw new FaultlineError(`${dir}: no such bundle folder`, { hint: "give the folder 'faultline evidence pack' wrote, or s3://bucket/prefix" });
  }
  if (!stats.isDirectory()) throw new FaultlineError(`${dir} is not a folder`, { hint: "give the folder 'faultline evidence pack' wrote, or s3://bucket/prefix" });
  return {
    location: dir,
    async entries() {
      const result: BundleEntries = { files: [], strange: [], notes: [] };
      const walk = (abs: string, rel: string) => {
        for (const name of readdirSync(abs).sort()) {
          const path = rel ? `${rel}/${name}` : name;
          const entry = lstatSync(join(abs, name));
          if (entry.isDirectory()) walk(join(abs, name), path);
          else if (entry.isFile()) result.files.push(path);
          else result.strange.push({ path, problem: entry.isSymbolicLink() ? 'is a symlink; a bundle holds regular files only' : 'is not a regular file' });
        }
      };
      walk(dir, '');
      return result;
    },
    async readSmall(path) {
      const abs = join(dir, ...path.split('/'));
      if (statSync(abs).size > SMALL_FILE_LIMIT) throw new Error(`${path} is larger than ${SMALL_FILE_LIMIT} bytes`);
      return readFileSync(abs);
    },
    hash: (path) => hashFile(join(dir, ...path.split('/'))),
  };
}
