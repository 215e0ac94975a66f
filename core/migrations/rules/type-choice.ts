/**
 * The shape shared by the type-choice rules (ban-char-type, prefer-text, prefer-bigint, …): a
 * declared column type that works today and causes trouble later. They report the declaration,
 * in new tables too, since the choice outlives the migration.
 */
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { RuleHit, Statement } from '../types.ts';
import { type DeclaredType, declaredTypes } from './schema-change-support.ts';

/** How to declare the column with `better` instead, for each way it was declared. */
export function redeclare(d: DeclaredType, better: string): string {
  const table = relationSql(d.table);
  const col = quoteIdent(d.column);
  switch (d.via) {
    case 'create-table':
      return `-- in CREATE TABLE ${table}:\n${col} ${better}`;
    case 'add-column':
      return `ALTER TABLE ${table} ADD COLUMN ${col} ${better};`;
    case 'alter-type':
      return `ALTER TABLE ${table} ALTER COLUMN ${col} TYPE ${better};`;
  }
}

export type DeclaredTypeFix = DeclaredType;

/**
 * `better` is the type to declare instead, or `{ fix }`: the whole fix when the better declaration
 * needs more than a type (a constraint added on its own).
 */
export function typeChoiceHits(
  statement: Statement,
  vias: readonly DeclaredType['via'][],
  judge: (d: DeclaredType) => { message: string; better: string | { fix: string } } | undefined,
): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const d of declaredTypes(statement)) {
    if (!vias.includes(d.via)) continue;
    const verdict = judge(d);
    if (!verdict) continue;
    const fix = typeof verdict.better === 'string' ? redeclare(d, verdict.better) : verdict.better.fix;
    hits.push({ message: verdict.message, lock: null, blocks: [], rewrite: false, fix });
  }
  return hits;
}

export const ALL_DECLARATIONS = ['create-table', 'add-column', 'alter-type'] as const;
export const NEW_COLUMNS = ['create-table', 'add-column'] as const;

export function arraySuffix(d: DeclaredType): string {
  return d.type.isArray ? '[]' : '';
}
