/**
 * Whether a column default is volatile. Since PostgreSQL 11, `ADD COLUMN … DEFAULT expr` stores a
 * non-volatile default once in the catalog and returns it for old rows (no rewrite); a VOLATILE
 * default must be evaluated per row, so the whole table is rewritten under ACCESS EXCLUSIVE.
 * `now()` and CURRENT_TIMESTAMP are STABLE (one value per transaction) and stay instant.
 */
import { NON_VOLATILE_BUILTINS } from './builtin-functions.ts';

/** Built-in and common extension functions marked VOLATILE in pg_proc. */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  // core: time, randomness, sequences
  'clock_timestamp',
  'timeofday',
  'random',
  'random_normal', // PG 16
  'setseed',
  'gen_random_uuid', // core since PG 13, pgcrypto before
  'uuidv4', // PG 18
  'uuidv7', // PG 18
  'nextval',
  'currval',
  'lastval',
  'setval',
  // core: session state and large objects (odd in a default, but volatile all the same)
  'set_config',
  'current_query',
  'txid_status',
  'ts_rewrite',
  'query_to_xml',
  'query_to_xmlschema',
  'query_to_xml_and_xmlschema',
  'cursor_to_xml',
  'cursor_to_xmlschema',
  'lo_create',
  'lo_creat',
  'lo_import',
  'lo_from_bytea',
  // uuid-ossp
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  // pgcrypto
  'gen_random_bytes',
  'gen_salt',
]);

/** Extension functions that are IMMUTABLE, so a default calling them is a constant. */
const NON_VOLATILE_EXTENSION_FUNCTIONS = new Set([
  'uuid_generate_v3',
  'uuid_generate_v5',
  'uuid_nil',
  'uuid_ns_dns',
  'uuid_ns_url',
  'uuid_ns_oid',
  'uuid_ns_x500',
  'crypt',
  'digest',
  'hmac',
  'armor',
  'dearmor',
]);

export type Volatility =
  | { volatile: false }
  /** `known`: a function PostgreSQL ships as VOLATILE; otherwise a function Faultline does not know. */
  | { volatile: true; functionName: string; known: boolean };

function functionName(funcCall: Record<string, unknown>): string {
  const names = (funcCall.funcname as { String?: { sval?: string } }[] | undefined) ?? [];
  return names.map((n) => n.String?.sval ?? '').join('.');
}

/**
 * Classifies a default expression (a raw parse-tree node). An unknown function counts as volatile:
 * CREATE FUNCTION makes functions VOLATILE unless declared otherwise, and ID generators
 * (`generate_ulid()`, `next_id()`) are the usual reason to call one in a default.
 */
export function defaultVolatility(expr: unknown): Volatility {
  let found: Volatility = { volatile: false };
  const visit = (node: unknown): void => {
    if (found.volatile || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const record = node as Record<string, unknown>;
    const call = record.FuncCall as Record<string, unknown> | undefined;
    if (call) {
      const qualified = functionName(call);
      const bare = qualified.slice(qualified.lastIndexOf('.') + 1);
      if (VOLATILE_FUNCTIONS.has(bare)) {
        found = { volatile: true, functionName: qualified, known: true };
        return;
      }
      const known = NON_VOLATILE_BUILTINS.has(bare) || NON_VOLATILE_EXTENSION_FUNCTIONS.has(bare);
      if (!known) {
        found = { volatile: true, functionName: qualified, known: false };
        return;
      }
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(expr);
  return found;
}

/** True for a default that is the NULL constant (`DEFAULT NULL`, `DEFAULT NULL::text`): no rewrite, ever. */
export function isNullConstant(expr: unknown): boolean {
  let node = expr as Record<string, unknown> | undefined;
  while (node?.TypeCast) node = (node.TypeCast as { arg?: Record<string, unknown> }).arg;
  const constant = node?.A_Const as { isnull?: boolean } | undefined;
  return constant?.isnull === true;
}
