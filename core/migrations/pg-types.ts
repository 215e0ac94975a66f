/**
 * Column types as the parser hands them over (`TypeName` nodes), normalised so rules can compare
 * them: `integer`, `int` and `int4` are one type; `character varying(20)` is `varchar` with typmod
 * 20; a schema-qualified name outside pg_catalog is a user type (enum, domain, composite).
 */

export interface ColumnType {
  /** Canonical built-in name (`int4`, `varchar`, `bpchar`, `timestamptz`, `serial`…) or the user type's name. */
  name: string;
  /** Set for user types (`public.mood` → `public`); undefined for built-ins and unqualified names. */
  schema?: string;
  /** Integer type modifiers: `varchar(20)` → [20], `numeric(10,2)` → [10, 2]. */
  typmods: number[];
  isArray: boolean;
  /** The type as SQL a user would write it (`varchar(20)`, `bigint`, `timestamp(3)[]`). */
  sql: string;
}

/** Spellings the parser keeps verbatim (a bare `int4` or `serial4`) mapped to one canonical name. */
const ALIASES: Record<string, string> = {
  serial4: 'serial',
  serial8: 'bigserial',
  serial2: 'smallserial',
  character: 'bpchar',
  decimal: 'numeric',
};

const DISPLAY: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
  // The one-byte internal type, only reachable as the quoted name "char".
  char: '"char"',
};

/** Types whose typmod is a bit mask of fields, not a number worth printing (`interval day`). */
const FIELD_TYPMOD = new Set(['interval']);

function stringValue(node: unknown): string | undefined {
  const s = (node as { String?: { sval?: string } } | undefined)?.String;
  return s?.sval;
}

function integerTypmods(typmods: unknown): number[] {
  if (!Array.isArray(typmods)) return [];
  const values: number[] = [];
  for (const mod of typmods) {
    const constant = (mod as { A_Const?: { ival?: { ival?: number } } }).A_Const;
    if (!constant) continue;
    values.push(constant.ival?.ival ?? 0);
  }
  return values;
}

/** Normalises a `TypeName` node (the object inside `{ TypeName: … }` or a ColumnDef's `typeName`). */
export function columnType(typeName: unknown): ColumnType | undefined {
  if (!typeName || typeof typeName !== 'object') return undefined;
  const node = typeName as { names?: unknown[]; typmods?: unknown; arrayBounds?: unknown[] };
  const names: string[] = [];
  for (const part of node.names ?? []) {
    const name = stringValue(part);
    if (name !== undefined) names.push(name);
  }
  if (names.length === 0) return undefined;
  const last = names[names.length - 1]!;
  const qualifier = names.length > 1 ? names[names.length - 2] : undefined;
  const builtin = qualifier === undefined || qualifier === 'pg_catalog';
  const name = builtin ? (ALIASES[last] ?? last) : last;
  const typmods = integerTypmods(node.typmods);
  const isArray = Array.isArray(node.arrayBounds) && node.arrayBounds.length > 0;
  const base = builtin ? (DISPLAY[name] ?? name) : `${qualifier}.${last}`;
  const mods = typmods.length > 0 && !FIELD_TYPMOD.has(name) ? `(${typmods.join(',')})` : '';
  const sql = `${base}${mods}${isArray ? '[]' : ''}`;
  return builtin ? { name, typmods, isArray, sql } : { name, schema: qualifier, typmods, isArray, sql };
}

const SERIALS = new Set(['serial', 'bigserial', 'smallserial']);

/** `serial`, `bigserial`, `smallserial` (and their `serialN` spellings): a sequence-backed default. */
export function isSerial(type: ColumnType): boolean {
  return type.schema === undefined && !type.isArray && SERIALS.has(type.name);
}

/** True for a built-in type (no schema other than pg_catalog), array or not, with this name. */
export function isBuiltin(type: ColumnType, ...names: string[]): boolean {
  return type.schema === undefined && names.includes(type.name);
}
