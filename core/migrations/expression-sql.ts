/**
 * SQL text for the small expressions that appear in column defaults (function calls, constants,
 * casts, operators), rebuilt from the parse tree so a suggested fix can repeat the user's default.
 * libpg-query's WebAssembly build has no deparser; anything outside this subset returns undefined
 * and the caller words its fix without the expression.
 */
import { firstKey } from './ast.ts';
import { quoteIdent, quoteLiteral } from './identifiers.ts';
import { columnType } from './pg-types.ts';

type Node = Record<string, unknown>;

const SQL_VALUE_FUNCTIONS: Record<string, string> = {
  SVFOP_CURRENT_DATE: 'CURRENT_DATE',
  SVFOP_CURRENT_TIME: 'CURRENT_TIME',
  SVFOP_CURRENT_TIME_N: 'CURRENT_TIME',
  SVFOP_CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP',
  SVFOP_CURRENT_TIMESTAMP_N: 'CURRENT_TIMESTAMP',
  SVFOP_LOCALTIME: 'LOCALTIME',
  SVFOP_LOCALTIME_N: 'LOCALTIME',
  SVFOP_LOCALTIMESTAMP: 'LOCALTIMESTAMP',
  SVFOP_LOCALTIMESTAMP_N: 'LOCALTIMESTAMP',
  SVFOP_CURRENT_ROLE: 'CURRENT_ROLE',
  SVFOP_CURRENT_USER: 'CURRENT_USER',
  SVFOP_USER: 'USER',
  SVFOP_SESSION_USER: 'SESSION_USER',
  SVFOP_CURRENT_CATALOG: 'CURRENT_CATALOG',
  SVFOP_CURRENT_SCHEMA: 'CURRENT_SCHEMA',
};

function strings(list: unknown): string[] {
  return ((list as { String?: { sval?: string } }[] | undefined) ?? []).map((n) => n.String?.sval ?? '');
}

function constant(c: Node): string {
  if (c.isnull) return 'NULL';
  const value = c.ival ?? c.fval ?? c.sval ?? c.boolval ?? c.bsval;
  const v = (value ?? {}) as { ival?: number; fval?: string; sval?: string; boolval?: boolean; bsval?: string };
  if (c.ival) return String(v.ival ?? 0);
  if (c.fval) return String(v.fval);
  if (c.boolval) return v.boolval ? 'true' : 'false';
  if (c.bsval) return `B'${String(v.bsval).slice(1)}'`;
  return quoteLiteral(v.sval ?? '');
}

function kindOf(node: unknown): string | undefined {
  return node && typeof node === 'object' ? firstKey(node) : undefined;
}

/** SQL for an expression node, or undefined when it uses syntax outside the supported subset. */
export function expressionSql(expr: unknown): string | undefined {
  if (!expr || typeof expr !== 'object') return undefined;
  const [kind, body] = Object.entries(expr as Node)[0] ?? [];
  const n = (body ?? {}) as Node;
  switch (kind) {
    case 'A_Const':
      return constant(n);
    case 'SQLValueFunction': {
      const name = SQL_VALUE_FUNCTIONS[String(n.op)];
      if (!name) return undefined;
      return typeof n.typmod === 'number' && n.typmod >= 0 ? `${name}(${n.typmod})` : name;
    }
    case 'TypeCast': {
      const arg = expressionSql(n.arg);
      const type = columnType(n.typeName)?.sql;
      if (arg === undefined || type === undefined) return undefined;
      // Binary operators come back parenthesised already; a unary minus binds looser than `::`.
      const wrap = arg.startsWith('-') || kindOf(n.arg) === 'TypeCast';
      return `${wrap ? `(${arg})` : arg}::${type}`;
    }
    case 'FuncCall': {
      if (n.agg_star || n.over || n.agg_filter || n.agg_order) return undefined;
      const args = ((n.args as unknown[] | undefined) ?? []).map(expressionSql);
      if (args.some((a) => a === undefined)) return undefined;
      const name = strings(n.funcname)
        .filter((part, i, all) => !(part === 'pg_catalog' && i < all.length - 1))
        .map(quoteIdent)
        .join('.');
      return `${name}(${args.join(', ')})`;
    }
    case 'A_Expr': {
      if (n.kind !== 'AEXPR_OP') return undefined;
      const op = strings(n.name).join('.');
      const right = expressionSql(n.rexpr);
      if (right === undefined) return undefined;
      if (n.lexpr === undefined) return `${op}${right}`;
      const left = expressionSql(n.lexpr);
      return left === undefined ? undefined : `(${left} ${op} ${right})`;
    }
    case 'ColumnRef':
      return strings(n.fields).map(quoteIdent).join('.');
    default:
      return undefined;
  }
}
