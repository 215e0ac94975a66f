/**
 * Step 4 of the game day: the day's results, journals, drill file and reports packed into a signed
 * evidence bundle (manifest with SHA-256 per file, in-toto statement, DSSE signature with a key made
 * for this run), verified; then, when Ceph RGW is installed, stored under a COMPLIANCE Object Lock,
 * verified again from S3, and a deletion of the locked manifest attempted — which S3 must refuse.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { folderReader } from '../../../core/evidence/bundle-reader.ts';
import { runContext } from '../../../core/evidence/context.ts';
import { generateKeyPair } from '../../../core/evidence/dsse.ts';
import { keyFileSigner } from '../../../core/evidence/key-signer.ts';
import { packEvidence } from '../../../core/evidence/pack.ts';
import { renderVerifyText } from '../../../core/evidence/report-text.ts';
import { s3Reader } from '../../../core/evidence/s3-reader.ts';
import { storeBundle } from '../../../core/evidence/s3-store.ts';
import { verifyBundle } from '../../../core/evidence/verify.ts';
import { createPublicKey } from 'node:crypto';
import { writeLine } from '../../io.ts';
import type { CephRgw } from '../support/ceph-rgw.ts';
import type { GameDay } from './context.ts';

const BUCKET = 'faultline-evidence';
/** Short on purpose: RGW's data lives in RAM and goes with the demo; a real store keeps years. */
const RETAIN_MS = 24 * 60 * 60 * 1000;

/** The bundle the day produced, for the report step. */
export interface PackedEvidence {
  dir: string;
  digest: string;
  files: number;
  s3?: string;
}

async function storeAndTryToDelete(day: GameDay, rgw: CephRgw, dir: string, publicKeyPem: string): Promise<{ ok: boolean; where: string }> {
  const { io } = day;
  const client = rgw.client();
  const prefix = `game-day/${new Date().toISOString().slice(0, 10)}`;
  await client.send(new CreateBucketCommand({ Bucket: BUCKET, ObjectLockEnabledForBucket: true }));
  const retainUntil = new Date(Date.now() + RETAIN_MS);
  const stored = await storeBundle(dir, { bucket: BUCKET, prefix, client, lockMode: 'COMPLIANCE', retainUntil });
  const where = `s3://${BUCKET}/${prefix}`;
  writeLine(io.stdout, `Stored ${stored.objects.length + 1} objects in ${where} on Ceph RGW (${rgw.endpoint}), each COMPLIANCE-locked until ${retainUntil.toISOString()}; manifest version ${stored.manifest.versionId}`);
  const fromS3 = await verifyBundle(await s3Reader(client, { bucket: BUCKET, prefix }, stored.manifest.versionId), { publicKey: createPublicKey(publicKeyPem) });
  io.stdout.write(renderVerifyText(fromS3));
  writeLine(io.stdout, `$ aws s3api delete-object --bucket ${BUCKET} --key ${stored.manifest.key} --version-id ${stored.manifest.versionId}`);
  const denied = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: stored.manifest.key, VersionId: stored.manifest.versionId })).then(
    () => undefined,
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => error,
  );
  if (!denied) {
    writeLine(io.stdout, '✗ the locked manifest version was deleted: this store does not enforce Object Lock');
    return { ok: false, where };
  }
  writeLine(io.stdout, `✓ refused: ${denied.name} (HTTP ${denied.$metadata?.httpStatusCode ?? '?'}). Under COMPLIANCE nobody, not even the root account, can delete or shorten the lock before ${retainUntil.toISOString()}.`);
  return { ok: fromS3.verified && denied.name === 'AccessDenied', where };
}

export async function runEvidenceDemo(day: GameDay): Promise<{ code: number; packed?: PackedEvidence }> {
  const { io } = day;
  const keys = generateKeyPair();
  const keyFile = join(day.workspace, '.faultline', 'demo-signing.key');
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  const dir = join(day.workspace, 'evidence', 'game-day');
  const bundle = await packEvidence({
    patterns: ['results/**', 'drills/**'],
    cwd: day.workspace,
    dir,
    name: 'game-day',
    context: runContext({ repository: 'acme/shop', eventName: 'workflow_dispatch', workflow: 'faultline demo' }),
    signer: keyFileSigner(keyFile),
  });
  writeLine(io.stdout, `$ faultline evidence pack --key demo-signing.key results/** drills/**`);
  writeLine(io.stdout, `Packed ${bundle.manifest.files.length} files (results, journals, reports, the drill file), signed with ed25519 key ${keys.keyId}; bundle digest ${bundle.digest}`);
  const local = await verifyBundle(folderReader(dir), { publicKey: createPublicKey(keys.publicKeyPem) });
  io.stdout.write(renderVerifyText(local));
  const packed: PackedEvidence = { dir, digest: bundle.digest, files: bundle.manifest.files.length };
  if (!local.verified) return { code: 1, packed };

  if (!day.s3) return { code: 0, packed };
  writeLine(io.stdout, '');
  const target = await day.s3;
  if ('skipped' in target) {
    writeLine(io.stdout, `S3 Object Lock step skipped: ${target.skipped}.`);
    return { code: 0, packed };
  }
  const stored = await storeAndTryToDelete(day, target.rgw, dir, keys.publicKeyPem);
  packed.s3 = stored.where;
  if (stored.ok) writeLine(io.stdout, 'As designed: the evidence verifies, locally and from S3, and the locked copy cannot be deleted.');
  return { code: stored.ok ? 0 : 1, packed };
}
