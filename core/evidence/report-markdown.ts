/** The job summary: what the bundle holds, how it is signed, and where it is kept until when. */
import type { Manifest, StoredObject } from './types.ts';

export interface EvidenceSummary {
  manifest: Manifest;
  digest: string;
  attestationUrl?: string;
  artifact?: { name: string; url?: string; retentionDays: number };
  s3?: { bucket: string; prefix: string; manifest: StoredObject };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderEvidenceMarkdown(summary: EvidenceSummary): string {
  const { manifest } = summary;
  const lines = [`## Evidence: ${cell(manifest.name)}`, '', `Bundle \`${summary.digest}\`, ${manifest.files.length} file(s), packed ${manifest.context.time}.`, ''];
  lines.push(summary.attestationUrl ? `Signed (Sigstore, this workflow's identity): [attestation](${summary.attestationUrl})` : 'Not signed.');
  lines.push('');
  if (summary.s3) {
    const m = summary.s3.manifest;
    lines.push(`- S3: \`s3://${summary.s3.bucket}/${m.key}\` version \`${m.versionId}\`, ${m.lockMode} until ${m.retainUntil}${m.legalHold ? ', legal hold' : ''}`);
  }
  if (summary.artifact) {
    const name = summary.artifact.url ? `[${cell(summary.artifact.name)}](${summary.artifact.url})` : cell(summary.artifact.name);
    lines.push(`- Workflow artifact ${name}, kept ${summary.artifact.retentionDays} day(s)`);
  }
  lines.push('', '| File | Size | SHA-256 | Type |', '| --- | ---: | --- | --- |');
  for (const f of manifest.files) lines.push(`| \`${cell(f.path)}\` | ${f.size} | \`${f.sha256.slice(0, 16)}…\` | ${cell(f.mediaType)} |`);
  lines.push('', `Verify: \`faultline evidence verify ${summary.s3 ? `s3://${summary.s3.bucket}/${summary.s3.prefix}` : '<downloaded bundle folder>'}\``, '');
  return lines.join('\n');
}
