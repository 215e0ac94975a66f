/**
 * What a migration file has done so far: relations and columns it created (new and empty, so safe
 * to change), the transaction it is in, the lock_timeout in force, constraints added NOT VALID or
 * validated, and the ACCESS EXCLUSIVE locks held. The engine shows each statement the state as it
 * was just before it, then calls `apply`.
 */
import { alterCommands, constraintOf, notNullColumns, relationFromNames, relationOf, stringList } from './ast.ts';
import { KnownColumnTypes } from './column-types.ts';
import type { ColumnType } from './pg-types.ts';
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


type Timeouts = Record<TimeoutSetting, number | undefined>;

/** Relations by name, each with the schemas it was created in ('' = unqualified). */
class RelationSet {
  private readonly byName = new Map<string, Set<string>>();

  add(relation: RelationName): void {
    let schemas = this.byName.get(relation.name);
    if (!schemas) this.byName.set(relation.name, (schemas = new Set()));
    schemas.add(relation.schema ?? '');
  }

  /** An unqualified name on either side matches any schema: migrations rarely mix the two. */
  has(relation: RelationName): boolean {
    const schemas = this.byName.get(relation.name);
    if (!schemas) return false;
    if (relation.schema === undefined || schemas.has('')) return true;
    return schemas.has(relation.schema);
  }

  delete(relation: RelationName): void {
    const schemas = this.byName.get(relation.name);
    if (!schemas) return;
    if (relation.schema === undefined) this.byName.delete(relation.name);
    else {
      schemas.delete(relation.schema);
      schemas.delete('');
      if (schemas.size === 0) this.byName.delete(relation.name);
    }
  }
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
  private doBlockOffset: number | undefined;
  private readonly created = new RelationSet();
  private readonly createdColumns = new Map<string, Set<string>>();
  private readonly validatedNotNull = new Set<string>();
  /** NOT VALID `CHECK (col IS NOT NULL)` constraints: name → table and columns. */
  private readonly pendingNotNull = new Map<string, { table: string; columns: string[] }>();
  private readonly notValid = new Map<string, NotValidConstraint>();
  private readonly accessExclusive = new Set<string>();
  private readonly enumValues = new Map<string, Set<string>>();
  private session: Timeouts = { lock_timeout: undefined, statement_timeout: undefined };
  private local: Partial<Timeouts> = {};
  private sessionAtBegin: Timeouts | undefined;
  private savepoints: string[] = [];

  private readonly columnTypes: KnownColumnTypes;

  constructor(options: ContextOptions) {
    this.pgVersion = options.pgVersion;
    this.path = options.path;
    this.assumeTransaction = options.assumeTransaction ?? false;
    this.columnTypes = options.columnTypes ?? new KnownColumnTypes();
  }

  columnType(relation: RelationName, column: string): ColumnType | undefined {
    return this.columnTypes.get(relation, column);
  }

  get inTransaction(): boolean {
    return this.assumeTransaction || this.transactionDepth > 0 || this.doBlockOffset !== undefined;
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
    return this.notValid;
  }

  get accessExclusiveInTransaction(): ReadonlySet<string> {
    return this.accessExclusive;
  }

  get enumValuesAddedInTransaction(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.enumValues;
  }

  relationKey(relation: RelationName): string {
    return relation.name;
  }

  isNewRelation(relation: RelationName): boolean {
    return this.created.has(relation);
  }

  hasColumnFromFile(relation: RelationName, column: string): boolean {
    return this.createdColumns.get(relation.name)?.has(column) ?? false;
  }

  hasValidatedNotNullCheck(relation: RelationName, column: string): boolean {
    return this.validatedNotNull.has(`${relation.name}\0${column}`);
  }

  private effective(name: TimeoutSetting): number | undefined {
    const value = name in this.local ? this.local[name] : this.session[name];
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
    for (const _ in this.local) {
      this.local = {};
      break;
    }
    if (this.notValid.size > 0) this.notValid.clear();
    if (this.accessExclusive.size > 0) this.accessExclusive.clear();
    if (this.enumValues.size > 0) this.enumValues.clear();
    if (this.savepoints.length > 0) this.savepoints = [];
  }

