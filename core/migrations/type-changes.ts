/**
 * Which `ALTER COLUMN … TYPE` changes rewrite the table. PostgreSQL skips the rewrite only when the
 * planned conversion is a relabel (binary-coercible types) or a length coercion its planner support
 * function proves to be a no-op (a wider varchar, numeric with more precision and the same scale, a
 * higher timestamp precision). Everything else — a different type, a narrower or new length limit,
 * a domain with constraints, an array of a changed element type — rewrites every row and rebuilds
 * every index under ACCESS EXCLUSIVE. Checked against a PostgreSQL 15 server (relfilenode before and
 * after), see test/core/migrations/type-changes.test.ts.
 */
import { type ColumnType, columnType, isBuiltin } from './pg-types.ts';

export interface TypeChangeCost {
  rewrite: true;
  /** The column's old type is not known (not declared in the linted files nor in a schema dump). */
  oldTypeUnknown?: boolean;
  /** Why, in words that fit after "This change rewrites the table: ". */
  reason: string;
}

/** Built-in types that never need a length check and read each other's bytes unchanged. */
const TEXT_LIKE = ['text', 'varchar'];
/** Types whose typmod is a precision that a support function can widen without touching rows. */
const PRECISION_TYPES = ['timestamp', 'timestamptz', 'time', 'timetz', 'interval'];

function sameBase(a: ColumnType, b: ColumnType): boolean {
  return a.name === b.name && a.schema === b.schema && a.isArray === b.isArray;
}

/** Whether a change between two known types rewrites; null when PostgreSQL keeps the rows as they are. */
function knownOriginCost(from: ColumnType, to: ColumnType): TypeChangeCost | null {
  if (from.isArray || to.isArray) {
    if (sameBase(from, to) && from.typmods.join() === to.typmods.join()) return null;
    return { rewrite: true, reason: `converting ${from.sql} to ${to.sql} converts every array element` };
  }
  if (isBuiltin(from, ...TEXT_LIKE) && isBuiltin(to, ...TEXT_LIKE)) {
    const limit = to.typmods[0];
    if (limit === undefined) return null;
    const previous = from.name === 'varchar' ? from.typmods[0] : undefined;
    if (previous !== undefined && previous <= limit) return null;
    return {
      rewrite: true,
      reason: `${to.sql} has a shorter or new length limit than ${from.sql}, so every value is checked and the table rewritten`,
    };
  }
  if (isBuiltin(from, 'text', 'varchar') && isBuiltin(to, 'bpchar') && to.typmods.length === 0) {
    return null;
  }
  if (isBuiltin(from, 'numeric') && isBuiltin(to, 'numeric')) {
    if (to.typmods.length === 0) return null;
    const [toPrecision, toScale = 0] = to.typmods;
    const [fromPrecision, fromScale = 0] = from.typmods;
    if (fromPrecision !== undefined && toPrecision! >= fromPrecision && toScale === fromScale) return null;
    return {
      rewrite: true,
      reason: `${from.sql} to ${to.sql} changes the scale or lowers the precision, so every value is recomputed`,
    };
  }
  if (PRECISION_TYPES.includes(from.name) && isBuiltin(to, from.name)) {
    const toPrecision = to.typmods[0];
    const fromPrecision = from.typmods[0];
    if (toPrecision === undefined) return null;
    if (fromPrecision !== undefined && toPrecision >= fromPrecision) return null;
    return { rewrite: true, reason: `${from.sql} to ${to.sql} rounds every value to the new precision` };
  }
  if (isBuiltin(from, 'varbit') && isBuiltin(to, 'varbit')) {
    const limit = to.typmods[0];
    const previous = from.typmods[0];
    if (limit === undefined || (previous !== undefined && previous <= limit)) return null;
    return { rewrite: true, reason: `${to.sql} is shorter than ${from.sql}, so every value is checked` };
  }
  if (isBuiltin(from, 'cidr') && isBuiltin(to, 'inet')) return null;
  if (sameBase(from, to) && from.typmods.join() === to.typmods.join()) return null;
  if (isBuiltin(from, 'timestamp', 'timestamptz') && isBuiltin(to, 'timestamp', 'timestamptz')) {
    return {
      rewrite: true,
      reason: `${from.sql} to ${to.sql} reinterprets every value in the session time zone (PostgreSQL 12+ skips the rewrite only when TimeZone is UTC; Faultline cannot know the session's)`,
    };
  }
  return { rewrite: true, reason: `${from.sql} and ${to.sql} are stored differently, so every row is converted` };
}

/**
 * The cost of a type change when only the target is known (the column was created outside the
 * files being linted and no schema dump names it). The same target is a relabel from one old type
 * and a full rewrite from another (varchar → text keeps the rows, integer → text converts every
 * one; text → varchar(255) checks every row), and nothing in the statement tells which: fail closed.
 */
function unknownOriginCost(to: ColumnType): TypeChangeCost {
  const examples = isBuiltin(to, ...TEXT_LIKE)
    ? 'from integer or any non-text type every row is converted, and a new or lower length limit checks every row'
    : isBuiltin(to, 'timestamptz', 'timestamp')
      ? `from ${to.name === 'timestamptz' ? 'timestamp' : 'timestamptz'} every value is reinterpreted in the session time zone, from other types every row is converted`
      : 'unless the old type is binary coercible to it, every row is converted';
  return {
    rewrite: true,
    oldTypeUnknown: true,
    reason: `old type unknown, so it is taken as a rewrite: converting to ${to.sql} ${examples}`,
  };
}

export interface TypeChange {
  column: string;
  /** The column's type before the change, when the linter has seen it declared. */
  from?: ColumnType;
  to: ColumnType;
  /** The raw USING expression, if any. */
  using?: unknown;
}

/**
 * Null when the change keeps every row as it is; otherwise why it rewrites the table. With the old
 * type known, a USING clause that is only the column cast to the new type (`USING c::varchar(200)`,
 * which Django writes on every type change) is planned exactly like no USING; any other USING
 * expression is evaluated for every row. With the old type unknown, every change is a rewrite.
 */
export function typeChangeCost(change: TypeChange): TypeChangeCost | null {
  const using = change.using !== undefined && change.using !== null;
  if (using && (!change.from || usingDoesWork(change.using, change.column, change.to))) {
    // With the old type unknown even `USING c::text` may be a conversion (integer to text).
    return change.from
      ? { rewrite: true, reason: 'the USING expression is evaluated for every row' }
      : { rewrite: true, oldTypeUnknown: true, reason: 'old type unknown, and the USING expression is evaluated for every row' };
  }
  return change.from ? knownOriginCost(change.from, change.to) : unknownOriginCost(change.to);
}

/**
 * True when a USING expression does real work: anything but the column itself, optionally cast to
 * exactly the target type (`USING c::text`), which PostgreSQL plans like no USING at all.
 */
function usingDoesWork(using: unknown, column: string, to: ColumnType): boolean {
  let node = using as Record<string, unknown>;
  const cast = node.TypeCast as { arg?: Record<string, unknown>; typeName?: unknown } | undefined;
  if (cast) {
    if (columnType(cast.typeName)?.sql !== to.sql) return true;
    node = cast.arg ?? {};
  }
  const ref = node.ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined;
  const fields = ref?.fields ?? [];
  return !(fields.length === 1 && fields[0]!.String?.sval === column);
}
