import { alterCommands, nodeOf } from '../ast.ts';
import { derivedName, quoteIdent, relationSql } from '../identifiers.ts';
import { type ColumnType, columnType } from '../pg-types.ts';
import { typeChangeCost } from '../type-changes.ts';
import type { RelationName, Rule, RuleHit } from '../types.ts';
import { alterTable, batchedUpdate, existingAlteredTable, lockHit } from './schema-change-support.ts';

/**
 * An engine may know a column's type from files linted earlier in the same run; when it offers
 * this lookup, type changes are judged exactly instead of from the target type alone.
 */
function expandContract(table: RelationName, column: string, to: ColumnType): string {
  const t = relationSql(table);
  const col = quoteIdent(column);
  const next = quoteIdent(derivedName(column, 'new'));
  const old = quoteIdent(derivedName(column, 'old'));
  const sync = quoteIdent(derivedName(table.name, column, 'sync'));
  return (
    `-- expand: a new column, kept in sync by a trigger, backfilled in batches\n` +
    `${alterTable(table)} ADD COLUMN ${next} ${to.sql};\n` +
    `CREATE FUNCTION ${sync}() RETURNS trigger LANGUAGE plpgsql AS $$\n` +
    `BEGIN NEW.${next} := NEW.${col}::${to.sql}; RETURN NEW; END $$;\n` +
    `CREATE TRIGGER ${sync} BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${sync}();\n` +
    `${batchedUpdate(table, `${next} = ${col}::${to.sql}`, `${next} IS NULL AND ${col} IS NOT NULL`)}\n` +
    `-- contract, in one short transaction with a lock_timeout:\n` +
    `-- faultline-ignore: rename-column -- the swap: deployed code reads ${col}, which the trigger keeps in step\n` +
    `${alterTable(table)} RENAME COLUMN ${col} TO ${old};\n` +
    `-- faultline-ignore: rename-column -- the swap: ${next} takes the name ${col}, in the same transaction\n` +
    `${alterTable(table)} RENAME COLUMN ${next} TO ${col};\n` +
    `DROP TRIGGER ${sync} ON ${t};\n` +
    `-- recreate indexes and constraints on ${col} (CONCURRENTLY / NOT VALID), then drop ${old} in a later release`
  );
}

/** ALTER COLUMN … TYPE that rewrites the table (and rebuilds its indexes) under ACCESS EXCLUSIVE. */
export const changeColumnType: Rule = {
  id: 'change-column-type',
  defaultSeverity: 'error',
  kinds: ['AlterTableStmt'],
  summary: 'ALTER COLUMN … TYPE that rewrites the table under ACCESS EXCLUSIVE',
  description:
    'Changing a column\'s type holds ACCESS EXCLUSIVE and, unless the old and new types are binary ' +
    'compatible, rewrites every row and rebuilds every index of the table: no reads or writes until it ' +
    'finishes. No rewrite (not reported): varchar(n) to text or to a wider varchar, numeric(p,s) to numeric ' +
    'or to a higher precision with the same scale, a higher timestamp/time/interval precision, cidr to inet. ' +
    'Rewrites: int to bigint, a USING expression that does more than cast the column to the new type, a ' +
    'new or shorter length limit ' +
    '(text to varchar(n)), timestamp to timestamptz (PostgreSQL 12+ skips the rewrite only when the ' +
    'session TimeZone is UTC, which the linter cannot know), json to jsonb, to an enum or a domain. When the ' +
    'old type is unknown (the column was created outside the linted files), every type change and every USING ' +
    'is reported as a rewrite ("old type unknown"): varchar to text keeps the rows but integer to text converts ' +
    'them. Name a schema dump (`pg_dump --schema-only`) in the config as `migrations.schema-dump` so the gate ' +
    'knows the old types. Safe rewrite: expand and contract — add a new ' +
    'column, keep it in sync with a trigger, backfill in batches, swap the names in one short transaction.',
  check(statement, context) {
    const table = existingAlteredTable(statement, context);
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.name) continue;
      const def = nodeOf(cmd.def, 'ColumnDef');
      const to = columnType(def?.typeName);
      if (!to) continue;
      const from = context.columnType(table, cmd.name);
      const cost = typeChangeCost({ column: cmd.name, from, to, using: def?.raw_default });
      if (!cost) continue;
      const col = quoteIdent(cmd.name);
      const unknown = cost.oldTypeUnknown
        ? ` To let the gate know the old type, name a schema dump (pg_dump --schema-only) in .github/faultline.yml as migrations.schema-dump, or lint the migration that created ${col} in the same run.`
        : '';
      hits.push(
        lockHit('ACCESS EXCLUSIVE', {
          message:
            `Changing ${table.name}.${col} to ${to.sql} ${cost.oldTypeUnknown ? 'may rewrite the table and rebuild' : 'rewrites the table and rebuilds'} its indexes under ` +
            `ACCESS EXCLUSIVE (${cost.reason}); reads and writes wait until it finishes.${unknown}`,
          rewrite: true,
          fix: expandContract(table, cmd.name, to),
        }),
      );
    }
    return hits;
  },
};
