import { stringList } from '../ast.ts';
import { quoteIdent, quoteLiteral } from '../identifiers.ts';
import type { Rule } from '../types.ts';

/** ALTER TYPE … RENAME VALUE: code still writing the old label fails. */
export const renameEnumValue: Rule = {
  id: 'rename-enum-value',
  defaultSeverity: 'error',
  kinds: ['AlterEnumStmt'],
  summary: 'ALTER TYPE … RENAME VALUE on an enum',
  description:
    'Renaming an enum label is instant, but the application version still running keeps writing and ' +
    'comparing the old label: its inserts fail with "invalid input value for enum" and its filters ' +
    'silently match nothing. Enum labels cannot be dropped, so the safe path is additive: add the new ' +
    'label (ALTER TYPE … ADD VALUE), deploy code that accepts both, move rows over in batches, and stop ' +
    'writing the old label.',
  check(statement) {
    if (statement.kind !== 'AlterEnumStmt' || statement.node.oldVal === undefined) return [];
    const names = stringList(statement.node.typeName);
    const type = names.map(quoteIdent).join('.');
    const from = quoteLiteral(String(statement.node.oldVal));
    const to = quoteLiteral(String(statement.node.newVal ?? ''));
    return [
      {
        message: `Renaming enum value ${from} of ${type} to ${to} breaks running code that still writes or compares ${from}.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix:
          `ALTER TYPE ${type} ADD VALUE IF NOT EXISTS ${to};\n` +
          `-- deploy code that accepts both labels, then per table using ${type}, in batches:\n` +
          `-- UPDATE <table> SET <column> = ${to} WHERE ctid IN (SELECT ctid FROM <table> WHERE <column> = ${from} LIMIT 10000);`,
      },
    ];
  },
};
