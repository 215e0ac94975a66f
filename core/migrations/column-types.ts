/**
 * The column types the linted migrations declared, kept across the files of one run in the order
 * they are applied: V5 changing a column that V1 created is judged on the column's real old type
 * (int to numeric rewrites; varchar(100) to varchar(50) re-checks every row) rather than on a guess.
 * Tables are told apart by schema; an unqualified name means the one table of that name when there
 * is just one (a search_path the linter cannot see), and nothing when several schemas have it.
 *
 * It also keeps the `CHECK (col IS NOT NULL)` constraints across files: the recipe that makes
 * SET NOT NULL cheap (add NOT VALID, VALIDATE, then SET NOT NULL) usually spans three migrations.
 */
import { alterCommands, constraintOf, nodeOf, notNullColumns, relationFromNames, relationOf } from './ast.ts';
import { declaredTypes } from './declared-columns.ts';
import { type ColumnType, columnType } from './pg-types.ts';
import type { RelationName, Statement } from './types.ts';

type Columns = Map<string, ColumnType>;

/** A `CHECK (col IS NOT NULL [AND …])` constraint: on which table, for which columns. */
interface NotNullCheck {
  table: string;
  columns: string[];
}

/** PostgreSQL's name for an unnamed CHECK constraint: `<table>_<first column>_check`. */
export function defaultCheckName(table: string, expression: unknown): string {
  const columns = notNullColumns(expression);
  return `${table}_${columns[0] ?? ''}${columns.length > 0 ? '_' : ''}check`;
}

export class KnownColumnTypes {
  /** Table name → schema ('' when unqualified) → column → type. */
  private readonly tables = new Map<string, Map<string, Columns>>();
  /**
   * One object per distinct type: a long history declares hundreds of thousands of columns of a
   * few dozen types, and memory must stay bounded by the schema, not by the statements.
   */
  private readonly interned = new Map<string, ColumnType>();
  /** NOT NULL checks by constraint name: validated ones, and ones added NOT VALID not yet validated. */
  private readonly validatedChecks = new Map<string, NotNullCheck>();
  private readonly pendingChecks = new Map<string, NotNullCheck>();

  private intern(type: ColumnType): ColumnType {
    const key = `${type.schema ?? ''}\0${type.sql}`;
    const known = this.interned.get(key);
    if (known) return known;
    this.interned.set(key, type);
    return type;
  }

  copy(): KnownColumnTypes {
    const copy = new KnownColumnTypes();
    copy.replaceWith(this);
    return copy;
  }

  /** Makes this hold what `other` holds (a savepoint's copy, on ROLLBACK TO). */
  replaceWith(other: KnownColumnTypes): void {
    for (const [target, source] of [
      [this.validatedChecks, other.validatedChecks],
      [this.pendingChecks, other.pendingChecks],
    ] as const) {
      target.clear();
      for (const [name, check] of source) target.set(name, check);
    }
    this.tables.clear();
    for (const [name, schemas] of other.tables) {
      this.tables.set(name, new Map([...schemas].map(([schema, columns]) => [schema, new Map(columns)])));
    }
  }

  /** A validated CHECK (column IS NOT NULL) exists on `table`: SET NOT NULL skips its scan (PG 12+). */
  hasValidatedNotNullCheck(table: RelationName, column: string): boolean {
    for (const check of this.validatedChecks.values()) {
      if (check.table === table.name && check.columns.includes(column)) return true;
    }
    return false;
  }

  get(table: RelationName, column: string): ColumnType | undefined {
    return this.find(table)?.get(column);
  }

  /** The columns of `table` as declared, by the resolution described above. */
  private find(table: RelationName): Columns | undefined {
    const schema = this.schemaOf(table);
    return schema === undefined ? undefined : this.tables.get(table.name)?.get(schema);
  }

  /** Under which schema key ('' for unqualified) the declaration of `table` is kept, if any. */
  private schemaOf(table: RelationName): string | undefined {
    const schemas = this.tables.get(table.name);
    if (!schemas) return undefined;
    if (table.schema !== undefined) return schemas.has(table.schema) ? table.schema : schemas.has('') ? '' : undefined;
    if (schemas.has('')) return '';
    return schemas.size === 1 ? schemas.keys().next().value : undefined;
  }

