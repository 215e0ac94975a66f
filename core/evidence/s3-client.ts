/**
 * One way to build the S3 client for evidence, for AWS S3 and S3-compatible servers alike.
 *
 * Checksums WHEN_REQUIRED: the SDK's default adds flexible checksums, which for streaming bodies
 * means `aws-chunked` with a trailing checksum — Ceph RGW before 19 rejects that (411). Integrity
 * comes instead from Content-MD5 on every PutObject/UploadPart (verified by S3 and RGW alike),
 * x-amz-checksum-sha256 (verified by AWS), and the multipart ETag we recompute (s3-store.ts).
 * Retries: the SDK's standard mode retries 5xx, throttling and dropped connections with backoff.
 */
import { S3Client } from '@aws-sdk/client-s3';

export interface S3Location {
  bucket: string;
  /** No leading or trailing '/'; '' for the bucket's root. */
  prefix: string;
}

export interface S3ClientOptions {
  endpoint?: string;
  region?: string;
  maxAttempts?: number;
  /** Default: the AWS SDK's default chain (environment, profiles, web identity, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function evidenceS3Client(options: S3ClientOptions = {}): S3Client {
  return new S3Client({
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    region: options.region ?? 'us-east-1',
    ...(options.credentials ? { credentials: options.credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: 'standard',
  });
}

export function parseS3Url(url: string): S3Location | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) return undefined;
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((s) => s === '..' || s === '.')) return undefined;
  return { bucket: match[1]!, prefix };
}

export const keyFor = (location: S3Location, path: string) => (location.prefix ? `${location.prefix}/${path}` : path);
