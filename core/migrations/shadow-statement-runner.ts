/**
 * One file's statements applied on its own session of the shadow run, each observed: the locks it
 * took (polled from a second session), the relations it rewrote, how long it ran, and the deadline
 * that stops a statement running too long. Split from shadow.ts, which sets up the scratch database
 * and the sessions this runs on.
 */
import { FaultlineError } from '../errors.ts';
import { type HeldLock, lockTimeoutMs, locksOf, newLocks, pollLocksWhile, type RelationInfo, rewrittenRelations, snapshotRelations } from './shadow-observe.ts';
import { pgError } from './shadow-scratch.ts';
import type { ShadowClient, ShadowLock, ShadowStatement, ShadowStatementError, ShadowStatementReport } from './shadow-types.ts';

const CANNOT_RUN_IN_TRANSACTION = '25001';
/** SQLSTATE of a statement cancelled by statement_timeout or pg_cancel_backend. */
const QUERY_CANCELED = '57014';

/** Who stops a statement that runs too long: a session the file cannot reach, and when. */
export interface Deadline {
  guard: ShadowClient;
  deadlineMs: number;
  graceMs: number;
}

type StatementClass = 'transaction-control' | 'session-setting' | 'observable';

/** Applies one file's statements on its session and observes each. */
export class StatementRunner {
  private readonly session: ShadowClient;
  private readonly observer: ShadowClient;
  private readonly pid: number;
  /** Relations that existed when the file started: they stand for production tables. */
  private readonly existing: ReadonlySet<number>;
  private readonly pollIntervalMs: number;
  private readonly deadline: Deadline;

  constructor(session: ShadowClient, observer: ShadowClient, pid: number, existing: ReadonlySet<number>, pollIntervalMs: number, deadline: Deadline) {
    this.session = session;
    this.observer = observer;
    this.pid = pid;
    this.existing = existing;
    this.pollIntervalMs = pollIntervalMs;
    this.deadline = deadline;
  }

  /**
   * Runs SQL of the file on its session under the deadline: past it, the guard session cancels the
   * backend, and terminates it when it has not stopped after the grace period. The guard waits for
   * its own query before returning, so a late cancel cannot hit the next statement.
   */
  private async bounded<T>(report: ShadowStatementReport, run: () => Promise<T>): Promise<T> {
    const { guard, deadlineMs, graceMs } = this.deadline;
    const signals: Promise<unknown>[] = [];
    let terminate: NodeJS.Timeout | undefined;
    const cancel = setTimeout(() => {
      report.deadlineExceeded = true;
      signals.push(guard.query('SELECT pg_cancel_backend($1)', [this.pid]).catch(() => {}));
      terminate = setTimeout(() => {
        signals.push(guard.query('SELECT pg_terminate_backend($1)', [this.pid]).catch(() => {}));
      }, graceMs);
    }, deadlineMs);
    const started = performance.now();
    try {
      return await run();
    } catch (error) {
      // The session's own statement_timeout is the same deadline, set first: when the server's timer
      // fires before the guard's, it is still this deadline that stopped the statement.
      if (pgError(error).code === QUERY_CANCELED && performance.now() - started >= deadlineMs - 1) report.deadlineExceeded = true;
      throw error;
    } finally {
      clearTimeout(cancel);
      clearTimeout(terminate);
      await Promise.all(signals);
    }
  }

  private deadlineError(report: ShadowStatementReport): ShadowStatementError {
    return {
      message: `ran past the shadow run's deadline of ${formatMs(this.deadline.deadlineMs)} and was cancelled (a statement_timeout set in the file does not extend it)`,
      sqlState: '57014',
      line: report.line,
      column: report.column,
    };
  }

  async apply(path: string, statement: ShadowStatement, observe: boolean): Promise<ShadowStatementReport> {
    const report: ShadowStatementReport = {
      path,
      line: statement.line,
      column: statement.column,
      index: statement.index,
      text: statement.text,
      observedBy: 'not-observed',
      locks: [],
      rewrote: [],
      durationMs: 0,
      lockTimeoutMs: 0,
    };
    if (!observe || classify(statement.text) !== 'observable') {
      await this.execute(report);
      return report;
    }
    report.lockTimeoutMs = await lockTimeoutMs(this.session);
    const before = await snapshotRelations(this.session);
    if (this.session.transactionStatus() === 'in-transaction') {
      await this.observeInFileTransaction(report, before);
    } else {
      await this.observeInOwnTransaction(report, before);
    }
    if (report.error || /^truncate\b/i.test(stripLeadingComments(statement.text))) {
      // TRUNCATE gives a table new, empty storage: nothing is copied, so it is no rewrite.
      report.rewrote = [];
    }
    return report;
  }

  /** Inside the file's BEGIN…COMMIT: the locks this statement added to the transaction's. */
  private async observeInFileTransaction(report: ShadowStatementReport, before: Map<number, RelationInfo>) {
    report.observedBy = 'own-session';
    const held = await locksOf(this.session, this.pid);
    if (!(await this.execute(report))) return;
    const after = await snapshotRelations(this.session);
    this.record(report, newLocks(held, await locksOf(this.session, this.pid)), before, after);
  }

