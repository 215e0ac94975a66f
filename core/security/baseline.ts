/**
 * New, fixed and unchanged: the current findings against the base branch's, by fingerprint. A
 * finding whose file was renamed keeps its path-free key; it counts as unchanged (moved) when that
 * key is unambiguous on both sides, so a rename does not read as one fix and one new problem.
 */
import { FaultlineError } from '../errors.ts';
import { validateResult } from '../result.ts';
import { isObject, str } from './parsers/json-shape.ts';
import { isSeverity } from './severity.ts';
import type { SecurityFinding, Severity } from './types.ts';

export interface BaselineFinding {
  fingerprint: string;
  movedKey?: string;
  rule: string;
  tool: string;
  severity: Severity;
  message: string;
  path?: string;
  line?: number;
}

export interface Baseline {
  /** Where it came from, for the report (a path, or an artifact name and run). */
  source: string;
  /**
   * The repository-relative path when it was read from a file inside the repository: a pull
   * request can edit such a file, so the app rejects a result whose baseline file it changes.
   */
  file?: string;
  findings: BaselineFinding[];
  /** The commit and run that produced it, as its result file says. */
  sha?: string;
  runId?: string;
  /** A baseline whose own scan failed may lack findings: they would show as new (never hidden). */
  verdict?: string;
}

export interface Comparison {
  status: Map<SecurityFinding, { status: 'new' | 'unchanged'; movedFrom?: string }>;
  fixed: BaselineFinding[];
}

export function compareWithBaseline(findings: readonly SecurityFinding[], baseline: Baseline | undefined): Comparison {
  const status: Comparison['status'] = new Map();
  if (!baseline) {
    for (const finding of findings) status.set(finding, { status: 'new' });
    return { status, fixed: [] };
  }
  const remaining = new Map<string, BaselineFinding[]>();
  for (const old of baseline.findings) {
    const list = remaining.get(old.fingerprint);
    if (list) list.push(old);
    else remaining.set(old.fingerprint, [old]);
  }
  const unmatched: SecurityFinding[] = [];
  for (const finding of findings) {
    const list = remaining.get(finding.fingerprint);
    if (list && list.length > 0) {
      list.shift();
      status.set(finding, { status: 'unchanged' });
    } else {
      unmatched.push(finding);
    }
  }
  const gone = [...remaining.values()].flat();
  // Renames: a path-free key that occurs exactly once among the unmatched on each side.
  const count = <T>(items: T[], key: (t: T) => string | undefined) => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const k = key(item);
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };
  const currentKeys = count(unmatched, (f) => f.movedKey);
  const oldKeys = count(gone, (f) => f.movedKey);
  const moved = new Set<BaselineFinding>();
  for (const finding of unmatched) {
    const old = currentKeys.get(finding.movedKey) === 1 && oldKeys.get(finding.movedKey) === 1 ? gone.find((g) => g.movedKey === finding.movedKey) : undefined;
    if (old && old.path !== finding.path) {
      moved.add(old);
      status.set(finding, { status: 'unchanged', ...(old.path ? { movedFrom: old.path } : {}) });
    } else {
      status.set(finding, { status: 'new' });
    }
  }
  return { status, fixed: gone.filter((g) => !moved.has(g)) };
}

/** Reads a security result file (kind security) as a baseline; anything else is bad input. */
export function baselineFromResult(value: unknown, source: string): Baseline {
  const problems = validateResult(value);
  if (problems.length > 0) {
    throw new FaultlineError(`the baseline is not a valid Faultline result file: ${problems.slice(0, 3).join('; ')}`, {
      file: source,
      hint: 'pass the faultline-security result file from the base branch (faultline scan --format json, or the action\'s result-file)',
    });
  }
  const result = value as { kind: string; verdict?: string; findings?: unknown[]; source?: { sha?: string; runId?: string } };
  if (result.kind !== 'security') {
    throw new FaultlineError(`the baseline is a result of kind ${result.kind}, not security`, { file: source, hint: 'pass the security gate\'s result file from the base branch' });
  }
  const findings: BaselineFinding[] = [];
  (result.findings ?? []).forEach((entry, i) => {
    const f = entry as { rule: string; message: string; path?: string; line?: number; properties?: Record<string, unknown> };
    const props = isObject(f.properties) ? f.properties : {};
    const fingerprint = str(props.fingerprint);
    if (!fingerprint) {
      throw new FaultlineError(`the baseline's findings[${i}] has no properties.fingerprint`, { file: source, hint: 'the baseline must be written by faultline scan or the security gate' });
    }
    findings.push({
      fingerprint,
      ...(str(props.movedKey) ? { movedKey: str(props.movedKey) } : {}),
      rule: f.rule,
      tool: str(props.tool) ?? f.rule.split(':')[0] ?? 'unknown',
      severity: isSeverity(props.severity) ? props.severity : 'info',
      message: f.message,
      ...(f.path ? { path: f.path } : {}),
      ...(f.line ? { line: f.line } : {}),
    });
  });
  return {
    source,
    findings,
    ...(result.source?.sha ? { sha: result.source.sha } : {}),
    ...(result.source?.runId ? { runId: result.source.runId } : {}),
    ...(result.verdict ? { verdict: result.verdict } : {}),
  };
}
