/**
 * `tflint --format json`: `{issues: [...], errors: [...]}`. Each issue is a finding; each entry of
 * `errors` (an HCL file it could not load, a directory it failed to run in) is a scan error, because
 * tflint checked nothing there. Severities: error → high, warning → medium, info/notice → info.
 */
import type { PathContext } from '../paths.ts';
import { repoPath } from '../paths.ts';
import type { RawFinding, ScanError, Severity } from '../types.ts';
import { arr, compact, isObject, type Json, httpUrl, position, str, stripAnsi } from './json-shape.ts';

export interface TflintParse {
  findings: RawFinding[];
  errors: ScanError[];
}

export function isTflintReport(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.issues) && (value.errors === undefined || value.errors === null || Array.isArray(value.errors));
}

export function tflintSeverity(value: unknown): Severity {
  switch (String(value).toLowerCase()) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    default:
      return 'info';
  }
}

interface Range {
  path?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

function range(value: unknown, context: PathContext): Range {
  if (!isObject(value)) return {};
  const start = isObject(value.start) ? value.start : {};
  const end = isObject(value.end) ? value.end : {};
  const line = position(start.line);
  const endLine = position(end.line);
  return compact({
    path: repoPath(str(value.filename), context),
    line,
    column: line !== undefined ? position(start.column) : undefined,
    endLine: line !== undefined && endLine !== undefined && endLine >= line ? endLine : undefined,
    endColumn: line !== undefined && endLine !== undefined ? position(end.column) : undefined,
  });
}

function issue(value: Json, context: PathContext): RawFinding | undefined {
  const rule = isObject(value.rule) ? value.rule : {};
  const name = str(rule.name);
  if (!name) return undefined;
  const where = range(value.range, context);
  const callers = arr(value.callers).map((c) => range(c, context));
  const message = stripAnsi(str(value.message) ?? name);
  return compact({
    tool: 'tflint',
    rule: `tflint:${name}`,
    severity: tflintSeverity(rule.severity),
    message,
    ...where,
    helpUri: httpUrl(rule.link),
    // The module call chain tells two issues in a shared module apart; lines would not survive edits.
    identity: [message, ...callers.map((c) => c.path ?? '')].join('\u0000'),
    properties: compact({
      callers: callers.length > 0 ? callers.map((c) => `${c.path ?? '?'}${c.line ? `:${c.line}` : ''}`) : undefined,
      fixable: typeof value.fixable === 'boolean' ? value.fixable : undefined,
    }),
  });
}

export function parseTflintJson(document: unknown, context: PathContext): TflintParse {
  const report = isObject(document) ? document : {};
  const findings = arr(report.issues)
    .filter(isObject)
    .map((i) => issue(i, context))
    .filter((f): f is RawFinding => f !== undefined);
  const errors = arr(report.errors)
    .filter(isObject)
    .map((e): ScanError => {
      const where = range(e.range, context);
      const summary = str(e.summary);
      const message = stripAnsi(str(e.message) ?? 'tflint reported an error').trim();
      const severity = String(e.severity).toLowerCase() === 'warning' ? ('warning' as const) : undefined;
      return compact({ tool: 'tflint', message: summary ? `${summary}: ${message}` : message, path: where.path, line: where.line, severity });
    });
  return { findings, errors };
}
