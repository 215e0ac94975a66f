/**
 * `faultline evidence upload` and `verify s3://…` against a real Ceph RGW with Object Lock:
 * credentials from the AWS SDK's default chain (environment here), every object printed with its
 * version and retain-until, and verify exits 0 on what was stored, 2 when the store is unreachable.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { type CephRgw, startCephRgw } from '../../cli/demo/support/ceph-rgw.ts';
import { refusedPort } from '../support/refused-port.ts';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;
let rgw: CephRgw;
let dir: string;

function faultline(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(BIN, ['evidence', ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...rgw.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  rgw = await startCephRgw();
  await rgw.client().send(new CreateBucketCommand({ Bucket: 'drills', ObjectLockEnabledForBucket: true }));
  dir = mkdtempSync(join(tmpdir(), 'faultline-evidence-s3-cli-'));
  writeFileSync(join(dir, 'faultline-result.json'), '{"version":1,"kind":"failover","verdict":"pass"}\n');
}, 120_000);
afterAll(async () => {
  await rgw?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('uploads a bundle under Object Lock, prints each version and retain-until, and verifies it from S3', async () => {
  expect((await faultline(['keygen', '--out', 'k'])).code).toBe(0);
  expect((await faultline(['pack', '--key', 'k.key', '--name', 'b', 'faultline-result.json'])).code).toBe(0);
  const uploaded = await faultline(['upload', 'b', '--to', 's3://drills/2026-03/nightly', '--endpoint', rgw.endpoint, '--lock', 'compliance', '--retain', '2d']);
  expect(uploaded.stderr).toBe('');
  expect(uploaded.code).toBe(0);
  const lines = uploaded.stdout.trim().split('\n');
  expect(lines).toHaveLength(5);
  expect(lines[0]).toMatch(/^stored s3:\/\/drills\/2026-03\/nightly\/files\/faultline-result\.json {2}version \S+ {2}COMPLIANCE until \d{4}-\d\d-\d\dT/);
  expect(lines[3]).toMatch(/^stored s3:\/\/drills\/2026-03\/nightly\/manifest\.json /);

  const verified = await faultline(['verify', '--public-key', 'k.pub', '--endpoint', rgw.endpoint, 's3://drills/2026-03/nightly']);
  expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^✓ verified s3:\/\/drills\/2026-03\/nightly: 1 file\(s\).*signature verified/) });
});

it('exits 2 when the store cannot be reached or the bucket does not exist', async () => {
  const port = refusedPort();
  const unreachable = await faultline(['verify', '--endpoint', `http://127.0.0.1:${port}`, 's3://drills/x'], { AWS_MAX_ATTEMPTS: '1' });
  expect(unreachable.code).toBe(2);
  expect(unreachable.stderr).toMatch(/cannot list s3:\/\/drills\/x/);
  const noBucket = await faultline(['upload', 'b', '--to', 's3://no-such-bucket/x', '--endpoint', rgw.endpoint]);
  expect(noBucket.code).toBe(2);
  expect(noBucket.stderr).toMatch(/NoSuchBucket/);
}, 60_000);
