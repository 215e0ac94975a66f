/**
 * Turns what the shadow run observed into findings (`source: 'shadow'`), and merges them with the
 * static rules' findings so a hazard the rules already explained is not reported twice.
 *
 * Rule ids (public, like the static ones; their summaries and explanations are in shadow-rules.ts):
 *   shadow-statement-failed  [error]   Postgres refused the statement (its message and SQLSTATE)
 *   shadow-table-rewrite     [error]   a pre-existing table or index got new storage (relfilenode)
 *   shadow-access-exclusive  [warning] ACCESS EXCLUSIVE on a pre-existing relation, no lock_timeout
 *   shadow-blocks-writes     [warning] SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE on a pre-existing relation
 * Only relations that existed before the statement's file started count: tables the same file
 * created are new and empty, as the static rules assume too.
 */
import { lockStrength } from './lock-modes.ts';
import { SHADOW_RULES } from './shadow-rules.ts';
import type { ShadowReport, ShadowStart, ShadowStatementReport } from './shadow-types.ts';
import type { Blocked, Finding, LockMode } from './types.ts';

export { SHADOW_RULES };

const WRITE_BLOCKING: readonly LockMode[] = ['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE'];

/** SQLSTATEs of an object the statement names but the scratch database lacks (relation, type, function, schema). */
const MISSING_OBJECT = new Set(['42P01', '42704', '42883', '3F000']);

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * For a statement that failed because an object does not exist (`type "…" does not exist`), a fix
 * that names what the scratch database started from, which is where the object was looked for;
 * for a dump's CREATE EXTENSION the role may not run, how to provide the extension.
 */
export function fixForStart(sqlState: string, statement: string, start: ShadowStart): string | undefined {
  if (start.kind === 'dump' && sqlState === INSUFFICIENT_PRIVILEGE && /^\s*create\s+extension\b/i.test(statement)) {
    return (
      'The shadow run loads the dump as an unprivileged role, which may create only trusted extensions; it creates others itself only when ' +
      'the database the URL names has them (in schema public or pg_catalog). Install the extension there (CREATE EXTENSION, as an administrator), ' +
      'or point the URL at a database that has it.'
    );
  }
  if (!MISSING_OBJECT.has(sqlState)) return undefined;
  if (start.kind === 'dump') {
    return (
      `The scratch database started from the schema dump ${start.file.path}, which does not define it. If production has it, ` +
      'regenerate the dump from production (pg_dump --schema-only of every schema, with the extensions whose types it uses); otherwise create it in an earlier migration.'
    );
  }
  if (start.kind === 'empty') {
    return 'The scratch database started empty and the migrations before this one do not create it: pass the whole migration history, or use shadow-from dump:FILE with a pg_dump --schema-only of production.';
  }
  return (
    'The scratch database started as a copy of the database the URL names, which does not have it: point the URL at a database holding the schema ' +
    'production has, or use shadow-from dump:FILE with a pg_dump --schema-only of production; otherwise create it in an earlier migration.'
  );
}

export function blockedBy(mode: LockMode): Blocked[] {
  if (mode === 'ACCESS EXCLUSIVE') return ['reads', 'writes'];
  return lockStrength(mode) >= lockStrength('SHARE') ? ['writes'] : [];
}

