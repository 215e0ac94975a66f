/**
 * Reads a bundle stored by s3-store.ts for verify: the first manifest.json version written (or the
 * one asked for), and of every other object exactly the version that manifest names — not what
 * was written on top later. Later versions, delete markers and keys the manifest does not name
 * are reported; a named version that is gone (possible only without COMPLIANCE) is missing.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { FaultlineError } from '../errors.ts';
import { type BundleEntries, type BundleReader, SMALL_FILE_LIMIT } from './bundle-reader.ts';
import type { FileDigest } from './hash.ts';
import { keyFor, type S3Location } from './s3-client.ts';
import { MANIFEST_FILE, type Manifest } from './types.ts';

interface Version {
  key: string;
  versionId: string;
  lastModified: number;
  deleteMarker: boolean;
}

async function listVersions(client: S3Client, bucket: string, prefix: string): Promise<Version[]> {
  const versions: Version[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
    for (const v of page.Versions ?? []) versions.push({ key: v.Key!, versionId: v.VersionId!, lastModified: v.LastModified?.getTime() ?? 0, deleteMarker: false });
    for (const d of page.DeleteMarkers ?? []) versions.push({ key: d.Key!, versionId: d.VersionId!, lastModified: d.LastModified?.getTime() ?? 0, deleteMarker: true });
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return versions;
}

async function getVersion(client: S3Client, bucket: string, key: string, versionId: string): Promise<Readable> {
  const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return result.Body as Readable;
}

async function readAll(body: Readable, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`${what} is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function s3Reader(client: S3Client, location: S3Location, manifestVersionId?: string): Promise<BundleReader> {
  const base = location.prefix ? `${location.prefix}/` : '';
  const display = `s3://${location.bucket}/${location.prefix}`;
  let versions: Version[];
  try {
    versions = await listVersions(client, location.bucket, base);
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    throw new FaultlineError(`cannot list ${display}: ${e.name} ${e.$metadata?.httpStatusCode ?? ''} ${e.message}`.trim(), { hint: 'check the endpoint, the credentials and s3:ListBucketVersions permission' });
  }
  const byKey = new Map<string, Version[]>();
  for (const v of versions) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v].sort((a, b) => a.lastModified - b.lastModified));
  const notes: string[] = [];
  const manifestKey = keyFor(location, MANIFEST_FILE);
  const manifestVersions = (byKey.get(manifestKey) ?? []).filter((v) => !v.deleteMarker);
  const chosen = manifestVersionId ? manifestVersions.find((v) => v.versionId === manifestVersionId) : manifestVersions[0];
  if (manifestVersionId && !chosen) throw new FaultlineError(`${display}: manifest.json has no version ${manifestVersionId}`, { hint: 'list its versions with aws s3api list-object-versions' });

  let manifestBytes: Buffer | undefined;
  const named = new Map<string, string>(); // bundle path → version id
  if (chosen) {
    manifestBytes = await readAll(await getVersion(client, location.bucket, manifestKey, chosen.versionId), SMALL_FILE_LIMIT, MANIFEST_FILE);
    named.set(MANIFEST_FILE, chosen.versionId);
    const later = (byKey.get(manifestKey) ?? []).filter((v) => v.lastModified > chosen.lastModified || (v !== chosen && v.deleteMarker));
    if (later.length > 0) notes.push(`${MANIFEST_FILE}: verified version ${chosen.versionId}; ${later.length} later version(s) or delete marker(s) were written on top and are ignored`);
    let stored: Manifest['storage'];
    try {
      stored = (JSON.parse(manifestBytes.toString('utf8')) as Manifest).storage;
    } catch {
      stored = undefined; // verify reports the unreadable manifest
    }
    for (const object of stored?.objects ?? []) {
      if (typeof object?.key === 'string' && object.key.startsWith(base) && typeof object.versionId === 'string') named.set(object.key.slice(base.length), object.versionId);
    }
    if (!stored) notes.push(`${MANIFEST_FILE} names no stored versions (not written by 'faultline evidence upload'): reading the latest version of each object`);
  }

  const versionOf = (path: string): string | undefined => {
    const id = named.get(path);
    if (id) return id;
    const live = (byKey.get(keyFor(location, path)) ?? []).at(-1);
    return live && !live.deleteMarker && named.size <= 1 ? live.versionId : undefined;
  };

  return {
    location: display,
    async entries(): Promise<BundleEntries> {
      const files: string[] = [];
      for (const [key, list] of byKey) {
        const path = key.slice(base.length);
        const wanted = versionOf(path);
        if (wanted) {
          const version = list.find((v) => v.versionId === wanted && !v.deleteMarker);
          if (!version) continue; // missing: verify names it
          files.push(path);
          const after = list.filter((v) => v.lastModified > version.lastModified || (v.deleteMarker && v.versionId !== wanted));
          if (after.length > 0 && path !== MANIFEST_FILE) {
            notes.push(`${path}: ${after.length} later version(s) or delete marker(s) written on top of stored version ${wanted} (${after.map((v) => v.versionId).join(', ')}); verified the stored version`);
          }
        } else if (list.at(-1) && !list.at(-1)!.deleteMarker) {
          files.push(path); // present but not named: verify reports it as extra
        }
      }
      return { files: files.sort(), strange: [], notes };
    },
    async readSmall(path) {
      if (path === MANIFEST_FILE && manifestBytes) return manifestBytes;
      const id = versionOf(path);
      if (!id) throw new Error(`${path}: no stored version`);
      return readAll(await getVersion(client, location.bucket, keyFor(location, path), id), SMALL_FILE_LIMIT, path);
    },
    async hash(path): Promise<FileDigest> {
      const id = versionOf(path);
      if (!id) throw new Error(`${path}: no stored version`);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of await getVersion(client, location.bucket, keyFor(location, path), id)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      return { size, sha256: hash.digest('hex') };
    },
  };
}
