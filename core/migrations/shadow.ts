/**
 * The shadow run: applies migration files, in order, to a scratch database created for the run on
 * the user's server (dropped afterwards, also on failure), and observes for every statement the
 * locks it took, whether it rewrote a table and how long it took.
 *
 * The files are pull-request SQL. They are screened first (shadow-screen.ts: nothing that reaches
 * outside the database is sent), then applied as an unprivileged role created for the run
 * (shadow-scratch.ts), and every statement has a deadline enforced from a second connection, so a
 * `SET statement_timeout` in a file cannot extend it.
 *
 * The scratch database starts as a copy of the URL's database (template; a schema-only copy when
 * the database is in use), empty, or from a schema dump (ShadowOptions.start).
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
import {
  createScratchDatabase,
  createShadowRole,
  dropScratchDatabase,
  dropShadowRole,
  handOverScratch,
  pgError,
  templateUnavailable,
  withoutPsqlCommands,
} from './shadow-scratch.ts';
import { dumpForRole, screenShadowFile } from './shadow-screen.ts';
import type {
  ShadowClient,
  ShadowConnect,
  ShadowFile,
  ShadowFileReport,
  ShadowLock,
  ShadowLogin,
  ShadowOptions,
  ShadowReport,
  ShadowStatement,
  ShadowStatementError,
  ShadowStatementReport,
} from './shadow-types.ts';
import { loadParser } from './sql-parser.ts';
import type { Finding } from './types.ts';

export { mergeShadowFindings, SHADOW_RULES } from './shadow-findings.ts';
export type * from './shadow-types.ts';

const SCRATCH_PREFIX = 'faultline_shadow_';
const CANNOT_RUN_IN_TRANSACTION = '25001';
/** SQLSTATE of a statement cancelled by statement_timeout or pg_cancel_backend. */
const QUERY_CANCELED = '57014';
const DEFAULT_DEADLINE_MS = 60_000;
const DEFAULT_CANCEL_GRACE_MS = 2_000;

/** Shadow run against the server a `postgres://` URL names (the URL's database is only read). */
export async function shadowRunAgainst(url: string, files: ShadowFile[], options: ShadowOptions = {}): Promise<ShadowReport> {
  const target = formatTarget(describeDatabaseUrl(url));
  const { dumpSchemaOnly } = await import('./shadow-schema-copy.ts');
  return shadowRun(files, pgConnector(url), { target, schemaOnlyDump: () => dumpSchemaOnly(url), ...options });
}

interface ServerFacts {
  serverVersion: number;
  database: string;
  user: string;
  superuser: boolean;
  createdb: boolean;
  createrole: boolean;
}

const FACTS_SQL = `SELECT current_setting('server_version_num') AS server_version_num, current_database() AS database,
       r.rolname AS user, r.rolsuper AS superuser, r.rolcreatedb AS createdb, r.rolcreaterole AS createrole
  FROM pg_roles r WHERE r.rolname = current_user`;

async function serverFacts(admin: ShadowClient): Promise<ServerFacts> {
  const { rows } = await admin.query(FACTS_SQL);
  const row = rows[0] ?? {};
  return {
    serverVersion: Number(row.server_version_num),
    database: String(row.database ?? ''),
    user: String(row.user ?? ''),
    superuser: row.superuser === true,
    createdb: row.createdb === true,
    createrole: row.createrole === true,
  };
}

/** The grant the connecting role needs, checked before anything is created. */
function checkPrivileges(facts: ServerFacts, target: string): void {
  if (facts.superuser || (facts.createdb && facts.createrole)) return;
  const missing = [facts.createdb ? '' : 'create databases', facts.createrole ? '' : 'create roles'].filter(Boolean).join(' or ');
  throw new FaultlineError(`The shadow run needs to create a scratch database and a role on ${target}, but role "${facts.user}" may not ${missing}`, {
    exitCode: 2,
    hint:
      `Grant it: ALTER ROLE "${facts.user}" CREATEDB CREATEROLE; (or use a superuser such as the postgres user of a CI service container). ` +
      'The migrations themselves run as an unprivileged role the shadow run creates and drops.',
  });
}

/** A session on another database than the one to copy: a template may not have other sessions. */
async function maintenanceSession(connect: ShadowConnect, copied: string): Promise<ShadowClient | undefined> {
  for (const database of ['postgres', 'template1']) {
    if (database === copied) continue;
    try {
      return await connect(database);
    } catch {
      // try the next one; without any, the schema-only copy takes over
    }
  }
  return undefined;
}

function refusedReport(files: ShadowFile[], serverVersion: number, findings: Finding[], startedFrom: string): ShadowReport {
  return {
    database: '',
    serverVersion,
    files: files.map((file) => ({ path: file.path, statements: file.statements.length, applied: 0, openTransactionRolledBack: false })),
    statements: [],
    findings,
    completed: false,
    startedFrom,
    refused: true,
  };
}

