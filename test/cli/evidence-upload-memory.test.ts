/**
 * `faultline evidence upload` streams: a 256 MiB bundle goes to a real Ceph RGW (Object Lock,
 * multipart) with peak memory bounded by a few parts, not by the file. The bound is generous and
 * one-sided (the machine is shared; Node plus the AWS SDK alone take ~80 MiB): buffering the file,
 * or the garbage of a fresh buffer per part, measured 164-197 MiB here. The median figure lives in
 * `npm run bench -- evidence`.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { type CephRgw, startCephRgw } from '../../cli/demo/support/ceph-rgw.ts';
import { runMeasured } from '../support/peak-rss.ts';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;
const SIZE = 256 * 1024 * 1024;
let rgw: CephRgw;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-upload-memory-'));
  rgw = await startCephRgw();
  await rgw.client().send(new CreateBucketCommand({ Bucket: 'memory', ObjectLockEnabledForBucket: true }));
}, 180_000);

afterAll(async () => {
  await rgw?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

function writeCapture(path: string): void {
  const block = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, 'w');
  for (let offset = 0; offset < SIZE; offset += block.length) {
    for (let i = 0; i < block.length; i += 4096) block.writeUInt32LE((offset + i) >>> 0, i);
    writeSync(fd, block);
  }
  closeSync(fd);
}

describe('evidence upload memory', () => {
  it('uploads a 256 MiB bundle to S3 with Object Lock in bounded memory, and what it stored verifies', async () => {
    writeCapture(join(dir, 'capture.bin'));
    const packed = await runMeasured(BIN, ['evidence', 'pack', '--out', 'out', '--name', 'big', 'capture.bin'], { cwd: dir });
    expect(packed.code).toBe(0);
    const env = { ...process.env, ...rgw.env };

    const uploaded = await runMeasured(BIN, ['evidence', 'upload', join('out', 'big'), '--to', 's3://memory/run-1', '--endpoint', rgw.endpoint, '--lock', 'governance', '--retain', '1d'], { cwd: dir, env });

    expect(uploaded.stderr).toBe('');
    expect(uploaded.code).toBe(0);
    expect(uploaded.stdout).toMatch(/^stored s3:\/\/memory\/run-1\/files\/capture\.bin {2}version \S+ {2}GOVERNANCE until /m);
    expect(uploaded.peakRssMiB).toBeLessThan(150);
    const verified = await runMeasured(BIN, ['evidence', 'verify', 's3://memory/run-1', '--endpoint', rgw.endpoint], { cwd: dir, env });
    expect(verified.code).toBe(0);
  }, 300_000);
});
