/**
 * The security gate's domain: findings from snyk, checkov, tflint and any SARIF producer on one
 * shape and one severity scale, the scan errors that make a run unable to vouch for a change,
 * and what comparing against a baseline yields.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `snyk`, `checkov`, `tflint`, or the lower-cased driver name of any other SARIF producer. */
export type ToolId = string;

export interface SecurityFinding {
  tool: ToolId;
  /** The tool's rule id with the tool as prefix: `snyk:SNYK-JS-…`, `checkov:CKV_AWS_20`, `tflint:terraform_unused_declarations`. */
  rule: string;
  severity: Severity;
  message: string;
  /** Repository-relative, forward slashes; absent when the tool names no file (e.g. an image). */
  path?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  helpUri?: string;
  /** `name@version` of the vulnerable package(s) (snyk open source, container). */
  packages?: string[];
  /** Resource address (`aws_s3_bucket.logs`) or logical location the tool names. */
  resource?: string;
  /** Versions that fix it, when the tool says. */
  fixedIn?: string[];
  /** Tool-specific facts kept for the reader (dependency paths, CWE, category, callers…). */
  properties: Record<string, unknown>;
  /** Survives unrelated edits: rule + path + package@version or resource, never the line. */
  fingerprint: string;
  /** The same without the path, to recognise a finding in a renamed file. */
  movedKey: string;
}

/** A finding as a parser produces it, before fingerprints are assigned. */
export type RawFinding = Omit<SecurityFinding, 'fingerprint' | 'movedKey'> & {
  /** What tells this problem apart from others of the same rule in the same file, when not a package or resource. */
  identity?: string;
};

/** The scanner could not check something: a file it failed to parse, a directory it failed to run in. */
export interface ScanError {
  tool: ToolId;
  message: string;
  path?: string;
  line?: number;
  code?: string;
  /** `warning`: a diagnostic that did not stop the scan (reported, does not make the verdict error). */
  severity?: 'error' | 'warning';
}

/** What one tool reported in one output file (a SARIF file may hold several runs, one per tool). */
export interface ToolReport {
  tool: ToolId;
  /** The tool's own name as it calls itself (`Snyk IaC`, `Checkov`, `tflint`). */
  name: string;
  version?: string;
  informationUri?: string;
  /** Where the report came from (a file path or `run:<tool>`). */
  source: string;
  /** Which output form it was read as (`snyk-test-json`, `checkov-json`, `sarif`…). */
  format: string;
  findings: RawFinding[];
  errors: ScanError[];
  /** Rule descriptions and help the SARIF output reuses, keyed by prefixed rule id. */
  rules: Map<string, RuleInfo>;
}

export interface RuleInfo {
  summary?: string;
  helpUri?: string;
  help?: string;
}

export type FindingStatus = 'new' | 'unchanged';
