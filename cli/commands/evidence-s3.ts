/** `faultline evidence upload` and `verify s3://…`: the S3 Object Lock side of the evidence command. */
import { isAbsolute, resolve } from 'node:path';
import type { ObjectLockMode } from '@aws-sdk/client-s3';
import { FaultlineError, isFaultlineError } from '../../core/errors.ts';
import { parseRetention } from '../../core/evidence/retention.ts';
import { evidenceS3Client, parseS3Url } from '../../core/evidence/s3-client.ts';
import { s3Reader } from '../../core/evidence/s3-reader.ts';
import { storeBundle } from '../../core/evidence/s3-store.ts';
import { type VerifyOptions, type VerifyReport, verifyBundle } from '../../core/evidence/verify.ts';
import { type CliIO, writeLine } from '../io.ts';
import { parse, usageError } from './evidence-args.ts';

/** The SDK reads these too; taking them here as well lets path-style follow from any endpoint. */
function endpointOf(flag: string | undefined, io: CliIO): string | undefined {
  return flag ?? io.env.AWS_ENDPOINT_URL_S3 ?? io.env.AWS_ENDPOINT_URL ?? undefined;
}

/** An S3 failure that is not about the bundle (unreachable, credentials, no bucket) is bad input. */
function storeError(error: unknown, what: string): FaultlineError {
  if (isFaultlineError(error)) return error;
  const e = error as Error & { $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
  return new FaultlineError(`${what}: ${e.name}${status}: ${e.message}`, { hint: 'check --endpoint, the bucket name, the credentials (AWS SDK default chain) and the role\'s permissions', cause: error });
}

export async function upload(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    to: { type: 'string' },
    endpoint: { type: 'string' },
    lock: { type: 'string', default: 'compliance' },
    retain: { type: 'string', default: '30d' },
    'legal-hold': { type: 'boolean', default: false },
    'kms-key-id': { type: 'string' },
  });
  if (positionals.length !== 1) throw usageError('give exactly one bundle folder to upload');
  const location = parseS3Url((values.to as string | undefined) ?? '');
  if (!location) throw usageError(`--to must be s3://BUCKET/PREFIX, not "${values.to ?? ''}"`);
  const lock = (values.lock as string).toUpperCase();
  if (lock !== 'COMPLIANCE' && lock !== 'GOVERNANCE') throw usageError(`--lock must be compliance or governance, not "${values.lock}"`);
  const retainUntil = new Date(Date.now() + parseRetention(values.retain as string));
  const dir = isAbsolute(positionals[0]!) ? positionals[0]! : resolve(io.cwd, positionals[0]!);
  const client = evidenceS3Client({ endpoint: endpointOf(values.endpoint as string | undefined, io), region: io.env.AWS_REGION });
  try {
    const stored = await storeBundle(dir, {
      ...location,
      client,
      lockMode: lock as ObjectLockMode,
      retainUntil,
      legalHold: values['legal-hold'] as boolean,
      ...(values['kms-key-id'] ? { kmsKeyId: values['kms-key-id'] as string } : {}),
      onStored: (o) => writeLine(io.stdout, `stored s3://${location.bucket}/${o.key}  version ${o.versionId}  ${o.lockMode} until ${o.retainUntil}${o.legalHold ? ', legal hold' : ''}`),
    });
    writeLine(io.stdout, `${stored.objects.length + 1} object(s) locked; manifest s3://${location.bucket}/${stored.manifest.key} version ${stored.manifest.versionId}`);
    return 0;
  } catch (error) {
    throw storeError(error, `upload to s3://${location.bucket}/${location.prefix}`);
  } finally {
    client.destroy();
  }
}

export async function verifyS3(target: string, s3: { endpoint?: string; versionId?: string }, options: VerifyOptions, io: CliIO): Promise<VerifyReport> {
  const location = parseS3Url(target);
  if (!location) throw usageError(`"${target}" is not s3://BUCKET/PREFIX`);
  const client = evidenceS3Client({ endpoint: endpointOf(s3.endpoint, io), region: io.env.AWS_REGION });
  try {
    return await verifyBundle(await s3Reader(client, location, s3.versionId), options);
  } catch (error) {
    throw storeError(error, `verify ${target}`);
  } finally {
    client.destroy();
  }
}
