/**
 * Findings as GitHub annotations (the marks at a file and line in a pull request's diff), as plain
 * data: the action hands them to `core.error`/`core.warning`, the app (later) to check runs.
 *
 * GitHub shows at most 10 error and 10 warning annotations per step (50 per check-run request),
 * and drops the rest silently, so the most important go first and the caller learns how many
 * did not fit.
 */
import type { Finding } from '../migrations/types.ts';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** Repository-relative path, forward slashes. */
  file: string;
  startLine?: number;
  startColumn?: number;
  title: string;
  message: string;
}

export interface AnnotationSelection {
  annotations: Annotation[];
  /** How many were left out by the per-level limit. */
  omitted: number;
}

export const ANNOTATIONS_PER_LEVEL = 10;

const LEVEL_ORDER: Record<AnnotationLevel, number> = { error: 0, warning: 1, notice: 2 };

/** Orders by level (errors first) then file and line, and keeps at most `perLevel` of each level. */
export function selectAnnotations(all: readonly Annotation[], perLevel = ANNOTATIONS_PER_LEVEL): AnnotationSelection {
  const sorted = [...all].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      a.file.localeCompare(b.file) ||
      (a.startLine ?? 0) - (b.startLine ?? 0) ||
      (a.startColumn ?? 0) - (b.startColumn ?? 0),
  );
  const taken: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const annotations: Annotation[] = [];
  for (const annotation of sorted) {
    if (taken[annotation.level] >= perLevel) continue;
    taken[annotation.level]++;
    annotations.push(annotation);
  }
  return { annotations, omitted: all.length - annotations.length };
}

/** One migration finding as an annotation: the message, the lock facts, and the rewrite. */
export function migrationAnnotation(finding: Finding): Annotation {
  const facts: string[] = [];
  if (finding.lock) facts.push(`Lock: ${finding.lock}`);
  if (finding.blocks.length > 0) facts.push(`blocks ${finding.blocks.join(' and ')}`);
  if (finding.rewrite) facts.push('rewrites the table');
  const lines = [finding.message];
  if (facts.length > 0) lines.push(`${facts.join(', ')}.`);
  if (finding.fix) lines.push(`Safe rewrite:\n${finding.fix.trimEnd()}`);
  return {
    level: finding.severity,
    file: finding.path.replace(/\\/g, '/'),
    startLine: finding.line,
    startColumn: finding.column,
    title: finding.source === 'shadow' ? `${finding.rule} (observed)` : finding.rule,
    message: lines.join('\n'),
  };
}
