/** Streaming SHA-256: memory stays at one read buffer whatever the file size. */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SecretGuard } from './secret-guard.ts';

/** Large reads: hashing 1 GiB in 64 KiB reads costs measurably more syscalls than in 1 MiB ones. */
export const READ_BUFFER = 1024 * 1024;

class Digest extends Transform {
  readonly hash: Hash = createHash('sha256');
  size = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }
}

export interface FileDigest {
  size: number;
  sha256: string;
}

export async function hashFile(path: string): Promise<FileDigest> {
  const digest = new Digest();
  await pipeline(createReadStream(path, { highWaterMark: READ_BUFFER }), digest, new PassThrough().resume());
  return { size: digest.size, sha256: digest.hash.digest('hex') };
}

/**
 * Copies `from` to a new file `to` (never over an existing one), hashing what is written and
 * refusing content that holds a secret. On refusal the partial copy is the caller's to remove.
 */
export async function copyAndHash(from: string, to: string, secrets: readonly Buffer[], what: string): Promise<FileDigest> {
  const digest = new Digest();
  await pipeline(
    createReadStream(from, { highWaterMark: READ_BUFFER }),
    new SecretGuard(secrets, what),
    digest,
    createWriteStream(to, { flags: 'wx', mode: 0o644 }),
  );
  return { size: digest.size, sha256: digest.hash.digest('hex') };
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
