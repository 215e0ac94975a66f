/**
 * The job summary of a step that could not decide (bad input, an unreadable file, an unreachable
 * endpoint): what failed, each problem at its file and line, and what to do, so the summary page
 * is never empty when the step fails. The text comes from files a pull request controls: every
 * part is escaped or fenced.
 */
import type { LocatedProblem } from '../errors.ts';
import { codeSpan, escapeMarkdown } from './markdown-escape.ts';

export interface FailureReport {
  /** The action, e.g. `chaos-inject`. */
  action: string;
  /** The error's first line, e.g. `invalid experiment (2 problems):` or `input specs: is required`. */
  headline: string;
  /** Problems at their places (repository-relative files), when the error names any. */
  problems: readonly LocatedProblem[];
  /** The rest of the message when there are no located problems (a second line of detail). */
  detail?: string;
  hint?: string;
}

const MAX_ROWS = 50;

function place(problem: LocatedProblem): string {
  if (!problem.file) return '';
  const line = problem.line !== undefined ? `:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : '';
  // In a table a `|` ends the cell even inside a code span, unless escaped (GitHub's table rule).
  return codeSpan(`${problem.file}${line}`).replace(/\|/g, '\\|');
}

export function renderFailureMarkdown(report: FailureReport): string {
  const lines = [`### ❌ ${escapeMarkdown(report.action)}: could not decide`, '', escapeMarkdown(report.headline.replace(/:$/, ''), 1000), ''];
  if (report.problems.length > 0) {
    lines.push('| Where | Problem |', '| --- | --- |');
    for (const problem of report.problems.slice(0, MAX_ROWS)) lines.push(`| ${place(problem)} | ${escapeMarkdown(problem.message, 500)} |`);
    if (report.problems.length > MAX_ROWS) lines.push(`| | … and ${report.problems.length - MAX_ROWS} more (see the log) |`);
    lines.push('');
  } else if (report.detail) {
    lines.push('```text', report.detail.replace(/`{3,}/g, (run) => run.replace(/`/g, "'")).slice(0, 4000), '```', '');
  }
  if (report.hint) lines.push(`**What to do:** ${escapeMarkdown(report.hint, 1000)}`, '');
  lines.push('No verdict was reached: the result file (when it could be written) records `verdict: error` with this reason.', '');
  return lines.join('\n');
}
