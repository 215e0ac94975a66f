/**
 * evidence-upload: settings → pack (signed with Sigstore through @actions/attest) → artifact and/or
 * S3 with Object Lock → outputs, job summary, result file (kind evidence). Whatever fails, the
 * shared ResultRecorder still writes a result file (verdict error) for the app to read.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { FaultlineError, isFaultlineError } from '../../../core/errors.ts';
import { runContext } from '../../../core/evidence/context.ts';
import type { EvidenceSigner } from '../../../core/evidence/pack.ts';
import { packEvidence, toJsonBytes } from '../../../core/evidence/pack.ts';
import { renderEvidenceMarkdown, type EvidenceSummary } from '../../../core/evidence/report-markdown.ts';
import { storeBundle } from '../../../core/evidence/s3-store.ts';
import { MANIFEST_FILE, SIGSTORE_FILE } from '../../../core/evidence/types.ts';
import { createResult, type FaultlineResult } from '../../../core/result.ts';
import { runSource } from '../../shared/github-run.ts';
import { failWithReport } from '../../shared/fail-step.ts';
import { recordResult, ResultRecorder } from '../../shared/result-file.ts';
import { type EvidenceSettings, envInputReader, readResultFile, readSecrets, readSettings } from './inputs.ts';
import { writeSummary } from '../../shared/job-summary.ts';
import { defaultServices, type EvidenceServices } from './services.ts';
import { maskSecret } from '../../shared/mask.ts';

/** Artifacts are kept at most 90 days (the repository may set less). */
const ARTIFACT_MAX_DAYS = 90;

function sigstoreSigner(services: EvidenceServices, settings: EvidenceSettings): EvidenceSigner {
  return {
    kind: 'sigstore',
    async sign(_bytes, statement) {
      const attestation = await services.attest({ subjects: statement.subject, predicateType: statement.predicateType, predicate: statement.predicate, token: settings.token });
      const url = attestation.attestationID && settings.facts.repository ? `${settings.serverUrl}/${settings.facts.repository}/attestations/${attestation.attestationID}` : undefined;
      return { file: SIGSTORE_FILE, contents: toJsonBytes(attestation.bundle), ...(url ? { url } : {}) };
    },
  };
}

function bundleFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const abs = join(path, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else files.push(abs);
    }
  };
  walk(dir);
  // The manifest last, as everywhere.
  return [...files.filter((f) => !f.endsWith(`/${MANIFEST_FILE}`)), join(dir, MANIFEST_FILE)];
}

/** A path or glob that matches nothing is the paths input's fault: the message names the input, as every action's does. */
async function pathsInput<T>(patterns: string[], pack: () => Promise<T>): Promise<T> {
  try {
    return await pack();
  } catch (error) {
    if (!isFaultlineError(error) || error.file || !patterns.some((pattern) => error.message.startsWith(`${pattern}: `))) throw error;
    throw new FaultlineError(`input paths: ${error.message}`, { hint: 'paths are relative to the workspace: did an earlier step write the files there?', exitCode: error.exitCode, cause: error });
  }
}

