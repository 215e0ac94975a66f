/**
 * Terminal output of the migration gate: one block per file, each finding as
 * `path:line:col severity rule message` (editors and terminals make that clickable), then the lock,
 * what it blocks and whether it rewrites, then the safe rewrite indented. Colour only when asked:
 * the CLI asks when stdout is a TTY.
 */
import type { ShadowReport } from '../migrations/shadow-types.ts';
import type { Finding, LintReport } from '../migrations/types.ts';
import { countFindings, inReadingOrder, type MigrationsCounts, plural } from './migrations-counts.ts';
import { serverVersionName } from './migrations-markdown.ts';

export interface TextOptions {
  colour: boolean;
  /** When a shadow run happened: one line on what it applied, before the totals. */
  shadow?: ShadowReport;
}

function shadowLine(shadow: ShadowReport): string {
  const total = shadow.files.reduce((sum, f) => sum + f.statements, 0);
  const applied = shadow.files.reduce((sum, f) => sum + f.applied, 0);
  if (shadow.refused) return `shadow run refused: a file reaches outside the database (see the shadow-refused finding); nothing was applied`;
  const end = shadow.completed ? '' : '; stopped at the first failure';
  const from = shadow.startedFrom ? ` started from ${shadow.startedFrom}` : '';
  return `shadow run on PostgreSQL ${serverVersionName(shadow.serverVersion)}: applied ${applied} of ${plural(total, 'statement')} to a scratch database${from} (dropped)${end}`;
}

const ANSI = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const;
type Style = keyof typeof ANSI;

export function painter(colour: boolean): (style: Style, text: string) => string {
  return colour ? (style, text) => `\u001b[${ANSI[style]}m${text}\u001b[0m` : (_style, text) => text;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? prefix + line : line))
    .join('\n');
}

function describeLock(finding: Finding): string | undefined {
  const parts: string[] = [];
  if (finding.lock) parts.push(`lock ${finding.lock}`);
  if (finding.blocks.length > 0) parts.push(`blocks ${finding.blocks.join(' and ')}`);
  if (finding.rewrite) parts.push('rewrites the table');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

export function renderFinding(finding: Finding, paint: ReturnType<typeof painter>): string {
  const severity = finding.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
  const observed = finding.source === 'shadow' ? ` ${paint('cyan', '(observed)')}` : '';
  const lines = [
    `${paint('bold', `${finding.path}:${finding.line}:${finding.column}`)} ${severity} ${paint('dim', finding.rule)}${observed} ${finding.message}`,
  ];
  const lock = describeLock(finding);
  if (lock) lines.push(`    ${lock}`);
  if (finding.fix) lines.push(`    ${paint('green', 'fix:')}`, indent(finding.fix.trimEnd(), '      '));
  return lines.join('\n');
}

/** The last line: files, statements, errors and warnings, coloured by the worst. */
export function summaryLine(counts: MigrationsCounts, paint: ReturnType<typeof painter>): string {
  const total = `${plural(counts.files, 'file')}, ${plural(counts.statements, 'statement')}: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  return counts.errors > 0 ? paint('red', total) : counts.warnings > 0 ? paint('yellow', total) : paint('green', total);
}

export function renderMigrationsText(report: LintReport, options: TextOptions): string {
  const paint = painter(options.colour);
  const blocks: string[] = [];
  let previousClean = false;
  for (const file of report.files) {
    if (file.findings.length === 0) {
      const line = `${paint('green', 'ok')} ${file.path} (${plural(file.statements, 'statement')})`;
      // Runs of clean files stay together: they are one glance, not one block each.
      if (previousClean) blocks[blocks.length - 1] += `\n${line}`;
      else blocks.push(line);
      previousClean = true;
      continue;
    }
    previousClean = false;
    const findings = inReadingOrder(file.findings).map((f) => renderFinding(f, paint));
    blocks.push(`${paint('bold', file.path)} (${plural(file.statements, 'statement')})\n${findings.join('\n\n')}`);
  }
  if (options.shadow) blocks.push(shadowLine(options.shadow));
  blocks.push(summaryLine(countFindings(report), paint));
  return `${blocks.join('\n\n')}\n`;
}
