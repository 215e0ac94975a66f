/**
 * What a migration file has done so far: relations and columns it created (new and empty, so safe
 * to change), the transaction it is in, the lock_timeout in force, constraints added NOT VALID or
 * validated, and the ACCESS EXCLUSIVE locks held. The engine shows each statement the state as it
 * was just before it, then calls `apply`.
 */
import { alterCommands, constraintOf, notNullColumns, relationFromNames, relationOf, stringList } from './ast.ts';
import { KnownColumnTypes } from './column-types.ts';
import type { ColumnType } from './pg-types.ts';
import { FileState, type Timeouts } from './file-state.ts';
import { changesFromSelect, changesFromSet, type SettingChange, type TimeoutSetting } from './settings.ts';
import type { RelationLock } from './locks.ts';
import type { MigrationContext, NotValidConstraint, RelationName, Statement } from './types.ts';

export interface ContextOptions {
  pgVersion: number;
  path: string;
  assumeTransaction?: boolean;
  /** Column types declared by the files linted before this one (shared across a run). */
  columnTypes?: KnownColumnTypes;
}


const RELATION_OBJECTS = new Set([
  'OBJECT_TABLE',
  'OBJECT_INDEX',
  'OBJECT_MATVIEW',
  'OBJECT_VIEW',
  'OBJECT_SEQUENCE',
  'OBJECT_FOREIGN_TABLE',
]);

/** PostgreSQL's default name for a constraint the user did not name (`t_col_fkey`, `t_col_check`). */
function defaultConstraintName(table: string, constraint: Record<string, unknown>): string | undefined {
  if (constraint.contype === 'CONSTR_FOREIGN') {
    const cols = stringList(constraint.fk_attrs);
    return cols.length > 0 ? `${table}_${cols.join('_')}_fkey` : undefined;
  }
  if (constraint.contype === 'CONSTR_CHECK') {
    const cols = notNullColumns(constraint.raw_expr);
    return `${table}_${cols[0] ?? ''}${cols.length > 0 ? '_' : ''}check`;
  }
  return undefined;
}

export class MigrationState implements MigrationContext {
  readonly pgVersion: number;
  readonly path: string;
  readonly assumeTransaction: boolean;
  transactionDepth = 0;
  longestNameBytes = Number.POSITIVE_INFINITY;
  openTransaction: { line: number; column: number } | undefined;
  toolTransactionOpen: boolean;
  toolTransactionEndedAt: MigrationContext['toolTransactionEndedAt'];
  private doBlockOffset: number | undefined;
  private readonly state: FileState;
  private sessionAtBegin: Timeouts | undefined;
  /** Open savepoints, innermost last, each with the state to return to on ROLLBACK TO. */
  private savepoints: { name: string; state: FileState }[] = [];

  constructor(options: ContextOptions) {
    this.pgVersion = options.pgVersion;
    this.path = options.path;
    this.assumeTransaction = options.assumeTransaction ?? false;
    this.toolTransactionOpen = this.assumeTransaction;
    this.state = new FileState(options.columnTypes ?? new KnownColumnTypes());
  }

  columnType(relation: RelationName, column: string): ColumnType | undefined {
    return this.state.columnTypes.get(relation, column);
  }

  get inTransaction(): boolean {
    return this.toolTransactionOpen || this.transactionDepth > 0 || this.doBlockOffset !== undefined;
  }

  get inDoBlock(): boolean {
    return this.doBlockOffset !== undefined;
  }

  get lockTimeoutMs(): number | undefined {
    return this.effective('lock_timeout');
  }

  get statementTimeoutMs(): number | undefined {
    return this.effective('statement_timeout');
  }

  get notValidConstraintsInTransaction(): ReadonlyMap<string, NotValidConstraint> {
    return this.state.notValid;
  }

  get accessExclusiveInTransaction(): ReadonlySet<string> {
    return this.state.accessExclusive;
  }

  get enumValuesAddedInTransaction(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.state.enumValues;
  }

  relationKey(relation: RelationName): string {
    return relation.name;
  }

  isNewRelation(relation: RelationName): boolean {
    return this.state.created.has(relation);
  }

  hasColumnFromFile(relation: RelationName, column: string): boolean {
    return this.state.createdColumns.get(relation.name)?.has(column) ?? false;
  }

  hasValidatedNotNullCheck(relation: RelationName, column: string): boolean {
    return this.state.columnTypes.hasValidatedNotNullCheck(relation, column);
  }

  private effective(name: TimeoutSetting): number | undefined {
    const value = name in this.state.local ? this.state.local[name] : this.state.session[name];
    return value === 0 ? undefined : value;
  }

  /**
   * Called before rules see a statement: statements of one DO block share a transaction, which
   * ends when the next statement is not from that block.
   */
  enter(statement: Statement): void {
    const block = statement.doBlock?.offset;
    if (block === this.doBlockOffset) return;
    if (this.doBlockOffset !== undefined) this.leaveDoBlock();
    this.doBlockOffset = block;
  }

  /** Ends the file: a DO block that was last closes its transaction. */
  finish(): void {
    if (this.doBlockOffset !== undefined) this.leaveDoBlock();
  }

