/** Reads the real scanner outputs in test/fixtures/scanners (sources and licenses in its README). */
import { readFileSync } from 'node:fs';
import { fingerprintFindings } from '../../../core/security/fingerprint.ts';
import { type KnownTool, readReportText } from '../../../core/security/read-report.ts';
import type { SecurityFinding, Severity, ToolReport } from '../../../core/security/types.ts';

export const FIXTURES = new URL('../../fixtures/scanners/', import.meta.url).pathname;

export function fixtureText(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, 'utf8');
}

/** The reports in one fixture, read as if the repository root were /repo. */
export function readFixture(name: string, tool?: KnownTool): ToolReport[] {
  return readReportText(fixtureText(name), name, { root: '/repo' }, tool);
}

export function findingsOf(name: string, tool?: KnownTool): SecurityFinding[] {
  return fingerprintFindings(readFixture(name, tool).flatMap((r) => r.findings));
}

export function severities(findings: readonly { severity: Severity }[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}
