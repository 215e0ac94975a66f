/**
 * One severity scale for every tool: critical, high, medium, low, info. Each tool's own field is
 * read as it is documented; SARIF `security-severity` (a CVSS-like score, string or number) wins
 * over the SARIF level because that is what GitHub code scanning shows.
 */
import { FaultlineError } from '../errors.ts';
import { SEVERITIES, type Severity } from './types.ts';

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** snyk `severity`, checkov `severity` (upper case), tflint and others' words. Undefined when unknown. */
export function severityFromWord(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (isSeverity(word)) return word;
  if (word === 'moderate') return 'medium';
  if (word === 'informational' || word === 'information' || word === 'none' || word === 'notice') return 'info';
  return undefined;
}

/** GitHub's bands for security-severity: >9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
export function severityFromScore(value: unknown): Severity | undefined {
  const score = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(score) || score < 0 || score > 10) return undefined;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score >= 0.1) return 'low';
  return 'info';
}

/** SARIF result levels when nothing better is given. */
export function severityFromSarifLevel(level: string | undefined): Severity {
  switch (level) {
    case 'error':
      return 'high';
    case 'note':
      return 'low';
    case 'none':
      return 'info';
    default:
      return 'medium';
  }
}

/** Representative score per severity, for SARIF rules whose tool gave none (GitHub reads it). */
export const SEVERITY_SCORE: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: '0.0' };

/** Result levels GitHub shows: critical and high block, medium warns, low and info note. */
export function sarifLevelOf(severity: Severity): 'error' | 'warning' | 'note' {
  if (RANK[severity] >= RANK.high) return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

export function parseThreshold(value: string, what: string): Severity {
  const severity = severityFromWord(value);
  if (!severity || severity !== value.trim().toLowerCase()) {
    throw new FaultlineError(`${what}: expected one of ${SEVERITIES.join(', ')}, got '${value}'`, { hint: 'the default is high: only new critical and high findings fail' });
  }
  return severity;
}
