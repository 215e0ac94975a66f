/**
 * The security gate's SARIF 2.1.0: one run per tool report name (Snyk Code, Snyk IaC, Checkov,
 * tflint…) with the tool's real name and version, its rules with help URIs and GitHub's
 * `security-severity`, and each finding with our fingerprint in `partialFingerprints`,
 * `baselineState` new/unchanged, and accepted suppressions as SARIF suppressions. Every run has its
 * own category (`automationDetails.id`) so github/codeql-action/upload-sarif keeps them apart.
 */
import type { EvaluatedFinding, SecurityOutcome } from '../security/gate.ts';
import { SEVERITY_SCORE, sarifLevelOf, severityRank } from '../security/severity.ts';
import type { RuleInfo, Severity, ToolReport } from '../security/types.ts';
import { artifactLocation, ruleName, SARIF_SCHEMA_URI } from './sarif.ts';

export const SECURITY_SARIF_CATEGORY = 'faultline-security';

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'tool';
}

interface RunGroup {
  name: string;
  tool: string;
  version?: string;
  informationUri?: string;
  rules: Map<string, RuleInfo>;
  findings: EvaluatedFinding[];
}

function region(f: EvaluatedFinding) {
  if (f.line === undefined) return undefined;
  return {
    startLine: f.line,
    ...(f.column ? { startColumn: f.column } : {}),
    ...(f.endLine ? { endLine: f.endLine } : {}),
    ...(f.endColumn ? { endColumn: f.endColumn } : {}),
  };
}

function score(f: EvaluatedFinding): number {
  const given = f.properties.securitySeverity ?? f.properties.cvssScore;
  return typeof given === 'number' && given >= 0 && given <= 10 ? given : Number(SEVERITY_SCORE[f.severity]);
}

function rules(group: RunGroup) {
  const byRule = new Map<string, EvaluatedFinding[]>();
  for (const f of group.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  return [...byRule.entries()].map(([id, findings]) => {
    const info = group.rules.get(id) ?? {};
    const worst = findings.reduce<Severity>((w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w), 'info');
    const summary = info.summary ?? String(findings[0]!.properties.title ?? findings[0]!.properties.checkName ?? id);
    const helpUri = info.helpUri ?? findings.find((f) => f.helpUri)?.helpUri;
    const help = info.help ?? (helpUri ? `${summary}\n\nSee ${helpUri}` : summary);
    return {
      id,
      name: ruleName(id.slice(id.indexOf(':') + 1)) || ruleName(id),
      shortDescription: { text: summary },
      help: { text: help },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: sarifLevelOf(worst) },
      properties: {
        tags: ['security', group.tool],
        'security-severity': Math.max(...findings.map(score)).toFixed(1),
      },
    };
  });
}

function result(f: EvaluatedFinding, ruleIndex: number) {
  const where = region(f);
  const location = f.path
    ? [{ physicalLocation: { artifactLocation: artifactLocation(f.path), ...(where ? { region: where } : {}) } }]
    : [];
  return {
    ruleId: f.rule,
    ruleIndex,
    level: sarifLevelOf(f.severity),
    message: { text: f.message },
    ...(location.length > 0 ? { locations: location } : {}),
    partialFingerprints: { 'faultline/v1': f.fingerprint },
    baselineState: f.status,
    ...(f.suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.suppressed.reason }] } : {}),
    properties: {
      severity: f.severity,
      ...(f.packages ? { packages: f.packages } : {}),
      ...(f.resource ? { resource: f.resource } : {}),
      ...(f.fixedIn ? { fixedIn: f.fixedIn } : {}),
      ...(f.movedFrom ? { movedFrom: f.movedFrom } : {}),
    },
  };
}

/** Groups findings back under the tool report that produced them (by tool and report name). */
function groups(outcome: SecurityOutcome, reports: readonly ToolReport[]): RunGroup[] {
  const byKey = new Map<string, RunGroup>();
  const ruleOwner = new Map<string, string>();
  for (const report of reports) {
    const key = `${report.tool}\u0000${report.name}`;
    let group = byKey.get(key);
    if (!group) {
      group = { name: report.name, tool: report.tool, rules: new Map(), findings: [], ...(report.version ? { version: report.version } : {}), ...(report.informationUri ? { informationUri: report.informationUri } : {}) };
      byKey.set(key, group);
    }
    // Two outputs of one product (snyk iac JSON has no version, its SARIF has) make one run.
    if (!group.version && report.version) group.version = report.version;
    for (const [id, info] of report.rules) group.rules.set(id, info);
    for (const f of report.findings) if (!ruleOwner.has(`${f.rule}\u0000${f.path ?? ''}`)) ruleOwner.set(`${f.rule}\u0000${f.path ?? ''}`, key);
  }
  for (const f of outcome.findings) {
    const key = ruleOwner.get(`${f.rule}\u0000${f.path ?? ''}`) ?? [...byKey.keys()].find((k) => k.startsWith(`${f.tool}\u0000`));
    if (key) byKey.get(key)!.findings.push(f);
  }
  return [...byKey.values()];
}

export function securityToSarif(outcome: SecurityOutcome, reports: readonly ToolReport[]) {
  const runs = groups(outcome, reports).map((group) => {
    const ruleList = rules(group);
    const index = new Map(ruleList.map((r, i) => [r.id, i]));
    const usesSrcRoot = group.findings.some((f) => f.path && artifactLocation(f.path).uriBaseId);
    return {
      tool: {
        driver: {
          name: group.name,
          ...(group.version ? { version: group.version } : {}),
          ...(group.informationUri ? { informationUri: group.informationUri } : {}),
          rules: ruleList,
        },
      },
      automationDetails: { id: `${SECURITY_SARIF_CATEGORY}/${slug(group.name)}/` },
      ...(usesSrcRoot ? { originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository checkout.' } } } } : {}),
      columnKind: 'utf16CodeUnits' as const,
      results: group.findings.map((f) => result(f, index.get(f.rule)!)),
    };
  });
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0' as const, runs };
}

export function renderSecuritySarif(outcome: SecurityOutcome, reports: readonly ToolReport[]): string {
  return `${JSON.stringify(securityToSarif(outcome, reports), null, 2)}\n`;
}
