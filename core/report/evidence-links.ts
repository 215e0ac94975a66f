/**
 * Where a run's evidence is stored, read from its evidence-upload result (kind `evidence`), for the
 * PR comment and the check runs: the bundle digest, the S3 manifest's bucket, key, version and
 * retain-until, the artifact and attestation pages. Only results the caller already trusts reach
 * here (the app passes those whose producing chain matches the default branch), and even then every
 * field is checked for shape and escaped: a link is drawn only to an https URL, the rest is shown
 * as code, so a crafted result cannot inject Markdown, mentions or a lookalike link.
 */
import type { FaultlineResult } from '../result.ts';
import { codeSpan, escapeMarkdown } from './markdown-escape.ts';

export interface EvidenceLink {
  name: string;
  /** The workflow run that produced it (the app has bound the result to that run). */
  runId?: string;
  verdict: FaultlineResult['verdict'];
  /** `sha256:<hex>` of the bundle's manifest. */
  digest?: string;
  files?: number;
  s3?: { bucket: string; key: string; versionId: string; lockMode?: string; retainUntil?: string };
  artifact?: { name: string; url?: string; retentionDays?: number };
  attestationUrl?: string;
  /** Why an evidence upload failed (verdict error). */
  problem?: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LOCK_MODES = ['COMPLIANCE', 'GOVERNANCE'];

const text = (value: unknown, max = 1024): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined);
const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** An https URL without credentials, or nothing. */
function httpsUrl(value: unknown): string | undefined {
  const raw = text(value, 2000);
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isoDate(value: unknown): string | undefined {
  const raw = text(value, 40);
  return raw && /^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
}

function s3Of(details: Record<string, unknown>): EvidenceLink['s3'] {
  const s3 = record(details.s3);
  const manifest = record(s3.manifest);
  const bucket = text(s3.bucket, 63);
  const key = text(manifest.key);
  const versionId = text(manifest.versionId);
  if (!bucket || !BUCKET.test(bucket) || !key || !versionId) return undefined;
  const lockMode = text(manifest.lockMode, 20);
  const retainUntil = isoDate(manifest.retainUntil);
  return { bucket, key, versionId, ...(lockMode && LOCK_MODES.includes(lockMode) ? { lockMode } : {}), ...(retainUntil ? { retainUntil } : {}) };
}

function artifactOf(details: Record<string, unknown>): EvidenceLink['artifact'] {
  const artifact = record(details.artifact);
  const name = text(artifact.name, 256);
  if (!name) return undefined;
  const url = httpsUrl(artifact.url);
  const days = artifact.retentionDays;
  return { name, ...(url ? { url } : {}), ...(typeof days === 'number' && Number.isInteger(days) && days > 0 ? { retentionDays: days } : {}) };
}

/** A link target that cannot close the Markdown link early (URL.href already percent-encodes the rest). */
const target = (href: string) => href.replace(/[()[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The evidence a set of (trusted) results names, one entry per evidence result. */
export function evidenceLinksOf(results: readonly FaultlineResult[]): EvidenceLink[] {
  return results
    .filter((r) => r.kind === 'evidence')
    .map((r) => {
      const details = record(r.details);
      const digest = text(details.digest, 80);
      const files = Array.isArray(details.files) ? details.files.length : undefined;
      const s3 = s3Of(details);
      const artifact = artifactOf(details);
      const attestationUrl = httpsUrl(r.links?.find((l) => l.name === 'attestation')?.url);
      return {
        name: r.name,
        verdict: r.verdict,
        ...(r.source?.runId ? { runId: r.source.runId } : {}),
        ...(digest && DIGEST.test(digest) ? { digest } : {}),
        ...(files !== undefined ? { files } : {}),
        ...(s3 ? { s3 } : {}),
        ...(artifact ? { artifact } : {}),
        ...(attestationUrl ? { attestationUrl } : {}),
        ...(r.verdict === 'pass' ? {} : { problem: r.summary ?? r.findings?.[0]?.message ?? 'the evidence upload did not finish' }),
      };
    });
}

/** The evidence produced by the same workflow runs as these results (a gate's own runs). */
export function evidenceOfRuns(links: readonly EvidenceLink[], results: readonly FaultlineResult[]): EvidenceLink[] {
  const runs = new Set(results.map((r) => r.source?.runId).filter((id): id is string => id !== undefined));
  return links.filter((l) => l.runId !== undefined && runs.has(l.runId));
}

/** One Markdown line: name, digest, where it is stored and until when, links. */
export function evidenceLine(link: EvidenceLink): string {
  const head = `${link.verdict === 'pass' ? '📦' : '⚠️'} ${escapeMarkdown(link.name, 120)}`;
  if (link.verdict !== 'pass' || (!link.digest && !link.s3 && !link.artifact)) {
    return `${head}: not stored — ${escapeMarkdown(link.problem ?? 'the result names no digest or storage', 300)}`;
  }
  const parts: string[] = [];
  if (link.digest) parts.push(`digest ${codeSpan(link.digest, 80)}${link.files !== undefined ? ` (${link.files} file${link.files === 1 ? '' : 's'})` : ''}`);
  if (link.s3) {
    const lock = link.s3.lockMode ? `, ${link.s3.lockMode}${link.s3.retainUntil ? ` until ${link.s3.retainUntil.slice(0, 10)}` : ''}` : '';
    parts.push(`S3 ${codeSpan(`s3://${link.s3.bucket}/${link.s3.key}`, 400)} version ${codeSpan(link.s3.versionId, 200)}${lock}`);
  }
  if (link.artifact) {
    const kept = link.artifact.retentionDays ? ` kept ${link.artifact.retentionDays} day(s)` : '';
    parts.push(link.artifact.url ? `[artifact](${target(link.artifact.url)})${kept}` : `artifact ${codeSpan(link.artifact.name, 256)}${kept}`);
  }
  if (link.attestationUrl) parts.push(`[attestation](${target(link.attestationUrl)})`);
  return `${head}: ${parts.join(' · ')}`;
}

/** Lines for the PR comment's Evidence section (empty when no run uploaded evidence). */
export function evidenceSection(links: readonly EvidenceLink[], limit = 10): string[] {
  if (links.length === 0) return [];
  const lines = links.slice(0, limit).map((l) => `- ${evidenceLine(l)}`);
  if (links.length > limit) lines.push(`- … and ${links.length - limit} more`);
  return ['### Evidence', '', ...lines, ''];
}

/** The paragraph a gate's check run gets when the runs behind its verdict stored evidence. */
export function evidenceParagraph(links: readonly EvidenceLink[], limit = 5): string {
  if (links.length === 0) return '';
  const lines = links.slice(0, limit).map((l) => `- ${evidenceLine(l)}`);
  return ['', '**Evidence** (verify with `faultline evidence verify`):', ...lines].join('\n');
}
