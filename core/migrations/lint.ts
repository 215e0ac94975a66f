/**
 * The migration linter's engine: parse a file, walk its statements with the context as it was just
 * before each one, run every enabled rule, then the file-level rules, then suppressions. It never
 * throws on any SQL: text the parser rejects becomes a `syntax-error` finding, and a rule that fails
 * on a statement becomes an `internal-error` finding while the others carry on.
 */
import type { KnownColumnTypes } from './column-types.ts';
import { MigrationState } from './context.ts';
import { type RelationLock, relationLocks } from './locks.ts';
import { isParserLoaded, loadParser, parseMigrationInChunks, type SplitFile } from './parse.ts';
import { agreeingFindings } from './agree.ts';
import type { LineIndex } from './positions.ts';
import { allRules, ruleById } from './rules/index.ts';
import { type AnchoredFinding, findSuppressions, SuppressionFilter } from './suppress.ts';
import type { FileReport, Finding, LintReport, Rule, RuleHit, Severity, Statement } from './types.ts';

export type RuleSetting = Severity | 'off';

export interface LintOptions {
  /** PostgreSQL major version the migrations run on (11–18); default 15. */
  pgVersion?: number;
  /** Per-rule severity or `off`, by rule id. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Globs (relative to the working directory) of files to skip; used by lintFiles. */
  exclude?: readonly string[];
  /** The migration tool wraps each file in a transaction (Flyway, golang-migrate…). */
  assumeTransaction?: boolean;
  /**
   * A schema dump (`pg_dump --schema-only`) of the database the migrations run on: the old column
   * types of tables the linted files did not create. Used by lintFiles.
   */
  schemaDump?: string;
  /** `strict` raises the rules that have a strict severity (dynamic-sql: warning → error). */
  profile?: Profile;
  /** Files larger than this (bytes) are refused with a file-too-large finding; default 10 MiB. */
  maxFileBytes?: number;
  /** Files with more statements are refused with a too-many-statements finding; default 50,000. */
  maxStatements?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_STATEMENTS = 50_000;

export type Profile = 'default' | 'strict';

export const DEFAULT_PG_VERSION = 15;
const STATEMENT_PREVIEW = 160;

function preview(text: string): string {
  // Only the start is shown: collapsing a long function body whole, for each of its findings, cost
  // more than checking it. A head longer than the preview after collapsing starts the same way.
  const head = text.length > STATEMENT_PREVIEW * 4 ? text.slice(0, STATEMENT_PREVIEW * 4).replace(/\s+/g, ' ').trim() : '';
  if (head.length > STATEMENT_PREVIEW) return `${head.slice(0, STATEMENT_PREVIEW - 1)}…`;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > STATEMENT_PREVIEW ? `${oneLine.slice(0, STATEMENT_PREVIEW - 1)}…` : oneLine;
}

/** The severity each rule reports with under `options`, or 'off'. */
export function severityFor(options: LintOptions, id: string): RuleSetting {
  const configured = options.rules?.[id];
  if (configured) return configured;
  const rule = ruleById(id);
  if (options.profile === 'strict' && rule?.strictSeverity) return rule.strictSeverity;
  return rule?.defaultSeverity ?? 'error';
}

/** Where a statement ends in its file (exclusive, past its `;`), from the file's text and line index. */
export interface StatementEnd {
  endLine: number;
  endColumn: number;
}

function toFinding(rule: Rule, severity: Severity, statement: Statement | undefined, hit: RuleHit, path: string, end?: StatementEnd): Finding {
  // A hit placed on a part of the statement has no statement-wide region.
  const whole = statement !== undefined && end !== undefined && hit.line === undefined && hit.column === undefined;
  return {
    rule: rule.id,
    severity,
    path,
    line: hit.line ?? statement?.line ?? 1,
    column: hit.column ?? statement?.column ?? 1,
    message: hit.message,
    lock: hit.lock,
    blocks: hit.blocks,
    rewrite: hit.rewrite,
    fix: hit.fix,
    ...(statement ? { statement: preview(statement.text) } : {}),
    ...(whole ? { ...end, ...(hit.fix && !statement.fromDoBlock ? { fixReplacesStatement: true } : {}) } : {}),
    source: 'static',
  };
}

/** `failed`: what failed and what that leaves unchecked, e.g. "rule x failed on this statement (…); …". */
function internalError(failed: (reason: string) => string, statement: Statement | undefined, error: unknown, path: string, severity: RuleSetting): Finding[] {
  if (severity === 'off') return [];
  const reason = error instanceof Error ? error.message : String(error);
  return [
    {
      rule: 'internal-error',
      severity,
      path,
      line: statement?.line ?? 1,
      column: statement?.column ?? 1,
      message: `${failed(reason)} Please report this.`,
      lock: null,
      blocks: [],
      rewrite: false,
      fix: null,
      ...(statement ? { statement: preview(statement.text) } : {}),
      source: 'static',
    },
  ];
}

const ruleFailed =
  (rule: Rule) =>
  (reason: string): string =>
    `rule ${rule.id} failed on this statement (${reason}); the statement was not checked by it.`;

const BOOKKEEPING_FAILED = (reason: string): string =>
  `the linter could not record what this statement changes (${reason}): transactions, settings, locks and column types after it are judged without it.`;

/**
 * The report for a file the gate refuses to check (too large, not text): one finding, an error by
 * default, so that a file nobody checked never passes.
 */
export function refusedFile(path: string, options: LintOptions, rule: string, message: string, fix: string): FileReport {
  const severity = severityFor(options, rule);
  const findings: Finding[] =
    severity === 'off'
      ? []
      : [{ rule, severity, path, line: 1, column: 1, message, lock: null, blocks: [], rewrite: false, fix: `-- ${fix}`, source: 'static' }];
  return { path, findings, statements: 0, refused: true };
}

type EnabledRule = { rule: Rule; severity: Severity };

interface EnabledRules {
  enabled: EnabledRule[];
  /** The enabled rules that judge statements of `kind`. */
  rulesFor(kind: string): EnabledRule[];
  internalSeverity: RuleSetting;
}

// Per options object: a run lints each of its files with the same one, and a folder of small files
// would otherwise sort the rules out again for every file.
const enabledRulesCache = new WeakMap<LintOptions, EnabledRules>();

function enabledRules(options: LintOptions): EnabledRules {
  const cached = enabledRulesCache.get(options);
  if (cached) return cached;
  const enabled = allRules.map((rule) => ({ rule, severity: severityFor(options, rule.id) })).filter((r): r is EnabledRule => r.severity !== 'off');
  // Most rules judge one or two statement kinds: each statement meets only the rules for its kind.
  const byKind = new Map<string, EnabledRule[]>();
  const rulesFor = (kind: string): EnabledRule[] => {
    let rules = byKind.get(kind);
    if (!rules) byKind.set(kind, (rules = enabled.filter(({ rule }) => !rule.kinds || rule.kinds.includes(kind))));
    return rules;
  };
  const rules = { enabled, rulesFor, internalSeverity: severityFor(options, 'internal-error') };
  enabledRulesCache.set(options, rules);
  return rules;
}

/** Takes a file's findings in batches while it is linted (see lintSource). */
export type FindingSink = (batch: Finding[]) => void;

/** With a sink, findings are handed over once this many are pending: memory stays bounded. */
export const SINK_BATCH_FINDINGS = 2_000;

/**
 * Lints one file's text. Synchronous; the parser must be loaded (`await loadParser()`, which
 * lintFiles does for you). `columnTypes`: what the files linted before this one in the same run
 * declared (lintFiles shares one across its files); updated with this file's.
 *
 * Without `sink`, the report holds the findings in reading order. With one, they go to the sink
 * instead (the report's list stays empty): a file with up to SINK_BATCH_FINDINGS of them in one
 * batch in reading order, as above; past that, each batch in reading order as statements are
 * checked, and the file-level findings (end-of-file rules, suppression problems) in a last batch.
 * `split`: the text already split by splitFile (see lint-files.ts, which reads files ahead).
 */
export function lintSource(text: string, path: string, options: LintOptions = {}, columnTypes?: KnownColumnTypes, sink?: FindingSink, split?: SplitFile): FileReport {
  if (!isParserLoaded()) throw new Error('the SQL parser is not loaded: await loadParser() before lintSource()');
  const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION;
  const context = new MigrationState({ pgVersion, path, assumeTransaction: options.assumeTransaction, columnTypes });
  const { enabled, rulesFor, internalSeverity } = enabledRules(options);
  let anchored: AnchoredFinding[] = [];
  let filter: SuppressionFilter | undefined;
  let lineIndex: LineIndex | undefined;
  const endOf = (statement: Statement): StatementEnd | undefined => {
    if (!lineIndex) return undefined;
    let end = statement.offset + statement.text.length;
    // The text is the statement as written (DO bodies: inside the body), without its `;`.
    if (text.slice(statement.offset, end) !== statement.text) return undefined;
    if (text[end] === ';') end++;
    const { line, column } = lineIndex.position(end);
    return { endLine: line, endColumn: column };
  };
  // Past the batch size, judged findings go to the sink rather than piling up with the file.
  const flush = (): void => {
    if (!sink || !filter || anchored.length < SINK_BATCH_FINDINGS) return;
    const batch = agreeingFindings(filter.keep(anchored));
    anchored = [];
    if (batch.length > 0) sink(batch);
  };

  const lintStatement = (statement: Statement): void => {
    context.enter(statement);
    let lines: number[] | undefined;
    let end: StatementEnd | undefined | null = null;
    const statementEnd = () => (end === null ? (end = endOf(statement)) : end);
    const anchorLines = () => (lines ??= statement.doBlock ? [statement.line, statement.doBlock.line] : [statement.line]);
    for (const { rule, severity } of rulesFor(statement.kind)) {
      try {
        for (const hit of rule.check(statement, context)) {
          anchored.push({ finding: toFinding(rule, severity, statement, hit, path, statementEnd()), anchorLines: anchorLines() });
        }
      } catch (error) {
        for (const finding of internalError(ruleFailed(rule), statement, error, path, internalSeverity)) anchored.push({ finding, anchorLines: anchorLines() });
      }
    }
    let locks: RelationLock[] = [];
    try {
      locks = relationLocks(statement, pgVersion);
    } catch {
      // Lock bookkeeping is best effort; the rules judged the statement already.
    }
    try {
      context.apply(statement, locks);
    } catch (error) {
      // A statement the bookkeeping cannot follow (a parse tree thousands of levels deep) must not end
      // the run without a report: it fails the gate as an internal error, and the file goes on.
      for (const finding of internalError(BOOKKEEPING_FAILED, statement, error, path, internalSeverity)) anchored.push({ finding, anchorLines: anchorLines() });
    }
  };
  // Statements are checked as each chunk is parsed and then dropped: memory stays bounded.
  const parsed = parseMigrationInChunks(
    text,
    path,
    (statements) => {
      statements.forEach(lintStatement);
      flush();
    },
    (outline) => {
      context.longestNameBytes = outline.longestNameBytes;
      lineIndex = outline.lines;
      // Suppressions are known before any statement is checked, so findings can be judged as they come.
      filter = new SuppressionFilter(findSuppressions(text, outline.comments, outline.lines), {
        path,
        isKnownRule: (id) => ruleById(id) !== undefined,
        severityOf: (id) => severityFor(options, id),
      });
    },
    options.maxStatements ?? DEFAULT_MAX_STATEMENTS,
    split,
  );
  if (parsed.tooManyStatements !== undefined) {
    const limit = options.maxStatements ?? DEFAULT_MAX_STATEMENTS;
    const refused = refusedFile(path, options, 'too-many-statements', `The file has ${parsed.tooManyStatements} statements, more than the limit of ${limit}: it was not checked.`, 'split the file, or raise migrations.max-statements in .github/faultline.yml');
    if (!sink) return refused;
    if (refused.findings.length > 0) sink(refused.findings);
    return { ...refused, findings: [] };
  }
  context.finish();
  for (const { rule, severity } of enabled) {
    if (!rule.checkEnd) continue;
    try {
      for (const hit of rule.checkEnd(context)) {
        anchored.push({ finding: toFinding(rule, severity, undefined, hit, path), anchorLines: [hit.line ?? 1] });
      }
    } catch (error) {
      for (const finding of internalError(ruleFailed(rule), undefined, error, path, internalSeverity)) anchored.push({ finding, anchorLines: [1] });
    }
  }

  // The most severe first on each statement, and fixes that do not contradict each other.
  const findings = agreeingFindings([...filter!.keep(anchored), ...filter!.problems()]);
  if (!sink) return { path, findings, statements: parsed.statements };
  if (findings.length > 0) sink(findings);
  return { path, findings: [], statements: parsed.statements };
}

export { loadParser };
export { lintFiles } from './lint-files.ts';
export type { LintReport };
