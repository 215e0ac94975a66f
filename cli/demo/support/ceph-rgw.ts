/**
 * A real S3 server that enforces Object Lock, for the demo and the tests that claim WORM: a throw-away Ceph
 * cluster with RGW on loopback (scripts/ceph-rgw/start-rgw.sh, shared by the demo and the tests; Debian packages from
 * scripts/setup.sh). Data lives in RAM and is gone at stop. Known gaps of Ceph 16 that the code
 * must design around: lock headers on CreateMultipartUpload are ignored, x-amz-checksum-sha256 is
 * not verified (Content-MD5 is), aws-chunked streaming bodies are refused.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';

const run = promisify(execFile);
const SCRIPT = new URL('../../../scripts/ceph-rgw/start-rgw.sh', import.meta.url).pathname;

export interface CephRgw {
  endpoint: string;
  env: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string; AWS_REGION: string };
  /** An admin client for the tests' own checks (path-style, checksums only when required). */
  client(): S3Client;
  stop(): Promise<void>;
}

/** The programs start-rgw.sh needs; with one missing, the S3 step cannot run here. */
export const CEPH_RGW_PROGRAMS = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph', 'monmaptool', 'ceph-authtool', 'curl', 'ss'];

/** The programs of CEPH_RGW_PROGRAMS not found on PATH (empty: RGW can be started). */
export function missingCephPrograms(path = process.env.PATH ?? ''): string[] {
  const dirs = path.split(delimiter).filter(Boolean);
  return CEPH_RGW_PROGRAMS.filter(
    (program) =>
      !dirs.some((dir) => {
        try {
          accessSync(join(dir, program), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
  );
}

export async function startCephRgw(): Promise<CephRgw> {
  let stdout: string;
  try {
    // Its temp dir goes where ours go (TMPDIR), so a caller that owns TMPDIR can see it removed.
    ({ stdout } = await run(SCRIPT, [], { timeout: 120_000, env: { ...process.env, CEPH_RGW_PARENT: process.env.CEPH_RGW_PARENT ?? tmpdir() } }));
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`Ceph RGW did not start (install it with scripts/setup.sh: ceph-mon ceph-osd radosgw ceph-common): ${e.message}\n${e.stderr ?? ''}`);
  }
  const vars = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => {
        const eq = line.indexOf('=');
        return [line.slice(0, eq), line.slice(eq + 1).replace(/^"|"$/g, '')];
      }),
  ) as Record<string, string>;
  const env = { AWS_ACCESS_KEY_ID: vars.AWS_ACCESS_KEY_ID!, AWS_SECRET_ACCESS_KEY: vars.AWS_SECRET_ACCESS_KEY!, AWS_REGION: vars.AWS_REGION ?? 'us-east-1' };
  const clients: S3Client[] = [];
  return {
    endpoint: vars.S3_ENDPOINT!,
    env,
    client() {
      const client = new S3Client({
        endpoint: vars.S3_ENDPOINT!,
        region: env.AWS_REGION,
        forcePathStyle: true,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      await run(SCRIPT, ['stop', vars.CEPH_RGW_DIR!], { timeout: 60_000 });
    },
  };
}
