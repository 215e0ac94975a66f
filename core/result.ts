/**
 * The result file: the contract between the faces (see DESIGN.md). Producers build one with
 * `createResult`, and every reader validates with `validateResult` before trusting it.
 */
import resultSchema from '../policy/schemas/result.schema.json' with { type: 'json' };
import { checkAgainstSchema, keyPath } from './schema/check.ts';
import { TOOL_NAME, TOOL_VERSION } from './version.ts';

export type ResultKind = 'migrations' | 'chaos' | 'slo' | 'canary' | 'failover' | 'evidence' | 'security';
export type Verdict = 'pass' | 'fail' | 'neutral' | 'error';
export type FindingSeverity = 'error' | 'warning' | 'note';

export interface ResultFinding {
  rule: string;
  severity: FindingSeverity;
  message: string;
  path?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  help?: string;
  properties?: Record<string, unknown>;
}

export interface Measurement {
  name: string;
  value: number | null;
  unit?: string;
  subject?: string;
}

export interface ResultSource {
  repository?: string;
  sha?: string;
  mergeSha?: string;
  configPath?: string;
  configSha?: string;
  ref?: string;
  eventName?: string;
  workflow?: string;
  runId?: string;
  runAttempt?: string;
  pullRequest?: number;
  actor?: string;
}

export interface FaultlineResult {
  version: 1;
  kind: ResultKind;
  name: string;
  verdict: Verdict;
  summary?: string;
  startedAt: string;
  finishedAt: string;
  durationMs?: number;
  tool: { name: string; version: string; runtime?: string; components?: Record<string, string> };
  source?: ResultSource;
  counts?: { errors?: number; warnings?: number; notes?: number };
  findings?: ResultFinding[];
  measurements?: Measurement[];
  details?: Record<string, unknown>;
  links?: { name: string; url: string }[];
}

export { TOOL_NAME, TOOL_VERSION };

export { resultSchema };

export interface ResultInput extends Omit<FaultlineResult, 'version' | 'tool' | 'durationMs' | 'startedAt' | 'finishedAt'> {
  startedAt: Date;
  finishedAt: Date;
  components?: Record<string, string>;
}

export function createResult(input: ResultInput): FaultlineResult {
  const { startedAt, finishedAt, components, ...rest } = input;
  return {
    version: 1,
    ...rest,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    tool: {
      name: TOOL_NAME,
      version: TOOL_VERSION,
      runtime: `node ${process.version}`,
      ...(components ? { components } : {}),
    },
  };
}

/** Checks an untrusted value; returns readable problems (empty when it is a valid result). */
export function validateResult(value: unknown): string[] {
  const problems = checkAgainstSchema(resultSchema, { value, locate: () => undefined });
  return problems.map((p) => `${keyPath(p.pointer)}: ${p.message}`);
}
