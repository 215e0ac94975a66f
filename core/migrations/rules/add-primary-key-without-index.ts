import { alterCommands, constraintOf, stringList } from '../ast.ts';
import { derivedName, quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule, RuleHit } from '../types.ts';
import { outsideTransaction } from './locking-support.ts';
import { existingAlteredTable } from './schema-change-support.ts';

/** ADD PRIMARY KEY builds its index (and may set NOT NULL) under ACCESS EXCLUSIVE. */
export const addPrimaryKeyWithoutIndex: Rule = {
  id: 'add-primary-key-without-index',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ADD PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait',
  description:
    'ALTER TABLE … ADD PRIMARY KEY builds a unique index inside the ALTER TABLE under ACCESS EXCLUSIVE, ' +
    'and sets NOT NULL on its columns, which scans the table too. Build the index with CREATE UNIQUE ' +
    'INDEX CONCURRENTLY, make sure the columns are NOT NULL cheaply (a validated CHECK (col IS NOT NULL) ' +
    'first, PostgreSQL 12+), then ADD CONSTRAINT … PRIMARY KEY USING INDEX.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_AddConstraint') continue;
      const constraint = constraintOf(cmd.def);
      if (constraint?.contype !== 'CONSTR_PRIMARY' || constraint.indexname) continue;
      const t = relationSql(table);
      const columns = stringList(constraint.keys);
      const cols = columns.map(quoteIdent).join(', ');
      const name = typeof constraint.conname === 'string' ? constraint.conname : derivedName(table.name, 'pkey');
      const nullable = columns.filter((c) => !context.hasValidatedNotNullCheck(table, c));
      hits.push({
        message:
          `Adding PRIMARY KEY (${cols}) builds its unique index inside ALTER TABLE under an ACCESS EXCLUSIVE lock ` +
          `on ${t}: reads and writes wait until the index is built and the columns are checked for NULLs.`,
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: false,
        fix:
          outsideTransaction(context.inTransaction) +
          `CREATE UNIQUE INDEX CONCURRENTLY ${quoteIdent(name)} ON ${t} (${cols});\n` +
          (nullable.length > 0
            ? `-- if ${nullable.map(quoteIdent).join(', ')} may be nullable, make them NOT NULL the cheap way first (see set-not-null)\n`
            : '') +
          `ALTER TABLE ${t} ADD CONSTRAINT ${quoteIdent(name)} PRIMARY KEY USING INDEX ${quoteIdent(name)};`,
      });
    }
    return hits;
  },
};
