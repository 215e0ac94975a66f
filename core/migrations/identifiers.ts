/**
 * Turning parser names back into SQL a user can paste. libpg-query already folds unquoted
 * identifiers to lower case and keeps quoted ones as written, so a name from the parse tree is the
 * name PostgreSQL stores; it needs quotes again only when it would not survive that folding.
 */
import type { RelationName } from './types.ts';

// Reserved words (PostgreSQL's keywords with category "reserved" or "reserved, can be function or
// type"): a bare identifier equal to one of these does not parse, so it has to be quoted.
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check ' +
    'collate collation column concurrently constraint create cross current_catalog current_date ' +
    'current_role current_schema current_time current_timestamp current_user default deferrable ' +
    'desc distinct do else end except false fetch for foreign freeze from full grant group having ' +
    'ilike in initially inner intersect into is isnull join lateral leading left like limit ' +
    'localtime localtimestamp natural not notnull null offset on only or order outer overlaps ' +
    'placing primary references returning right select session_user similar some symmetric ' +
    'system_user table tablesample then to trailing true union unique user using variadic verbose ' +
    'when where window with'
  ).split(' '),
);

/** Quotes an identifier only when PostgreSQL would otherwise fold or reject it. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.table` (or `table`) as SQL. */
export function relationSql(relation: RelationName): string {
  return relation.schema
    ? `${quoteIdent(relation.schema)}.${quoteIdent(relation.name)}`
    : quoteIdent(relation.name);
}

/** A SQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A name derived from others (an index or constraint name), cut to PostgreSQL's 63-byte limit so
 * the suggested SQL does not silently create a truncated name.
 */
export function derivedName(...parts: string[]): string {
  let name = parts.join('_');
  while (Buffer.byteLength(name, 'utf8') > 63) name = name.slice(0, -1);
  return name;
}
