/**
 * Findings for one statement must agree: the most severe first, and no two fixes that contradict
 * each other. missing-lock-timeout's own fix repeats the statement as written behind a
 * `SET lock_timeout`; when another rule rewrites that statement (CREATE INDEX → CONCURRENTLY), the
 * two fixes would tell the user both to keep the statement and to replace it. The lock timeout is
 * then applied to the other rule's rewrite instead, so every fix shown is one the others accept.
 */
import type { Finding, Severity } from './types.ts';

const LOCK_TIMEOUT_RULE = 'missing-lock-timeout';
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** By position in the file; on one statement the most severe first, then by rule id. */
export function byStatementThenSeverity(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule);
}

/** The SET line of a lock-timeout fix (its first line), or undefined when the fix is not one. */
function lockTimeoutLine(fix: string): string | undefined {
  const first = fix.split('\n')[0]!;
  return /^SET (LOCAL )?lock_timeout\b/i.test(first) ? first : undefined;
}

function reconcileLockTimeout(finding: Finding, others: Finding[]): Finding {
  const rewrite = others.find((other) => other.fix && other.rule !== LOCK_TIMEOUT_RULE);
  if (!rewrite?.fix || !finding.fix) return finding;
  if (/^\s*SET\s+(LOCAL\s+)?lock_timeout\b/im.test(rewrite.fix)) {
    return { ...finding, message: `${finding.message} The ${rewrite.rule} fix for this statement already sets it.`, fix: null };
  }
  const set = lockTimeoutLine(finding.fix);
  if (!set) return finding;
  const statements = rewrite.fix.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('--'));
  if (statements.length === 1) {
    return { ...finding, message: `${finding.message} The fix sets it for the ${rewrite.rule} rewrite of this statement.`, fix: `${set}\n${statements[0]!.trim()}` };
  }
  // A rewrite of several steps: the timeout goes before the steps that lock, not on the old statement.
  return { ...finding, message: `${finding.message} Set it before the locking steps of the ${rewrite.rule} fix.`, fix: set };
}

/** Orders one file's findings and makes the fixes for each statement agree. */
export function agreeingFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort(byStatementThenSeverity);
  const out: Finding[] = [];
  // Sorted by position, one statement's findings are adjacent: reconcile them as a group (a file of
  // tens of thousands of statements must not compare every finding with every other).
  for (let start = 0; start < sorted.length; ) {
    const first = sorted[start]!;
    let end = start + 1;
    while (end < sorted.length && sorted[end]!.line === first.line && sorted[end]!.column === first.column && sorted[end]!.path === first.path) end++;
    const group = sorted.slice(start, end);
    for (const finding of group) out.push(finding.rule === LOCK_TIMEOUT_RULE ? reconcileLockTimeout(finding, group.filter((other) => other !== finding)) : finding);
    start = end;
  }
  return out;
}
