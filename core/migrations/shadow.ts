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
import { preCreateDumpExtensions } from './shadow-extensions.ts';
import { fixForStart, shadowFindingsFor } from './shadow-findings.ts';
import {
  backendPid,
  snapshotRelations,
} from './shadow-observe.ts';
import {
  createScratchDatabase,
  createShadowRole,
  dropScratchDatabase,
  dropShadowRole,
  handOverScratch,
  templateUnavailable,
  withoutPsqlCommands,
} from './shadow-scratch.ts';
import { dumpForRole, screenShadowFile } from './shadow-screen.ts';
import type {
  ShadowClient,
  ShadowConnect,
  ShadowFile,
  ShadowFileReport,
  ShadowLogin,
  ShadowOptions,
  ShadowReport,
  ShadowStatementReport,
} from './shadow-types.ts';
import { loadParser } from './sql-parser.ts';
import { StatementRunner } from './shadow-statement-runner.ts';
import type { Finding } from './types.ts';

export { mergeShadowFindings, SHADOW_RULES } from './shadow-findings.ts';
export type * from './shadow-types.ts';

const SCRATCH_PREFIX = 'faultline_shadow_';
/** SQLSTATE of a statement cancelled by statement_timeout or pg_cancel_backend. */
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
    // Extensions the role may not create but the URL's database has: the dump's types need them.
    if (start.kind === 'dump') await preCreateDumpExtensions(admin, adminOnScratch, start.file, facts.serverVersion);
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
  const total = files.reduce((sum, file) => sum + file.statements.length, 0);
  let sent = 0;
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
          options.onProgress?.(sent++, total, `${file.path}:${statement.line}`);
          // Context files only build the schema: applying them plainly keeps a long history cheap.
          const observed = await run.apply(file.path, statement, !file.contextOnly);
          statements.push(observed);
          if (!file.contextOnly || observed.error) {
            const fix = observed.error ? fixForStart(observed.error.sqlState, observed.text, options.start ?? { kind: 'template' }) : undefined;
            findings.push(...shadowFindingsFor(observed).map((finding) => (fix ? { ...finding, fix } : finding)));
          }
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
  options.onProgress?.(sent, total);
  return { database, serverVersion, files: fileReports, statements, findings, completed: !failed };
}
