/**
 * The vocabulary of the shadow run: migration files applied to a scratch database on a real
 * PostgreSQL server while their locks, rewrites and timings are observed.
 */
import type { Finding, LockMode } from './types.ts';

export interface ShadowStatement {
  /** The statement's SQL as written, without the terminating semicolon. */
  text: string;
  /** 1-based position of the statement's first token in the file. */
  line: number;
  column: number;
  /** Position in the file's statement list (0-based). */
  index: number;
}

export interface ShadowFile {
  path: string;
  statements: ShadowStatement[];
  /**
   * Applied to build the schema but neither observed nor reported on (e.g. migrations already
   * deployed that the files under review build on). A failure in such a file is still reported.
   */
  contextOnly?: boolean;
}

/** PostgreSQL's transaction status after the last command (the protocol's ReadyForQuery). */
export type TransactionStatus = 'idle' | 'in-transaction' | 'failed';

/**
 * A tiny view of one PostgreSQL session. `query` rejects with an Error that carries the SQLSTATE in
 * `code` (and a 1-based character `position` in the SQL, when the server gave one).
 */
export interface ShadowClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  transactionStatus(): TransactionStatus;
  end(): Promise<void>;
}

/** Another role's login (the unprivileged role the shadow run creates for the migration sessions). */
export interface ShadowLogin {
  user: string;
  password: string;
}

/**
 * Opens a session on the server; without `database`, on the database the user named (where the
 * scratch database is created and dropped); with `login`, as that role instead of the URL's.
 * Fails with a FaultlineError naming host and port.
 */
export type ShadowConnect = (database?: string, login?: ShadowLogin) => Promise<ShadowClient>;

/**
 * What the scratch database starts as: a copy of the URL's database (`template`), nothing
 * (`empty`: the history is among the files), or a schema dump loaded first (`dump`).
 */
export type ShadowStart = { kind: 'template' } | { kind: 'empty' } | { kind: 'dump'; file: ShadowFile };

export interface ShadowOptions {
  /** Milliseconds between pg_locks polls while a statement runs outside a transaction; default 1. */
  pollIntervalMs?: number;
  /**
   * Deadline of each statement, in ms; default 60000. Enforced from a second connection
   * (pg_cancel_backend, then pg_terminate_backend): a `SET statement_timeout` in a file cannot extend it.
   */
  statementTimeoutMs?: number;
  /** After a cancel, how long a statement may take to stop before its backend is terminated; default 2000. */
  cancelGraceMs?: number;
  /** What the scratch database starts as; default a copy of the URL's database (template). */
  start?: ShadowStart;
  /**
   * The schema of the URL's database as SQL (pg_dump --schema-only), for when it cannot serve as
   * a template (other sessions use it, or the role may not copy it). shadowRunAgainst provides it.
   */
  schemaOnlyDump?: () => Promise<string>;
  /** Names the server in error messages, e.g. `127.0.0.1:5432` (never with a password). */
  target?: string;
  /** Suffix generator for the scratch database name (tests); default 12 random hex characters. */
  randomSuffix?: () => string;
  /**
   * Progress: called before each statement is sent (with the statements finished so far, of all
   * files, and the statement's place as `path:line`) and once at the end. For display only.
   */
  onProgress?: (applied: number, total: number, at?: string) => void;
}

export interface ShadowLock {
  /** The relation as `regclass` prints it (schema-qualified when not on the search_path). */
  relation: string;
  mode: LockMode;
  /** True when the relation existed before the statement's file started (it stands for production). */
  preExisting: boolean;
}

export interface ShadowRewrite {
  relation: string;
  /** True when the relation existed before the statement's file started. */
  preExisting: boolean;
}

/** How the statement's locks were seen. */
export type ObservedBy =
  /** pg_locks of its own session, at the end of the statement, inside its transaction. */
  | 'own-session'
  /** pg_locks polled from a second connection while it ran (it cannot run in a transaction block). */
  | 'second-connection'
  /** Transaction control, session settings, and statements of context-only files. */
  | 'not-observed';

export interface ShadowStatementError {
  message: string;
  /** Five-character SQLSTATE, e.g. `42P01`. */
  sqlState: string;
  /** Where Postgres pointed in the file (the statement's start when it gave no position). */
  line: number;
  column: number;
}

export interface ShadowStatementReport {
  path: string;
  line: number;
  column: number;
  index: number;
  text: string;
  observedBy: ObservedBy;
  /**
   * Table-level locks the statement acquired. Inside a transaction, locks an earlier statement of
   * the same transaction already holds are not repeated.
   */
  locks: ShadowLock[];
  /** Tables (and indexes, when not along with their table) whose storage was replaced. */
  rewrote: ShadowRewrite[];
  durationMs: number;
  /** `lock_timeout` in force when the statement started, in ms (0: waits forever). */
  lockTimeoutMs: number;
  error?: ShadowStatementError;
  /** Set when the statement ran past the deadline and the run cancelled it (then `error` says so too). */
  deadlineExceeded?: boolean;
}

export interface ShadowFileReport {
  path: string;
  statements: number;
  applied: number;
  /** The file ended inside a transaction block, which was rolled back as psql would at disconnect. */
  openTransactionRolledBack: boolean;
}

export interface ShadowReport {
  /** The scratch database the files were applied to (already dropped). */
  database: string;
  /** server_version_num, e.g. 150018. */
  serverVersion: number;
  files: ShadowFileReport[];
  statements: ShadowStatementReport[];
  /** Observed hazards and failures (`source: 'shadow'`); merge with static ones via mergeShadowFindings. */
  findings: Finding[];
  /** False when a statement failed and the statements after it were not applied, or the run was refused. */
  completed: boolean;
  /** What the scratch database started as, in words ("a copy of database \"app\"", "empty", "the schema dump …"). */
  startedFrom?: string;
  /** The unprivileged role the migration sessions ran as (dropped with the database). */
  role?: string;
  /** True when the screen refused a file and nothing was applied (`findings` say why). */
  refused?: boolean;
}
