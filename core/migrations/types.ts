/**
 * The vocabulary of the migration gate: statements with positions, the context a file builds up,
 * rules, and the findings they produce. Rule ids are public API (users configure them by id).
 */
import type { ColumnType } from './pg-types.ts';

export type Severity = 'error' | 'warning';

/** PostgreSQL table-level lock modes, weakest first. */
export type LockMode =
  | 'ACCESS SHARE'
  | 'ROW SHARE'
  | 'ROW EXCLUSIVE'
  | 'SHARE UPDATE EXCLUSIVE'
  | 'SHARE'
  | 'SHARE ROW EXCLUSIVE'
  | 'EXCLUSIVE'
  | 'ACCESS EXCLUSIVE';

/** What concurrent sessions cannot do while the lock is held. */
export type Blocked = 'reads' | 'writes';

/** A parse-tree node as libpg-query returns it: `{ IndexStmt: {...} }` (one key). */
export type PgNode = Record<string, unknown>;

export interface Statement {
  /** The node under its type key, e.g. the object inside `{ IndexStmt: … }`. */
  node: Record<string, unknown>;
  /** The node type, e.g. `IndexStmt`, `AlterTableStmt`. */
  kind: string;
  /** The statement's SQL as written (for `DO` blocks: the inner statement). */
  text: string;
  path: string;
  /** 1-based position of the statement's first token in the file. */
  line: number;
  column: number;
  /** Character offset of the statement's first token in the file. */
  offset: number;
  /** Set when the statement was found inside a `DO` block (it runs at migration time). */
  fromDoBlock?: boolean;
  /** The (outermost) DO statement this statement runs in: all of them share one transaction. */
  doBlock?: { line: number; column: number; offset: number };
  /** Position in the file's statement list (0-based), after DO-block expansion. */
  index: number;
  /**
   * Maps a node's `location` (parser byte offset) to a character offset in `text`, or undefined
   * when it falls outside the statement; lets rules quote the user's own SQL for a sub-clause.
   */
  textAt?(location: number): number | undefined;
}

/** A relation reference normalised for comparison: lower-cased unless quoted, schema optional. */
export interface RelationName {
  schema?: string;
  name: string;
}

/**
 * What the file has done so far, as seen just before the statement being checked. Rules read it;
 * only the engine changes it (after all rules saw the statement).
 */
export interface MigrationContext {
  pgVersion: number;
  path: string;
  /** True when the relation was created earlier in this file (new and empty: safe to change). */
  isNewRelation(relation: RelationName): boolean;
  /** Depth of explicit transactions: 0 outside BEGIN…COMMIT (each statement autocommits). */
  transactionDepth: number;
  /**
   * Whether the statement runs inside a transaction block: an explicit BEGIN, or the file is run
   * by a tool that wraps every migration in one (config `migrations.assume-transaction`).
   */
  inTransaction: boolean;
  /** Effective lock_timeout in milliseconds; undefined when none is set (or set to 0). */
  lockTimeoutMs: number | undefined;
  /** Effective statement_timeout in milliseconds; undefined when none. */
  statementTimeoutMs: number | undefined;
  /** A validated `CHECK (col IS NOT NULL)` exists for table.column (makes SET NOT NULL cheap). */
  hasValidatedNotNullCheck(relation: RelationName, column: string): boolean;
  /** Constraints added NOT VALID inside the current transaction, by name. */
  notValidConstraintsInTransaction: ReadonlyMap<string, NotValidConstraint>;
  /** Relations locked ACCESS EXCLUSIVE in the current transaction (keys from `relationKey`). */
  accessExclusiveInTransaction: ReadonlySet<string>;
  /** A stable key for a relation (schema-less: `name`), as used in `accessExclusiveInTransaction`. */
  relationKey(relation: RelationName): string;
  /** Where the open explicit transaction began (its BEGIN), or undefined when none is open. */
  openTransaction: { line: number; column: number } | undefined;
  /** True while the statements of one DO block run (they share one transaction). */
  inDoBlock: boolean;
  /**
   * At least the UTF-8 length of every identifier written in the file's own text (outside literals,
   * comments and DO bodies); Infinity when not known. Identifier checks skip files below the limit.
   */
  longestNameBytes: number;
  /** The file runs inside a transaction the migration tool opens (config `assume-transaction`). */
  assumeTransaction: boolean;
  /**
   * With assume-transaction: the tool's transaction is open (it starts open; a COMMIT in the file
   * ends it, and the `COMMIT; CREATE INDEX CONCURRENTLY …; BEGIN;` idiom opens it again).
   */
  toolTransactionOpen: boolean;
  /** With assume-transaction: where the file last ended the tool's transaction, while it stays ended. */
  toolTransactionEndedAt: { line: number; column: number; kind: 'COMMIT' | 'ROLLBACK' } | undefined;
  /** Enum values added (`ALTER TYPE … ADD VALUE`) in the current transaction, by enum type name. */
  enumValuesAddedInTransaction: ReadonlyMap<string, ReadonlySet<string>>;
  /** True when this file already created that column (CREATE TABLE or ADD COLUMN). */
  hasColumnFromFile(relation: RelationName, column: string): boolean;
  /**
   * The type of a column as the linted migrations declared it (this file or one linted before it
   * in the same run), or undefined when it was created elsewhere.
   */
  columnType(relation: RelationName, column: string): ColumnType | undefined;
}

