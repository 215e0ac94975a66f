/**
 * The migration gate's findings as SARIF: the rule registry becomes the tool's rule catalogue (with
 * the lock, why it hurts and the rewrite as help), each finding a result whose properties keep
 * the lock facts code scanning has no field for.
 */
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import type { Finding, LintReport, Rule } from '../migrations/types.ts';
import { buildSarif, type SarifLog, type SarifResultInput, type SarifRuleInput } from './sarif.ts';

export interface MigrationsSarifOptions {
  informationUri?: string;
  /** Base URL of the rules page; each rule's helpUri becomes `<base>#<rule-id>`. */
  rulesDocUri?: string;
}

export const MIGRATIONS_SARIF_CATEGORY = 'faultline/migrations';

export function ruleInput(rule: Pick<Rule, 'id' | 'summary' | 'description' | 'defaultSeverity'>, options: MigrationsSarifOptions): SarifRuleInput {
  return {
    id: rule.id,
    summary: rule.summary,
    description: rule.description,
    helpMarkdown: `**${rule.summary}**\n\n${rule.description}`,
    ...(options.rulesDocUri ? { helpUri: `${options.rulesDocUri}#${rule.id}` } : {}),
    defaultLevel: rule.defaultSeverity,
    tags: ['migrations', 'postgresql'],
  };
}

function resultMarkdown(finding: Finding): string {
  const facts: string[] = [];
  if (finding.lock) facts.push(`Takes \`${finding.lock}\``);
  if (finding.blocks.length > 0) facts.push(`blocks ${finding.blocks.join(' and ')}`);
  if (finding.rewrite) facts.push('rewrites the table');
  const parts = [finding.message];
  if (facts.length > 0) parts.push(`${facts.join(', ')}.`);
  if (finding.fix) parts.push(`Safe rewrite:\n\n\`\`\`sql\n${finding.fix.trimEnd()}\n\`\`\``);
  return parts.join('\n\n');
}

/** Advice with no SQL to run (e.g. "split the file") is not a fix a tool can apply. */
function isCommentOnly(sql: string): boolean {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

export function resultInput(finding: Finding): SarifResultInput {
  return {
    ruleId: finding.rule,
    level: finding.severity,
    message: finding.message,
    markdown: resultMarkdown(finding),
    path: finding.path,
    line: finding.line,
    column: finding.column,
    ...(finding.endLine !== undefined && finding.endColumn !== undefined ? { endLine: finding.endLine, endColumn: finding.endColumn } : {}),
    ...(finding.fix && finding.fixReplacesStatement && !isCommentOnly(finding.fix)
      ? { fix: { description: `Replace the statement with the safe rewrite (${finding.rule})`, text: finding.fix.trimEnd() } }
      : {}),
    // The statement, not its line, identifies the problem: adding a migration above must not reopen it.
    fingerprint: `${finding.rule}\u0000${finding.path}\u0000${finding.statement ?? `${finding.line}:${finding.column}`}`,
    properties: {
      lock: finding.lock,
      blocks: finding.blocks,
      rewrite: finding.rewrite,
      ...(finding.fix ? { fix: finding.fix } : {}),
      source: finding.source ?? 'static',
    },
  };
}

export function migrationsToSarif(
  report: LintReport,
  rules: readonly Pick<Rule, 'id' | 'summary' | 'description' | 'defaultSeverity'>[],
  options: MigrationsSarifOptions = {},
): SarifLog {
  return buildSarif({
    toolName: TOOL_NAME,
    toolVersion: TOOL_VERSION,
    ...(options.informationUri ? { informationUri: options.informationUri } : {}),
    category: MIGRATIONS_SARIF_CATEGORY,
    rules: rules.map((rule) => ruleInput(rule, options)),
    results: report.files.flatMap((file) => file.findings.map(resultInput)),
  });
}
