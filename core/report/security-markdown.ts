/**
 * The job summary: the verdict and why, new and fixed per tool and severity, the new findings
 * (the ones a reviewer must look at), scan errors and suppressions that expired. Cell text is
 * escaped: messages and paths come from scanner output about pull-request files.
 */
import type { EvaluatedFinding, SecurityOutcome } from '../security/gate.ts';
import { severityRank } from '../security/severity.ts';
import { SEVERITIES } from '../security/types.ts';

const MAX_LISTED = 50;

export function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);
}

function where(f: { path?: string; line?: number }): string {
  if (!f.path) return '';
  return `\`${f.path.replace(/`/g, "'")}${f.line ? `:${f.line}` : ''}\``;
}

function countCell(nw: number, fixed: number): string {
  if (nw === 0 && fixed === 0) return '·';
  return [nw > 0 ? `+${nw}` : '', fixed > 0 ? `−${fixed}` : ''].filter(Boolean).join(' ');
}

export function renderSecurityMarkdown(outcome: SecurityOutcome): string {
  const icon = outcome.verdict === 'pass' ? '✅' : outcome.verdict === 'fail' ? '❌' : '⚠️';
  const lines = [`## ${icon} Security gate: ${outcome.verdict}`, ''];
  for (const reason of outcome.reasons) lines.push(`- ${cell(reason)}`);
  lines.push('');
  lines.push(
    `**${outcome.counts.new} new**, ${outcome.counts.fixed} fixed, ${outcome.counts.unchanged} unchanged${outcome.counts.suppressed ? `, ${outcome.counts.suppressed} suppressed` : ''}` +
      (outcome.baseline ? ` against the baseline \`${cell(outcome.baseline.source)}\`${outcome.baseline.sha ? ` (${outcome.baseline.sha.slice(0, 12)})` : ''}.` : ' (no baseline).'),
    '',
  );
  const tools = Object.keys(outcome.counts.perTool).sort();
  if (tools.length > 0) {
    lines.push(`| Tool | ${SEVERITIES.join(' | ')} | unchanged | suppressed |`, `|---|${SEVERITIES.map(() => '---:').join('|')}|---:|---:|`);
    for (const tool of tools) {
      const c = outcome.counts.perTool[tool]!;
      lines.push(`| ${cell(tool)} | ${SEVERITIES.map((s) => countCell(c.new[s], c.fixed[s])).join(' | ')} | ${c.unchanged} | ${c.suppressed} |`);
    }
    lines.push('', '+N new, −N fixed.', '');
  }
  const fresh = outcome.findings.filter((f) => f.status === 'new' && !f.suppressed).sort(bySeverity);
  if (fresh.length > 0) {
    lines.push('### New findings', '', '| Severity | Rule | Where | Finding |', '|---|---|---|---|');
    for (const f of fresh.slice(0, MAX_LISTED)) {
      const rule = f.helpUri && /^https?:\/\//.test(f.helpUri) ? `[${cell(f.rule)}](${f.helpUri.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)})` : cell(f.rule);
      lines.push(`| ${f.severity}${outcome.blocking.includes(f) ? ' ⛔' : ''} | ${rule} | ${where(f)} | ${cell(f.message)}${f.fixedIn ? ` (fixed in ${cell(f.fixedIn.join(', '))})` : ''} |`);
    }
    if (fresh.length > MAX_LISTED) lines.push('', `…and ${fresh.length - MAX_LISTED} more in the result file and the SARIF.`);
    lines.push('');
  }
  if (outcome.fixed.length > 0) {
    lines.push('### Fixed', '');
    for (const f of outcome.fixed.slice(0, MAX_LISTED)) lines.push(`- ${f.severity} ${cell(f.rule)} ${where(f)} ${cell(f.message)}`);
    lines.push('');
  }
  if (outcome.errors.length > 0 || outcome.warnings.length > 0) {
    lines.push('### Scan errors', '');
    for (const e of [...outcome.errors, ...outcome.warnings]) lines.push(`- ${e.severity === 'warning' ? 'warning' : 'error'} (${cell(e.tool)}) ${where(e)} ${cell(e.message.split('\n')[0] ?? '')}`);
    lines.push('');
  }
  if (outcome.suppressions.expired.length > 0) {
    lines.push('### Expired suppressions', '');
    for (const s of outcome.suppressions.expired) lines.push(`- ${cell(s.rule)}${s.path ? ` in \`${cell(s.path)}\`` : ''}: expired ${s.expires} (${cell(s.reason)})`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function bySeverity(a: EvaluatedFinding, b: EvaluatedFinding): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.rule.localeCompare(b.rule);
}
