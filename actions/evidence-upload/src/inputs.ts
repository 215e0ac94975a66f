/**
 * Reads and checks every input of evidence-upload once, into a typed settings object. Nothing
 * after this reads the environment. A bad input throws a FaultlineError naming the input and the fix.
 */
import { isAbsolute, join, resolve } from 'node:path';
import type { ObjectLockMode } from '@aws-sdk/client-s3';
import { githubRunFacts, type RunFacts } from '../../../core/evidence/context.ts';
import { FaultlineError } from '../../../core/errors.ts';
import type { ResultSource } from '../../../core/result.ts';
import { runSource } from '../../shared/github-run.ts';

export type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function bad(input: string, problem: string, hint: string): FaultlineError {
  return new FaultlineError(`input ${input}: ${problem}`, { hint });
}

export interface S3Settings {
  bucket: string;
  /** <s3-prefix>/<owner>/<repo>/<run-id>/<attempt> */
  prefix: string;
  endpoint?: string;
  region?: string;
  lockMode: ObjectLockMode;
  legalHold: boolean;
  kmsKeyId?: string;
}

export interface EvidenceSettings {
  workspace: string;
  /** Where the bundle is packed before it is stored. */
  bundleDir: string;
  patterns: string[];
  name: string;
  artifact: boolean;
  s3?: S3Settings;
  retentionDays: number;
  sign: boolean;
  token: string;
  secrets: string[];
  resultFile: string;
  stepSummary: boolean;
  source: ResultSource;
  facts: RunFacts;
  serverUrl: string;
}

/** Only the result file's path, read first so a failure further on still leaves a result. */
export function readResultFile(input: InputReader, env: NodeJS.ProcessEnv): string {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const file = input('result-file') || 'faultline-evidence-result.json';
  return isAbsolute(file) ? file : join(workspace, file);
}

/** The secret values, read before anything else so they are masked even when an input is bad. */
export function readSecrets(input: InputReader): string[] {
  return input('secrets')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

function flag(input: InputReader, name: string, fallback: boolean): boolean {
  const value = input(name).toLowerCase();
  if (value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  throw bad(name, `expected true or false, got '${input(name)}'`, `e.g. ${name}: true`);
}

export function readSettings(input: InputReader, env: NodeJS.ProcessEnv): EvidenceSettings {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const patterns = input('paths')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (patterns.length === 0) throw bad('paths', 'is required', 'list the files, folders or globs to bundle, one per line, e.g. faultline-*.json');
  const name = input('name') || 'faultline-evidence';
  if (!/^[\w.-]+$/.test(name) || name === '.' || name === '..') throw bad('name', `'${name}' is not a plain name`, "use letters, digits, '.', '_' and '-'");
  const destination = input('destination') || 'artifact';
  if (!['artifact', 's3', 'both'].includes(destination)) throw bad('destination', `expected artifact, s3 or both, got '${destination}'`, 'e.g. destination: both');
  const retentionDays = Number(input('retention-days') || '90');
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw bad('retention-days', `expected a whole number of days (1 or more), got '${input('retention-days')}'`, "e.g. retention-days: '365'");
  const sign = flag(input, 'sign', true);
  const token = input('github-token');
  if (sign && !env.ACTIONS_ID_TOKEN_REQUEST_URL) {
    throw bad('sign', 'is true, but the job cannot request an OIDC token', 'grant the job permissions id-token: write and attestations: write, or set sign: false');
  }
  if (sign && !token) throw bad('github-token', 'is empty, and signing records the attestation through the GitHub API', 'leave github-token at its default (github.token)');
  const facts = githubRunFacts(env);

  let s3: S3Settings | undefined;
  if (destination === 's3' || destination === 'both') {
    const bucket = input('s3-bucket');
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw bad('s3-bucket', bucket ? `'${bucket}' is not a bucket name` : 'is required when destination is s3 or both', 'give the name of a bucket with Object Lock enabled (docs/actions/evidence-upload.md)');
    const mode = (input('object-lock-mode') || 'COMPLIANCE').toUpperCase();
    if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') throw bad('object-lock-mode', `expected COMPLIANCE or GOVERNANCE, got '${input('object-lock-mode')}'`, 'e.g. object-lock-mode: COMPLIANCE');
    if (!facts.repository || !facts.runId) throw bad('s3-prefix', 'needs GITHUB_REPOSITORY and GITHUB_RUN_ID to build the key', 'run this action inside GitHub Actions');
    const base = (input('s3-prefix') || '').replace(/^\/+|\/+$/g, '');
    if (base.split('/').some((s) => s === '..' || s === '.')) throw bad('s3-prefix', `'${base}' contains '.' or '..' segments`, 'use a plain key prefix such as evidence/drills');
    const endpoint = input('s3-endpoint');
    s3 = {
      bucket,
      prefix: [base, facts.repository, facts.runId, facts.runAttempt || '1'].filter(Boolean).join('/'),
      lockMode: mode as ObjectLockMode,
      legalHold: flag(input, 'legal-hold', false),
      ...(endpoint ? { endpoint } : {}),
      ...(env.AWS_REGION || env.AWS_DEFAULT_REGION ? { region: env.AWS_REGION || env.AWS_DEFAULT_REGION } : {}),
      ...(input('kms-key-id') ? { kmsKeyId: input('kms-key-id') } : {}),
    };
  }
  return {
    workspace,
    bundleDir: join(resolve(env.RUNNER_TEMP || workspace), `faultline-evidence-${facts.runId ?? 'local'}-${facts.runAttempt ?? '1'}`, name),
    patterns,
    name,
    artifact: destination === 'artifact' || destination === 'both',
    ...(s3 ? { s3 } : {}),
    retentionDays,
    sign,
    token,
    secrets: readSecrets(input),
    resultFile: readResultFile(input, env),
    stepSummary: Boolean(env.GITHUB_STEP_SUMMARY),
    source: runSource(env),
    facts,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
  };
}
