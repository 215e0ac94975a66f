/**
 * Small readers for libpg-query parse trees, so rules say what they look for (`alterCommands`,
 * `relationOf`) instead of walking JSON. The parser omits false, zero and empty fields, so every
 * reader treats a missing field as that default.
 */
import type { RelationName } from './types.ts';

export type Node = Record<string, unknown>;

/** A `RangeVar` (`{ schemaname?, relname }`) as a RelationName. */
export function relationOf(rangeVar: unknown): RelationName | undefined {
  const rv = rangeVar as { schemaname?: string; relname?: string } | undefined;
  if (!rv?.relname) return undefined;
  return rv.schemaname ? { schema: rv.schemaname, name: rv.relname } : { name: rv.relname };
}

/** `[{String:{sval:'s'}},{String:{sval:'t'}}]` (or `['s', 't']`) → `{schema:'s', name:'t'}`. */
export function relationFromNames(names: unknown): RelationName | undefined {
  const parts = Array.isArray(names) && names.every((n) => typeof n === 'string') ? (names as string[]) : stringList(names);
  if (parts.length === 0) return undefined;
  const name = parts[parts.length - 1]!;
  return parts.length > 1 ? { schema: parts[parts.length - 2]!, name } : { name };
}

/** The strings of a list of `String` nodes (other nodes are skipped). */
export function stringList(nodes: unknown): string[] {
  if (!Array.isArray(nodes)) return [];
  const out: string[] = [];
  for (const n of nodes) {
    const s = (n as { String?: { sval?: string } }).String?.sval;
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The first key of an object, as Object.keys would list it, without building that list (a hot path). */
export function firstKey(node: object): string | undefined {
  for (const key in node) return key;
  return undefined;
}

/** The one key of a `{ Kind: {...} }` node, and its content. */
export function unwrap(node: unknown): [string, Node] | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const key = firstKey(node);
  if (key === undefined) return undefined;
  return [key, ((node as Node)[key] ?? {}) as Node];
}

/**
 * Whether a parse tree nests objects and arrays more than `limit` levels deep. Iterative, so it
 * answers for any depth, where the recursive readers and rules would run out of stack.
 */
export function deeperThan(tree: unknown, limit: number): boolean {
  const nodes: object[] = tree !== null && typeof tree === 'object' ? [tree] : [];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop()! + 1;
    for (const key in node) {
      const child = node[key];
      if (child === null || typeof child !== 'object') continue;
      if (depth > limit) return true;
      nodes.push(child);
      depths.push(depth);
    }
  }
  return false;
}

/** The content of `node` when it is a `{ kind: {...} }`, else undefined. */
export function nodeOf(node: unknown, kind: string): Node | undefined {
  if (!node || typeof node !== 'object' || firstKey(node) !== kind) return undefined;
  return ((node as Node)[kind] ?? {}) as Node;
}

export interface AlterCommand {
  subtype: string;
  /** Column or constraint name the subcommand names (`ALTER COLUMN x …`, `VALIDATE CONSTRAINT c`). */
  name?: string;
  def?: Node;
  missingOk: boolean;
  raw: Node;
}

/** The subcommands of an AlterTableStmt. */
export function alterCommands(statementNode: Node): AlterCommand[] {
  const cmds = statementNode.cmds;
  if (!Array.isArray(cmds)) return [];
  const out: AlterCommand[] = [];
  for (const c of cmds) {
    const cmd = nodeOf(c, 'AlterTableCmd');
    if (!cmd) continue;
    out.push({
      subtype: String(cmd.subtype ?? ''),
      name: typeof cmd.name === 'string' ? cmd.name : undefined,
      def: cmd.def as Node | undefined,
      missingOk: cmd.missing_ok === true,
      raw: cmd,
    });
  }
  return out;
}

/** A `Constraint` node's content (from `{Constraint:{…}}`). */
export function constraintOf(def: unknown): Node | undefined {
  return nodeOf(def, 'Constraint');
}

/** Columns that a CHECK expression requires to be non-null (`a IS NOT NULL [AND b IS NOT NULL]`). */
export function notNullColumns(expr: unknown): string[] {
  const test = nodeOf(expr, 'NullTest');
  if (test) {
    if (test.nulltesttype !== 'IS_NOT_NULL') return [];
    const fields = stringList(nodeOf(test.arg, 'ColumnRef')?.fields);
    return fields.length > 0 ? [fields[fields.length - 1]!] : [];
  }
  const bool = nodeOf(expr, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR' && Array.isArray(bool.args)) return bool.args.flatMap(notNullColumns);
  return [];
}

/** Every string constant anywhere under `node` (enum literals, set_config arguments…). */
export function stringConstants(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) stringConstants(item, out);
  } else if (node && typeof node === 'object') {
    const constant = (node as Node).A_Const as { sval?: { sval?: string } } | undefined;
    if (constant?.sval?.sval !== undefined) out.push(constant.sval.sval);
    for (const value of Object.values(node)) if (value && typeof value === 'object') stringConstants(value, out);
  }
  return out;
}

/** The `DefElem` options of a statement (`params` of REINDEX, `options` of VACUUM…) by name. */
export function hasOption(list: unknown, name: string): boolean {
  if (!Array.isArray(list)) return false;
  return list.some((item) => {
    const def = nodeOf(item, 'DefElem');
    if (def?.defname !== name) return false;
    // `(CONCURRENTLY false)` turns an option off explicitly.
    const arg = def.arg as { Boolean?: { boolval?: boolean }; String?: { sval?: string } } | undefined;
    if (arg?.Boolean) return arg.Boolean.boolval === true;
    if (arg?.String?.sval !== undefined) return !['false', 'off', '0'].includes(arg.String.sval.toLowerCase());
    return true;
  });
}