  /** The columns to update for `table`, created (empty) when no declaration is known. */
  private columns(table: RelationName): Columns {
    let columns = this.find(table);
    if (!columns) this.set(table, (columns = new Map()));
    return columns;
  }

  private set(table: RelationName, columns: Columns): void {
    let schemas = this.tables.get(table.name);
    if (!schemas) this.tables.set(table.name, (schemas = new Map()));
    schemas.set(table.schema ?? '', columns);
  }

  /** Forgets `table`; an unqualified name forgets the table the name resolves to. */
  private delete(table: RelationName): void {
    const schema = table.schema ?? this.schemaOf(table);
    const schemas = this.tables.get(table.name);
    if (schema === undefined || !schemas) return;
    schemas.delete(schema);
    if (schemas.size === 0) this.tables.delete(table.name);
  }

  /** Records what `statement` did to column types. */
  apply(statement: Statement): void {
    const node = statement.node;
    switch (statement.kind) {
      case 'CreateStmt':
        this.createTable(statement);
        return;
      case 'AlterTableStmt':
        if ((node.objtype ?? 'OBJECT_TABLE') === 'OBJECT_TABLE') this.alterTable(node);
        return;
      case 'RenameStmt':
        this.rename(node);
        return;
      case 'DropStmt':
        if (node.removeType !== 'OBJECT_TABLE') return;
        for (const object of (node.objects ?? []) as { List?: { items?: unknown } }[]) {
          const table = relationFromNames(object.List?.items);
          if (table) this.delete(table);
        }
        return;
    }
  }

  private createTable(statement: Statement): void {
    const table = relationOf(statement.node.relation);
    if (!table) return;
    if (statement.node.if_not_exists === true && this.find(table)) return;
    // A table created again (after a DROP) starts afresh. The rules read the same declarations.
    const columns: Columns = new Map();
    for (const declared of declaredTypes(statement)) columns.set(declared.column, this.intern(declared.type));
    this.set(table, columns);
  }

  private alterTable(node: Record<string, unknown>): void {
    const table = relationOf(node.relation);
    if (!table) return;
    for (const cmd of alterCommands(node)) {
      const column = nodeOf(cmd.def, 'ColumnDef');
      if (cmd.subtype === 'AT_AddColumn') {
        const type = columnType(column?.typeName);
        const name = column?.colname;
        if (type && typeof name === 'string' && !(cmd.missingOk && this.find(table)?.has(name))) this.columns(table).set(name, this.intern(type));
      } else if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) {
        const type = columnType(column?.typeName);
        if (type) this.columns(table).set(cmd.name, this.intern(type));
      } else if (cmd.subtype === 'AT_DropColumn' && cmd.name) {
        this.find(table)?.delete(cmd.name);
      } else if (cmd.subtype === 'AT_AddConstraint') {
        const constraint = constraintOf(cmd.def);
        if (constraint?.contype !== 'CONSTR_CHECK') continue;
        const columns = notNullColumns(constraint.raw_expr);
        if (columns.length === 0) continue;
        const name = typeof constraint.conname === 'string' ? constraint.conname : defaultCheckName(table.name, constraint.raw_expr);
        (constraint.skip_validation === true ? this.pendingChecks : this.validatedChecks).set(name, { table: table.name, columns });
      } else if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name) {
        const pending = this.pendingChecks.get(cmd.name);
        if (pending) {
          this.validatedChecks.set(cmd.name, pending);
          this.pendingChecks.delete(cmd.name);
        }
      } else if (cmd.subtype === 'AT_DropConstraint' && cmd.name) {
        this.validatedChecks.delete(cmd.name);
        this.pendingChecks.delete(cmd.name);
      }
    }
  }

  private rename(node: Record<string, unknown>): void {
    const table = relationOf(node.relation);
    if (!table || typeof node.newname !== 'string') return;
    const schema = this.schemaOf(table);
    const columns = schema === undefined ? undefined : this.tables.get(table.name)?.get(schema);
    if (schema === undefined || !columns) return;
    if (node.renameType === 'OBJECT_TABLE') {
      // A renamed table keeps its schema.
      this.delete({ schema, name: table.name });
      this.set({ ...(schema ? { schema } : {}), name: node.newname }, columns);
    } else if (node.renameType === 'OBJECT_COLUMN' && typeof node.subname === 'string') {
      const type = columns.get(node.subname);
      columns.delete(node.subname);
      if (type) columns.set(node.newname, type);
    }
  }
}
