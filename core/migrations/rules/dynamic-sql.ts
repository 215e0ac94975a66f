import { DYNAMIC_SQL_KIND, type DynamicSqlNode, MAX_DO_DEPTH } from '../statements.ts';
import type { Rule, RuleHit } from '../types.ts';

const SHADOW_HINT =
  '-- the gate cannot see this SQL: run the shadow run (faultline migrations lint --database-url …, or the ' +
  "action's database-url input), which observes the locks it takes on a real server; or write the statements out";

function hit(message: string): RuleHit {
  return { message, lock: null, blocks: [], rewrite: false, fix: SHADOW_HINT };
}

/**
 * SQL executed at migration time whose text the linter cannot know: every rule is blind to it, so
 * a gate that said nothing would pass something it never checked.
 */
export const dynamicSql: Rule = {
  id: 'dynamic-sql',
  defaultSeverity: 'warning',
  strictSeverity: 'error',
  kinds: [DYNAMIC_SQL_KIND, 'DoStmt'],
  summary: 'SQL built at run time (EXECUTE of a variable, a DO block in another language): not checked',
  description:
    'Inside DO blocks the gate follows nested DO blocks, CALL, and EXECUTE of text the migration fixes: ' +
    'literals, `||`, format() with %s/%I/%L, quote_ident/quote_literal, CONSTANT variables and loops ' +
    '(FOREACH … IN ARRAY, FOR … IN SELECT unnest(…), FOR i IN 1..n) over literal values. When the text ' +
    'still depends on something known only at run time (a query result, a parameter), or the DO block is ' +
    `in a language other than PL/pgSQL or nested more than ${MAX_DO_DEPTH} deep, no rule can check the SQL ` +
    'it runs. This finding names the statement so that a reviewer looks at it, and suggests the shadow run, ' +
    'which observes the locks on a real server. A warning by default, an error under `profile: strict`.',
  check(statement) {
    if (statement.kind === DYNAMIC_SQL_KIND) {
      const node = statement.node as unknown as DynamicSqlNode;
      return [hit(`EXECUTE ${node.expression}: the SQL is ${node.reason}, so no rule checked what it does (locks, rewrites, scans).`)];
    }
    // A DoStmt left as it is: not PL/pgSQL, or nested too deep to follow.
    if (statement.kind !== 'DoStmt') return [];
    const args = ((statement.node.args ?? []) as { DefElem?: { defname?: string; arg?: { String?: { sval?: string } } } }[]).map((a) => a.DefElem);
    const language = args.find((a) => a?.defname === 'language')?.arg?.String?.sval ?? 'plpgsql';
    return [
      hit(
        language.toLowerCase() === 'plpgsql'
          ? `This DO block is nested more than ${MAX_DO_DEPTH} levels deep; the gate did not follow it, so no rule checked what it does.`
          : `This DO block is written in ${language}, which the gate cannot analyse; no rule checked what it does.`,
      ),
    ];
  },
};
