/**
 * The migration gate's job summary (GitHub-flavoured markdown): totals, then a table per file with
 * findings (statement, rule, lock, what it blocks, fix), then what the shadow run observed on a
 * real server. GitHub caps a step summary at 1 MiB, so the tables stop before that with a note.
 */
import type { Finding, LintReport } from '../migrations/types.ts';
import { countFindings, inReadingOrder, plural } from './migrations-counts.ts';

export interface MarkdownOptions {
  heading?: string;
  /** Budget for the whole summary in bytes (GitHub's limit is 1 MiB per step). */
  maxBytes?: number;
}

export const STEP_SUMMARY_LIMIT = 1024 * 1024;
const STATEMENT_CHARS = 120;

/** Text inside a table cell: HTML-escaped (cells may hold `<`), pipes and newlines neutralised. */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  return `<code>${cell(text)}</code>`;
}

function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

function severityIcon(finding: Finding): string {
  return finding.severity === 'error' ? '❌' : '⚠️';
}

function row(finding: Finding): string {
  const where = `L${finding.line}`;
  const statement = finding.statement ? `${where} ${code(shorten(finding.statement, STATEMENT_CHARS))}` : where;
  const rule = `${severityIcon(finding)} \`${finding.rule}\`<br>${cell(finding.message)}`;
  const lock = finding.lock ? `${cell(finding.lock)}${finding.rewrite ? '<br>rewrites table' : ''}` : finding.rewrite ? 'rewrites table' : '—';
  const blocks = finding.blocks.length > 0 ? finding.blocks.join(', ') : '—';
  const fix = finding.fix ? code(finding.fix.trimEnd()) : '—';
  return `| ${statement} | ${rule} | ${lock} | ${blocks} | ${fix} |`;
}

function table(findings: readonly Finding[]): string {
  return [
    '| Statement | Rule | Lock | Blocks | Safe rewrite |',
    '| --- | --- | --- | --- | --- |',
    ...inReadingOrder(findings).map(row),
  ].join('\n');
}

function headline(report: LintReport): string {
  const c = countFindings(report);
  const scope = `${plural(c.files, 'file')}, ${plural(c.statements, 'statement')}`;
  if (c.errors > 0) return `❌ **${plural(c.errors, 'error')}**, ${plural(c.warnings, 'warning')} in ${scope}`;
  if (c.warnings > 0) return `⚠️ ${plural(c.warnings, 'warning')} in ${scope}`;
  return `✅ No hazards in ${scope}`;
}

export function renderMigrationsMarkdown(report: LintReport, options: MarkdownOptions = {}): string {
  const budget = (options.maxBytes ?? STEP_SUMMARY_LIMIT) - 512;
  const head = [`## ${options.heading ?? 'Migration gate'}`, '', headline(report), ''];
  const sections: string[] = [];
  const observed: string[] = [];
  const clean: string[] = [];
  for (const file of report.files) {
    const staticFindings = file.findings.filter((f) => f.source !== 'shadow');
    const shadowFindings = file.findings.filter((f) => f.source === 'shadow');
    if (file.findings.length === 0) clean.push(file.path);
    if (staticFindings.length > 0) sections.push(`### \`${file.path}\`\n\n${table(staticFindings)}\n`);
    if (shadowFindings.length > 0) observed.push(`#### \`${file.path}\`\n\n${table(shadowFindings)}\n`);
  }
  if (observed.length > 0) {
    sections.push(
      '### Observed on a real PostgreSQL (shadow run)\n\nThe files were applied to a scratch database; these locks, rewrites and failures were seen, not predicted.\n',
      ...observed,
    );
  }
  if (clean.length > 0) {
    const list = clean.map((path) => `- \`${path}\``).join('\n');
    sections.push(`<details><summary>${plural(clean.length, 'file')} without findings</summary>\n\n${list}\n\n</details>\n`);
  }

  let text = head.join('\n');
  let shown = 0;
  for (const section of sections) {
    if (Buffer.byteLength(text) + Buffer.byteLength(section) + 1 > budget) break;
    text += `\n${section}`;
    shown++;
  }
  if (shown < sections.length) {
    text += `\n> ${plural(sections.length - shown, 'more section')} did not fit in the job summary; the SARIF and result files have every finding.\n`;
  }
  return text;
}
