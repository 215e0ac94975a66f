/**
 * The shadow run: applies migration files, in order, to a scratch database created for the run on
 * the user's server (dropped afterwards, also on failure), and observes for every statement the
 * locks it took, whether it rewrote a table and how long it took.
 *
 * Locks are read from pg_locks inside the statement's own transaction, where PostgreSQL keeps them
 * until commit: a statement outside a transaction block is wrapped in one (BEGIN … observe …
 * COMMIT), one inside the file's own BEGIN…COMMIT is observed in place without nesting. Statements
 * that refuse a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, …; SQLSTATE 25001) run bare
 * while a second session polls pg_locks. Each file gets a fresh session, as `psql -f` would.
 */
import { randomBytes } from 'node:crypto';
import { FaultlineError } from '../errors.ts';
import { describeDatabaseUrl, formatTarget, pgConnector } from './pg-client.ts';
import { shadowFindingsFor } from './shadow-findings.ts';
import {
  backendPid,
  type HeldLock,
  lockTimeoutMs,
  locksOf,
  newLocks,
  pollLocksWhile,
  type RelationInfo,
  rewrittenRelations,
  snapshotRelations,
} from './shadow-observe.ts';
import type {
  ShadowClient,
  ShadowConnect,
  ShadowFile,
  ShadowFileReport,
  ShadowLock,
  ShadowOptions,
  ShadowReport,
  ShadowStatement,
  ShadowStatementError,
  ShadowStatementReport,
} from './shadow-types.ts';
import type { Finding } from './types.ts';

export { mergeShadowFindings, SHADOW_RULES } from './shadow-findings.ts';
export type * from './shadow-types.ts';

const SCRATCH_PREFIX = 'faultline_shadow_';
const CANNOT_RUN_IN_TRANSACTION = '25001';

/** Shadow run against the server a `postgres://` URL names (the URL's database is left alone). */
export async function shadowRunAgainst(url: string, files: ShadowFile[], options: ShadowOptions = {}): Promise<ShadowReport> {
  const target = formatTarget(describeDatabaseUrl(url));
  return shadowRun(files, pgConnector(url), { target, ...options });
}

export async function shadowRun(files: ShadowFile[], connect: ShadowConnect, options: ShadowOptions = {}): Promise<ShadowReport> {
  const target = options.target ?? 'the database server';
  const admin = await connect();
  try {
    const { rows } = await admin.query('SHOW server_version_num');
    const serverVersion = Number(rows[0]?.server_version_num);
    const database = SCRATCH_PREFIX + (options.randomSuffix?.() ?? randomBytes(6).toString('hex'));
    await createScratchDatabase(admin, database, target);
    // The scratch database is dropped whatever happened; a failed drop must not hide the error
    // that ended the run, and after a successful run it is the error.
    const applied = await applyFiles(files, connect, database, serverVersion, options).then(
      (report) => ({ report }),
      (error: unknown) => ({ error }),
    );
    const dropFailure = await dropScratchDatabase(admin, database, serverVersion).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    if ('error' in applied) throw applied.error;
    if (dropFailure) {
      throw new FaultlineError(`Could not drop the shadow run's scratch database "${database}" on ${target}`, {
        cause: dropFailure.error,
        exitCode: 1,
        hint: `Drop it by hand: DROP DATABASE "${database}";`,
      });
    }
    return applied.report;
  } finally {
    await admin.end().catch(() => {});
  }
}

async function createScratchDatabase(admin: ShadowClient, database: string, target: string): Promise<void> {
  try {
    // template0: the run must not inherit whatever someone put into template1.
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE template0`);
  } catch (error) {
    const { code, message } = pgError(error);
    if (code === '42501') {
      const { rows } = await admin.query('SELECT current_user AS name').catch(() => ({ rows: [] as Record<string, unknown>[] }));
      const role = rows[0]?.name ? `role "${String(rows[0].name)}"` : 'the role in database-url';
      throw new FaultlineError(`The shadow run needs to create a scratch database on ${target}, but ${role} may not create databases`, {
        cause: error,
        exitCode: 2,
        hint: `Grant it (ALTER ROLE ... CREATEDB) or use a role that has it, e.g. the postgres superuser of a CI service container.`,
      });
    }
    throw new FaultlineError(`Could not create the shadow run's scratch database on ${target}: ${message}`, {
      cause: error,
      exitCode: 2,
      hint: 'The shadow run creates and drops its own database; check that the server accepts CREATE DATABASE.',
    });
  }
}

