/**
 * Puts one file into S3 with memory bounded by (parts in flight × part size), whatever the file's
 * size: each part is read into one of a few buffers allocated once and reused, sent with its
 * Content-MD5 (verified by AWS S3 and Ceph RGW alike), and the whole file is SHA-256-hashed as it is
 * read, so what went up is checked against the manifest before the upload is completed — a file
 * changed after packing never becomes a locked object.
 *
 * Why not @aws-sdk/lib-storage: from a stream it concatenates each part into a fresh buffer (and
 * keeps the previous one alive through the remainder's subarray), so garbage grows with throughput
 * until V8 collects it; measured on a 256 MiB upload to RGW, it added ~75 MiB of peak RSS at 8 MiB
 * parts against ~17 MiB, flat, here (bench/evidence.bench.ts). It needs the whole body in memory otherwise.
 */
import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type PutObjectCommandInput,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { FaultlineError } from '../errors.ts';

/** S3's smallest part (all but the last) and its most parts per upload. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;

export interface FileUpload {
  client: S3Client;
  bucket: string;
  key: string;
  path: string;
  /** Size and SHA-256 the manifest names: the bytes read must match both. */
  size: number;
  sha256: string;
  contentType: string;
  /** Files up to this size go up in one PutObject; larger ones in parts of (at least) this size. */
  partSize: number;
  /** Parts uploaded at once (each holds one buffer of partSize). */
  partsInFlight: number;
  /** Lock, legal hold and encryption parameters for the object. */
  params: Partial<PutObjectCommandInput>;
}

/** A version written, and the ETag S3 computes for what was sent (MD5, or MD5 of part MD5s + -N). */
export interface PutResult {
  versionId: string;
  etag: string;
  multipart: boolean;
}

/** The part size for a file: the one asked for, grown only when the file would need more than S3's 10,000 parts. */
export function partSizeFor(size: number, wanted: number): number {
  return Math.max(MIN_PART_SIZE, wanted, Math.ceil(size / MAX_PARTS));
}

function noVersion(bucket: string, key: string): FaultlineError {
  return new FaultlineError(`s3://${bucket}/${key}: the store returned no version id; the bucket has no versioning, so no Object Lock`, {
    hint: 'create the bucket with Object Lock enabled (docs/evidence.md)',
  });
}

function changedSincePacked(upload: FileUpload, size: number, sha256: string): FaultlineError {
  return new FaultlineError(
    `${upload.path} changed after it was packed: read ${size} bytes with SHA-256 ${sha256}, the manifest says ${upload.size} bytes, ${upload.sha256}; nothing was stored for it`,
    { hint: 'pack the evidence again and upload the new bundle', exitCode: 1 },
  );
}

/** Reads exactly `length` bytes at `position` into `buffer` (fewer only at the end of the file). */
async function readAt(file: FileHandle, buffer: Buffer, length: number, position: number): Promise<number> {
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

function checkWhole(upload: FileUpload, hash: Hash, read: number, file: FileHandle): Promise<void> {
  return (async () => {
    // One byte more than the manifest names means the file grew: refuse rather than store a prefix.
    const extra = await file.read(Buffer.alloc(1), 0, 1, read);
    const sha256 = hash.digest('hex');
    if (read !== upload.size || extra.bytesRead > 0 || sha256 !== upload.sha256) throw changedSincePacked(upload, read + extra.bytesRead, sha256);
  })();
}

/** One PutObject of bytes in memory, with Content-MD5 and SHA-256 checksums. */
export async function putBytes(target: Pick<FileUpload, 'client' | 'bucket' | 'key' | 'contentType' | 'params'>, body: Buffer): Promise<PutResult> {
  const md5 = createHash('md5').update(body).digest();
  const result = await target.client.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      Body: body,
      ContentLength: body.length,
      ContentType: target.contentType,
      ContentMD5: md5.toString('base64'),
      ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
      ...target.params,
    }),
  );
  if (!result.VersionId) throw noVersion(target.bucket, target.key);
  return { versionId: result.VersionId, etag: md5.toString('hex'), multipart: false };
}

async function putWhole(upload: FileUpload, file: FileHandle): Promise<PutResult> {
  const body = Buffer.allocUnsafe(upload.size);
  const read = await readAt(file, body, upload.size, 0);
  await checkWhole(upload, createHash('sha256').update(body.subarray(0, read)), read, file);
  return putBytes(upload, body);
}

async function putParts(upload: FileUpload, file: FileHandle): Promise<PutResult> {
  const partSize = partSizeFor(upload.size, upload.partSize);
  const created = await upload.client.send(
    new CreateMultipartUploadCommand({ Bucket: upload.bucket, Key: upload.key, ContentType: upload.contentType, ...upload.params }),
  );
  const uploadId = created.UploadId;
  if (!uploadId) throw new FaultlineError(`s3://${upload.bucket}/${upload.key}: the store started a multipart upload without an upload id`);
  const free = Array.from({ length: Math.max(1, upload.partsInFlight) }, () => Buffer.allocUnsafe(partSize));
  const inFlight = new Set<Promise<void>>();
  const done: { PartNumber: number; ETag: string }[] = [];
  const partMd5s: Buffer[] = [];
  const hash = createHash('sha256');
  let failure: unknown;
  let read = 0;
  try {
    for (let number = 1; read < upload.size && failure === undefined; number++) {
      while (free.length === 0) await Promise.race(inFlight);
      if (failure !== undefined) break;
      const buffer = free.pop()!;
      const length = await readAt(file, buffer, Math.min(partSize, upload.size - read), read);
      if (length === 0) break;
      const body = buffer.subarray(0, length);
      hash.update(body);
      read += length;
      const md5 = createHash('md5').update(body).digest();
      partMd5s.push(md5);
      const sending: Promise<void> = upload.client
        .send(new UploadPartCommand({ Bucket: upload.bucket, Key: upload.key, UploadId: uploadId, PartNumber: number, Body: body, ContentLength: length, ContentMD5: md5.toString('base64') }))
        .then(
          (part) => {
            done.push({ PartNumber: number, ETag: part.ETag ?? `"${md5.toString('hex')}"` });
          },
          (error: unknown) => {
            failure ??= error;
          },
        )
        .finally(() => {
          inFlight.delete(sending);
          free.push(buffer);
        });
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
    await checkWhole(upload, hash, read, file);
    done.sort((a, b) => a.PartNumber - b.PartNumber);
    const completed = await upload.client.send(
      new CompleteMultipartUploadCommand({ Bucket: upload.bucket, Key: upload.key, UploadId: uploadId, MultipartUpload: { Parts: done } }),
    );
    if (!completed.VersionId) throw noVersion(upload.bucket, upload.key);
    const etag = `${createHash('md5').update(Buffer.concat(partMd5s)).digest('hex')}-${partMd5s.length}`;
    return { versionId: completed.VersionId, etag, multipart: true };
  } catch (error) {
    await Promise.allSettled(inFlight);
    // Parts left behind cost storage and hold nothing readable; a failed abort is not the error to report.
    await upload.client.send(new AbortMultipartUploadCommand({ Bucket: upload.bucket, Key: upload.key, UploadId: uploadId })).catch(() => undefined);
    throw error;
  }
}

export async function putFile(upload: FileUpload): Promise<PutResult> {
  const file = await open(upload.path, 'r');
  try {
    return upload.size <= upload.partSize ? await putWhole(upload, file) : await putParts(upload, file);
  } finally {
    await file.close();
  }
}
