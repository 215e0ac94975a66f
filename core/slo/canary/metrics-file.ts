/**
 * Reads the canary metrics a user writes (a file, or inline YAML/JSON in an action input): the
 * metrics to compare and, optionally, the confidence, score thresholds and query resolution.
 * Every problem names the file (or input), line and key, before any traffic moves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import canaryMetricsSchema from '../../../policy/schemas/canary-metrics.schema.json' with { type: 'json' };
import { FaultlineError } from '../../errors.ts';
import { checkAgainstSchema, keyPath, type ParsedDocument, parseYaml, registerSchemas, type SchemaProblem } from '../../schema/validate.ts';
import { promDurationSeconds } from '../duration.ts';
import type { CanaryMetric, ScoreThresholds } from './types.ts';

export { canaryMetricsSchema };

/** The metrics file as written (kebab-case keys). A bare list is the `metrics` alone. */
export interface CanaryMetricsDocument {
  confidence?: number;
  thresholds?: Partial<ScoreThresholds>;
  'query-step'?: string;
  metrics: CanaryMetric[];
}

/** What the analysis takes from the file; unset fields keep runCanaryAnalysis' defaults. */
export interface CanaryMetricsConfig {
  metrics: CanaryMetric[];
  confidence?: number;
  thresholds?: ScoreThresholds;
  queryStepSeconds?: number;
}

const SCHEMA_ID = (canaryMetricsSchema as { $id: string }).$id;
const LIST_SCHEMA = { $ref: `${SCHEMA_ID}#/$defs/metricList` };
const SELECTOR = /\{\{\s*selector\s*\}\}/;

function invalid(file: string, problems: SchemaProblem[]): FaultlineError {
  const first = problems[0]!;
  const lines = problems.map((p) => `  ${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${keyPath(p.pointer)}: ${p.message}`);
  return new FaultlineError(`invalid canary metrics (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
    file,
    line: first.line,
    column: first.column,
    hint: 'see policy/schemas/canary-metrics.schema.json and docs/canary.md for the format',
  });
}

/** Checks the schema cannot express: {{selector}} in every query, unique names, min ≤ max. */
function semanticProblems(metrics: CanaryMetric[], prefix: string, doc: ParsedDocument<unknown>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (pointer: string, message: string) => problems.push({ pointer, message, ...doc.locate(pointer) });
  const seen = new Map<string, number>();
  metrics.forEach((metric, index) => {
    const at = `${prefix}/${index}`;
    if (!SELECTOR.test(metric.query)) {
      add(`${at}/query`, 'has no {{selector}}: write it where the canary/baseline label matchers go, e.g. http_requests_total{ {{selector}} }');
    }
    const earlier = seen.get(metric.name);
    if (earlier !== undefined) add(`${at}/name`, `"${metric.name}" is already the name of metric ${earlier + 1}; names must be unique`);
    else seen.set(metric.name, index);
    if (metric.min !== undefined && metric.max !== undefined && metric.min > metric.max) {
      add(`${at}/min`, `min ${metric.min} is above max ${metric.max}`);
    }
  });
  return problems;
}

/** Parses metrics YAML/JSON text; `file` names it in errors (a path, or e.g. "input metrics"). */
export function parseCanaryMetrics(text: string, file: string): CanaryMetricsConfig {
  if (text.trim() === '') {
    throw new FaultlineError(`${file}: no canary metrics`, { hint: 'list at least one metric with a name and a query holding {{selector}} (docs/canary.md)' });
  }
  registerSchemas(canaryMetricsSchema);
  const doc = parseYaml<unknown>(text, file);
  const isList = Array.isArray(doc.value);
  const schemaProblems = checkAgainstSchema(isList ? LIST_SCHEMA : canaryMetricsSchema, doc);
  if (schemaProblems.length > 0) throw invalid(file, schemaProblems);
  const document: CanaryMetricsDocument = isList ? { metrics: doc.value as CanaryMetric[] } : (doc.value as CanaryMetricsDocument);
  const problems = semanticProblems(document.metrics, isList ? '' : '/metrics', doc);
  const thresholds = document.thresholds ? { marginal: document.thresholds.marginal ?? 75, pass: document.thresholds.pass ?? 95 } : undefined;
  if (thresholds && thresholds.marginal > thresholds.pass) {
    problems.push({ pointer: '/thresholds', message: `marginal ${thresholds.marginal} is above pass ${thresholds.pass}`, ...doc.locate('/thresholds') });
  }
  if (problems.length > 0) throw invalid(file, problems);
  return {
    metrics: document.metrics,
    ...(document.confidence !== undefined ? { confidence: document.confidence } : {}),
    ...(thresholds ? { thresholds } : {}),
    ...(document['query-step'] !== undefined ? { queryStepSeconds: promDurationSeconds(document['query-step'])! } : {}),
  };
}

/**
 * Metrics given inline (YAML/JSON text, as an action input allows) or as a path to a file. Text
 * with a newline or any of `: { [` is inline; anything else must be an existing file.
 */
export function readCanaryMetrics(inlineOrPath: string, label: string, cwd: string): CanaryMetricsConfig {
  const value = inlineOrPath.trim();
  if (value === '') {
    throw new FaultlineError(`${label} is required in canary mode`, {
      hint: 'give a metrics file (e.g. .github/canary-metrics.yml) or the metrics inline as YAML (docs/canary.md)',
    });
  }
  if (/[\n:{[]/.test(value)) return parseCanaryMetrics(value, label);
  const path = isAbsolute(value) ? value : join(cwd, value);
  if (!existsSync(path)) {
    throw new FaultlineError(`${label}: metrics file "${value}" does not exist`, {
      hint: 'give a path relative to the working directory (the workspace in an action), or write the metrics inline as YAML',
    });
  }
  return parseCanaryMetrics(readFileSync(path, 'utf8'), value);
}