/** The findings one observed statement earns. */
export function shadowFindingsFor(observed: ShadowStatementReport): Finding[] {
  const base = { path: observed.path, statement: shorten(observed.text), source: 'shadow' as const };
  if (observed.error && observed.deadlineExceeded) {
    const { message, line, column } = observed.error;
    return [
      {
        ...base,
        rule: SHADOW_RULES.deadline,
        severity: 'error',
        line,
        column,
        message: `This statement ${message}. The statements after it were not applied.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix: 'On production data it takes at least as long, holding its locks: batch the work (e.g. UPDATE in chunks), or build indexes CONCURRENTLY.',
      },
    ];
  }
  if (observed.error) {
    const { message, sqlState, line, column } = observed.error;
    return [
      {
        ...base,
        rule: SHADOW_RULES.statementFailed,
        severity: 'error',
        line,
        column,
        message: `PostgreSQL could not apply this statement: ${message} (SQLSTATE ${sqlState}). The statements after it were not applied.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix:
          'Make the migrations apply in order on an empty database: run them with ' +
          '`psql -v ON_ERROR_STOP=1 -f FILE` against a scratch database to reproduce.',
      },
    ];
  }
  const at = { ...base, line: observed.line, column: observed.column };
  const preExisting = observed.locks.filter((lock) => lock.preExisting);
  const strongest = (relation: string): LockMode | null => {
    const modes = preExisting.filter((lock) => lock.relation === relation).map((lock) => lock.mode);
    return modes.length === 0 ? null : modes.reduce((a, b) => (lockStrength(a) >= lockStrength(b) ? a : b));
  };
  const waitNote =
    observed.lockTimeoutMs > 0
      ? `lock_timeout was ${observed.lockTimeoutMs}ms`
      : 'no lock_timeout was set, so while it waits for the lock every later query on the table queues behind it';
  const findings: Finding[] = [];

  const rewritten = observed.rewrote.filter((rewrite) => rewrite.preExisting).map((rewrite) => rewrite.relation);
  if (rewritten.length > 0) {
    const lock = rewritten.map(strongest).reduce<LockMode | null>(stronger, null) ?? 'ACCESS EXCLUSIVE';
    findings.push({
      ...at,
      rule: SHADOW_RULES.tableRewrite,
      severity: 'error',
      message:
        `Observed a rewrite of ${list(rewritten)} (its relfilenode changed) under ${lock}: ` +
        `${describeBlocking(lock)} until every row is copied, which takes longer the bigger the table.`,
      lock,
      blocks: blockedBy(lock),
      rewrite: true,
      fix:
        'Change the schema without copying the table: add a new column, backfill it in batches, then ' +
        'switch readers and writers over and drop the old column in a later migration.',
    });
  }

  const exclusive = unique(preExisting.filter((lock) => lock.mode === 'ACCESS EXCLUSIVE').map((lock) => lock.relation));
  // With a lock_timeout in force, a brief ACCESS EXCLUSIVE (ADD COLUMN, a catalog-only change) is the
  // safe pattern, not a hazard; without one, waiting for the lock queues all traffic behind it.
  if (exclusive.length > 0 && rewritten.length === 0 && observed.lockTimeoutMs === 0) {
    findings.push({
      ...at,
      rule: SHADOW_RULES.accessExclusive,
      severity: 'warning',
      message:
        `Observed ACCESS EXCLUSIVE on ${list(exclusive)} with no lock_timeout: while the statement waits ` +
        'for the lock, every later read and write of the table queues behind it, and all of them wait ' +
        'until the transaction ends.',
      lock: 'ACCESS EXCLUSIVE',
      blocks: blockedBy('ACCESS EXCLUSIVE'),
      rewrite: false,
      fix: "SET lock_timeout = '2s';  -- before the statement; retry the migration if it times out",
    });
  }

  const writeLocks = preExisting.filter((lock) => WRITE_BLOCKING.includes(lock.mode) && strongest(lock.relation) === lock.mode);
  if (writeLocks.length > 0 && exclusive.length === 0 && rewritten.length === 0) {
    const lock = writeLocks.map((held) => held.mode).reduce<LockMode | null>(stronger, null)!;
    findings.push({
      ...at,
      rule: SHADOW_RULES.blocksWrites,
      severity: 'warning',
      message: `Observed ${lock} on ${list(unique(writeLocks.map((held) => held.relation)))}: inserts, updates and deletes wait while the statement runs (${waitNote}).`,
      lock,
      blocks: blockedBy(lock),
      rewrite: false,
      fix:
        'Use the non-blocking form where one exists (CREATE INDEX CONCURRENTLY, ADD CONSTRAINT … NOT VALID ' +
        'then VALIDATE CONSTRAINT in its own transaction).',
    });
  }
  return findings;
}

/**
 * Static findings plus the shadow findings the static rules did not already explain: a shadow lock
 * finding is dropped when a static finding on the same statement names a lock at least as strong,
 * a rewrite finding when a static finding on it says `rewrite`. Failures are always kept.
 * Statements are matched by position: a finding belongs to the statement whose text spans it.
 */
export function mergeShadowFindings(staticFindings: Finding[], shadow: Pick<ShadowReport, 'findings' | 'statements'>): Finding[] {
  const locate = statementLocator(shadow.statements);
  const staticByStatement = new Map<ShadowStatementReport, Finding[]>();
  for (const finding of staticFindings) {
    const statement = locate(finding);
    if (!statement) continue;
    staticByStatement.set(statement, [...(staticByStatement.get(statement) ?? []), finding]);
  }
  const kept = shadow.findings.filter((finding) => {
    if (finding.rule === SHADOW_RULES.statementFailed) return true;
    const covering = staticByStatement.get(locate(finding)!) ?? [];
    if (finding.rewrite) return !covering.some((other) => other.rewrite);
    const lock = finding.lock;
    if (!lock) return true;
    return !covering.some((other) => other.lock !== null && lockStrength(other.lock) >= lockStrength(lock));
  });
  const pathOrder = new Map<string, number>();
  for (const finding of [...staticFindings, ...kept]) if (!pathOrder.has(finding.path)) pathOrder.set(finding.path, pathOrder.size);
  return [...staticFindings, ...kept].sort(
    (a, b) => pathOrder.get(a.path)! - pathOrder.get(b.path)! || a.line - b.line || a.column - b.column,
  );
}

type Locator = (position: { path: string; line: number; column: number }) => ShadowStatementReport | undefined;

function statementLocator(statements: ShadowStatementReport[]): Locator {
  const byPath = new Map<string, { statement: ShadowStatementReport; end: [number, number] }[]>();
  for (const statement of statements) {
    const spans = byPath.get(statement.path) ?? [];
    spans.push({ statement, end: endOf(statement) });
    byPath.set(statement.path, spans);
  }
  return ({ path, line, column }) =>
    byPath
      .get(path)
      ?.find(
        ({ statement, end }) =>
          compare([line, column], [statement.line, statement.column]) >= 0 && compare([line, column], end) < 0,
      )?.statement;
}

/** Line and column just past the statement's text. */
function endOf(statement: ShadowStatementReport): [number, number] {
  const lines = statement.text.split('\n');
  const last = lines[lines.length - 1]!;
  return lines.length === 1
    ? [statement.line, statement.column + last.length]
    : [statement.line + lines.length - 1, last.length + 1];
}

function compare(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function stronger(a: LockMode | null, b: LockMode | null): LockMode | null {
  if (a === null) return b;
  if (b === null) return a;
  return lockStrength(a) >= lockStrength(b) ? a : b;
}

function describeBlocking(lock: LockMode): string {
  const blocked = blockedBy(lock);
  if (blocked.length === 2) return 'reads and writes of it wait';
  if (blocked.length === 1) return 'writes to it wait';
  return 'other schema changes and VACUUM on it wait';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function list(relations: string[]): string {
  return relations.join(', ');
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