async function collect(settings: EvidenceSettings, services: EvidenceServices, startedAt: Date): Promise<FaultlineResult> {
  const bundle = await core.group(`Packing ${settings.patterns.join(', ')}`, () =>
    pathsInput(settings.patterns, () => packEvidence({
      patterns: settings.patterns,
      cwd: settings.workspace,
      dir: settings.bundleDir,
      name: settings.name,
      context: runContext(settings.facts, startedAt),
      secrets: settings.secrets,
      ...(settings.sign ? { signer: sigstoreSigner(services, settings) } : {}),
    })),
  );
  core.setOutput('bundle-digest', bundle.digest);
  core.setOutput('attestation-url', bundle.signatureUrl ?? '');
  const summary: EvidenceSummary = { manifest: bundle.manifest, digest: bundle.digest, ...(bundle.signatureUrl ? { attestationUrl: bundle.signatureUrl } : {}) };
  const links: { name: string; url: string }[] = bundle.signatureUrl ? [{ name: 'attestation', url: bundle.signatureUrl }] : [];
  let manifestUrl = '';

  if (settings.s3) {
    const s3 = settings.s3;
    const client = services.s3Client(s3);
    try {
      const retainUntil = new Date(startedAt.getTime() + settings.retentionDays * 86_400_000);
      const stored = await core.group(`Storing in s3://${s3.bucket}/${s3.prefix} (${s3.lockMode} until ${retainUntil.toISOString()})`, () =>
        storeBundle(bundle.dir, {
          client,
          bucket: s3.bucket,
          prefix: s3.prefix,
          lockMode: s3.lockMode,
          retainUntil,
          legalHold: s3.legalHold,
          ...(s3.kmsKeyId ? { kmsKeyId: s3.kmsKeyId } : {}),
          onStored: (o) => core.info(`${o.key} version ${o.versionId}: ${o.lockMode} until ${o.retainUntil}`),
        }),
      );
      manifestUrl = `s3://${s3.bucket}/${stored.manifest.key}?versionId=${encodeURIComponent(stored.manifest.versionId)}`;
      summary.s3 = { bucket: s3.bucket, prefix: s3.prefix, manifest: stored.manifest };
    } finally {
      client.destroy();
    }
  }
  if (settings.artifact) {
    const days = Math.min(settings.retentionDays, ARTIFACT_MAX_DAYS);
    if (days < settings.retentionDays) core.warning(`workflow artifacts are kept at most ${ARTIFACT_MAX_DAYS} days: the artifact expires after ${days}; use destination s3 for longer retention`);
    const uploaded = await services.uploadArtifact(settings.name, bundleFiles(bundle.dir), bundle.dir, days);
    const url = uploaded.id && settings.facts.repository && settings.facts.runId ? `${settings.serverUrl}/${settings.facts.repository}/actions/runs/${settings.facts.runId}/artifacts/${uploaded.id}` : undefined;
    summary.artifact = { name: settings.name, retentionDays: days, ...(url ? { url } : {}) };
    if (url) links.push({ name: 'artifact', url });
    if (!manifestUrl) manifestUrl = url ?? `artifact:${settings.name}/${MANIFEST_FILE}`;
  }
  core.setOutput('manifest-url', manifestUrl);
  await writeSummary(renderEvidenceMarkdown(summary), settings.stepSummary);

  const bytes = bundle.manifest.files.reduce((sum, f) => sum + f.size, 0);
  return createResult({
    kind: 'evidence',
    name: settings.name,
    verdict: 'pass',
    summary: `${bundle.manifest.files.length} file(s) bundled${bundle.signatureUrl || settings.sign ? ', signed' : ''}${summary.s3 ? `, locked in S3 until ${summary.s3.manifest.retainUntil}` : ''}${summary.artifact ? `, artifact kept ${summary.artifact.retentionDays} day(s)` : ''}`,
    startedAt,
    finishedAt: new Date(),
    source: settings.source,
    measurements: [
      { name: 'files', value: bundle.manifest.files.length },
      { name: 'bytes', value: bytes, unit: 'B' },
    ],
    details: {
      digest: bundle.digest,
      manifestUrl,
      files: bundle.manifest.files,
      signature: bundle.manifest.signature ?? null,
      ...(summary.s3 ? { s3: { bucket: summary.s3.bucket, prefix: summary.s3.prefix, manifest: summary.s3.manifest } } : {}),
      ...(summary.artifact ? { artifact: summary.artifact } : {}),
    },
    links,
  });
}

export async function run(env: NodeJS.ProcessEnv = process.env, services: EvidenceServices = defaultServices()): Promise<void> {
  const input = envInputReader(env);
  for (const secret of readSecrets(input)) maskSecret(secret);
  // Every run leaves a result, even a failed or cancelled one (verdict error): the shared recorder.
  const recorder = new ResultRecorder({
    kind: 'evidence',
    name: input('name') || 'faultline-evidence',
    workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()),
    defaultPath: readResultFile(input, env),
    source: runSource(env),
    errorRule: 'evidence-upload-error',
  });
  try {
    await recordResult(recorder, async () => {
      const settings = readSettings(input, env);
      recorder.setPath(settings.resultFile);
      recorder.source = settings.source;
      recorder.write(await collect(settings, services, recorder.startedAt));
    });
  } catch (error) {
    // failWithReport overwrites the summary, so a failure after it was written still leaves one.
    await failWithReport(error, { action: 'evidence-upload', workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()), stepSummary: Boolean(env.GITHUB_STEP_SUMMARY) });
  } finally {
    if (recorder.hasWritten) core.setOutput('result-file', recorder.path);
  }
}
