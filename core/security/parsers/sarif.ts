/**
 * Any SARIF 2.1.0 log: Snyk Code / IaC / Container, checkov, tflint, and every other producer.
 * Each run becomes one tool report named by its driver. tflint's `tflint-errors` run carries the
 * errors tflint met (not findings), so it becomes scan errors of tflint. A run without a driver is
 * not valid SARIF; it is read only when the caller says which tool wrote it (the input it came in).
 */
import { FaultlineError } from '../../errors.ts';
import { joinedRepoPath, type PathContext } from '../paths.ts';
import { severityFromSarifLevel, severityFromScore, severityFromWord } from '../severity.ts';
import type { RawFinding, RuleInfo, ScanError, Severity, ToolReport } from '../types.ts';
import { arr, compact, isObject, type Json, httpUrl, num, position, str, stripAnsi } from './json-shape.ts';

export function isSarifLog(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.runs);
}

/** The tool a driver name belongs to: the three the gate knows by name, else the name itself. */
export function toolIdOf(driverName: string): string {
  const name = driverName.trim().toLowerCase();
  if (name.startsWith('snyk')) return 'snyk';
  if (name === 'checkov' || name.startsWith('checkov')) return 'checkov';
  if (name === 'tflint' || name === 'tflint-errors') return 'tflint';
  return name.replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'sarif';
}

function messageText(message: unknown, rule: Json | undefined): string | undefined {
  if (!isObject(message)) return undefined;
  const text = str(message.text) ?? str(message.markdown);
  if (text) return text;
  const id = str(message.id);
  const strings = rule && isObject(rule.messageStrings) ? rule.messageStrings : {};
  const template = id && isObject(strings[id]) ? str((strings[id] as Json).text) : undefined;
  if (!template) return undefined;
  const args = arr(message.arguments).map(String);
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);
}

function severityOf(result: Json, rule: Json | undefined, level: string | undefined): { severity: Severity; score?: number } {
  const resultProps = isObject(result.properties) ? result.properties : {};
  const ruleProps = rule && isObject(rule.properties) ? rule.properties : {};
  const scoreValue = resultProps['security-severity'] ?? ruleProps['security-severity'];
  const fromScore = severityFromScore(scoreValue);
  if (fromScore) return { severity: fromScore, score: Number(scoreValue) };
  const problem = isObject(ruleProps.problem) ? ruleProps.problem : {};
  const word = severityFromWord(resultProps.severity) ?? severityFromWord(problem.severity) ?? severityFromWord(ruleProps.severity);
  return { severity: word ?? severityFromSarifLevel(level) };
}

/** `resource aws_s3_bucket "logs" {` in a region snippet names the resource the finding is about. */
export function resourceFromSnippet(snippet: string | undefined): string | undefined {
  const match = snippet ? /^\s*resource\s+"?([\w-]+)"?\s+"?([\w-]+)"?/m.exec(snippet) : null;
  return match ? `${match[1]}.${match[2]}` : undefined;
}

interface RunContext {
  tool: string;
  rules: Json[];
  ruleIndex: Map<string, Json>;
  baseIds: Json;
  context: PathContext;
}

function location(result: Json, run: RunContext) {
  const first = arr(result.locations).find(isObject);
  const physical = first && isObject(first.physicalLocation) ? first.physicalLocation : undefined;
  const artifact = physical && isObject(physical.artifactLocation) ? physical.artifactLocation : undefined;
  const uri = artifact ? str(artifact.uri) : undefined;
  const baseId = artifact ? str(artifact.uriBaseId) : undefined;
  const base = baseId && isObject(run.baseIds[baseId]) ? str((run.baseIds[baseId] as Json).uri) : undefined;
  let decoded = uri;
  try {
    decoded = uri ? decodeURIComponent(uri) : undefined;
  } catch {
    // a malformed escape: keep the URI as written
  }
  const region = physical && isObject(physical.region) ? physical.region : {};
  const line = position(region.startLine);
  const endLine = position(region.endLine);
  const snippet = isObject(region.snippet) ? str(region.snippet.text) : undefined;
  const logical = first ? arr(first.logicalLocations).find(isObject) : undefined;
  const fqn = logical ? (str(logical.fullyQualifiedName) ?? str(logical.name)) : undefined;
  return compact({
    path: joinedRepoPath(base, decoded, run.context),
    line,
    column: line !== undefined ? position(region.startColumn) : undefined,
    endLine: line !== undefined && endLine !== undefined && endLine >= line ? endLine : undefined,
    endColumn: line !== undefined ? position(region.endColumn) : undefined,
    snippet,
    fqn,
  });
}

function ruleOf(result: Json, run: RunContext): { id: string; rule?: Json } {
  const index = num(result.ruleIndex);
  const byIndex = index !== undefined ? run.rules[index] : undefined;
  const id = str(result.ruleId) ?? (isObject(result.rule) ? str(result.rule.id) : undefined) ?? (byIndex ? str(byIndex.id) : undefined) ?? 'unknown-rule';
  return { id, rule: byIndex && str(byIndex.id) === id ? byIndex : (run.ruleIndex.get(id) ?? byIndex) };
}

