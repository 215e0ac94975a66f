/**
 * Evidence in S3 with Object Lock, against a real Ceph RGW that enforces it (not a mock): every
 * object is locked and confirmed (multipart ones too), a COMPLIANCE bundle cannot be deleted,
 * overwritten in place or have its retention shortened, GOVERNANCE yields only to the bypass
 * header, a legal hold blocks deletes, an interrupted upload leaves no manifest, and verify from S3
 * reads the versions the manifest names and reports what was written on top.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { runContext } from '../../../core/evidence/context.ts';
import { generateKeyPair } from '../../../core/evidence/dsse.ts';
import { keyFileSigner } from '../../../core/evidence/key-signer.ts';
import { packEvidence } from '../../../core/evidence/pack.ts';
import { evidenceS3Client } from '../../../core/evidence/s3-client.ts';
import { s3Reader } from '../../../core/evidence/s3-reader.ts';
import { type StoreOptions, storeBundle } from '../../../core/evidence/s3-store.ts';
import { verifyBundle } from '../../../core/evidence/verify.ts';
import { type CephRgw, startCephRgw } from '../../../cli/demo/support/ceph-rgw.ts';

const PART = 5 * 1024 * 1024;
const DAY = 86_400_000;
let rgw: CephRgw;
let admin: S3Client;
let work: string;
let bundle: string;
let bucket: string;

async function expectDenied(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
  );
  expect({ name: error?.name, status: error?.$metadata?.httpStatusCode }).toEqual({ name: 'AccessDenied', status: 403 });
}

const clientFor = () => evidenceS3Client({ endpoint: rgw.endpoint, credentials: { accessKeyId: rgw.env.AWS_ACCESS_KEY_ID, secretAccessKey: rgw.env.AWS_SECRET_ACCESS_KEY } });

function store(prefix: string, extra: Partial<StoreOptions> = {}) {
  return storeBundle(bundle, { client: clientFor(), bucket, prefix, lockMode: 'COMPLIANCE', retainUntil: new Date(Date.now() + DAY), partSize: PART, ...extra });
}

async function versionsOf(prefix: string) {
  const list = await admin.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: `${prefix}/` }));
  return list.Versions ?? [];
}

beforeAll(async () => {
  rgw = await startCephRgw();
  admin = rgw.client();
  bucket = `evidence-${Date.now()}`;
  await admin.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  work = mkdtempSync(join(tmpdir(), 'faultline-s3-evidence-'));
  mkdirSync(join(work, 'drill'));
  writeFileSync(join(work, 'drill', 'faultline-result.json'), '{"version":1,"kind":"failover","verdict":"pass"}\n');
  // Above the part size: goes up as a multipart upload (3 parts).
  const log = Buffer.alloc(PART * 2 + 12345);
  for (let i = 0; i < log.length; i += 4096) log.write(`line ${i}\n`, i);
  writeFileSync(join(work, 'drill', 'postgres.log'), log);
  const pair = generateKeyPair();
  writeFileSync(join(work, 'k.key'), pair.privateKeyPem);
  bundle = join(work, 'bundle');
  await packEvidence({ patterns: ['drill'], cwd: work, dir: bundle, name: 'nightly', context: runContext({ repository: 'acme/payments', runId: '7' }), signer: keyFileSigner(join(work, 'k.key')) });
}, 120_000);

afterAll(async () => {
  await rgw?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('storing a bundle with Object Lock', () => {
  it('locks and confirms every object, multipart included, and writes the manifest last', async () => {
    const order: string[] = [];
    const stored = await store('acme/payments/7/1', { onStored: (o) => order.push(o.key) });
    expect(order.at(-1)).toBe('acme/payments/7/1/manifest.json');
    expect(order).toHaveLength(5);
    for (const object of [...stored.objects, stored.manifest]) {
      const head = await admin.send(new HeadObjectCommand({ Bucket: bucket, Key: object.key, VersionId: object.versionId }));
      expect({ key: object.key, mode: head.ObjectLockMode, locked: head.ObjectLockRetainUntilDate!.getTime() > Date.now() + DAY - 60_000 }).toEqual({ key: object.key, mode: 'COMPLIANCE', locked: true });
    }
    const log = stored.objects.find((o) => o.key.endsWith('postgres.log'))!;
    const head = await admin.send(new HeadObjectCommand({ Bucket: bucket, Key: log.key, VersionId: log.versionId }));
    expect(head.ETag).toMatch(/-3"$/); // really a 3-part upload, and still locked
    const report = await verifyBundle(await s3Reader(clientFor(), { bucket, prefix: 'acme/payments/7/1' }));
    expect(report.problems).toEqual([]);
    expect(report.verified).toBe(true);
  });

  it('COMPLIANCE: the stored versions cannot be deleted, shortened, switched to GOVERNANCE or bypassed', async () => {
    const stored = await store('compliance/1');
    const target = stored.objects[0]!;
    const at = { Bucket: bucket, Key: target.key, VersionId: target.versionId };
    await expectDenied(admin.send(new DeleteObjectCommand(at)));
    await expectDenied(admin.send(new DeleteObjectCommand({ ...at, BypassGovernanceRetention: true })));
    await expectDenied(admin.send(new PutObjectRetentionCommand({ ...at, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 60_000) } })));
    await expectDenied(admin.send(new PutObjectRetentionCommand({ ...at, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: new Date(Date.now() + 2 * DAY) } })));
    await expectDenied(admin.send(new DeleteObjectCommand({ Bucket: bucket, Key: stored.manifest.key, VersionId: stored.manifest.versionId })));
  });

  it('COMPLIANCE: an overwrite only adds a version; verify reads the stored one and names what was written on top', async () => {
    const stored = await store('compliance/2');
    const target = stored.objects.find((o) => o.key.endsWith('faultline-result.json'))!;
    const forged = Buffer.from('{"version":1,"kind":"failover","verdict":"fail"}\n');
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: target.key, Body: forged }));
    await admin.send(new DeleteObjectCommand({ Bucket: bucket, Key: stored.manifest.key })); // a delete marker, not a delete
    const original = await admin.send(new GetObjectCommand({ Bucket: bucket, Key: target.key, VersionId: target.versionId }));
    expect(await original.Body!.transformToString()).toBe('{"version":1,"kind":"failover","verdict":"pass"}\n');

    const report = await verifyBundle(await s3Reader(clientFor(), { bucket, prefix: 'compliance/2' }));
    expect(report.verified).toBe(true);
    expect(report.notes).toContainEqual(expect.stringMatching(/^files\/drill\/faultline-result\.json: 1 later version\(s\).*verified the stored version/));
    expect(report.notes).toContainEqual(expect.stringMatching(/^manifest\.json: verified version .* later version\(s\) or delete marker\(s\)/));
  });

  it('GOVERNANCE: refuses a delete without the bypass header; with it the version goes, and verify names the file as missing', async () => {
    const stored = await store('governance/1', { lockMode: 'GOVERNANCE' });
    const target = stored.objects.find((o) => o.key.endsWith('faultline-result.json'))!;
    const at = { Bucket: bucket, Key: target.key, VersionId: target.versionId };
    await expectDenied(admin.send(new DeleteObjectCommand(at)));
    await admin.send(new DeleteObjectCommand({ ...at, BypassGovernanceRetention: true }));
    // ...and a replacement put in its place:
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: target.key, Body: Buffer.from('{"verdict":"pass","forged":true}\n') }));
    const report = await verifyBundle(await s3Reader(clientFor(), { bucket, prefix: 'governance/1' }));
    expect(report.verified).toBe(false);
    expect(report.problems).toEqual([{ path: 'files/drill/faultline-result.json', problem: expect.stringMatching(/^missing/) }]);
  });

  it('a legal hold blocks deletes even with the GOVERNANCE bypass, and is confirmed on every object', async () => {
    const stored = await store('hold/1', { lockMode: 'GOVERNANCE', legalHold: true });
    for (const object of [...stored.objects, stored.manifest]) {
      const head = await admin.send(new HeadObjectCommand({ Bucket: bucket, Key: object.key, VersionId: object.versionId }));
      expect({ key: object.key, hold: head.ObjectLockLegalHoldStatus }).toEqual({ key: object.key, hold: 'ON' });
    }
    const log = stored.objects.find((o) => o.key.endsWith('postgres.log'))!;
    await expectDenied(admin.send(new DeleteObjectCommand({ Bucket: bucket, Key: log.key, VersionId: log.versionId, BypassGovernanceRetention: true })));
  });

  it('an interrupted upload leaves no manifest, and verify says the bundle is incomplete', async () => {
    const client = clientFor();
    let puts = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand' && ++puts === 2) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return next(args);
      },
      { step: 'initialize', name: 'dropConnection' },
    );
    await expect(storeBundle(bundle, { client, bucket, prefix: 'interrupted/1', lockMode: 'COMPLIANCE', retainUntil: new Date(Date.now() + DAY), partSize: PART })).rejects.toThrow(/socket hang up/);
    const keys = (await versionsOf('interrupted/1')).map((v) => v.Key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).not.toContain('interrupted/1/manifest.json');
    const report = await verifyBundle(await s3Reader(clientFor(), { bucket, prefix: 'interrupted/1' }));
    expect(report.problems).toEqual([{ path: 'manifest.json', problem: expect.stringMatching(/^missing: the bundle is incomplete/) }]);
  });

  it('verify from S3 names an object added under the prefix that the manifest does not list', async () => {
    await store('extra/1');
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: 'extra/1/files/drill/planted.json', Body: Buffer.from('{}') }));
    const report = await verifyBundle(await s3Reader(clientFor(), { bucket, prefix: 'extra/1' }));
    expect(report.problems).toEqual([{ path: 'files/drill/planted.json', problem: expect.stringMatching(/^extra/) }]);
  });

  it('Content-MD5 guards every single-part request: the server refuses a body that does not match', async () => {
    const body = Buffer.from('evidence');
    const wrong = createHash('md5').update('other').digest('base64');
    const error = await admin.send(new PutObjectCommand({ Bucket: bucket, Key: 'md5/x', Body: body, ContentMD5: wrong })).catch((e: Error) => e);
    expect((error as Error).name).toBe('BadDigest');
  });
});
