/**
 * The bounded-memory upload at the HTTP level (nock; the WORM behaviour is proven against the real
 * RGW in s3-object-lock.test.ts): a large file goes up in parts of the size asked for, each with
 * the Content-MD5 of its own bytes, completed with every part in order; a file whose bytes no longer
 * match the manifest is never completed — its multipart upload is aborted.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { evidenceS3Client } from '../../../core/evidence/s3-client.ts';
import { MIN_PART_SIZE, partSizeFor, putFile } from '../../../core/evidence/s3-file-upload.ts';

const HOST = 'https://s3.test';
const SIZE = 2 * MIN_PART_SIZE + 1024 * 1024;
let work: string;
let file: string;
let content: Buffer;

beforeAll(() => {
  nock.disableNetConnect();
  work = mkdtempSync(join(tmpdir(), 'faultline-s3-parts-'));
  content = Buffer.alloc(SIZE);
  for (let i = 0; i < SIZE; i += 4) content.writeUInt32LE(i, i);
  file = join(work, 'capture.bin');
  writeFileSync(file, content);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => nock.cleanAll());

interface Seen {
  method: string;
  query: URLSearchParams;
  md5?: string;
  size: number;
  body: string;
}

function fakeMultipart(): Seen[] {
  const seen: Seen[] = [];
  const record = async (request: Request) => {
    const bytes = Buffer.from(await request.arrayBuffer());
    const url = new URL(request.url);
    seen.push({ method: request.method, query: url.searchParams, md5: request.headers.get('content-md5') ?? undefined, size: bytes.length, body: bytes.toString('utf8', 0, Math.min(bytes.length, 2000)) });
    return bytes;
  };
  // nock matches a regex path without the query string, so each method has one handler that reads it.
  nock(HOST)
    .persist()
    .post(/.*/)
    .query(true)
    .reply(async (request: Request) => {
      await record(request);
      if (new URL(request.url).searchParams.has('uploads')) {
        return [200, '<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>up-1</UploadId></InitiateMultipartUploadResult>'];
      }
      return [200, '<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><ETag>"x-3"</ETag></CompleteMultipartUploadResult>', { 'x-amz-version-id': 'v7' }];
    })
    .put(/.*/)
    .query(true)
    .reply(async (request: Request) => {
      const bytes = await record(request);
      return [200, '', { etag: `"${createHash('md5').update(bytes).digest('hex')}"` }];
    })
    .delete(/.*/)
    .query(true)
    .reply(async (request: Request) => {
      await record(request);
      return [204, ''];
    });
  return seen;
}

/** nock does not answer `Expect: 100-continue` (which the SDK sends with bodies over 1 MB): leave it off here. */
function client() {
  const s3 = evidenceS3Client({ endpoint: HOST, maxAttempts: 1, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  s3.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) delete request.headers.Expect;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'noExpectContinueForNock' },
  );
  return s3;
}

const upload = (sha256: string) => ({
  client: client(),
  bucket: 'b',
  key: 'k',
  path: file,
  size: SIZE,
  sha256,
  contentType: 'application/octet-stream',
  partSize: MIN_PART_SIZE,
  partsInFlight: 2,
  params: {},
});

describe('multipart evidence upload', () => {
  it('sends each part with the MD5 of its own bytes and completes with every part in order', async () => {
    const seen = fakeMultipart();
    const result = await putFile(upload(createHash('sha256').update(content).digest('hex')));

    const parts = seen.filter((s) => s.method === 'PUT');
    expect(parts.map((p) => [Number(p.query.get('partNumber')), p.size]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [1, MIN_PART_SIZE],
      [2, MIN_PART_SIZE],
      [3, 1024 * 1024],
    ]);
    const md5s = [0, 1, 2].map((i) => createHash('md5').update(content.subarray(i * MIN_PART_SIZE, Math.min(SIZE, (i + 1) * MIN_PART_SIZE))).digest());
    for (const part of parts) expect(part.md5).toBe(md5s[Number(part.query.get('partNumber')) - 1]!.toString('base64'));
    const complete = seen.find((s) => s.method === 'POST' && s.query.has('uploadId'))!;
    expect(complete.body.match(/<PartNumber>(\d+)<\/PartNumber>/g)).toEqual(['<PartNumber>1</PartNumber>', '<PartNumber>2</PartNumber>', '<PartNumber>3</PartNumber>']);
    expect(result).toEqual({ versionId: 'v7', multipart: true, etag: `${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-3` });
  });

  it('aborts, never completes, when the bytes read are not the ones the manifest names', async () => {
    const seen = fakeMultipart();
    await expect(putFile(upload('0'.repeat(64)))).rejects.toThrow(/capture\.bin changed after it was packed: read 11534336 bytes with SHA-256 [0-9a-f]{64}, the manifest says 11534336 bytes, 0{64}; nothing was stored for it/);
    expect(seen.some((s) => s.method === 'POST' && s.query.has('uploadId'))).toBe(false);
    expect(seen.filter((s) => s.method === 'DELETE').map((s) => s.query.get('uploadId'))).toEqual(['up-1']);
  });

  it('grows the part size only past S3’s 10,000 parts', () => {
    expect(partSizeFor(100 * 1024 ** 3, MIN_PART_SIZE)).toBe(Math.ceil((100 * 1024 ** 3) / 10_000));
    expect(partSizeFor(1024 ** 3, MIN_PART_SIZE)).toBe(MIN_PART_SIZE);
    expect(partSizeFor(1024 ** 3, 1024)).toBe(MIN_PART_SIZE);
  });
});
