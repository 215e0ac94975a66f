/**
 * Evidence: pack (copy + SHA-256) and verify throughput on a 1 GiB file against `sha256sum` on the
 * same file in the same run (goal: ≥ 0.9 of its speed), peak RSS of the CLI at 64 MiB and 1 GiB
 * (goal: ≤ 100 MiB whatever the size — memory must not grow with the file), and upload throughput
 * to a local Ceph RGW with Object Lock (multipart, 5 MiB parts, one in flight). Medians of RUNS; each CLI run is
 * its own process so its peak RSS is its own. The machine is shared: read the figures as rough.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startCephRgw } from '../cli/demo/support/ceph-rgw.ts';
import { runMeasured } from '../test/support/peak-rss.ts';

const RUNS = 3;
const GIB = 1024 ** 3;
const BIN = new URL('../bin/faultline', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'faultline-evidence-bench-'));

function writeFile(path: string, size: number): void {
  // Non-repeating content in 1 MiB blocks (a counter stamped into each 4 KiB), written once.
  const block = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, 'w');
  for (let offset = 0; offset < size; offset += block.length) {
    for (let i = 0; i < block.length; i += 4096) block.writeUInt32LE((offset + i) >>> 0, i);
    writeSync(fd, block, 0, Math.min(block.length, size - offset));
  }
  closeSync(fd);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mibPerS = (bytes: number, ms: number) => bytes / 1024 / 1024 / (ms / 1000);

function sha256sum(path: string): number {
  const started = performance.now();
  const run = spawnSync('sha256sum', [path], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sha256sum failed: ${run.stderr}`);
  return performance.now() - started;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const run = await runMeasured(BIN, ['evidence', ...args], { cwd: dir, env });
  if (run.code !== 0) throw new Error(`faultline evidence ${args[0]} exited ${run.code}: ${run.stderr}`);
  return run;
}

try {
  const rows: string[][] = [];
  for (const [label, size] of [
    ['64 MiB', 64 * 1024 * 1024],
    ['1 GiB', GIB],
  ] as const) {
    const file = join(dir, `capture-${size}.bin`);
    writeFile(file, size);
    const peer: number[] = [];
    const pack: number[] = [];
    const verify: number[] = [];
    let packRss = 0;
    let verifyRss = 0;
    for (let i = 0; i < RUNS; i++) {
      peer.push(sha256sum(file));
      const out = `out-${size}-${i}`;
      const packed = await cli(['pack', '--out', out, `capture-${size}.bin`]);
      pack.push(packed.wallMs);
      packRss = Math.max(packRss, packed.peakRssMiB);
      const verified = await cli(['verify', join(out, 'faultline-evidence')]);
      verify.push(verified.wallMs);
      verifyRss = Math.max(verifyRss, verified.peakRssMiB);
      if (i < RUNS - 1) rmSync(join(dir, out), { recursive: true });
    }
    const peerMs = median(peer);
    rows.push([label, 'sha256sum', peerMs.toFixed(0), mibPerS(size, peerMs).toFixed(0), '1.00', '-']);
    rows.push([label, 'faultline pack (copy+hash)', median(pack).toFixed(0), mibPerS(size, median(pack)).toFixed(0), (peerMs / median(pack)).toFixed(2), packRss.toFixed(0)]);
    rows.push([label, 'faultline verify (hash)', median(verify).toFixed(0), mibPerS(size, median(verify)).toFixed(0), (peerMs / median(verify)).toFixed(2), verifyRss.toFixed(0)]);
  }

  const rgw = await startCephRgw();
  try {
    await rgw.client().send(new CreateBucketCommand({ Bucket: 'bench', ObjectLockEnabledForBucket: true }));
    const size = 256 * 1024 * 1024; // RGW keeps data in RAM (memstore): a quarter GiB
    writeFile(join(dir, 'upload.bin'), size);
    await cli(['pack', '--out', 'up', '--name', 'b', 'upload.bin']);
    const upload: number[] = [];
    let uploadRss = 0;
    for (let i = 0; i < RUNS; i++) {
      const run = await cli(['upload', join('up', 'b'), '--to', `s3://bench/run-${i}`, '--endpoint', rgw.endpoint, '--lock', 'governance', '--retain', '1d'], { ...process.env, ...rgw.env });
      upload.push(run.wallMs);
      uploadRss = Math.max(uploadRss, run.peakRssMiB);
    }
    rows.push(['256 MiB', 'faultline upload (RGW, multipart)', median(upload).toFixed(0), mibPerS(size, median(upload)).toFixed(0), '-', uploadRss.toFixed(0)]);
  } finally {
    await rgw.stop();
  }

  const header = ['size', 'what', 'median ms', 'MiB/s', 'speed vs sha256sum', 'peak RSS MiB'];
  console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\n${RUNS} runs each, medians; the machine is shared, so timings are noisy. Goals: pack ≥ 0.9 × sha256sum, peak RSS ≤ 100 MiB at any size.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
