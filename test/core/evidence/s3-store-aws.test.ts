/**
 * What the local RGW cannot show, checked at the HTTP level with nock (never as proof of WORM):
 * the AWS-specific headers (SSE-KMS, x-amz-checksum-sha256, which AWS verifies), and that a storm
 * of 503s is retried with backoff while a persistent one fails the upload before any manifest.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { runContext } from '../../../core/evidence/context.ts';
import { packEvidence } from '../../../core/evidence/pack.ts';
import { evidenceS3Client } from '../../../core/evidence/s3-client.ts';
import { storeBundle } from '../../../core/evidence/s3-store.ts';

const HOST = 'https://evidence.s3.eu-west-1.amazonaws.com';
let work: string;
let bundle: string;
const retainUntil = new Date('2027-03-01T00:00:00.000Z');

beforeAll(async () => {
  nock.disableNetConnect();
  work = mkdtempSync(join(tmpdir(), 'faultline-s3-aws-'));
  writeFileSync(join(work, 'result.json'), '{"verdict":"pass"}\n');
  bundle = join(work, 'bundle');
  await packEvidence({ patterns: ['result.json'], cwd: work, dir: bundle, name: 'b', context: runContext({}) });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => nock.cleanAll());

interface Put {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A fake S3 bucket that answers PUT and HEAD like AWS with Object Lock; `failing(n)` says whether the n-th PUT gets a 503. */
function fakeBucket(failing: (n: number) => boolean) {
  const puts: Put[] = [];
  let count = 0;
  const sizes = new Map<string, number>();
  nock(HOST)
    .persist()
    .put(/.*/)
    // nock 15 hands a one-argument reply function the fetch Request.
    .reply(async (request: Request) => {
      count++;
      if (failing(count)) return [503, '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>'];
      const bytes = Buffer.from(await request.arrayBuffer());
      const path = new URL(request.url).pathname;
      puts.push({ path, headers: Object.fromEntries(request.headers), body: bytes });
      sizes.set(path, bytes.length);
      return [200, '', { 'x-amz-version-id': `v${count}`, etag: '"kms-etag-is-not-an-md5"' }];
    })
    .head(/.*/)
    .reply(async (request: Request) => {
      const path = new URL(request.url).pathname;
      return [200, '', { 'content-length': String(sizes.get(path) ?? 0), 'x-amz-object-lock-mode': 'COMPLIANCE', 'x-amz-object-lock-retain-until-date': retainUntil.toISOString(), etag: '"kms-etag-is-not-an-md5"' }];
    });
  return { puts, count: () => count };
}

const client = () => evidenceS3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, maxAttempts: 4 });

it('sends Object Lock, SSE-KMS, Content-MD5 and SHA-256 checksum headers on every object, manifest last', async () => {
  const s3 = fakeBucket(() => false);
  const stored = await storeBundle(bundle, { client: client(), bucket: 'evidence', prefix: 'acme/app/9/1', lockMode: 'COMPLIANCE', retainUntil, kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/evidence' });
  expect(s3.puts.map((p) => p.path)).toEqual(['/acme/app/9/1/files/result.json', '/acme/app/9/1/statement.intoto.json', '/acme/app/9/1/manifest.json']);
  for (const put of s3.puts) {
    expect(put.headers).toMatchObject({
      'x-amz-object-lock-mode': 'COMPLIANCE',
      'x-amz-object-lock-retain-until-date': '2027-03-01T00:00:00Z',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:eu-west-1:111122223333:key/evidence',
      'content-md5': createHash('md5').update(put.body).digest('base64'),
      'x-amz-checksum-sha256': createHash('sha256').update(put.body).digest('base64'),
    });
    expect(put.headers['content-encoding']).toBeUndefined(); // no aws-chunked bodies
  }
  expect(stored.manifest.versionId).toBe('v3');
});

it('retries a storm of 503s with backoff and still stores every object once', async () => {
  const s3 = fakeBucket((n) => n <= 3);
  const stored = await storeBundle(bundle, { client: client(), bucket: 'evidence', prefix: 'p', lockMode: 'COMPLIANCE', retainUntil, kmsKeyId: 'k' });
  expect(s3.count()).toBe(6);
  expect(s3.puts).toHaveLength(3);
  expect(stored.objects).toHaveLength(2);
});

it('gives up on a persistent 503 before writing any manifest', async () => {
  const s3 = fakeBucket((n) => n > 1);
  await expect(storeBundle(bundle, { client: client(), bucket: 'evidence', prefix: 'p', lockMode: 'COMPLIANCE', retainUntil, kmsKeyId: 'k' })).rejects.toThrow(/reduce your request rate/);
  expect(s3.puts.map((p) => p.path)).toEqual(['/p/files/result.json']);
});
