import { derivedName, quoteIdent, relationSql } from '../identifiers.ts';
import { isBuiltin } from '../pg-types.ts';
import type { Rule } from '../types.ts';
import { ALL_DECLARATIONS, arraySuffix, type DeclaredTypeFix, typeChoiceHits } from './type-choice.ts';

/**
 * text plus a length CHECK. Only CREATE TABLE may carry the CHECK in the column definition: ALTER
 * COLUMN … TYPE has no place for it (a syntax error), and ADD COLUMN … CHECK scans the table under
 * ACCESS EXCLUSIVE; there the CHECK is added NOT VALID and validated on its own.
 */
function textWithCheck(d: DeclaredTypeFix, limit: number): string | { fix: string } {
  const col = quoteIdent(d.column);
  const check = `CHECK (char_length(${col}) <= ${limit})`;
  if (d.via === 'create-table') return `text ${check}`;
  const table = relationSql(d.table);
  const name = quoteIdent(derivedName(d.table.name, d.column, 'max_length'));
  const column =
    d.via === 'add-column' ? `ALTER TABLE ${table} ADD COLUMN ${col} text;` : `ALTER TABLE ${table} ALTER COLUMN ${col} TYPE text;`;
  return {
    fix:
      `${column}\n` +
      `ALTER TABLE ${table} ADD CONSTRAINT ${name} ${check} NOT VALID;\n` +
      `-- then, in a separate transaction (reads and writes go on while it scans):\n` +
      `ALTER TABLE ${table} VALIDATE CONSTRAINT ${name};`,
  };
}

/** varchar(n): changing n later can mean a rewrite; text with a CHECK is easier to change. */
export const preferText: Rule = {
  id: 'prefer-text',
  defaultSeverity: 'warning',
  kinds: ['CreateStmt', 'AlterTableStmt'],
  summary: 'varchar(n) column (prefer text, with a CHECK constraint if the limit matters)',
  description:
    'In PostgreSQL varchar(n) is text plus a length check; it is not faster or smaller. The limit is part ' +
    'of the type, so lowering it later rewrites the table under ACCESS EXCLUSIVE, and frameworks pick ' +
    'limits (255) that real data outgrows. Use text; if the limit matters, add it as a CHECK constraint, ' +
    'which can be replaced online (ADD CONSTRAINT … NOT VALID, then VALIDATE). Unconstrained varchar is ' +
    'not reported.',
  check(statement) {
    return typeChoiceHits(statement, ALL_DECLARATIONS, (d) => {
      if (!isBuiltin(d.type, 'varchar') || d.type.typmods.length === 0) return undefined;
      const n = d.type.typmods[0]!;
      const col = quoteIdent(d.column);
      return {
        message: `Column ${col} of ${d.table.name} is ${d.type.sql}: the limit is part of the type, and lowering it later rewrites the table. Use text with a CHECK constraint.`,
        better: d.type.isArray ? `text${arraySuffix(d)}` : textWithCheck(d, n),
      };
    });
  },
};
