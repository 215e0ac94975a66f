/** `faultline scan --format text`: one line per new finding, then the counts and the verdict. */
import type { EvaluatedFinding, SecurityOutcome } from '../security/gate.ts';
import { severityRank } from '../security/severity.ts';

function where(f: { path?: string; line?: number; column?: number }): string {
  if (!f.path) return '-';
  return `${f.path}${f.line ? `:${f.line}` : ''}${f.line && f.column ? `:${f.column}` : ''}`;
}

export function renderSecurityText(outcome: SecurityOutcome, options: { colour?: boolean; all?: boolean } = {}): string {
  const paint = (code: string, text: string) => (options.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const shown = outcome.findings
    .filter((f) => options.all || (f.status === 'new' && !f.suppressed))
    .sort((a: EvaluatedFinding, b: EvaluatedFinding) => severityRank(b.severity) - severityRank(a.severity) || (a.path ?? '').localeCompare(b.path ?? ''));
  for (const f of shown) {
    const tag = f.suppressed ? 'suppressed' : f.status;
    const sev = severityRank(f.severity) >= 3 ? paint('31', f.severity) : f.severity;
    lines.push(`${where(f)}  ${sev}  ${f.rule}  ${f.message}${f.fixedIn ? ` (fixed in ${f.fixedIn.join(', ')})` : ''}  [${tag}]`);
  }
  for (const f of outcome.fixed) lines.push(`${where(f)}  ${f.severity}  ${f.rule}  ${f.message}  [fixed]`);
  for (const e of [...outcome.errors, ...outcome.warnings]) lines.push(`${e.severity === 'warning' ? 'warning' : paint('31', 'error')}: ${e.tool}${e.path ? ` ${e.path}` : ''}: ${e.message.split('\n')[0]}`);
  if (lines.length > 0) lines.push('');
  for (const tool of outcome.tools) lines.push(`${tool.name}${tool.version ? ` ${tool.version}` : ''} (${tool.format}, ${tool.source}): ${tool.findings} finding(s)${tool.errors ? `, ${tool.errors} error(s)` : ''}`);
  lines.push(`${outcome.counts.new} new, ${outcome.counts.fixed} fixed, ${outcome.counts.unchanged} unchanged, ${outcome.counts.suppressed} suppressed${outcome.baseline ? '' : ' (no baseline)'}`);
  const verdict = outcome.verdict === 'pass' ? paint('32', 'pass') : paint('31', outcome.verdict);
  lines.push(`${verdict}: ${outcome.reasons.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
