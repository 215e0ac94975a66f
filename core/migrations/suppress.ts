/**
 * `-- faultline-ignore: <rule-id>[, <rule-id>] -- <reason>` on the line(s) directly before a
 * statement, and `-- faultline-ignore-file: <rule-id> -- <reason>` anywhere in a file. A suppression
 * must give a reason, must name rules that exist, and must suppress something: each failure is a
 * finding of its own, so an ignore comment can never silently widen what a gate lets through.
 */
import type { LineIndex } from './positions.ts';
import type { LineComment } from './split.ts';
import type { Finding, Severity } from './types.ts';

export interface Suppression {
  fileWide: boolean;
  ruleIds: string[];
  reason: string;
  line: number;
  column: number;
  /** For statement suppressions: the line the statement it covers starts on. */
  targetLine?: number;
}

/** A finding plus the lines whose suppressions cover it (its statement's, its DO block's). */
export interface AnchoredFinding {
  finding: Finding;
  anchorLines: readonly number[];
}

export interface SuppressionOutcome {
  findings: Finding[];
  suppressions: Suppression[];
}

const DIRECTIVE = /^\s*faultline-ignore(-file)?\s*:(.*)$/i;

/** Parses one comment's text (after `--`); undefined when it is not a faultline directive. */
export function parseDirective(text: string): { fileWide: boolean; ruleIds: string[]; reason: string } | undefined {
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const rest = match[2]!;
  const separator = rest.indexOf('--');
  const idsPart = separator === -1 ? rest : rest.slice(0, separator);
  const reason = separator === -1 ? '' : rest.slice(separator + 2).trim();
  const ruleIds = idsPart
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  return { fileWide: match[1] !== undefined, ruleIds, reason };
}

function isCommentOnly(line: string): boolean {
  return /^\s*--/.test(line);
}

/**
 * Finds every directive: in `--` comments the lexer saw, and on comment-only lines anywhere (which
 * covers comments inside DO block bodies, where the lexer sees only a string).
 */
export function findSuppressions(text: string, comments: readonly LineComment[], lines: LineIndex): Suppression[] {
  const byOffset = new Map<number, string>();
  for (const comment of comments) {
    if (comment.text.includes('faultline-ignore')) byOffset.set(comment.start, comment.text);
  }
  const rawLines = text.split('\n');
  let offset = 0;
  for (const raw of rawLines) {
    const at = raw.indexOf('--');
    if (at !== -1 && isCommentOnly(raw) && raw.includes('faultline-ignore') && !byOffset.has(offset + at)) {
      byOffset.set(offset + at, raw.slice(at + 2).replace(/\r$/, ''));
    }
    offset += raw.length + 1;
  }
  const suppressions: Suppression[] = [];
  for (const [start, commentText] of [...byOffset].sort((a, b) => a[0] - b[0])) {
    const directive = parseDirective(commentText);
    if (!directive) continue;
    const { line, column } = lines.position(start);
    const suppression: Suppression = { ...directive, line, column };
    if (!directive.fileWide) {
      // The statement starts on the first line below that is not a comment; a blank line detaches.
      let target = line + 1;
      while (target <= rawLines.length && isCommentOnly(rawLines[target - 1]!)) target++;
      if (target <= rawLines.length && rawLines[target - 1]!.trim() !== '') suppression.targetLine = target;
    }
    suppressions.push(suppression);
  }
  return suppressions;
}

export interface SuppressionSettings {
  path: string;
  isKnownRule(id: string): boolean;
  /** The severity a rule reports with, or 'off' (suppressing an 'off' rule is not "unused"). */
  severityOf(id: string): Severity | 'off';
}

function engineFinding(
  settings: SuppressionSettings,
  rule: string,
  suppression: Suppression,
  message: string,
  fix: string,
): Finding | undefined {
  const severity = settings.severityOf(rule);
  if (severity === 'off') return undefined;
  return {
    rule,
    severity,
    path: settings.path,
    line: suppression.line,
    column: suppression.column,
    message,
    lock: null,
    blocks: [],
    rewrite: false,
    fix,
    source: 'static',
  };
}

