/**
 * `checkov -o json`: one report object per framework (an array when several ran), or, when
 * nothing was scanned, a bare summary object. One finding per failed check per resource per file.
 * Checks skipped in the source (`checkov:skip=` comments) stay findings marked `skippedInSource`,
 * because a pull request can add such a comment; accept a finding in .github/faultline.yml instead.
 * Files checkov could not parse (`parsing_errors`) are scan errors: it checked nothing there.
 */
import type { PathContext } from '../paths.ts';
import { repoPath } from '../paths.ts';
import { severityFromWord } from '../severity.ts';
import type { RawFinding, ScanError } from '../types.ts';
import { arr, compact, isObject, type Json, httpUrl, position, str, strings } from './json-shape.ts';

export interface CheckovParse {
  findings: RawFinding[];
  errors: ScanError[];
  version?: string;
  frameworks: string[];
}

export function isCheckovReport(value: unknown): boolean {
  return isObject(value) && typeof value.check_type === 'string' && isObject(value.results);
}

/** What checkov 2.x prints when it found nothing to scan: `{passed, failed, …, checkov_version}`. */
export function isCheckovEmptySummary(value: unknown): boolean {
  return isObject(value) && typeof value.checkov_version === 'string' && 'passed' in value && 'failed' in value && !('results' in value);
}

function filePath(check: Json, context: PathContext): string | undefined {
  const absolute = str(check.file_abs_path);
  const fromAbsolute = absolute && context.root && absolute.startsWith(`${context.root.replace(/\/+$/, '')}/`) ? repoPath(absolute, context) : undefined;
  // repo_file_path is relative to the repository root with a leading slash; file_path is relative to -d.
  return fromAbsolute ?? repoPath(str(check.repo_file_path) ?? str(check.file_path), context);
}

function finding(check: Json, checkType: string, skipped: boolean, context: PathContext): RawFinding | undefined {
  const id = str(check.check_id);
  if (!id) return undefined;
  const range = arr(check.file_line_range);
  const line = position(range[0]);
  const endLine = line !== undefined ? position(range[1]) : undefined;
  const severity = severityFromWord(check.severity);
  const resource = str(check.resource_address) ?? str(check.resource);
  const result = isObject(check.check_result) ? check.check_result : {};
  return compact({
    tool: 'checkov',
    rule: `checkov:${id}`,
    // Without a platform key checkov prints no severity; its own exit code fails on every failed
    // check, so an unknown severity counts as high rather than slipping under the threshold.
    severity: severity ?? 'high',
    message: `${str(check.check_name) ?? id}${resource ? ` (${resource})` : ''}`,
    path: filePath(check, context),
    line,
    endLine: endLine !== undefined && endLine >= (line ?? 0) ? endLine : undefined,
    helpUri: httpUrl(check.guideline),
    resource,
    properties: compact({
      checkName: str(check.check_name),
      checkType,
      bcCheckId: str(check.bc_check_id),
      category: str(check.bc_category),
      evaluatedKeys: strings(result.evaluated_keys),
      severitySource: severity ? 'checkov' : 'default (checkov printed none)',
      skippedInSource: skipped ? str(check.suppress_comment) ?? true : undefined,
    }),
  });
}

export function parseCheckovJson(document: unknown, context: PathContext): CheckovParse {
  const reports = (Array.isArray(document) ? document : [document]).filter(isObject);
  const findings: RawFinding[] = [];
  const errors: ScanError[] = [];
  const frameworks: string[] = [];
  let version: string | undefined;
  for (const report of reports) {
    if (isCheckovEmptySummary(report)) {
      version ??= str(report.checkov_version);
      continue;
    }
    if (!isCheckovReport(report)) continue;
    const checkType = str(report.check_type) ?? 'unknown';
    frameworks.push(checkType);
    const summary = isObject(report.summary) ? report.summary : {};
    version ??= str(summary.checkov_version);
    const results = report.results as Json;
    for (const check of arr(results.failed_checks).filter(isObject)) {
      const f = finding(check, checkType, false, context);
      if (f) findings.push(f);
    }
    for (const check of arr(results.skipped_checks).filter(isObject)) {
      const f = finding(check, checkType, true, context);
      if (f) findings.push(f);
    }
    for (const failure of arr(results.parsing_errors)) {
      const path = typeof failure === 'string' ? failure : isObject(failure) ? str(failure.file_path) : undefined;
      errors.push(compact({ tool: 'checkov', message: `checkov could not parse this ${checkType} file, so it checked nothing in it`, path: repoPath(path, context) }));
    }
  }
  // Checkov ran but found no file of any framework it knows: worth saying, since nothing was checked.
  if (frameworks.length === 0 && reports.length > 0) {
    errors.push({ tool: 'checkov', severity: 'warning', message: 'checkov found nothing to scan (no file of a framework it supports); check its --directory and --framework' });
  }
  return compact({ findings, errors, version, frameworks });
}
