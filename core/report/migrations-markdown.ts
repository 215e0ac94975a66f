/**
 * The migration gate's job summary (GitHub-flavoured markdown): totals, then a table per file with
 * findings (statement, rule, lock, what it blocks, fix), then what the shadow run observed on a
 * real server. GitHub caps a step summary at 1 MiB, so the tables stop before that with a note.
 */
import { lockStrength } from '../migrations/lock-modes.ts';
import type { ShadowReport, ShadowStatementReport } from '../migrations/shadow-types.ts';
import type { Finding, LintReport, LockMode } from '../migrations/types.ts';
import { countFindings, inReadingOrder, plural } from './migrations-counts.ts';

export interface MarkdownOptions {
  heading?: string;
  /** What the shadow run observed, for its statistics and slowest statements. */
  shadow?: ShadowReport;
  /** Budget for the whole summary in bytes (GitHub's limit is 1 MiB per step). */
  maxBytes?: number;
}

export const STEP_SUMMARY_LIMIT = 1024 * 1024;
const STATEMENT_CHARS = 120;
const SLOWEST_SHOWN = 10;

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

/** server_version_num → `16.4` (10 and later), `9.6.24` before. */
export function serverVersionName(num: number): string {
  const major = Math.floor(num / 10000);
  if (major >= 10) return `${major}.${num % 10000}`;
  return `${Math.floor(num / 10000)}.${Math.floor(num / 100) % 100}.${num % 100}`;
}

/** The strongest mode held per pre-existing relation, as `MODE on relation`. */
function strongestLocks(statement: ShadowStatementReport): string[] {
  const strongest = new Map<string, LockMode>();
  for (const lock of statement.locks) {
    if (!lock.preExisting) continue;
    const held = strongest.get(lock.relation);
    if (!held || lockStrength(lock.mode) > lockStrength(held)) strongest.set(lock.relation, lock.mode);
  }
  return [...strongest].map(([relation, mode]) => `${mode} on ${relation}`);
}

function slowRow(statement: ShadowStatementReport): string {
  const locks = strongestLocks(statement);
  const rewrote = statement.rewrote.filter((r) => r.preExisting).map((r) => r.relation);
  const where = `\`${statement.path}\` L${statement.line}`;
  return `| ${where} ${code(shorten(statement.text, STATEMENT_CHARS))} | ${Math.round(statement.durationMs)} ms | ${locks.length > 0 ? cell(locks.join(', ')) : '—'} | ${rewrote.length > 0 ? cell(rewrote.join(', ')) : '—'} |`;
}

function shadowStatistics(shadow: ShadowReport): string {
  const total = shadow.files.reduce((sum, f) => sum + f.statements, 0);
  const applied = shadow.files.reduce((sum, f) => sum + f.applied, 0);
  const lines = [
    shadow.refused
      ? 'The shadow run refused to execute a file that reaches outside the database (see the `shadow-refused` finding); nothing was applied.'
      : `Applied ${applied} of ${plural(total, 'statement')} to a scratch database on PostgreSQL ${serverVersionName(shadow.serverVersion)}${shadow.startedFrom ? `, started from ${escapeStarted(shadow.startedFrom)}` : ''} (dropped afterwards)${shadow.completed ? '.' : '; it stopped at the first failure.'}`,
  ];
  // Only statements that held a lock on, or rewrote, a table that existed before: those are what production feels.
  const felt = shadow.statements
    .filter((s) => s.locks.some((lock) => lock.preExisting) || s.rewrote.some((r) => r.preExisting))
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, SLOWEST_SHOWN);
  if (felt.length > 0) {
    lines.push(
      '',
      `Slowest statements holding locks on tables that existed before (on a scratch database with little or no data; production is slower):`,
      '',
      '| Statement | Took | Locks on existing tables | Rewrote |',
      '| --- | --- | --- | --- |',
      ...felt.map(slowRow),
    );
  }
  return `${lines.join('\n')}\n`;
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
  if (observed.length > 0 || options.shadow) {
    sections.push('### Observed on a real PostgreSQL (shadow run)\n');
    if (options.shadow) sections.push(shadowStatistics(options.shadow));
    if (observed.length > 0) {
      sections.push('These locks, rewrites and failures were seen on the server, not predicted:\n', ...observed);
    }
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

/** The start names a database or a file path: plain text in the summary, never markup. */
function escapeStarted(text: string): string {
  return text.replace(/[\\`*_[\]<>|&]/g, (c) => `&#${c.charCodeAt(0)};`);
}