function finding(result: Json, run: RunContext): RawFinding {
  const { id, rule } = ruleOf(result, run);
  const defaults = rule && isObject(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  const level = str(result.level) ?? str(defaults.level);
  const { severity, score } = severityOf(result, rule, level);
  const where = location(result, run);
  const short = rule && isObject(rule.shortDescription) ? str(rule.shortDescription.text) : undefined;
  const message = stripAnsi(messageText(result.message, rule) ?? short ?? id);
  // A logical location such as bzip2@1.0.6-8.1 (Snyk Container) is the package; else a resource.
  const isPackage = where.fqn !== undefined && /^[^@\s/]+(\/[^@\s]+)?@[^@\s]+$/.test(where.fqn);
  const resource = isPackage ? undefined : (where.fqn ?? resourceFromSnippet(where.snippet));
  const suppressed = arr(result.suppressions).some((s) => isObject(s) && (s.status === undefined || s.status === 'accepted'));
  const ruleProps = rule && isObject(rule.properties) ? rule.properties : {};
  return compact({
    tool: run.tool,
    rule: `${run.tool}:${id}`,
    severity,
    message,
    path: where.path,
    line: where.line,
    column: where.column,
    endLine: where.endLine,
    endColumn: where.endColumn,
    helpUri: rule ? httpUrl(rule.helpUri) : undefined,
    packages: isPackage ? [where.fqn as string] : undefined,
    resource,
    identity: message,
    properties: compact({
      level,
      securitySeverity: score,
      cwe: Array.isArray(ruleProps.cwe) ? ruleProps.cwe : undefined,
      suppressedInSource: suppressed || undefined,
    }),
  });
}

function ruleInfos(tool: string, rules: Json[]): Map<string, RuleInfo> {
  const infos = new Map<string, RuleInfo>();
  for (const rule of rules) {
    const id = str(rule.id);
    if (!id) continue;
    const help = isObject(rule.help) ? (str(rule.help.text) ?? str(rule.help.markdown)) : undefined;
    const summary = (isObject(rule.shortDescription) ? str(rule.shortDescription.text) : undefined) ?? str(rule.name);
    infos.set(`${tool}:${id}`, compact({ summary, helpUri: httpUrl(rule.helpUri), help }));
  }
  return infos;
}

export function parseSarif(document: unknown, source: string, context: PathContext, toolHint?: string): ToolReport[] {
  if (!isObject(document) || !Array.isArray(document.runs)) {
    throw new FaultlineError(`${source}: not a SARIF log (no "runs" array)`, { file: source, hint: 'pass the SARIF file the scanner wrote' });
  }
  if (document.version !== undefined && document.version !== '2.1.0') {
    throw new FaultlineError(`${source}: SARIF version ${String(document.version)} is not supported`, { file: source, hint: 'the gate reads SARIF 2.1.0' });
  }
  const reports: ToolReport[] = [];
  document.runs.forEach((value, i) => {
    if (!isObject(value)) return;
    const driver = isObject(value.tool) && isObject(value.tool.driver) ? value.tool.driver : undefined;
    const driverName = driver ? str(driver.name) : undefined;
    if (!driverName && !toolHint) {
      throw new FaultlineError(`${source}: runs[${i}] has no tool.driver.name, so it is not valid SARIF 2.1.0 and its findings cannot be attributed`, {
        file: source,
        hint: 'pass it through the input of the tool that wrote it (e.g. checkov-json / --checkov), or fix the producer',
      });
    }
    const tool = driverName ? toolIdOf(driverName) : (toolHint as string);
    if (toolHint && tool !== toolHint) {
      throw new FaultlineError(`${source}: runs[${i}] was written by ${driverName}, not ${toolHint}`, { file: source, hint: `pass it as --sarif (sarif input), or as the ${tool} input` });
    }
    const rules = driver ? arr(driver.rules).filter(isObject) : [];
    const run: RunContext = {
      tool,
      rules,
      ruleIndex: new Map(rules.map((r) => [str(r.id) ?? '', r])),
      baseIds: isObject(value.originalUriBaseIds) ? value.originalUriBaseIds : {},
      context,
    };
    // kind pass/notApplicable are checks that passed; baselineState absent is a result that is gone.
    const results = arr(value.results)
      .filter(isObject)
      .filter((r) => r.kind !== 'pass' && r.kind !== 'notApplicable' && r.baselineState !== 'absent');
    const version = driver ? (str(driver.semanticVersion) ?? str(driver.version)) : undefined;
    const base = { tool, name: driverName ?? tool, source, format: 'sarif', rules: ruleInfos(tool, rules), ...(version ? { version } : {}) };
    if (driverName === 'tflint-errors') {
      const errors = results.map((r): ScanError => {
        const where = location(r, run);
        return compact({ tool, message: stripAnsi(messageText(r.message, undefined) ?? 'tflint reported an error'), path: where.path, line: where.line, severity: r.level === 'warning' ? ('warning' as const) : undefined });
      });
      reports.push({ ...base, findings: [], errors });
      return;
    }
    const informationUri = driver ? str(driver.informationUri) : undefined;
    reports.push({ ...base, ...(informationUri ? { informationUri } : {}), findings: results.map((r) => finding(r, run)), errors: [] });
  });
  return reports;
}
