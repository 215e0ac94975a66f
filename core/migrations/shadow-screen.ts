/**
 * What the shadow run refuses to send to the server. The shadow run executes pull-request SQL on
 * the user's database server; it runs as a role without privileges (shadow.ts), and before that
 * this screen refuses, statically, the statements that reach outside the database: shell commands
 * (`COPY … PROGRAM`), server files (`COPY` to or from a file, `lo_import`/`lo_export`,
 * `pg_read_file`…), server configuration (`ALTER SYSTEM`), extensions (`CREATE EXTENSION`, which
 * also covers `CREATE LANGUAGE`) and functions or DO blocks in untrusted languages (plpython3u,
 * plperlu, C…). Bodies of DO blocks and functions are searched as text for the same things, since
 * their dynamic SQL only exists at run time; text the parser rejects is searched as text too.
 * A file with any of them is not applied at all: the finding says which statement and why.
 */
import { nodeOf, stringList, unwrap } from './ast.ts';
import { SHADOW_RULES } from './shadow-rules.ts';
import type { ShadowFile, ShadowStatement } from './shadow-types.ts';
import { parseSql } from './sql-parser.ts';
import type { Finding } from './types.ts';

/** Languages a non-superuser may use (PostgreSQL marks these trusted); the rest can reach the OS. */
const TRUSTED_LANGUAGES = new Set(['sql', 'plpgsql', 'plperl', 'pltcl', 'plv8', 'pljs', 'plrust']);