  /** Updates the state with what `statement` did; `locks` are the table locks it takes. */
  apply(statement: Statement, locks: readonly RelationLock[] = []): void {
    const node = statement.node;
    this.columnTypes.apply(statement);
    switch (statement.kind) {
      case 'TransactionStmt':
        this.applyTransaction(statement, node);
        return;
      case 'VariableSetStmt':
        this.applySettings(changesFromSet(node));
        break;
      case 'SelectStmt': {
        const into = relationOf((node.intoClause as { rel?: unknown } | undefined)?.rel);
        if (into) this.created.add(into);
        this.applySettings(changesFromSelect(node));
        break;
      }
      case 'CreateStmt':
        this.applyCreateTable(node);
        break;
      case 'CreateTableAsStmt': {
        const into = relationOf((node.into as { rel?: unknown } | undefined)?.rel);
        if (into) this.created.add(into);
        break;
      }
      case 'IndexStmt': {
        const table = relationOf(node.relation);
        if (typeof node.idxname === 'string') this.created.add({ schema: table?.schema, name: node.idxname });
        break;
      }
      case 'ViewStmt':
      case 'CreateSeqStmt': {
        const rel = relationOf(node.view ?? node.sequence);
        if (rel) this.created.add(rel);
        break;
      }
      case 'CreateEnumStmt':
      case 'CreateDomainStmt': {
        // Types live in the relation namespace's schema rules too; rules ask isNewRelation for them.
        const type = relationFromNames(statement.kind === 'CreateEnumStmt' ? node.typeName : node.domainname);
        if (type) this.created.add(type);
        break;
      }
      case 'RenameStmt':
        this.applyRename(node);
        break;
      case 'AlterObjectSchemaStmt': {
        const rel = relationOf(node.relation);
        if (rel && this.created.has(rel) && typeof node.newschema === 'string') {
          this.created.delete(rel);
          this.created.add({ schema: node.newschema, name: rel.name });
        }
        break;
      }
      case 'DropStmt':
        if (RELATION_OBJECTS.has(String(node.removeType))) {
          for (const object of (node.objects ?? []) as { List?: { items?: unknown } }[]) {
            const rel = relationFromNames(object.List?.items);
            if (rel) this.created.delete(rel);
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
      if (lock.lock === 'ACCESS EXCLUSIVE' && !this.created.has(lock.relation)) {
        this.accessExclusive.add(this.relationKey(lock.relation));
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
        if (this.transactionDepth === 0) {
          this.openTransaction = { line: statement.line, column: statement.column };
          this.sessionAtBegin = { ...this.session };
        }
        this.transactionDepth++;
        return;
      case 'TRANS_STMT_COMMIT':
      case 'TRANS_STMT_ROLLBACK':
      case 'TRANS_STMT_PREPARE': {
        if (kind === 'TRANS_STMT_ROLLBACK' && this.sessionAtBegin) this.session = { ...this.sessionAtBegin };
        const chain = node.chain === true && this.transactionDepth > 0;
        this.endTransactionScope();
        // One COMMIT ends the transaction however many BEGINs preceded it (PostgreSQL ignores nested BEGIN).
        this.transactionDepth = chain ? 1 : 0;
        if (!chain) {
          this.openTransaction = undefined;
          this.sessionAtBegin = undefined;
        } else {
          this.openTransaction = { line: statement.line, column: statement.column };
          this.sessionAtBegin = { ...this.session };
        }
        return;
      }
      case 'TRANS_STMT_SAVEPOINT':
        if (typeof node.savepoint_name === 'string') this.savepoints.push(node.savepoint_name);
        return;
      case 'TRANS_STMT_RELEASE': {
        const at = this.savepoints.lastIndexOf(String(node.savepoint_name));
        if (at !== -1) this.savepoints.length = at;
        return;
      }
    }
  }

  private applySettings(changes: SettingChange[]): void {
    for (const change of changes) {
      if (change.local) {
        // SET LOCAL outside a transaction block has no effect (PostgreSQL only warns).
        if (this.inTransaction) this.local[change.name] = change.valueMs;
      } else {
        this.session[change.name] = change.valueMs;
        delete this.local[change.name];
      }
    }
  }

  private addColumns(table: string, columns: string[]): void {
    let set = this.createdColumns.get(table);
    if (!set) this.createdColumns.set(table, (set = new Set()));
    for (const c of columns) set.add(c);
  }

  private applyCreateTable(node: Record<string, unknown>): void {
    const rel = relationOf(node.relation);
    if (!rel) return;
    this.created.add(rel);
    const columns: string[] = [];
    for (const element of (node.tableElts ?? []) as { ColumnDef?: { colname?: string } }[]) {
      if (element.ColumnDef?.colname) columns.push(element.ColumnDef.colname);
    }
    this.addColumns(rel.name, columns);
  }

  private applyRename(node: Record<string, unknown>): void {
    const rel = relationOf(node.relation);
    if (!rel || typeof node.newname !== 'string') return;
    if (RELATION_OBJECTS.has(String(node.renameType)) && this.created.has(rel)) {
      // A renamed new table is still new (and empty) under its new name.
      this.created.delete(rel);
      this.created.add({ schema: rel.schema, name: node.newname });
      const columns = this.createdColumns.get(rel.name);
      if (columns) this.createdColumns.set(node.newname, columns);
    } else if (node.renameType === 'OBJECT_COLUMN' && typeof node.subname === 'string') {
      const columns = this.createdColumns.get(rel.name);
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
        this.createdColumns.get(rel.name)?.delete(cmd.name);
      } else if (cmd.subtype === 'AT_AddConstraint') {
        const constraint = constraintOf(cmd.def);
        if (!constraint) continue;
        const name = typeof constraint.conname === 'string' ? constraint.conname : defaultConstraintName(rel.name, constraint);
        const notValid = constraint.skip_validation === true;
        if (notValid && name && (constraint.contype === 'CONSTR_CHECK' || constraint.contype === 'CONSTR_FOREIGN')) {
          this.notValid.set(name, { table: rel, type: constraint.contype === 'CONSTR_CHECK' ? 'check' : 'foreign key' });
        }
        if (constraint.contype === 'CONSTR_CHECK') {
          const columns = notNullColumns(constraint.raw_expr);
          if (notValid && name) this.pendingNotNull.set(name, { table: rel.name, columns });
          else for (const c of columns) this.validatedNotNull.add(`${rel.name}\0${c}`);
        }
      } else if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name) {
        const pending = this.pendingNotNull.get(cmd.name);
        if (pending) {
          for (const c of pending.columns) this.validatedNotNull.add(`${pending.table}\0${c}`);
          this.pendingNotNull.delete(cmd.name);
        }
      }
    }
  }

  private applyAlterEnum(node: Record<string, unknown>): void {
    const type = relationFromNames(node.typeName);
    if (!type || typeof node.newVal !== 'string' || node.oldVal !== undefined) return;
    let values = this.enumValues.get(type.name);
    if (!values) this.enumValues.set(type.name, (values = new Set()));
    values.add(node.newVal);
  }
}
