import { constraintOf, relationFromNames } from '../ast.ts';
import { quoteIdent, relationSql } from '../identifiers.ts';
import type { Rule } from '../types.ts';
import { clauseText } from './locking-support.ts';

/** A validated domain constraint checks every column of that domain in every table. */
export const alterDomainAddConstraint: Rule = {
  id: 'alter-domain-add-constraint',
  defaultSeverity: 'error',
  kinds: ['AlterDomainStmt'],
  summary: 'ALTER DOMAIN … ADD CONSTRAINT or SET NOT NULL checks every column using the domain while blocking writes',
  description:
    'ALTER DOMAIN … ADD CONSTRAINT checks every value of the domain in every table that uses it, holding ' +
    'a SHARE lock on each of those tables: writes to all of them wait until every table is scanned. A ' +
    'CHECK can be added NOT VALID (only new values are checked) and validated later with ALTER DOMAIN … ' +
    'VALIDATE CONSTRAINT. A domain NOT NULL constraint (ADD CONSTRAINT … NOT NULL, or ALTER DOMAIN … SET NOT ' +
    'NULL) has no NOT VALID form.',
  check(statement, context) {
    if (statement.kind !== 'AlterDomainStmt') return [];
    // SET NOT NULL ('O') scans like ADD CONSTRAINT … NOT NULL.
    const setNotNull = statement.node.subtype === 'O';
    if (statement.node.subtype !== 'C' && !setNotNull) return [];
    const constraint = setNotNull ? { contype: 'CONSTR_NOTNULL' } : constraintOf(statement.node.def);
    if (!constraint || constraint.skip_validation === true) return [];
    const domain = relationFromNames(statement.node.typeName);
    if (!domain || context.isNewRelation(domain)) return [];
    const d = relationSql(domain);
    const isCheck = constraint.contype === 'CONSTR_CHECK';
    const name = typeof constraint.conname === 'string' ? constraint.conname : `${domain.name}_check`;
    const check = clauseText(statement, constraint.location, 'CHECK');
    const fix =
      isCheck && check
        ? `ALTER DOMAIN ${d} ADD CONSTRAINT ${quoteIdent(name)} ${check} NOT VALID;\n` +
          '-- then, in a separate transaction:\n' +
          `ALTER DOMAIN ${d} VALIDATE CONSTRAINT ${quoteIdent(name)};`
        : `-- a domain ${isCheck ? 'CHECK' : 'NOT NULL'} cannot be added without scanning: add a NOT VALID CHECK (VALUE IS NOT NULL) instead, then VALIDATE it separately\n` +
          `ALTER DOMAIN ${d} ADD CONSTRAINT ${quoteIdent(`${domain.name}_not_null`)} CHECK (VALUE IS NOT NULL) NOT VALID;\n` +
          `ALTER DOMAIN ${d} VALIDATE CONSTRAINT ${quoteIdent(`${domain.name}_not_null`)};`;
    return [
      {
        message:
          `ALTER DOMAIN ${d} ${setNotNull ? 'SET NOT NULL' : 'ADD CONSTRAINT'} checks every column of type ${d} in every table, holding a SHARE lock ` +
          'on each: writes to all of those tables wait until the check ends.',
        lock: 'SHARE',
        blocks: ['writes'],
        rewrite: false,
        fix,
      },
    ];
  },
};