  private leaveDoBlock(): void {
    this.doBlockOffset = undefined;
    if (!this.inTransaction) this.endTransactionScope();
  }

  /**
   * State that lives exactly as long as the transaction (locks, SET LOCAL, NOT VALID markers).
   * Runs after every statement outside a transaction, so empty state is left as it is.
   */
  private endTransactionScope(): void {
    for (const _ in this.state.local) {
      this.state.local = {};
      break;
    }
    if (this.state.notValid.size > 0) this.state.notValid.clear();
    if (this.state.accessExclusive.size > 0) this.state.accessExclusive.clear();
    if (this.state.enumValues.size > 0) this.state.enumValues.clear();
    if (this.savepoints.length > 0) this.savepoints = [];
  }

  /** Updates the state with what `statement` did; `locks` are the table locks it takes. */
  apply(statement: Statement, locks: readonly RelationLock[] = []): void {
    const node = statement.node;
    this.state.columnTypes.apply(statement);
    switch (statement.kind) {
      case 'TransactionStmt':
        this.applyTransaction(statement, node);
        return;
      case 'VariableSetStmt':
        this.applySettings(changesFromSet(node));
        break;
      case 'SelectStmt': {
        const into = relationOf((node.intoClause as { rel?: unknown } | undefined)?.rel);
        if (into) this.state.created.add(into);
        this.applySettings(changesFromSelect(node));
        break;
      }
      case 'CreateStmt':
        this.applyCreateTable(node);
        break;
      case 'CreateTableAsStmt': {
        const into = relationOf((node.into as { rel?: unknown } | undefined)?.rel);
        if (into) this.state.created.add(into);
        break;
      }
      case 'IndexStmt': {
        const table = relationOf(node.relation);
        if (typeof node.idxname === 'string') this.state.created.add({ schema: table?.schema, name: node.idxname });
        break;
      }
      case 'ViewStmt':
      case 'CreateSeqStmt': {
        const rel = relationOf(node.view ?? node.sequence);
        if (rel) this.state.created.add(rel);
        break;
      }
      case 'CreateEnumStmt':
      case 'CreateDomainStmt': {
        // Types live in the relation namespace's schema rules too; rules ask isNewRelation for them.
        const type = relationFromNames(statement.kind === 'CreateEnumStmt' ? node.typeName : node.domainname);
        if (type) this.state.created.add(type);
        break;
      }
      case 'RenameStmt':
        this.applyRename(node);
        break;
      case 'AlterObjectSchemaStmt': {
        const rel = relationOf(node.relation);
        if (rel && this.state.created.has(rel) && typeof node.newschema === 'string') {
          this.state.created.delete(rel);
          this.state.created.add({ schema: node.newschema, name: rel.name });
        }
        break;
      }
      case 'DropStmt':
        if (RELATION_OBJECTS.has(String(node.removeType))) {
          for (const object of (node.objects ?? []) as { List?: { items?: unknown } }[]) {
            const rel = relationFromNames(object.List?.items);
            if (rel) this.state.created.delete(rel);
          }
        }
        break;
      case 'AlterTableStmt':
        this.applyAlterTable(node);
        break;
      case 'AlterEnumStmt':
        this.applyAlterEnum(node);
        break;
    }
    for (const lock of locks) {
      if (lock.lock === 'ACCESS EXCLUSIVE' && !this.state.created.has(lock.relation)) {
        this.state.accessExclusive.add(this.relationKey(lock.relation));
      }
    }
    if (!this.inTransaction) this.endTransactionScope();
  }

