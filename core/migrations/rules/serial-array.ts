import { stringList } from '../ast.ts';
import { declaredColumnDefinitions } from '../declared-columns.ts';
import { quoteIdent } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';

const SERIALS = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/** `serial[]`: PostgreSQL rejects it ("array of serial is not implemented"), so the migration fails. */
export const serialArray: Rule = {
  id: 'serial-array',
  defaultSeverity: 'error',
  kinds: ['CreateStmt', 'AlterTableStmt', 'CreateForeignTableStmt'],
  summary: 'A column of type serial[] (or bigserial[], smallserial[]), which PostgreSQL rejects',
  description:
    'serial is not a type but a shorthand for an integer column with a sequence default; an array of it ' +
    'does not exist, and CREATE TABLE or ADD COLUMN fails with "array of serial is not implemented". ' +
    'Use integer[] or bigint[] for an array, or a bigint identity column for a generated key.',
  check(statement) {
    const hits: RuleHit[] = [];
    for (const column of declaredColumnDefinitions(statement)) {
      const typeName = column.node.typeName as { names?: unknown; arrayBounds?: unknown[] } | undefined;
      const names = stringList(typeName?.names);
      const name = names[names.length - 1]?.toLowerCase();
      if (!name || !SERIALS.has(name) || !Array.isArray(typeName?.arrayBounds) || typeName.arrayBounds.length === 0) continue;
      const element = name.startsWith('big') || name === 'serial8' ? 'bigint' : name.startsWith('small') || name === 'serial2' ? 'smallint' : 'integer';
      hits.push({
        message: `Column ${quoteIdent(column.name)} is declared ${name}[]: PostgreSQL rejects it ("array of serial is not implemented").`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix: `-- an array of numbers:\n${quoteIdent(column.name)} ${element === 'integer' ? 'bigint' : element}[]`,
      });
    }
    return hits;
  },
};
