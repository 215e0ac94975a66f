/**
 * The migration gate as the faces run it: lint the files, and when a database URL is given, apply
 * them to a scratch database on that server and merge what was observed into the report. The CLI
 * and the action both call this, so they cannot disagree about what a run means.
 */
import { type LintOptions, lintFiles, severityFor } from './lint.ts';
import { LineIndex } from './positions.ts';
import { type LintVisitor, readSqlFile } from './lint-files.ts';
import type { ShadowFrom } from './shadow-from.ts';
import { withoutPsqlCommands } from './shadow-scratch.ts';
import type { ShadowFile, ShadowOptions, ShadowReport, ShadowStart } from './shadow-types.ts';
import { splitStatements } from './split.ts';
import type { Finding, LintReport } from './types.ts';

export interface GateOptions extends LintOptions {
  /** postgres:// URL of a server for the shadow run; none: static analysis only. */
  databaseUrl?: string;
  shadow?: ShadowOptions;
  /** What the scratch database starts from (default template); a dump's file is read here. */
  shadowFrom?: ShadowFrom;
  /**
   * The whole migration history in order (with `shadowFrom: empty`): files before and between the
   * linted ones are applied as context, so the linted ones meet the schema they build on.
   */
  history?: readonly string[];
  /** Hears of the files to lint and of each one linted (for progress; the shadow run's is shadow.onProgress). */
  lintProgress?: Partial<Pick<LintVisitor, 'start' | 'endFile'>>;
}

export interface GateRun {
  report: LintReport;
  /** What the shadow run observed, when one ran. */
  shadow?: ShadowReport;
}

/** A file's top-level statements as the shadow run sends them: text without `;`, with positions. */
export function shadowFileOf(path: string, text: string): ShadowFile {
  const lines = new LineIndex(text);
  const statements = splitStatements(text)
    .segments.map((segment) => ({ segment, sql: text.slice(segment.start, segment.end).replace(/;\s*$/, '').trimEnd() }))
    .filter(({ sql }) => sql.length > 0)
    .map(({ segment, sql }, index) => ({ text: sql, ...lines.position(segment.start), index }));
  return { path, statements };
}

/** Shadow findings under the configured severities (`migrations.rules`): `off` drops a rule's findings. */
export function configuredShadowFindings(findings: readonly Finding[], options: LintOptions): Finding[] {
  return findings.flatMap((finding) => {
    const severity = severityFor(options, finding.rule);
    return severity === 'off' ? [] : [{ ...finding, severity }];
  });
}

function shadowStart(from: ShadowFrom): ShadowStart {
  if (from.kind !== 'dump') return from;
  return { kind: 'dump', file: shadowFileOf(from.file, withoutPsqlCommands(readSqlFile(from.file))) };
}

/** The linted files in history order, with the history's other files as context. */
function withHistory(linted: ShadowFile[], history: readonly string[] | undefined): ShadowFile[] {
  if (!history || history.length === 0) return linted;
  const byPath = new Map(linted.map((file) => [file.path, file]));
  // Files after the last linted one do not shape what the linted ones meet.
  const last = history.reduce((found, path, index) => (byPath.has(path) ? index : found), -1);
  const ordered = history.slice(0, last + 1).map((path) => byPath.get(path) ?? { ...shadowFileOf(path, readSqlFile(path)), contextOnly: true });
  const inHistory = new Set(history);
  return [...ordered, ...linted.filter((file) => !inHistory.has(file.path))];
}

/**
 * Lints `files` (already collected, in the order they are applied) and, with `databaseUrl`, shadow
 * runs them. Rejects with a FaultlineError (exit 2) for unreadable files or an unreachable server.
 */
export async function runMigrationGate(files: readonly string[], options: GateOptions = {}): Promise<GateRun> {
  const { databaseUrl, shadow: shadowOptions, shadowFrom, history, lintProgress, ...lintOptions } = options;
  const report = await lintFiles(files, lintOptions, lintProgress);
  if (!databaseUrl || report.files.length === 0) return { report };
  // The PostgreSQL client is loaded only for a shadow run.
  const { mergeShadowFindings, shadowRunAgainst } = await import('./shadow.ts');
  // The report's paths are the collected files (folders expanded, exclusions applied), in order.
  // Files the linter refused (too large, not text, links) are not sent either: they fail the gate already.
  const linted = report.files
    .filter((file) => !file.refused)
    .map((file) => shadowFileOf(file.path, readSqlFile(file.path)));
  const shadow = await shadowRunAgainst(databaseUrl, withHistory(linted, history), {
    ...shadowOptions,
    ...(shadowFrom ? { start: shadowStart(shadowFrom) } : {}),
  });
  const merged = mergeShadowFindings(
    report.files.flatMap((file) => file.findings),
    { ...shadow, findings: configuredShadowFindings(shadow.findings, lintOptions) },
  );
  return {
    report: {
      version: 1,
      files: report.files.map((file) => ({ ...file, findings: merged.filter((finding) => finding.path === file.path) })),
    },
    shadow,
  };
}
