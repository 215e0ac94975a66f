import { stringList } from '../ast.ts';
import { quoteIdent } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { lockHit } from './schema-change-support.ts';

/** DROP SCHEMA deletes every object in it (with CASCADE) and locks each table it drops. */
export const dropSchema: Rule = {
  id: 'drop-schema',
  defaultSeverity: 'error',
  kinds: ['DropStmt'],
  summary: 'DROP SCHEMA',
  description:
    'DROP SCHEMA … CASCADE deletes every table, view, function and type in the schema, taking ACCESS ' +
    'EXCLUSIVE on each table it drops; without CASCADE it fails unless the schema is empty. Either way code ' +
    'that uses the schema breaks. Deploy code that no longer uses the schema, back up what it holds, and ' +
    'drop it in a later migration with a short lock_timeout.',
  check(statement) {
    if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_SCHEMA') return [];
    const schemas = stringList(statement.node.objects);
    const cascade = statement.node.behavior === 'DROP_CASCADE';
    return schemas.map((schema) =>
      lockHit('ACCESS EXCLUSIVE', {
        message: cascade
          ? `DROP SCHEMA ${quoteIdent(schema)} CASCADE deletes every object in the schema and locks each of its tables ACCESS EXCLUSIVE.`
          : `DROP SCHEMA ${quoteIdent(schema)} removes the schema; code that still uses it breaks.`,
        rewrite: false,
        fix:
          `-- 1. deploy code that no longer uses schema ${quoteIdent(schema)}; back up its data\n` +
          `-- 2. in a later migration:\n` +
          `SET lock_timeout = '2s';\n` +
          `DROP SCHEMA ${quoteIdent(schema)};`,
      }),
    );
  },
};
