/**
 * The shadow run's own findings, as rules: ids (public API, like the static rules') with the
 * summary and explanation that SARIF rule entries and the rules page carry. What each observation
 * means is decided in shadow-findings.ts; this is what a reader is told about it.
 */
import type { Severity } from './types.ts';

export const SHADOW_RULES = {
  statementFailed: 'shadow-statement-failed',
  tableRewrite: 'shadow-table-rewrite',
  accessExclusive: 'shadow-access-exclusive',
  blocksWrites: 'shadow-blocks-writes',
  refused: 'shadow-refused',
  deadline: 'shadow-deadline',
} as const;

export interface ShadowRuleInfo {
  id: (typeof SHADOW_RULES)[keyof typeof SHADOW_RULES];
  defaultSeverity: Severity;
  summary: string;
  description: string;
}

const SCOPE =
  'Only relations that existed before the file started count: tables the same file created are new and empty. ' +
  'A hazard a static rule already reported on the same statement is not reported again.';

export const shadowRules: readonly ShadowRuleInfo[] = [
  {
    id: SHADOW_RULES.statementFailed,
    defaultSeverity: 'error',
    summary: 'The shadow run could not apply a statement: PostgreSQL refused it',
    description:
      'With a database URL, the files are applied in order to a scratch database created for the run. ' +
      'This statement failed there, with the PostgreSQL error and SQLSTATE in the message, so it fails in ' +
      'production too (the statements after it were not applied). Common causes: an object a previous ' +
      'migration was expected to create, a typo, or a statement that cannot run inside a transaction block. ' +
      'Reproduce with `psql -v ON_ERROR_STOP=1 -f FILE` against an empty database.',
  },
  {
    id: SHADOW_RULES.tableRewrite,
    defaultSeverity: 'error',
    summary: 'The shadow run saw a table or index rewritten (its storage file changed)',
    description:
      'The relation got a new relfilenode while the statement ran: PostgreSQL copied every row into new ' +
      'storage, holding its lock (usually ACCESS EXCLUSIVE: no reads, no writes) until the copy finished, ' +
      'which on a production-sized table takes minutes. Change the schema without a copy instead: add a new ' +
      'column, backfill it in batches, switch readers and writers over, and drop the old column in a later ' +
      `migration. ${SCOPE}`,
  },
  {
    id: SHADOW_RULES.accessExclusive,
    defaultSeverity: 'warning',
    summary: 'The shadow run saw ACCESS EXCLUSIVE taken on an existing relation with no lock_timeout',
    description:
      'Even a catalog-only change (ADD COLUMN without a default, a rename) needs ACCESS EXCLUSIVE for an ' +
      'instant. Without lock_timeout the statement waits behind any long-running query, and every later read ' +
      "and write of the table queues behind it: an outage while nothing seems to happen. Set `SET lock_timeout = '2s';` " +
      `before the statement and retry the migration when it times out. ${SCOPE}`,
  },
  {
    id: SHADOW_RULES.blocksWrites,
    defaultSeverity: 'warning',
    summary: 'The shadow run saw a lock that blocks writes (SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE) on an existing relation',
    description:
      'Inserts, updates and deletes on the relation wait for as long as the statement runs, for example a ' +
      'CREATE INDEX without CONCURRENTLY or a foreign key validated in the same statement. Use the ' +
      'non-blocking form where one exists: CREATE INDEX CONCURRENTLY, or ADD CONSTRAINT … NOT VALID followed ' +
      `by VALIDATE CONSTRAINT in its own transaction. ${SCOPE}`,
  },
  {
    id: SHADOW_RULES.refused,
    defaultSeverity: 'error',
    summary: 'The shadow run refused to execute a file that reaches outside the database',
    description:
      'The shadow run executes pull-request SQL on your database server, as a role without privileges that it ' +
      'creates for the run. Before that, it refuses files with statements that reach outside the database: ' +
      '`COPY … TO/FROM PROGRAM` (a shell command), `COPY` to or from a server file, `lo_import`/`lo_export` and ' +
      '`pg_read_file`-style functions, `ALTER SYSTEM`, `CREATE EXTENSION`/`CREATE LANGUAGE`, and functions or DO ' +
      'blocks in untrusted languages (plpython3u, plperlu, C…), also inside DO and function bodies. Nothing is ' +
      'applied when a file is refused. Have an administrator apply such changes outside pull-request migrations.',
  },
  {
    id: SHADOW_RULES.deadline,
    defaultSeverity: 'error',
    summary: "A statement ran past the shadow run's deadline and was cancelled",
    description:
      'Every statement of the shadow run has a deadline (60 s unless configured) that the file cannot extend: a ' +
      'second connection cancels the statement when it passes (pg_cancel_backend, then pg_terminate_backend), ' +
      'whatever `statement_timeout` the file sets. On production data the statement would take at least as long, ' +
      'holding its locks: batch the work, or build indexes CONCURRENTLY.',
  },
];
