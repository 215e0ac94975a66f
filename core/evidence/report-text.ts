/** What `evidence verify` prints: the verdict first, then each problem with the file it concerns. */
import type { VerifyReport } from './verify.ts';

export function renderVerifyText(report: VerifyReport): string {
  const lines: string[] = [];
  const signature =
    report.signature.status === 'verified'
      ? `signature verified (${report.signature.kind}, key ${report.signature.keyId})`
      : report.signature.status === 'absent'
        ? 'unsigned'
        : `signature ${report.signature.status} (${report.signature.kind})`;
  if (report.verified) lines.push(`✓ verified ${report.location}: ${report.files} file(s), ${report.bytes} bytes, ${signature}`);
  else lines.push(`✗ NOT verified ${report.location}: ${report.problems.length} problem(s), ${signature}`);
  for (const p of report.problems) lines.push(`  ✗ ${p.path}: ${p.problem}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