  private async observeInOwnTransaction(report: ShadowStatementReport, before: Map<number, RelationInfo>) {
    report.observedBy = 'own-session';
    await this.session.query('BEGIN');
    let refused: unknown;
    const ran = await this.execute(report, (error) => {
      refused = pgError(error).code === CANNOT_RUN_IN_TRANSACTION ? error : undefined;
      return refused === undefined;
    });
    if (!ran && refused === undefined) {
      // The run stops at this failure; a session the statement killed has nothing to roll back.
      await this.session.query('ROLLBACK').catch(() => {});
      return;
    }
    if (!ran) {
      await this.session.query('ROLLBACK');
      await this.observeFromSecondSession(report, before);
      return;
    }
    const locks = await locksOf(this.session, this.pid);
    const after = await snapshotRelations(this.session);
    try {
      await this.bounded(report, () => this.session.query('COMMIT'));
    } catch (error) {
      // Deferred constraints are checked at COMMIT: the failure belongs to this statement.
      report.error = report.deadlineExceeded ? this.deadlineError(report) : statementError(error, report);
      return;
    }
    this.record(report, locks, before, after);
  }

  /** For statements that cannot run in a transaction block: poll pg_locks from the observer. */
  private async observeFromSecondSession(report: ShadowStatementReport, before: Map<number, RelationInfo>) {
    report.observedBy = 'second-connection';
    const started = performance.now();
    const { locks, outcome } = await pollLocksWhile(this.observer, this.pid, this.pollIntervalMs, () =>
      this.bounded(report, () => this.session.query(report.text)),
    );
    report.durationMs = roundMs(performance.now() - started);
    if (outcome.status === 'rejected') {
      report.error = report.deadlineExceeded ? this.deadlineError(report) : statementError(outcome.reason, report);
      return;
    }
    this.record(report, locks, before, await snapshotRelations(this.session));
  }

  /**
   * Runs the statement on the file's session and records its duration; a rejection is recorded as
   * the statement's error unless `keep` says otherwise. Returns whether it succeeded.
   */
  private async execute(report: ShadowStatementReport, keep: (error: unknown) => boolean = () => true): Promise<boolean> {
    const started = performance.now();
    try {
      await this.bounded(report, () => this.session.query(report.text));
      return true;
    } catch (error) {
      if (report.deadlineExceeded) report.error = this.deadlineError(report);
      else if (keep(error)) report.error = statementError(error, report);
      return false;
    } finally {
      report.durationMs = roundMs(performance.now() - started);
    }
  }

  private record(report: ShadowStatementReport, locks: HeldLock[], before: Map<number, RelationInfo>, after: Map<number, RelationInfo>) {
    // Keyed by name and mode: an index rebuilt under a new oid keeps its name and is one entry.
    const named = new Map<string, ShadowLock>();
    for (const lock of locks) {
      // A relation created and dropped within the statement has no name left to report.
      const relation = after.get(lock.oid) ?? before.get(lock.oid);
      if (!relation) continue;
      const key = `${relation.name}\u0000${lock.mode}`;
      const preExisting = this.existing.has(lock.oid) || named.get(key)?.preExisting === true;
      named.set(key, { relation: relation.name, mode: lock.mode, preExisting });
    }
    report.locks = [...named.values()];
    report.locks.sort((a, b) => a.relation.localeCompare(b.relation) || a.mode.localeCompare(b.mode));
    report.rewrote = rewrittenRelations(before, after).map((relation) => ({
      relation: relation.name,
      preExisting: this.existing.has(relation.oid),
    }));
  }
}

/** Transaction control and session settings run as written: they take no table locks. */
function classify(text: string): StatementClass {
  const head = stripLeadingComments(text);
  if (/^(begin|start\s+transaction|commit|end|rollback|abort|savepoint|release|prepare\s+transaction)\b/i.test(head)) {
    return 'transaction-control';
  }
  if (/^(set|reset|show)\b/i.test(head)) return 'session-setting';
  return 'observable';
}

function stripLeadingComments(text: string): string {
  let rest = text.trimStart();
  for (;;) {
    if (rest.startsWith('--')) {
      const newline = rest.indexOf('\n');
      rest = newline === -1 ? '' : rest.slice(newline + 1).trimStart();
    } else if (rest.startsWith('/*')) {
      const close = rest.indexOf('*/');
      rest = close === -1 ? '' : rest.slice(close + 2).trimStart();
    } else {
      return rest;
    }
  }
}

/**
 * The server's error, placed where it pointed in the file (or at the statement's start). An error
 * without a SQLSTATE is no verdict on the statement (the connection broke): the run ends with it.
 */
function statementError(error: unknown, statement: ShadowStatementReport): ShadowStatementError {
  const { code, message, position } = pgError(error);
  if (!/^[0-9A-Z]{5}$/.test(code)) {
    throw new FaultlineError(`Lost the connection to PostgreSQL while applying ${statement.path}:${statement.line}: ${message}`, {
      cause: error,
      exitCode: 2,
      hint: 'Check that the server stayed up during the shadow run (its log names the reason).',
    });
  }
  let { line, column } = statement;
  if (position !== undefined && Number.isInteger(position) && position >= 1 && position <= statement.text.length) {
    const before = statement.text.slice(0, position - 1).split('\n');
    line += before.length - 1;
    column = before.length === 1 ? column + before[0]!.length : before[before.length - 1]!.length + 1;
  }
  return { message, sqlState: code, line, column };
}

function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