export async function shadowRun(files: ShadowFile[], connect: ShadowConnect, options: ShadowOptions = {}): Promise<ShadowReport> {
  const target = options.target ?? 'the database server';
  const start = options.start ?? { kind: 'template' };
  let admin = await connect();
  try {
    const facts = await serverFacts(admin);
    checkPrivileges(facts, target);
    await loadParser();
    const refusals = [
      ...(start.kind === 'dump' ? screenShadowFile(start.file, { allowExtensions: true }) : []),
      ...files.flatMap((file) => screenShadowFile(file)),
    ];
    if (refusals.length > 0) return refusedReport(files, facts.serverVersion, refusals, describeStart(start, facts.database));

    const suffix = options.randomSuffix?.() ?? randomBytes(6).toString('hex');
    const database = SCRATCH_PREFIX + suffix;
    const login: ShadowLogin = { user: SCRATCH_PREFIX + suffix, password: randomBytes(18).toString('hex') };
    if (start.kind === 'template') {
      const maintenance = await maintenanceSession(connect, facts.database);
      if (maintenance) {
        await admin.end().catch(() => {});
        admin = maintenance;
      }
    }
    await createShadowRole(admin, login.user, login.password, facts.superuser, target);
    // The database and the role go whatever happened; a failed drop must not hide the error that
    // ended the run, and after a successful run it is the error.
    const applied = await prepareAndApply(files, connect, admin, database, login, facts, options).then(
      (report) => ({ report }),
      (error: unknown) => ({ error }),
    );
    const dropFailure = await dropScratchDatabase(admin, database, facts.serverVersion)
      .then(() => dropShadowRole(admin, login.user))
      .then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
    if ('error' in applied) throw applied.error;
    if (dropFailure) {
      throw new FaultlineError(`Could not drop the shadow run's scratch database "${database}" or its role on ${target}`, {
        cause: dropFailure.error,
        exitCode: 1,
        hint: `Drop them by hand: DROP DATABASE "${database}"; DROP ROLE "${login.user}";`,
      });
    }
    return applied.report;
  } finally {
    await admin.end().catch(() => {});
  }
}

function describeStart(start: NonNullable<ShadowOptions['start']>, copied: string): string {
  if (start.kind === 'dump') return `the schema dump ${start.file.path}`;
  if (start.kind === 'empty') return 'an empty database';
  return `a copy of database "${copied}"`;
}

/** Creates the scratch database as `start` says, hands it to the role, and applies the files. */
async function prepareAndApply(
  files: ShadowFile[],
  connect: ShadowConnect,
  admin: ShadowClient,
  database: string,
  login: ShadowLogin,
  facts: ServerFacts,
  options: ShadowOptions,
): Promise<ShadowReport> {
  const target = options.target ?? 'the database server';
  const start = options.start ?? { kind: 'template' };
  let startedFrom = describeStart(start, facts.database);
  let schemaScript: string | undefined;
  if (start.kind === 'template') {
    try {
      await createScratchDatabase(admin, database, facts.database, target);
    } catch (error) {
      if (!templateUnavailable(error)) throw error;
      if (!options.schemaOnlyDump) throw error;
      // In use by other sessions (or not ours to copy): copy its schema instead of the whole database.
      await createScratchDatabase(admin, database, 'template0', target);
      schemaScript = withoutPsqlCommands(await options.schemaOnlyDump());
      startedFrom = `a schema-only copy of database "${facts.database}" (it was in use, so it could not serve as a template)`;
    }
  } else {
    // template0: the run must not inherit whatever someone put into template1.
    await createScratchDatabase(admin, database, 'template0', target);
  }
  const adminOnScratch = await connect(database);
  try {
    if (schemaScript !== undefined) await adminOnScratch.query(schemaScript);
    await handOverScratch(adminOnScratch, database, login.user);
  } finally {
    await adminOnScratch.end().catch(() => {});
  }
  const applied = start.kind === 'dump' ? [{ ...dumpForRole(start.file), contextOnly: true }, ...files] : files;
  const report = await applyFiles(applied, (db) => connect(db, login), connect, admin, database, facts.serverVersion, options);
  const where = `Shadow run on ${startedFrom}.`;
  return {
    ...report,
    // The dump is input, not a migration under review: only its failures are reported.
    files: start.kind === 'dump' ? report.files.slice(1) : report.files,
    findings: report.findings.map((finding) => ({ ...finding, message: `${finding.message} (${where})` })),
    startedFrom,
    role: login.user,
  };
}

async function applyFiles(
  files: ShadowFile[],
  connectAsRole: (database: string) => Promise<ShadowClient>,
  connectAsAdmin: ShadowConnect,
  guard: ShadowClient,
  database: string,
  serverVersion: number,
  options: ShadowOptions,
): Promise<ShadowReport> {
  const statements: ShadowStatementReport[] = [];
  const findings: Finding[] = [];
  const fileReports: ShadowFileReport[] = [];
  const deadlineMs = Math.max(1, Math.trunc(options.statementTimeoutMs ?? DEFAULT_DEADLINE_MS));
  let failed = false;
  const observer = await connectAsAdmin(database);
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
      const session = await connectAsRole(database);
      try {
        // The server's own limit as a first line; the guard below is the one a file cannot lift.
        await session.query(`SET statement_timeout = ${deadlineMs}`);
        const pid = await backendPid(session);
        const existing = new Set((await snapshotRelations(session)).keys());
        const run = new StatementRunner(session, observer, pid, existing, options.pollIntervalMs ?? 1, {
          guard,
          deadlineMs,
          graceMs: options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS,
        });
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

/** Who stops a statement that runs too long: a session the file cannot reach, and when. */
interface Deadline {
  guard: ShadowClient;
  deadlineMs: number;
  graceMs: number;
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