const SERVER_FILE_FUNCTIONS = new Set(['lo_import', 'lo_export', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file', 'pg_file_write']);

/** The same hazards as text, for bodies and unparsable statements (case-insensitive). */
const TEXT_HAZARDS: readonly [RegExp, string][] = [
  [/\bcopy\b[\s\S]*?\b(to|from)\s+program\b/i, 'COPY … PROGRAM runs a shell command on the database server'],
  [/\balter\s+system\b/i, 'ALTER SYSTEM changes the server configuration'],
  [/\b(lo_import|lo_export|pg_read_file|pg_read_binary_file|pg_ls_dir|pg_stat_file|pg_file_write)\s*\(/i, 'reads or writes files on the database server'],
  [/\bcreate\s+(or\s+replace\s+)?(trusted\s+)?(procedural\s+)?(extension|language)\b/i, 'CREATE EXTENSION/LANGUAGE installs code on the server'],
  [/\blanguage\s+['"]?(pl\w*u|c|internal|plsh|plr|pljava)['"]?(?=[\s;]|$)/i, 'a function or DO block in an untrusted language can run anything on the server'],
];

export interface ScreenOptions {
  /** Allow CREATE EXTENSION (a schema dump loaded as the unprivileged role: the server decides). */
  allowExtensions?: boolean;
}

function languageOf(options: unknown): string | undefined {
  if (!Array.isArray(options)) return undefined;
  for (const option of options) {
    const def = nodeOf(option, 'DefElem');
    if (def?.defname === 'language') return (def.arg as { String?: { sval?: string } })?.String?.sval?.toLowerCase();
  }
  return undefined;
}

function bodiesOf(options: unknown): string[] {
  if (!Array.isArray(options)) return [];
  const bodies: string[] = [];
  for (const option of options) {
    const def = nodeOf(option, 'DefElem');
    if (def?.defname !== 'as') continue;
    const single = (def.arg as { String?: { sval?: string } })?.String?.sval;
    if (single !== undefined) bodies.push(single);
    bodies.push(...stringList((def.arg as { List?: { items?: unknown[] } })?.List?.items));
  }
  return bodies;
}

function textHazards(text: string, options: ScreenOptions): string[] {
  return TEXT_HAZARDS.filter(([pattern, reason]) => pattern.test(text) && !(options.allowExtensions && reason.startsWith('CREATE EXTENSION'))).map(
    ([, reason]) => reason,
  );
}

/** Every FuncCall name anywhere in a tree. */
function calledFunctions(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) calledFunctions(child, into);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const call = nodeOf(node, 'FuncCall');
  if (call) {
    const names = stringList(call.funcname);
    if (names.length > 0) into.add(names[names.length - 1]!.toLowerCase());
  }
  for (const value of Object.values(node)) if (value && typeof value === 'object') calledFunctions(value, into);
}

/** Why the statement may not be shadow-run, or nothing. */
export function screenStatement(text: string, options: ScreenOptions = {}): string[] {
  let tree: { stmts?: { stmt?: unknown }[] };
  try {
    tree = parseSql(text) as typeof tree;
  } catch {
    // The server will most likely reject it too; what it would do if not is judged by its text.
    return textHazards(text, options);
  }
  const reasons: string[] = [];
  for (const { stmt } of tree.stmts ?? []) {
    const [kind, node] = unwrap(stmt) ?? ['', {}];
    if (kind === 'CopyStmt') {
      if (node.is_program) reasons.push(`COPY … ${node.is_from ? 'FROM' : 'TO'} PROGRAM runs a shell command on the database server`);
      else if (typeof node.filename === 'string') reasons.push(`COPY … ${node.is_from ? 'FROM' : 'TO'} a server file reads or writes files on the database server`);
    } else if (kind === 'AlterSystemStmt') {
      reasons.push('ALTER SYSTEM changes the server configuration');
    } else if (kind === 'CreateExtensionStmt' && !options.allowExtensions) {
      reasons.push(`CREATE EXTENSION/LANGUAGE ${String(node.extname ?? '')} installs code on the server`.replace(/ {2}/, ' '));
    } else if (kind === 'CreatePLangStmt') {
      reasons.push('CREATE LANGUAGE installs code on the server');
    } else if (kind === 'CreateFunctionStmt' || kind === 'DoStmt') {
      const language = languageOf(kind === 'DoStmt' ? node.args : node.options) ?? (kind === 'DoStmt' ? 'plpgsql' : undefined);
      if (language && !TRUSTED_LANGUAGES.has(language)) {
        reasons.push(`${kind === 'DoStmt' ? 'a DO block' : 'a function'} in the untrusted language ${language} can run anything on the server`);
      }
      for (const body of bodiesOf(kind === 'DoStmt' ? node.args : node.options)) reasons.push(...textHazards(body, options));
    }
    const called = new Set<string>();
    calledFunctions(node, called);
    for (const name of called) if (SERVER_FILE_FUNCTIONS.has(name)) reasons.push(`${name}() reads or writes files on the database server`);
  }
  return [...new Set(reasons)];
}

/** Findings for every statement of `file` the shadow run refuses (empty: the file may run). */
export function screenShadowFile(file: ShadowFile, options: ScreenOptions = {}): Finding[] {
  return file.statements.flatMap((statement) => refusalsFor(file.path, statement, options));
}

function refusalsFor(path: string, statement: ShadowStatement, options: ScreenOptions): Finding[] {
  const reasons = screenStatement(statement.text, options);
  if (reasons.length === 0) return [];
  return [
    {
      rule: SHADOW_RULES.refused,
      severity: 'error',
      path,
      line: statement.line,
      column: statement.column,
      message: `The shadow run refuses to execute this file: ${reasons.join('; ')}. Nothing was applied to the scratch database.`,
      lock: null,
      blocks: [],
      rewrite: false,
      source: 'shadow',
      statement: statement.text.length > 200 ? `${statement.text.slice(0, 199)}…` : statement.text,
      fix:
        'Keep server-level changes (extensions, untrusted languages, server files, ALTER SYSTEM) out of pull-request migrations: ' +
        'have an administrator apply them, or run the shadow run without this file. Review what the statement does before merging.',
    },
  ];
}

/** Statement kinds of a schema dump that only a superuser or the original roles could run. */
function isOwnershipOrPrivilege(text: string): boolean {
  let tree: { stmts?: { stmt?: unknown }[] };
  try {
    tree = parseSql(text) as typeof tree;
  } catch {
    return false;
  }
  const [kind, node] = unwrap(tree.stmts?.[0]?.stmt) ?? ['', {}];
  if (kind === 'AlterOwnerStmt' || kind === 'GrantStmt' || kind === 'GrantRoleStmt' || kind === 'AlterDefaultPrivilegesStmt') return true;
  if (kind === 'AlterTableStmt') {
    const commands = Array.isArray(node.cmds) ? node.cmds : [];
    return commands.length > 0 && commands.every((command) => nodeOf(command, 'AlterTableCmd')?.subtype === 'AT_ChangeOwner');
  }
  // pg_dump of older servers names plpgsql, which every database already has.
  if (kind === 'CreateExtensionStmt' && node.extname === 'plpgsql') return true;
  if (kind === 'CommentStmt' && node.objtype === 'OBJECT_EXTENSION') return true;
  return false;
}

/**
 * A schema dump as the unprivileged role can load it: without `OWNER TO`, GRANT/REVOKE and
 * default privileges (pg_dump writes them for roles that do not exist here; the role owns all).
 */
export function dumpForRole(file: ShadowFile): ShadowFile {
  const statements = file.statements.filter((statement) => !isOwnershipOrPrivilege(statement.text)).map((statement, index) => ({ ...statement, index }));
  return { ...file, statements };
}
