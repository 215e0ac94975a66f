/** `evidence verify --format markdown`: the verdict, the signer, and each problem, for a ticket or a job summary. */
import { describeSignature } from './report-text.ts';
import type { VerifyReport } from './verify.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderVerifyMarkdown(report: VerifyReport): string {
  const verdict = !report.verified ? '❌ NOT verified' : report.signature.status === 'signer-unchecked' ? '⚠️ intact, signer not checked' : '✅ verified';
  const lines = [`## Evidence ${verdict}: \`${cell(report.location)}\``, '', `${report.files} file(s), ${report.bytes} bytes. ${cell(describeSignature(report.signature))}.`, ''];
  const id = report.signature.identity;
  if (id) {
    lines.push('| Signer | |', '| --- | --- |');
    const rows: [string, string | undefined][] = [
      ['Subject (workflow)', id.san],
      ['OIDC issuer', id.issuer],
      ['Repository', id.repository],
      ['Ref', id.ref],
      ['Commit', id.commit],
      ['Run', id.run],
      ['Event', id.trigger],
      ['Trusted root', report.signature.trustedRoot],
    ];
    for (const [name, value] of rows) if (value) lines.push(`| ${name} | \`${cell(value)}\` |`);
    lines.push('');
  }
  if (report.problems.length > 0) {
    lines.push('| File | Problem |', '| --- | --- |');
    for (const p of report.problems) lines.push(`| \`${cell(p.path)}\` | ${cell(p.problem)} |`);
    lines.push('');
  }
  for (const note of report.notes) lines.push(`> ${cell(note)}`, '');
  return lines.join('\n');
}