async function dropScratchDatabase(admin: ShadowClient, database: string, serverVersion: number): Promise<void> {
  if (serverVersion >= 130000) {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    return;
  }
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
  await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
}

async function applyFiles(
  files: ShadowFile[],
  connect: ShadowConnect,
  database: string,
  serverVersion: number,
  options: ShadowOptions,
): Promise<ShadowReport> {
  const statements: ShadowStatementReport[] = [];
  const findings: Finding[] = [];
  const fileReports: ShadowFileReport[] = [];
  let failed = false;
  const observer = await connect(database);
  try {
    for (const file of files) {
      const fileReport: ShadowFileReport = {
        path: file.path,
        statements: file.statements.length,
        applied: 0,
        openTransactionRolledBack: false,
      };
      fileReports.push(fileReport);
      if (failed) continue;
      const session = await connect(database);
      try {
        await session.query(`SET statement_timeout = ${Math.max(0, Math.trunc(options.statementTimeoutMs ?? 60_000))}`);
        const pid = await backendPid(session);
        const existing = new Set((await snapshotRelations(session)).keys());
        const run = new StatementRunner(session, observer, pid, existing, options.pollIntervalMs ?? 1);
        for (const statement of file.statements) {
          // Context files only build the schema: applying them plainly keeps a long history cheap.
          const observed = await run.apply(file.path, statement, !file.contextOnly);
          statements.push(observed);
          if (!file.contextOnly || observed.error) findings.push(...shadowFindingsFor(observed));
          if (observed.error) {
            failed = true;
            break;
          }
          fileReport.applied++;
        }
        if (!failed && session.transactionStatus() !== 'idle') {
          fileReport.openTransactionRolledBack = true;
          await session.query('ROLLBACK');
        }
      } finally {
        await session.end().catch(() => {});
      }
    }
  } finally {
    await observer.end().catch(() => {});
  }
  return { database, serverVersion, files: fileReports, statements, findings, completed: !failed };
}

type StatementClass = 'transaction-control' | 'session-setting' | 'observable';

/** Applies one file's statements on its session and observes each. */
class StatementRunner {
  private readonly session: ShadowClient;
  private readonly observer: ShadowClient;
  private readonly pid: number;
  /** Relations that existed when the file started: they stand for production tables. */
  private readonly existing: ReadonlySet<number>;
  private readonly pollIntervalMs: number;

  constructor(session: ShadowClient, observer: ShadowClient, pid: number, existing: ReadonlySet<number>, pollIntervalMs: number) {
    this.session = session;
    this.observer = observer;
    this.pid = pid;
    this.existing = existing;
    this.pollIntervalMs = pollIntervalMs;
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
      await this.session.query('COMMIT');
    } catch (error) {
      // Deferred constraints are checked at COMMIT: the failure belongs to this statement.
      report.error = statementError(error, report);
      return;
    }
    this.record(report, locks, before, after);
  }

  /** For statements that cannot run in a transaction block: poll pg_locks from the observer. */
  private async observeFromSecondSession(report: ShadowStatementReport, before: Map<number, RelationInfo>) {
    report.observedBy = 'second-connection';
    const started = performance.now();
    const { locks, outcome } = await pollLocksWhile(this.observer, this.pid, this.pollIntervalMs, () =>
      this.session.query(report.text),
    );
    report.durationMs = roundMs(performance.now() - started);
    if (outcome.status === 'rejected') {
      report.error = statementError(outcome.reason, report);
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
      await this.session.query(report.text);
      return true;
    } catch (error) {
      if (keep(error)) report.error = statementError(error, report);
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

function pgError(error: unknown): { code: string; message: string; position?: number } {
  const { code, position } = error as { code?: unknown; position?: unknown };
  return {
    code: typeof code === 'string' ? code : '',
    message: error instanceof Error ? error.message : String(error),
    position: position === undefined || position === null ? undefined : Number(position),
  };
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
