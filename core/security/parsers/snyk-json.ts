/**
 * `snyk test --json` (one project object, or an array with `--all-projects`) and
 * `snyk iac test --json` (an array of per-file entries, some of them failures). Snyk repeats a
 * vulnerability once per dependency path; the gate keeps one finding per vulnerability id per
 * project, with every path in `properties.paths`. Vulnerabilities a `.snyk` policy ignores
 * (`filtered.ignore`) stay findings marked `ignoredInSource`: a pull request can edit `.snyk`.
 */
import type { PathContext } from '../paths.ts';
import { joinedRepoPath } from '../paths.ts';
import { severityFromWord } from '../severity.ts';
import type { RawFinding, ScanError, Severity } from '../types.ts';
import { arr, compact, isObject, type Json, httpUrl, num, position, str, strings } from './json-shape.ts';

export interface SnykParse {
  findings: RawFinding[];
  errors: ScanError[];
  format: 'snyk-test-json' | 'snyk-iac-json';
}

function snykSeverity(value: Json): Severity {
  // severityWithCritical is what newer CLIs print when the org maps CVSS ≥ 9 to critical.
  return severityFromWord(value.severityWithCritical) ?? severityFromWord(value.severity) ?? 'high';
}

function vulnUrl(id: string): string {
  return `https://security.snyk.io/vuln/${id}`;
}

interface Group {
  first: Json;
  packages: Set<string>;
  paths: string[];
  fixedIn: Set<string>;
  ignored: boolean;
}

function projectFindings(project: Json, context: PathContext): RawFinding[] {
  const target = joinedRepoPath(str(project.path), str(project.displayTargetFile) ?? str(project.targetFile), context);
  const groups = new Map<string, Group>();
  const add = (vuln: unknown, ignored: boolean) => {
    if (!isObject(vuln)) return;
    const id = str(vuln.id);
    if (!id) return;
    let group = groups.get(id);
    if (!group) {
      group = { first: vuln, packages: new Set(), paths: [], fixedIn: new Set(), ignored };
      groups.set(id, group);
    }
    const name = str(vuln.packageName) ?? str(vuln.name) ?? str(vuln.moduleName);
    const version = str(vuln.version);
    if (name) group.packages.add(version ? `${name}@${version}` : name);
    const from = strings(vuln.from);
    if (from.length > 0) group.paths.push(from.join(' > '));
    for (const fix of strings(vuln.fixedIn)) group.fixedIn.add(fix);
    group.ignored &&= ignored;
  };
  for (const vuln of arr(project.vulnerabilities)) add(vuln, false);
  for (const vuln of arr(isObject(project.filtered) ? project.filtered.ignore : undefined)) add(vuln, true);

  return [...groups.entries()].map(([id, group]): RawFinding => {
    const v = group.first;
    const packages = [...group.packages].sort();
    const title = str(v.title) ?? id;
    const identifiers = isObject(v.identifiers) ? v.identifiers : {};
    return compact({
      tool: 'snyk',
      rule: `snyk:${id}`,
      severity: snykSeverity(v),
      message: `${title} in ${packages.join(', ') || 'a dependency'}${group.paths.length > 1 ? ` (${group.paths.length} dependency paths)` : ''}`,
      path: target,
      helpUri: vulnUrl(id),
      packages,
      fixedIn: group.fixedIn.size > 0 ? [...group.fixedIn] : undefined,
      properties: compact({
        title,
        type: str(v.type) ?? 'vuln',
        packageManager: str(v.packageManager) ?? str(project.packageManager),
        projectName: str(project.projectName),
        paths: group.paths,
        cvssScore: num(v.cvssScore),
        cve: strings(identifiers.CVE),
        cwe: strings(identifiers.CWE),
        isUpgradable: typeof v.isUpgradable === 'boolean' ? v.isUpgradable : undefined,
        isPatchable: typeof v.isPatchable === 'boolean' ? v.isPatchable : undefined,
        ignoredInSource: group.ignored || undefined,
      }),
    });
  });
}

/** `resource.aws_vpc[mainvpc]` → `aws_vpc.mainvpc`: the address a Terraform user recognises. */
export function iacResource(path: string[], msg: string | undefined): string | undefined {
  const at = path.indexOf('resource');
  const next = at >= 0 ? path[at + 1] : undefined;
  const match = next ? /^([^[\]]+)\[([^\]]+)\]$/.exec(next) : null;
  if (match) return `${match[1]}.${match[2]}`;
  return msg;
}

function iacFindings(entry: Json, context: PathContext): RawFinding[] {
  const file = joinedRepoPath(str(entry.path), str(entry.targetFile), context) ?? joinedRepoPath(undefined, str(entry.targetFilePath), context);
  return arr(entry.infrastructureAsCodeIssues)
    .filter(isObject)
    .map((issue): RawFinding => {
      const id = str(issue.publicId) ?? str(issue.id) ?? 'unknown';
      const iacPath = strings(issue.path);
      const resource = iacResource(iacPath, str(issue.msg));
      const title = str(issue.title) ?? str(issue.issue) ?? id;
      return compact({
        tool: 'snyk',
        rule: `snyk:${id}`,
        severity: snykSeverity(issue),
        message: resource ? `${title} (${resource})` : title,
        path: file,
        line: position(issue.lineNumber),
        helpUri: httpUrl(issue.documentation),
        resource,
        properties: compact({
          title,
          attribute: iacPath.join('.') || undefined,
          impact: str(issue.impact),
          resolve: str(issue.resolve),
          type: str(issue.type),
          subType: str(issue.subType),
          references: strings(issue.references),
          ignoredInSource: issue.isIgnored === true || undefined,
        }),
      });
    });
}

/** `{ok:false, error, path}`: the CLI could not test a file or a project. */
function errorEntry(entry: Json, context: PathContext): ScanError {
  const code = entry.code === undefined ? undefined : String(entry.code);
  const message = str(entry.error) ?? str(entry.message) ?? `snyk could not test it${code ? ` (error code ${code})` : ''}`;
  return compact({ tool: 'snyk', message, path: joinedRepoPath(undefined, str(entry.path), context), code });
}

export function isSnykEntry(value: unknown): boolean {
  return isObject(value) && (Array.isArray(value.vulnerabilities) || Array.isArray(value.infrastructureAsCodeIssues) || (value.ok === false && 'error' in value));
}

export function parseSnykJson(document: unknown, context: PathContext): SnykParse {
  const entries = Array.isArray(document) ? document : [document];
  const findings: RawFinding[] = [];
  const errors: ScanError[] = [];
  let iac = false;
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    if (Array.isArray(entry.infrastructureAsCodeIssues)) {
      iac = true;
      findings.push(...iacFindings(entry, context));
    } else if (Array.isArray(entry.vulnerabilities)) {
      findings.push(...projectFindings(entry, context));
      // snyk container test --json: the image's OS packages above, its applications' lock files here.
      for (const app of arr(entry.applications)) if (isObject(app) && Array.isArray(app.vulnerabilities)) findings.push(...projectFindings(app, context));
    } else if (entry.ok === false && 'error' in entry) {
      errors.push(errorEntry(entry, context));
    }
  }
  return { findings, errors, format: iac ? 'snyk-iac-json' : 'snyk-test-json' };
}
