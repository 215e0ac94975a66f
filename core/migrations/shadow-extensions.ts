/**
 * Extensions a schema dump needs, for `shadow-from dump:FILE`. The dump is loaded as the run's
 * unprivileged role, which may create only trusted extensions (citext, hstore, cube, … on
 * PostgreSQL 13+); a dump naming another one (earthdistance, dblink, …) would stop at its
 * `CREATE EXTENSION`, and every table using the extension's types with it. The connecting user
 * creates those (not the trusted ones, which the role creates and owns) in the scratch database
 * first, but only extensions the URL's database already has (the server's administrator installed
 * them there, so no new code is trusted) and only in public or pg_catalog (a schema the dump
 * creates itself must stay the dump's to create). The dump's own `CREATE EXTENSION IF NOT EXISTS`
 * then finds them; anything else is left to the dump, whose failure has a fix saying what to do.
 */
import { nodeOf, unwrap } from './ast.ts';
import { quoteIdent } from './shadow-scratch.ts';
import type { ShadowClient, ShadowFile } from './shadow-types.ts';
import { parseSql } from './sql-parser.ts';

export interface DumpExtension {
  name: string;
  /** `WITH SCHEMA …`, when the dump names one. */
  schema?: string;
}

const PRE_CREATED_SCHEMAS = new Set(['public', 'pg_catalog']);

/** The extensions a dump creates, in its order (the parser must be loaded). */
export function extensionsOfDump(file: ShadowFile): DumpExtension[] {
  const found: DumpExtension[] = [];
  for (const statement of file.statements) {
    if (!/\bextension\b/i.test(statement.text)) continue;
    let tree: { stmts?: { stmt?: unknown }[] };
    try {
      tree = parseSql(statement.text) as typeof tree;
    } catch {
      continue;
    }
    for (const { stmt } of tree.stmts ?? []) {
      const [kind, node] = unwrap(stmt) ?? ['', {}];
      if (kind !== 'CreateExtensionStmt' || typeof node.extname !== 'string') continue;
      const options = Array.isArray(node.options) ? node.options : [];
      const schemaOption = options.map((option) => nodeOf(option, 'DefElem')).find((def) => def?.defname === 'schema');
      const schema = (schemaOption?.arg as { String?: { sval?: string } } | undefined)?.String?.sval;
      found.push(schema ? { name: node.extname, schema } : { name: node.extname });
    }
  }
  return found;
}

/**
 * Creates, as the connecting user, the dump's extensions that the URL's database has (`admin` is
 * connected there, `adminOnScratch` to the scratch database), before the scratch database is
 * handed to the role. Returns the names created; one that fails is left to the dump.
 */
export async function preCreateDumpExtensions(admin: ShadowClient, adminOnScratch: ShadowClient, dump: ShadowFile, serverVersion: number): Promise<string[]> {
  const wanted = extensionsOfDump(dump).filter((extension) => extension.name !== 'plpgsql' && (!extension.schema || PRE_CREATED_SCHEMAS.has(extension.schema)));
  if (wanted.length === 0) return [];
  // Trusted ones (PostgreSQL 13+) stay the role's to create, and to own, as a migration may ALTER them.
  const untrusted =
    serverVersion >= 130000
      ? ' AND NOT EXISTS (SELECT 1 FROM pg_available_extension_versions v WHERE v.name = e.extname AND v.version = e.extversion AND v.trusted)'
      : '';
  const { rows } = await admin.query(`SELECT e.extname FROM pg_extension e WHERE e.extname = ANY($1::text[])${untrusted}`, [
    wanted.map((extension) => extension.name),
  ]);
  const installed = new Set(rows.map((row) => String(row.extname)));
  const created: string[] = [];
  for (const extension of wanted) {
    if (!installed.has(extension.name)) continue;
    const schema = extension.schema ? ` WITH SCHEMA ${quoteIdent(extension.schema)}` : '';
    try {
      // CASCADE: what it requires (earthdistance needs cube) comes first; the dump creates it later.
      await adminOnScratch.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(extension.name)}${schema} CASCADE`);
      created.push(extension.name);
    } catch {
      // The dump's own statement runs as the role and reports why it cannot.
    }
  }
  return created;
}
