/**
 * SARIF 2.1.0 for any gate: a tool with its rule catalogue and a list of results at file positions.
 * Gates describe their rules and findings in the small input shapes below; this module owns the
 * SARIF details GitHub code scanning relies on (rule indexes, %SRCROOT%-relative URIs, a category
 * so several gates can upload side by side, stable fingerprints).
 */
import { createHash } from 'node:crypto';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifRuleInput {
  id: string;
  /** One line: what the rule catches. */
  summary: string;
  /** Plain-text explanation (shown as help where markdown is not rendered). */
  description?: string;
  /** The same help with formatting, for GitHub's rule view. */
  helpMarkdown?: string;
  helpUri?: string;
  defaultLevel: SarifLevel;
  tags?: string[];
}

export interface SarifResultInput {
  ruleId: string;
  level: SarifLevel;
  message: string;
  markdown?: string;
  /** Repository-relative path (forward or back slashes) or an absolute path. */
  path: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Identifies the same problem across commits even when lines move (e.g. rule + statement text). */
  fingerprint?: string;
  /** Text that replaces the whole region (line…endLine/endColumn) to fix the problem; needs an end. */
  fix?: { description: string; text: string };
  properties?: Record<string, unknown>;
}

export interface SarifRunInput {
  toolName: string;
  toolVersion: string;
  informationUri?: string;
  /** Distinguishes this gate's uploads from other SARIF in the same repository (e.g. `faultline/migrations`). */
  category?: string;
  rules: readonly SarifRuleInput[];
  results: readonly SarifResultInput[];
  /**
   * Paths the results will name, when they are written later (streamed) rather than given in
   * `results`: they decide whether the log declares %SRCROOT%.
   */
  resultPaths?: readonly string[];
}

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription?: SarifMessage;
  help?: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties?: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
  }[];
  partialFingerprints?: Record<string, string>;
  properties?: Record<string, unknown>;
  fixes?: {
    description: SarifMessage;
    artifactChanges: {
      artifactLocation: { uri: string; uriBaseId?: string };
      replacements: { deletedRegion: NonNullable<SarifResult['locations'][number]['physicalLocation']['region']>; insertedContent: { text: string } }[];
    }[];
  }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri?: string;
        rules: SarifReportingDescriptor[];
      };
    };
    automationDetails?: { id: string };
    originalUriBaseIds?: Record<string, { description: SarifMessage }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** `non-concurrent-index` → `NonConcurrentIndex`: SARIF wants a name that is not the id. */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function descriptor(rule: SarifRuleInput): SarifReportingDescriptor {
  const help = rule.description ?? rule.summary;
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.summary },
    ...(rule.description ? { fullDescription: { text: rule.description } } : {}),
    help: { text: help, ...(rule.helpMarkdown ? { markdown: rule.helpMarkdown } : {}) },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: rule.defaultLevel },
    ...(rule.tags && rule.tags.length > 0 ? { properties: { tags: [...rule.tags] } } : {}),
  };
}

/**
 * A relative path becomes a %SRCROOT%-relative URI (what code scanning maps to the repository);
 * an absolute one a file: URI. Segments are percent-encoded so spaces and `#` survive.
 */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (slashed.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded.replace(/^(\.\/)+/, ''), uriBaseId: '%SRCROOT%' };
}

function region(result: SarifResultInput): SarifResult['locations'][number]['physicalLocation']['region'] {
  if (result.line === undefined || result.line < 1) return undefined;
  return {
    startLine: result.line,
    ...(result.column !== undefined && result.column >= 1 ? { startColumn: result.column } : {}),
    ...(result.endLine !== undefined && result.endLine >= result.line ? { endLine: result.endLine } : {}),
    ...(result.endColumn !== undefined && result.endColumn >= 1 ? { endColumn: result.endColumn } : {}),
  };
}

function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

/** One result; `ruleIndex` where the rule is in the catalogue (SARIF makes it optional). */
export function sarifResult(result: SarifResultInput, ruleIndex: number | undefined, toolName: string): SarifResult {
  const where = region(result);
  return {
    ruleId: result.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: result.level,
    message: { text: result.message, ...(result.markdown ? { markdown: result.markdown } : {}) },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(result.path), ...(where ? { region: where } : {}) } }],
    ...(result.fingerprint ? { partialFingerprints: { [`${toolName}/v1`]: fingerprint(result.fingerprint) } } : {}),
    ...(result.properties ? { properties: result.properties } : {}),
    ...(result.fix && where?.endLine !== undefined && where.endColumn !== undefined
      ? {
          fixes: [
            {
              description: { text: result.fix.description },
              artifactChanges: [{ artifactLocation: artifactLocation(result.path), replacements: [{ deletedRegion: where, insertedContent: { text: result.fix.text } }] }],
            },
          ],
        }
      : {}),
  };
}

export function buildSarif(input: SarifRunInput): SarifLog {
  const rules = input.rules.map(descriptor);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  // A result whose rule is not in the catalogue (e.g. an observation of a shadow run) still needs a
  // descriptor: ruleIndex must point somewhere, and code scanning shows the rule's name.
  for (const result of input.results) {
    if (index.has(result.ruleId)) continue;
    index.set(result.ruleId, rules.length);
    rules.push(descriptor({ id: result.ruleId, summary: result.ruleId, defaultLevel: result.level }));
  }
  const usesSrcRoot = [...input.results.map((r) => r.path), ...(input.resultPaths ?? [])].some((path) => artifactLocation(path).uriBaseId);
  const results = input.results.map((result) => sarifResult(result, index.get(result.ruleId), input.toolName));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.toolName,
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            ...(input.informationUri ? { informationUri: input.informationUri } : {}),
            rules,
          },
        },
        ...(input.category ? { automationDetails: { id: `${input.category.replace(/\/+$/, '')}/` } } : {}),
        ...(usesSrcRoot
          ? { originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository checkout.' } } } }
          : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function renderSarif(log: SarifLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}