  private applyTransaction(statement: Statement, node: Record<string, unknown>): void {
    const kind = node.kind;
    if (statement.fromDoBlock) {
      // COMMIT/ROLLBACK inside a DO block end the block's own transaction and start a new one.
      if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') this.endTransactionScope();
      return;
    }
    switch (kind) {
      case 'TRANS_STMT_BEGIN':
      case 'TRANS_STMT_START':
        if (this.assumeTransaction && !this.toolTransactionOpen && this.transactionDepth === 0) {
          // `COMMIT; … ; BEGIN;`: the file hands the tool a transaction to commit again.
          this.toolTransactionOpen = true;
          this.toolTransactionEndedAt = undefined;
          return;
        }
        if (this.transactionDepth === 0) {
          this.openTransaction = { line: statement.line, column: statement.column };
          this.sessionAtBegin = { ...this.state.session };
        }
        this.transactionDepth++;
        return;
      case 'TRANS_STMT_COMMIT':
      case 'TRANS_STMT_ROLLBACK':
      case 'TRANS_STMT_PREPARE': {
        if (kind === 'TRANS_STMT_ROLLBACK' && this.sessionAtBegin) this.state.session = { ...this.sessionAtBegin };
        const chain = node.chain === true && (this.transactionDepth > 0 || this.toolTransactionOpen);
        if (this.toolTransactionOpen && !chain && (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK')) {
          this.toolTransactionOpen = false;
          this.toolTransactionEndedAt = { line: statement.line, column: statement.column, kind: kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK' };
        }
        if (chain && this.transactionDepth === 0) {
          // COMMIT AND CHAIN of the tool's transaction: a new one, still the tool's to commit.
          this.endTransactionScope();
          return;
        }
        this.endTransactionScope();
        // One COMMIT ends the transaction however many BEGINs preceded it (PostgreSQL ignores nested BEGIN).
        this.transactionDepth = chain ? 1 : 0;
        if (!chain) {
          this.openTransaction = undefined;
          this.sessionAtBegin = undefined;
        } else {
          this.openTransaction = { line: statement.line, column: statement.column };
          this.sessionAtBegin = { ...this.state.session };
        }
        return;
      }
      case 'TRANS_STMT_SAVEPOINT':
        // Savepoints are rare in migrations: a copy of the state is cheap enough.
        if (typeof node.savepoint_name === 'string') this.savepoints.push({ name: node.savepoint_name, state: this.state.copy() });
        return;
      case 'TRANS_STMT_RELEASE': {
        const at = this.savepointIndex(node.savepoint_name);
        if (at !== -1) this.savepoints.length = at;
        return;
      }
      case 'TRANS_STMT_ROLLBACK_TO': {
        // Undoes what ran since the savepoint (tables, columns, settings, locks); the savepoint stays.
        const at = this.savepointIndex(node.savepoint_name);
        if (at === -1) return;
        this.savepoints.length = at + 1;
        this.state.replaceWith(this.savepoints[at]!.state);
        return;
      }
    }
  }

  private savepointIndex(name: unknown): number {
    for (let i = this.savepoints.length - 1; i >= 0; i--) if (this.savepoints[i]!.name === name) return i;
    return -1;
  }

  private applySettings(changes: SettingChange[]): void {
    for (const change of changes) {
      if (change.local) {
        // SET LOCAL outside a transaction block has no effect (PostgreSQL only warns).
        if (this.inTransaction) this.state.local[change.name] = change.valueMs;
      } else {
        this.state.session[change.name] = change.valueMs;
        delete this.state.local[change.name];
      }
    }
  }

  private addColumns(table: string, columns: string[]): void {
    let set = this.state.createdColumns.get(table);
    if (!set) this.state.createdColumns.set(table, (set = new Set()));
    for (const c of columns) set.add(c);
  }

  private applyCreateTable(node: Record<string, unknown>): void {
    const rel = relationOf(node.relation);
    if (!rel) return;
    this.state.created.add(rel);
    const columns: string[] = [];
    for (const element of (node.tableElts ?? []) as { ColumnDef?: { colname?: string } }[]) {
      if (element.ColumnDef?.colname) columns.push(element.ColumnDef.colname);
    }
    this.addColumns(rel.name, columns);
  }

  private applyRename(node: Record<string, unknown>): void {
    const rel = relationOf(node.relation);
    if (!rel || typeof node.newname !== 'string') return;
    if (RELATION_OBJECTS.has(String(node.renameType)) && this.state.created.has(rel)) {
      // A renamed new table is still new (and empty) under its new name.
      this.state.created.delete(rel);
      this.state.created.add({ schema: rel.schema, name: node.newname });
      const columns = this.state.createdColumns.get(rel.name);
      if (columns) this.state.createdColumns.set(node.newname, columns);
    } else if (node.renameType === 'OBJECT_COLUMN' && typeof node.subname === 'string') {
      const columns = this.state.createdColumns.get(rel.name);
      if (columns?.delete(node.subname)) columns.add(node.newname);
    }
  }

  private applyAlterTable(node: Record<string, unknown>): void {
    const rel = relationOf(node.relation);
    if (!rel) return;
    for (const cmd of alterCommands(node)) {
      if (cmd.subtype === 'AT_AddColumn') {
        const colname = (cmd.def as { ColumnDef?: { colname?: string } } | undefined)?.ColumnDef?.colname;
        if (colname) this.addColumns(rel.name, [colname]);
      } else if (cmd.subtype === 'AT_DropColumn' && cmd.name) {
        this.state.createdColumns.get(rel.name)?.delete(cmd.name);
      } else if (cmd.subtype === 'AT_AddConstraint') {
        const constraint = constraintOf(cmd.def);
        if (!constraint) continue;
        const name = typeof constraint.conname === 'string' ? constraint.conname : defaultConstraintName(rel.name, constraint);
        const notValid = constraint.skip_validation === true;
        if (notValid && name && (constraint.contype === 'CONSTR_CHECK' || constraint.contype === 'CONSTR_FOREIGN')) {
          this.state.notValid.set(name, { table: rel, type: constraint.contype === 'CONSTR_CHECK' ? 'check' : 'foreign key' });
        }
      }
    }
  }

  private applyAlterEnum(node: Record<string, unknown>): void {
    const type = relationFromNames(node.typeName);
    if (!type || typeof node.newVal !== 'string' || node.oldVal !== undefined) return;
    let values = this.state.enumValues.get(type.name);
    if (!values) this.state.enumValues.set(type.name, (values = new Set()));
    values.add(node.newVal);
  }
}