export interface NotValidConstraint {
  table: RelationName;
  type: 'check' | 'foreign key';
}

/** What a rule reports for one statement; the engine adds rule id, severity, path and position. */
export interface RuleHit {
  message: string;
  /** The table-level lock the statement takes, or null when it takes none worth naming. */
  lock: LockMode | null;
  blocks: Blocked[];
  /** True when the statement rewrites the whole table (or index) under its lock. */
  rewrite: boolean;
  /** The safe alternative, as concrete SQL (or a short instruction when no SQL fits). */
  fix: string;
  /** Overrides the statement's position (e.g. the offending column definition). */
  line?: number;
  column?: number;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** The severity under `profile: strict`, when it differs from the default. */
  strictSeverity?: Severity;
  /** One line: what the rule catches (docs and SARIF rule metadata). */
  summary: string;
  /** Longer explanation: the lock, why it hurts, the safe rewrite (docs, SARIF help). */
  description: string;
  /**
   * The statement kinds (`IndexStmt`, `AlterTableStmt`, `SyntaxError`…) the rule can report on; the
   * engine calls `check` only for these. Omitted: every statement.
   */
  kinds?: readonly string[];
  check(statement: Statement, context: MigrationContext): RuleHit[];
  /** File-level checks after the last statement (e.g. a transaction left open). */
  checkEnd?(context: MigrationContext): RuleHit[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  message: string;
  lock: LockMode | null;
  blocks: Blocked[];
  rewrite: boolean;
  fix: string | null;
  /** The statement's SQL (shortened), for tables in summaries. */
  statement?: string;
  /**
   * Where the statement ends (exclusive: the column after its `;`), when the finding is about a
   * whole statement; SARIF regions and fixes use it.
   */
  endLine?: number;
  endColumn?: number;
  /** The fix can replace the statement as written (a top-level statement, not one inside a DO body). */
  fixReplacesStatement?: boolean;
  /** `static` for rule findings, `shadow` for what the shadow run observed. */
  source?: 'static' | 'shadow';
}

export interface FileReport {
  path: string;
  findings: Finding[];
  /** Number of statements analysed, after DO-block expansion. */
  statements: number;
  /** Set when the file was not checked (too large, not text, a link, too many statements): see refusedFile. */
  refused?: true;
}

export interface LintReport {
  version: 1;
  files: FileReport[];
}