/**
 * Judges findings against a file's suppressions as they come, in as many batches as the caller
 * likes (a huge file hands them over while it is still being linted), remembering which
 * suppressions were used; `problems()` at the end are the findings about the suppressions themselves.
 */
export class SuppressionFilter {
  private readonly used: Set<string>[];
  // Suppressions by rule id, so a file with many findings is not scanned once per comment.
  private readonly byRule = new Map<string, number[]>();

  private readonly suppressions: readonly Suppression[];
  private readonly settings: SuppressionSettings;

  constructor(suppressions: readonly Suppression[], settings: SuppressionSettings) {
    this.suppressions = suppressions;
    this.settings = settings;
    this.used = suppressions.map(() => new Set<string>());
    suppressions.forEach((s, i) => {
      for (const id of s.ruleIds) this.byRule.set(id, [...(this.byRule.get(id) ?? []), i]);
    });
  }

  /** The findings of `anchored` that no suppression covers. */
  keep(anchored: readonly AnchoredFinding[]): Finding[] {
    const kept: Finding[] = [];
    for (const { finding, anchorLines } of anchored) {
      let suppressed = false;
      for (const i of this.byRule.get(finding.rule) ?? []) {
        const s = this.suppressions[i]!;
        if (s.fileWide || (s.targetLine !== undefined && anchorLines.includes(s.targetLine))) {
          this.used[i]!.add(finding.rule);
          suppressed = true;
        }
      }
      if (!suppressed) kept.push(finding);
    }
    return kept;
  }

  /** Suppressions without a rule or a reason, naming unknown rules, or that suppressed nothing. */
  problems(): Finding[] {
    const { settings, used } = this;
    const found: Finding[] = [];
    this.suppressions.forEach((s, i) => {
      const directive = s.fileWide ? 'faultline-ignore-file' : 'faultline-ignore';
      const add = (f: Finding | undefined): void => {
        if (f) found.push(f);
      };
      if (s.ruleIds.length === 0) {
        add(
          engineFinding(settings, 'unknown-rule', s, `${directive} names no rule id.`, `-- ${directive}: <rule-id> -- <why this is safe here>`),
        );
      }
      if (s.reason === '') {
        add(
          engineFinding(
            settings,
            'suppression-missing-reason',
            s,
            `${directive}: ${s.ruleIds.join(', ')} gives no reason; say why the hazard is acceptable after a second "--".`,
            `-- ${directive}: ${s.ruleIds.join(', ')} -- <why this is safe here>`,
          ),
        );
      }
      for (const id of s.ruleIds) {
        if (!settings.isKnownRule(id)) {
          add(
            engineFinding(
              settings,
              'unknown-rule',
              s,
              `${directive} names the unknown rule "${id}".`,
              'Use a rule id from the list in docs/rules (ids are lower-case words joined by hyphens).',
            ),
          );
        } else if (!used[i]!.has(id) && settings.severityOf(id) !== 'off') {
          const where = s.fileWide ? 'anywhere in this file' : s.targetLine === undefined ? 'here: no statement follows directly' : `on the statement at line ${s.targetLine}`;
          add(
            engineFinding(
              settings,
              'unused-suppression',
              s,
              `${directive}: ${id} suppresses nothing: the rule reports nothing ${where}.`,
              'Remove this comment, or put it on the line(s) directly before the statement it is meant for.',
            ),
          );
        }
      }
    });
    return found;
  }
}

/** Drops suppressed findings and adds findings about the suppressions themselves. */
export function applySuppressions(
  anchored: readonly AnchoredFinding[],
  suppressions: readonly Suppression[],
  settings: SuppressionSettings,
): Finding[] {
  const filter = new SuppressionFilter(suppressions, settings);
  return [...filter.keep(anchored), ...filter.problems()];
}
