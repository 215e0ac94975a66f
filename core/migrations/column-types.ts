/**
 * The column types the linted migrations declared, kept across the files of one run in the order
 * they are applied: V5 changing a column that V1 created is judged on the column's real old type
 * (int to numeric rewrites; varchar(100) to varchar(50) re-checks every row) rather than on a guess.
 * Keys are table names without schema, like the rest of the file state (migrations rarely mix both).
 */
import { alterCommands, nodeOf, relationFromNames, relationOf } from './ast.ts';
import { declaredTypes } from './declared-columns.ts';
import { type ColumnType, columnType } from './pg-types.ts';
import type { RelationName, Statement } from './types.ts';

export class KnownColumnTypes {
  private readonly tables = new Map<string, Map<string, ColumnType>>();
  /**
   * One object per distinct type: a long history declares hundreds of thousands of columns of a
   * few dozen types, and memory must stay bounded by the schema, not by the statements.
   */
  private readonly interned = new Map<string, ColumnType>();

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
    this.tables.clear();
    for (const [table, columns] of other.tables) this.tables.set(table, new Map(columns));
  }

  get(table: RelationName, column: string): ColumnType | undefined {
    return this.tables.get(table.name)?.get(column);
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
          if (table) this.tables.delete(table.name);
        }
        return;
    }
  }

  private columns(table: string): Map<string, ColumnType> {
    let columns = this.tables.get(table);
    if (!columns) this.tables.set(table, (columns = new Map()));
    return columns;
  }

  private createTable(statement: Statement): void {
    const table = relationOf(statement.node.relation);
    if (!table) return;
    if (statement.node.if_not_exists === true && this.tables.has(table.name)) return;
    // A table created again (after a DROP) starts afresh. The rules read the same declarations.
    const columns = new Map<string, ColumnType>();
    for (const declared of declaredTypes(statement)) columns.set(declared.column, this.intern(declared.type));
    this.tables.set(table.name, columns);
  }

  private alterTable(node: Record<string, unknown>): void {
    const table = relationOf(node.relation);
    if (!table) return;
    for (const cmd of alterCommands(node)) {
      const column = nodeOf(cmd.def, 'ColumnDef');
      if (cmd.subtype === 'AT_AddColumn') {
        const type = columnType(column?.typeName);
        const name = column?.colname;
        if (type && typeof name === 'string' && !(cmd.missingOk && this.tables.get(table.name)?.has(name))) this.columns(table.name).set(name, this.intern(type));
      } else if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) {
        const type = columnType(column?.typeName);
        if (type) this.columns(table.name).set(cmd.name, this.intern(type));
      } else if (cmd.subtype === 'AT_DropColumn' && cmd.name) {
        this.tables.get(table.name)?.delete(cmd.name);
      }
    }
  }

  private rename(node: Record<string, unknown>): void {
    const table = relationOf(node.relation);
    if (!table || typeof node.newname !== 'string') return;
    const columns = this.tables.get(table.name);
    if (!columns) return;
    if (node.renameType === 'OBJECT_TABLE') {
      this.tables.delete(table.name);
      this.tables.set(node.newname, columns);
    } else if (node.renameType === 'OBJECT_COLUMN' && typeof node.subname === 'string') {
      const type = columns.get(node.subname);
      columns.delete(node.subname);
      if (type) columns.set(node.newname, type);
    }
  }
}
