/**
 * The shadow run's scratch database and the role that applies pull-request SQL to it. The role is
 * created for the run without privileges (no SUPERUSER, CREATEDB, CREATEROLE, REPLICATION,
 * BYPASSRLS), owns the scratch database and everything in it, and is dropped with it. What the
 * connecting user needs: superuser, or CREATEDB and CREATEROLE (and, to copy the URL's database as
 * a template, ownership of that database; otherwise its schema is copied with pg_dump).
 */
import { FaultlineError } from '../errors.ts';
import type { ShadowClient } from './shadow-types.ts';

export function pgError(error: unknown): { code: string; message: string; position?: number } {
  const { code, position } = error as { code?: unknown; position?: unknown };
  return {
    code: typeof code === 'string' ? code : '',
    message: error instanceof Error ? error.message : String(error),
    position: position === undefined || position === null ? undefined : Number(position),
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const OBJECT_IN_USE = '55006';
const INSUFFICIENT_PRIVILEGE = '42501';

/** True when CREATE DATABASE … TEMPLATE failed because the template cannot be copied now (or by this role). */
export function templateUnavailable(error: unknown): boolean {
  const { code } = pgError(error);
  return code === OBJECT_IN_USE || code === INSUFFICIENT_PRIVILEGE;
}

export async function createScratchDatabase(admin: ShadowClient, database: string, template: string, target: string): Promise<void> {
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)}`);
  } catch (error) {
    if (template !== 'template0' && templateUnavailable(error)) throw error;
    const { code, message } = pgError(error);
    if (code === INSUFFICIENT_PRIVILEGE) {
      const { rows } = await admin.query('SELECT current_user AS name').catch(() => ({ rows: [] as Record<string, unknown>[] }));
      const role = rows[0]?.name ? `role "${String(rows[0].name)}"` : 'the role in database-url';
      throw new FaultlineError(`The shadow run needs to create a scratch database on ${target}, but ${role} may not create databases`, {
        cause: error,
        exitCode: 2,
        hint: 'Grant it (ALTER ROLE ... CREATEDB CREATEROLE) or use a role that has it, e.g. the postgres superuser of a CI service container.',
      });
    }
    throw new FaultlineError(`Could not create the shadow run's scratch database on ${target}: ${message}`, {
      cause: error,
      exitCode: 2,
      hint: 'The shadow run creates and drops its own database; check that the server accepts CREATE DATABASE.',
    });
  }
}

export async function dropScratchDatabase(admin: ShadowClient, database: string, serverVersion: number): Promise<void> {
  if (serverVersion >= 130000) {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    return;
  }
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`);
}

/** Creates the run's login role, without any privilege, and lets a non-superuser admin act for it. */
export async function createShadowRole(admin: ShadowClient, role: string, password: string, superuser: boolean, target: string): Promise<void> {
  try {
    await admin.query(
      `CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT CONNECTION LIMIT 8`,
    );
    // To hand the scratch database and its objects over, a non-superuser must be able to act as the role.
    if (!superuser) await admin.query(`GRANT ${quoteIdent(role)} TO CURRENT_USER`);
  } catch (error) {
    const { code, message } = pgError(error);
    throw new FaultlineError(`The shadow run could not create its unprivileged role on ${target}: ${message}`, {
      cause: error,
      exitCode: 2,
      hint:
        code === INSUFFICIENT_PRIVILEGE
          ? 'The role in database-url needs CREATEROLE (and CREATEDB), or be a superuser such as the postgres user of a CI service container: ALTER ROLE ... CREATEDB CREATEROLE;'
          : 'The shadow run applies the migrations as a role it creates and drops; check that the server accepts CREATE ROLE.',
    });
  }
}

export async function dropShadowRole(admin: ShadowClient, role: string): Promise<void> {
  await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
}

/**
 * Makes the role the owner of the scratch database and of every object copied into it (schemas,
 * tables, views, sequences, functions, types), so the migrations can change them as they would
 * in production, without being able to do more. Extension members stay with their extension.
 * Runs as the admin, connected to the scratch database.
 */
export async function handOverScratch(adminOnScratch: ShadowClient, database: string, role: string): Promise<void> {
  await adminOnScratch.query(`ALTER DATABASE ${quoteIdent(database)} OWNER TO ${quoteIdent(role)}`);
  await adminOnScratch.query(HAND_OVER_SQL.replace(/:role/g, quoteIdent(role).replace(/'/g, "''")));
}

const HAND_OVER_SQL = `
DO $handover$
DECLARE
  item record;
BEGIN
  FOR item IN
    SELECT format('ALTER SCHEMA %I OWNER TO :role', n.nspname) AS command
      FROM pg_namespace n
     WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('ALTER TABLE %s OWNER TO :role', c.oid::regclass)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
       AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
    UNION ALL
    SELECT format('ALTER %s %s OWNER TO :role', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, p.oid::regprocedure)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('ALTER %s %s OWNER TO :role', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype)
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd', 'r') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    BEGIN
      EXECUTE item.command;
    EXCEPTION WHEN OTHERS THEN
      -- An object the role cannot take over stays as it is; a migration that changes it fails visibly.
      RAISE NOTICE 'faultline shadow run: % failed: %', item.command, SQLERRM;
    END;
  END LOOP;
END
$handover$`;

/** psql meta-commands (\\connect, \\restrict …) in a dump are not SQL: blanked, keeping line numbers. */
export function withoutPsqlCommands(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^\s*\\/.test(line) ? '' : line))
    .join('\n');
}
