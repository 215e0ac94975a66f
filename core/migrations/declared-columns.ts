/**
 * The columns a statement declares: ADD COLUMN definitions and every column type of CREATE TABLE,
 * ADD COLUMN and ALTER COLUMN … TYPE. Several rules and the file state ask the same statement, so
 * the answers are kept per parse-tree node (nodes are never mutated).
 */
import { alterCommands, constraintOf, nodeOf, type Node, relationOf } from './ast.ts';
import { type ColumnType, columnType } from './pg-types.ts';
import type { RelationName, Statement } from './types.ts';

export interface ColumnDefinition {
  name: string;
  type: ColumnType | undefined;
  constraints: Node[];
  /** The ColumnDef node itself. */
  node: Node;
}

function definition(def: unknown): ColumnDefinition | undefined {
  const column = nodeOf(def, 'ColumnDef');
  if (!column) return undefined;
  const constraints: Node[] = [];
  for (const def of (column.constraints as unknown[] | undefined) ?? []) {
    const constraint = constraintOf(def);
    if (constraint) constraints.push(constraint);
  }
  return { name: String(column.colname ?? ''), type: columnType(column.typeName), constraints, node: column };
}

// Several rules ask the same statement for its columns; parse-tree nodes are never mutated, so the
// answer is kept per node.
const addedCache = new WeakMap<object, ColumnDefinition[]>();
const declaredCache = new WeakMap<object, DeclaredType[]>();

/** The columns an ALTER TABLE adds (`ADD COLUMN`), in order. */
export function addedColumns(statement: Statement): ColumnDefinition[] {
  if (statement.kind !== 'AlterTableStmt') return [];
  let cached = addedCache.get(statement.node);
  if (!cached) addedCache.set(statement.node, (cached = readAddedColumns(statement)));
  return cached;
}

function readAddedColumns(statement: Statement): ColumnDefinition[] {
  return alterCommands(statement.node)
    .filter((cmd) => cmd.subtype === 'AT_AddColumn')
    .map((cmd) => definition(cmd.def))
    .filter((c): c is ColumnDefinition => c !== undefined);
}

export interface DeclaredType {
  table: RelationName;
  column: string;
  type: ColumnType;
  /** How the type was declared. */
  via: 'create-table' | 'add-column' | 'alter-type';
}

/**
 * Every column type a statement declares: CREATE TABLE columns, ADD COLUMN, ALTER COLUMN … TYPE.
 * The type-choice rules (prefer-text, ban-char-type…) judge these, new tables included: the choice
 * outlives the migration.
 */
export function declaredTypes(statement: Statement): DeclaredType[] {
  if (statement.kind !== 'CreateStmt' && statement.kind !== 'AlterTableStmt') return [];
  let cached = declaredCache.get(statement.node);
  if (!cached) declaredCache.set(statement.node, (cached = readDeclaredTypes(statement)));
  return cached;
}

function readDeclaredTypes(statement: Statement): DeclaredType[] {
  const table = relationOf(statement.node.relation);
  if (!table) return [];
  if (statement.kind === 'CreateStmt') {
    const out: DeclaredType[] = [];
    for (const element of (statement.node.tableElts as unknown[] | undefined) ?? []) {
      const column = nodeOf(element, 'ColumnDef');
      const type = columnType(column?.typeName);
      if (column && type) out.push({ table, column: String(column.colname ?? ''), type, via: 'create-table' });
    }
    return out;
  }
  if (statement.kind !== 'AlterTableStmt' || (statement.node.objtype ?? 'OBJECT_TABLE') !== 'OBJECT_TABLE') return [];
  const out: DeclaredType[] = [];
  for (const cmd of alterCommands(statement.node)) {
    if (cmd.subtype === 'AT_AddColumn') {
      const c = definition(cmd.def);
      if (c?.type) out.push({ table, column: c.name, type: c.type, via: 'add-column' });
    } else if (cmd.subtype === 'AT_AlterColumnType') {
      const type = columnType(nodeOf(cmd.def, 'ColumnDef')?.typeName);
      if (type && cmd.name) out.push({ table, column: cmd.name, type, via: 'alter-type' });
    }
  }
  return out;
}

/** The column definitions of CREATE TABLE, CREATE FOREIGN TABLE and ALTER TABLE … ADD COLUMN. */
export function declaredColumnDefinitions(statement: Statement): ColumnDefinition[] {
  if (statement.kind === 'AlterTableStmt') return addedColumns(statement);
  const node = statement.kind === 'CreateForeignTableStmt' ? (statement.node.base as Node | undefined) : statement.kind === 'CreateStmt' ? statement.node : undefined;
  return ((node?.tableElts ?? []) as unknown[]).map(definition).filter((c): c is ColumnDefinition => c !== undefined);
}
