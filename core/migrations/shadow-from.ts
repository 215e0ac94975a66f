/**
 * What the shadow run's scratch database starts from (`--shadow-from`, action input and config
 * key `shadow-from`):
 *   template  a copy of the database the URL names (its schema, as CI or a restore left it), so
 *             migrations that build on it do not fail with "relation does not exist";
 *   empty     nothing: the migration history is replayed before the files under review;
 *   dump:FILE a schema dump (pg_dump --schema-only) loaded first.
 */
export type ShadowFrom = { kind: 'template' } | { kind: 'empty' } | { kind: 'dump'; file: string };

export const DEFAULT_SHADOW_FROM: ShadowFrom = { kind: 'template' };

/** Parses `template`, `empty` or `dump:FILE`; throws an Error saying what is accepted. */
export function parseShadowFrom(value: string): ShadowFrom {
  const text = value.trim();
  if (text === 'template' || text === 'empty') return { kind: text };
  if (text.startsWith('dump:')) {
    const file = text.slice('dump:'.length).trim();
    if (file === '') throw new Error("dump: needs a file, e.g. 'dump:db/schema.sql'");
    return { kind: 'dump', file };
  }
  throw new Error(`expected template, empty or dump:FILE, got '${value}'`);
}

export function formatShadowFrom(from: ShadowFrom): string {
  return from.kind === 'dump' ? `dump:${from.file}` : from.kind;
}
