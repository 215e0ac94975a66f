"use strict";
exports.id = 382;
exports.ids = [382];
exports.modules = {

/***/ 5811:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H0: () => (/* binding */ pgConnector),
/* harmony export */   P4: () => (/* binding */ formatTarget),
/* harmony export */   u5: () => (/* binding */ describeDatabaseUrl)
/* harmony export */ });
/* unused harmony export connectPg */
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3849);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(265);
/**
 * The real ShadowClient: node-postgres sessions opened from a user's `postgres://` URL. Connection
 * failures become FaultlineErrors (exit 2) that name host, port, user and database, never the
 * password, and say what to check.
 */


const CONNECT_TIMEOUT_MS = 10_000;
/** Reads the parts of a database URL that are safe to show; rejects what is not a postgres URL. */
function describeDatabaseUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FaultlineError */ .RO('database-url is not a valid URL', {
            hint: 'Use postgres://USER:PASSWORD@HOST:PORT/DATABASE (percent-encode special characters in the password).',
        });
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FaultlineError */ .RO(`database-url must start with postgres:// or postgresql://, not ${parsed.protocol}//`, {
            hint: 'Use postgres://USER:PASSWORD@HOST:PORT/DATABASE.',
        });
    }
    const host = parsed.searchParams.get('host') ?? (decodeURIComponent(parsed.hostname) || 'localhost');
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    const user = decodeURIComponent(parsed.username) || 'postgres';
    return { host, port: Number(parsed.port || 5432), user, database: database || user };
}
/** `host:port`, or the socket directory for unix sockets. */
function formatTarget(target) {
    return target.host.startsWith('/') ? `${target.host} (port ${target.port})` : `${target.host}:${target.port}`;
}
/** Opens one session; `database` replaces the URL's database (the scratch database), `login` its role. */
async function connectPg(url, database, login) {
    const target = describeDatabaseUrl(url);
    const parsed = new URL(url);
    if (database !== undefined) {
        parsed.pathname = `/${encodeURIComponent(database)}`;
        target.database = database;
    }
    if (login) {
        parsed.username = encodeURIComponent(login.user);
        parsed.password = encodeURIComponent(login.password);
        target.user = login.user;
    }
    const client = new pg__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Client */ .Ay.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // A session the server ends (DROP DATABASE … WITH (FORCE), shutdown) must not crash the process;
    // the next query on it rejects instead.
    client.on('error', () => { });
    try {
        await client.connect();
    }
    catch (error) {
        await client.end().catch(() => { });
        throw connectionError(error, target, parsed.password);
    }
    return {
        query: async (sql, params) => {
            const result = await client.query(sql, params);
            return { rows: result.rows };
        },
        transactionStatus: () => transactionStatusOf(client.getTransactionStatus()),
        end: () => client.end(),
    };
}
/** The ShadowConnect for a URL: the URL's own database by default, another one by name. */
function pgConnector(url) {
    describeDatabaseUrl(url);
    return (database, login) => connectPg(url, database, login);
}
function transactionStatusOf(status) {
    if (status === 'T')
        return 'in-transaction';
    if (status === 'E')
        return 'failed';
    return 'idle';
}
function connectionError(error, target, password) {
    const where = formatTarget(target);
    const code = error.code;
    const raw = error instanceof Error ? error.message : String(error);
    const detail = password ? raw.split(decodeURIComponent(password)).join('***') : raw;
    const as = `as user "${target.user}", database "${target.database}"`;
    const options = { cause: error, exitCode: 2 };
    switch (code) {
        case 'ECONNREFUSED':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FaultlineError */ .RO(`Cannot connect to PostgreSQL at ${where}: connection refused`, {
                ...options,
                hint: `Check that a server is running and listening on ${where}. In GitHub Actions, run it as a ` +
                    "`services: postgres` container with `ports: ['5432:5432']` and a pg_isready health check.",
            });
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FaultlineError */ .RO(`Cannot connect to PostgreSQL at ${where}: host "${target.host}" not found`, {
                ...options,
                hint: 'Check the host name in database-url; a service container is reached at localhost from a job on the runner.',
            });
        case '28P01':
        case '28000':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FaultlineError */ .RO(`PostgreSQL at ${where} refused the login ${as}: ${detail}`, {
                ...options,
                hint: 'Check the user and password in database-url (percent-encode special characters in the password).',
            });
        case '3D000':
            return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FaultlineError */ .RO(`PostgreSQL at ${where} has no database "${target.database}" (connecting ${as})`, {
                ...options,
                hint: 'Name an existing database in database-url, e.g. postgres; the shadow run creates its own scratch database next to it.',
            });
    }
    if (/timeout/i.test(raw)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FaultlineError */ .RO(`Cannot connect to PostgreSQL at ${where}: no answer within ${CONNECT_TIMEOUT_MS / 1000}s`, {
            ...options,
            hint: `Check that ${where} is reachable from this machine (firewall, service container health check).`,
        });
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FaultlineError */ .RO(`Cannot connect to PostgreSQL at ${where} ${as}: ${detail}`, {
        ...options,
        hint: 'Check database-url and that the server accepts connections from this machine.',
    });
}


/***/ }),

/***/ 6382:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mergeShadowFindings: () => (/* reexport */ mergeShadowFindings),
  shadowRunAgainst: () => (/* binding */ shadowRunAgainst)
});

// UNUSED EXPORTS: SHADOW_RULES, shadowRun

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./core/errors.ts
var errors = __webpack_require__(265);
// EXTERNAL MODULE: ./core/migrations/pg-client.ts
var pg_client = __webpack_require__(5811);
// EXTERNAL MODULE: ./core/migrations/ast.ts
var ast = __webpack_require__(3580);
// EXTERNAL MODULE: ./core/migrations/shadow-scratch.ts
var shadow_scratch = __webpack_require__(365);
// EXTERNAL MODULE: ./core/migrations/sql-parser.ts
var sql_parser = __webpack_require__(8298);
;// CONCATENATED MODULE: ./core/migrations/shadow-extensions.ts
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



const PRE_CREATED_SCHEMAS = new Set(['public', 'pg_catalog']);
/** The extensions a dump creates, in its order (the parser must be loaded). */
function extensionsOfDump(file) {
    const found = [];
    for (const statement of file.statements) {
        if (!/\bextension\b/i.test(statement.text))
            continue;
        let tree;
        try {
            tree = (0,sql_parser/* parseSql */.eg)(statement.text);
        }
        catch {
            continue;
        }
        for (const { stmt } of tree.stmts ?? []) {
            const [kind, node] = (0,ast/* unwrap */.oA)(stmt) ?? ['', {}];
            if (kind !== 'CreateExtensionStmt' || typeof node.extname !== 'string')
                continue;
            const options = Array.isArray(node.options) ? node.options : [];
            const schemaOption = options.map((option) => (0,ast/* nodeOf */.E7)(option, 'DefElem')).find((def) => def?.defname === 'schema');
            const schema = schemaOption?.arg?.String?.sval;
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
async function preCreateDumpExtensions(admin, adminOnScratch, dump, serverVersion) {
    const wanted = extensionsOfDump(dump).filter((extension) => extension.name !== 'plpgsql' && (!extension.schema || PRE_CREATED_SCHEMAS.has(extension.schema)));
    if (wanted.length === 0)
        return [];
    // Trusted ones (PostgreSQL 13+) stay the role's to create, and to own, as a migration may ALTER them.
    const untrusted = serverVersion >= 130000
        ? ' AND NOT EXISTS (SELECT 1 FROM pg_available_extension_versions v WHERE v.name = e.extname AND v.version = e.extversion AND v.trusted)'
        : '';
    const { rows } = await admin.query(`SELECT e.extname FROM pg_extension e WHERE e.extname = ANY($1::text[])${untrusted}`, [
        wanted.map((extension) => extension.name),
    ]);
    const installed = new Set(rows.map((row) => String(row.extname)));
    const created = [];
    for (const extension of wanted) {
        if (!installed.has(extension.name))
            continue;
        const schema = extension.schema ? ` WITH SCHEMA ${(0,shadow_scratch/* quoteIdent */.v4)(extension.schema)}` : '';
        try {
            // CASCADE: what it requires (earthdistance needs cube) comes first; the dump creates it later.
            await adminOnScratch.query(`CREATE EXTENSION IF NOT EXISTS ${(0,shadow_scratch/* quoteIdent */.v4)(extension.name)}${schema} CASCADE`);
            created.push(extension.name);
        }
        catch {
            // The dump's own statement runs as the role and reports why it cannot.
        }
    }
    return created;
}

// EXTERNAL MODULE: ./core/migrations/lock-modes.ts
var lock_modes = __webpack_require__(6128);
// EXTERNAL MODULE: ./core/migrations/shadow-rules.ts
var shadow_rules = __webpack_require__(1680);
;// CONCATENATED MODULE: ./core/migrations/shadow-findings.ts
/**
 * Turns what the shadow run observed into findings (`source: 'shadow'`), and merges them with the
 * static rules' findings so a hazard the rules already explained is not reported twice.
 *
 * Rule ids (public, like the static ones; their summaries and explanations are in shadow-rules.ts):
 *   shadow-statement-failed  [error]   Postgres refused the statement (its message and SQLSTATE)
 *   shadow-table-rewrite     [error]   a pre-existing table or index got new storage (relfilenode)
 *   shadow-access-exclusive  [warning] ACCESS EXCLUSIVE on a pre-existing relation, no lock_timeout
 *   shadow-blocks-writes     [warning] SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE on a pre-existing relation
 * Only relations that existed before the statement's file started count: tables the same file
 * created are new and empty, as the static rules assume too.
 */



const WRITE_BLOCKING = ['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE'];
/** SQLSTATEs of an object the statement names but the scratch database lacks (relation, type, function, schema). */
const MISSING_OBJECT = new Set(['42P01', '42704', '42883', '3F000']);
const INSUFFICIENT_PRIVILEGE = '42501';
/**
 * For a statement that failed because an object does not exist (`type "…" does not exist`), a fix
 * that names what the scratch database started from, which is where the object was looked for;
 * for a dump's CREATE EXTENSION the role may not run, how to provide the extension.
 */
function fixForStart(sqlState, statement, start) {
    if (start.kind === 'dump' && sqlState === INSUFFICIENT_PRIVILEGE && /^\s*create\s+extension\b/i.test(statement)) {
        return ('The shadow run loads the dump as an unprivileged role, which may create only trusted extensions; it creates others itself only when ' +
            'the database the URL names has them (in schema public or pg_catalog). Install the extension there (CREATE EXTENSION, as an administrator), ' +
            'or point the URL at a database that has it.');
    }
    if (!MISSING_OBJECT.has(sqlState))
        return undefined;
    if (start.kind === 'dump') {
        return (`The scratch database started from the schema dump ${start.file.path}, which does not define it. If production has it, ` +
            'regenerate the dump from production (pg_dump --schema-only of every schema, with the extensions whose types it uses); otherwise create it in an earlier migration.');
    }
    if (start.kind === 'empty') {
        return 'The scratch database started empty and the migrations before this one do not create it: pass the whole migration history, or use shadow-from dump:FILE with a pg_dump --schema-only of production.';
    }
    return ('The scratch database started as a copy of the database the URL names, which does not have it: point the URL at a database holding the schema ' +
        'production has, or use shadow-from dump:FILE with a pg_dump --schema-only of production; otherwise create it in an earlier migration.');
}
function blockedBy(mode) {
    if (mode === 'ACCESS EXCLUSIVE')
        return ['reads', 'writes'];
    return (0,lock_modes/* lockStrength */.JP)(mode) >= (0,lock_modes/* lockStrength */.JP)('SHARE') ? ['writes'] : [];
}
/** The findings one observed statement earns. */
function shadowFindingsFor(observed) {
    const base = { path: observed.path, statement: shorten(observed.text), source: 'shadow' };
    if (observed.error && observed.deadlineExceeded) {
        const { message, line, column } = observed.error;
        return [
            {
                ...base,
                rule: shadow_rules/* SHADOW_RULES */.F.deadline,
                severity: 'error',
                line,
                column,
                message: `This statement ${message}. The statements after it were not applied.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: 'On production data it takes at least as long, holding its locks: batch the work (e.g. UPDATE in chunks), or build indexes CONCURRENTLY.',
            },
        ];
    }
    if (observed.error) {
        const { message, sqlState, line, column } = observed.error;
        return [
            {
                ...base,
                rule: shadow_rules/* SHADOW_RULES */.F.statementFailed,
                severity: 'error',
                line,
                column,
                message: `PostgreSQL could not apply this statement: ${message} (SQLSTATE ${sqlState}). The statements after it were not applied.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: 'Make the migrations apply in order on an empty database: run them with ' +
                    '`psql -v ON_ERROR_STOP=1 -f FILE` against a scratch database to reproduce.',
            },
        ];
    }
    const at = { ...base, line: observed.line, column: observed.column };
    const preExisting = observed.locks.filter((lock) => lock.preExisting);
    const strongest = (relation) => {
        const modes = preExisting.filter((lock) => lock.relation === relation).map((lock) => lock.mode);
        return modes.length === 0 ? null : modes.reduce((a, b) => ((0,lock_modes/* lockStrength */.JP)(a) >= (0,lock_modes/* lockStrength */.JP)(b) ? a : b));
    };
    const waitNote = observed.lockTimeoutMs > 0
        ? `lock_timeout was ${observed.lockTimeoutMs}ms`
        : 'no lock_timeout was set, so while it waits for the lock every later query on the table queues behind it';
    const findings = [];
    const rewritten = observed.rewrote.filter((rewrite) => rewrite.preExisting).map((rewrite) => rewrite.relation);
    if (rewritten.length > 0) {
        const lock = rewritten.map(strongest).reduce(stronger, null) ?? 'ACCESS EXCLUSIVE';
        findings.push({
            ...at,
            rule: shadow_rules/* SHADOW_RULES */.F.tableRewrite,
            severity: 'error',
            message: `Observed a rewrite of ${list(rewritten)} (its relfilenode changed) under ${lock}: ` +
                `${describeBlocking(lock)} until every row is copied, which takes longer the bigger the table.`,
            lock,
            blocks: blockedBy(lock),
            rewrite: true,
            fix: 'Change the schema without copying the table: add a new column, backfill it in batches, then ' +
                'switch readers and writers over and drop the old column in a later migration.',
        });
    }
    const exclusive = unique(preExisting.filter((lock) => lock.mode === 'ACCESS EXCLUSIVE').map((lock) => lock.relation));
    // With a lock_timeout in force, a brief ACCESS EXCLUSIVE (ADD COLUMN, a catalog-only change) is the
    // safe pattern, not a hazard; without one, waiting for the lock queues all traffic behind it.
    if (exclusive.length > 0 && rewritten.length === 0 && observed.lockTimeoutMs === 0) {
        findings.push({
            ...at,
            rule: shadow_rules/* SHADOW_RULES */.F.accessExclusive,
            severity: 'warning',
            message: `Observed ACCESS EXCLUSIVE on ${list(exclusive)} with no lock_timeout: while the statement waits ` +
                'for the lock, every later read and write of the table queues behind it, and all of them wait ' +
                'until the transaction ends.',
            lock: 'ACCESS EXCLUSIVE',
            blocks: blockedBy('ACCESS EXCLUSIVE'),
            rewrite: false,
            fix: "SET lock_timeout = '2s';  -- before the statement; retry the migration if it times out",
        });
    }
    const writeLocks = preExisting.filter((lock) => WRITE_BLOCKING.includes(lock.mode) && strongest(lock.relation) === lock.mode);
    if (writeLocks.length > 0 && exclusive.length === 0 && rewritten.length === 0) {
        const lock = writeLocks.map((held) => held.mode).reduce(stronger, null);
        findings.push({
            ...at,
            rule: shadow_rules/* SHADOW_RULES */.F.blocksWrites,
            severity: 'warning',
            message: `Observed ${lock} on ${list(unique(writeLocks.map((held) => held.relation)))}: inserts, updates and deletes wait while the statement runs (${waitNote}).`,
            lock,
            blocks: blockedBy(lock),
            rewrite: false,
            fix: 'Use the non-blocking form where one exists (CREATE INDEX CONCURRENTLY, ADD CONSTRAINT … NOT VALID ' +
                'then VALIDATE CONSTRAINT in its own transaction).',
        });
    }
    return findings;
}
/**
 * Static findings plus the shadow findings the static rules did not already explain: a shadow lock
 * finding is dropped when a static finding on the same statement names a lock at least as strong,
 * a rewrite finding when a static finding on it says `rewrite`. Failures are always kept.
 * Statements are matched by position: a finding belongs to the statement whose text spans it.
 */
function mergeShadowFindings(staticFindings, shadow) {
    const locate = statementLocator(shadow.statements);
    const staticByStatement = new Map();
    for (const finding of staticFindings) {
        const statement = locate(finding);
        if (!statement)
            continue;
        staticByStatement.set(statement, [...(staticByStatement.get(statement) ?? []), finding]);
    }
    const kept = shadow.findings.filter((finding) => {
        if (finding.rule === shadow_rules/* SHADOW_RULES */.F.statementFailed)
            return true;
        const covering = staticByStatement.get(locate(finding)) ?? [];
        if (finding.rewrite)
            return !covering.some((other) => other.rewrite);
        const lock = finding.lock;
        if (!lock)
            return true;
        return !covering.some((other) => other.lock !== null && (0,lock_modes/* lockStrength */.JP)(other.lock) >= (0,lock_modes/* lockStrength */.JP)(lock));
    });
    const pathOrder = new Map();
    for (const finding of [...staticFindings, ...kept])
        if (!pathOrder.has(finding.path))
            pathOrder.set(finding.path, pathOrder.size);
    return [...staticFindings, ...kept].sort((a, b) => pathOrder.get(a.path) - pathOrder.get(b.path) || a.line - b.line || a.column - b.column);
}
function statementLocator(statements) {
    const byPath = new Map();
    for (const statement of statements) {
        const spans = byPath.get(statement.path) ?? [];
        spans.push({ statement, end: endOf(statement) });
        byPath.set(statement.path, spans);
    }
    return ({ path, line, column }) => byPath
        .get(path)
        ?.find(({ statement, end }) => compare([line, column], [statement.line, statement.column]) >= 0 && compare([line, column], end) < 0)?.statement;
}
/** Line and column just past the statement's text. */
function endOf(statement) {
    const lines = statement.text.split('\n');
    const last = lines[lines.length - 1];
    return lines.length === 1
        ? [statement.line, statement.column + last.length]
        : [statement.line + lines.length - 1, last.length + 1];
}
function compare(a, b) {
    return a[0] - b[0] || a[1] - b[1];
}
function stronger(a, b) {
    if (a === null)
        return b;
    if (b === null)
        return a;
    return (0,lock_modes/* lockStrength */.JP)(a) >= (0,lock_modes/* lockStrength */.JP)(b) ? a : b;
}
function describeBlocking(lock) {
    const blocked = blockedBy(lock);
    if (blocked.length === 2)
        return 'reads and writes of it wait';
    if (blocked.length === 1)
        return 'writes to it wait';
    return 'other schema changes and VACUUM on it wait';
}
function unique(values) {
    return [...new Set(values)];
}
function list(relations) {
    return relations.join(', ');
}
function shorten(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

;// CONCATENATED MODULE: ./core/migrations/shadow-observe.ts
/**
 * What the shadow run reads from the server around one statement: the relations and their storage
 * (relfilenode) before and after, and the table-level locks a session holds. Only user relations
 * count (oid ≥ 16384): the catalog locks every statement takes, including these queries' own, are
 * noise for a migration review.
 */

const RELATIONS_SQL = `
  SELECT c.oid::int8 AS oid, c.oid::regclass::text AS name, c.relkind::text AS kind,
         c.relfilenode::int8 AS filenode, i.indrelid::int8 AS table_oid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_index i ON i.indexrelid = c.oid
   WHERE c.oid >= 16384 AND n.nspname <> 'pg_toast'`;
async function snapshotRelations(client) {
    const { rows } = await client.query(RELATIONS_SQL);
    const relations = new Map();
    for (const row of rows) {
        const oid = Number(row.oid);
        const info = { oid, name: String(row.name), kind: String(row.kind), filenode: Number(row.filenode) };
        if (row.table_oid !== null && row.table_oid !== undefined)
            info.tableOid = Number(row.table_oid);
        relations.set(oid, info);
    }
    return relations;
}
// pg_locks.relation is an oid; the database filter keeps locks of other databases out.
const LOCKS_SQL = `
  SELECT l.relation::int8 AS oid, l.mode
    FROM pg_locks l
   WHERE l.pid = $1 AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384::oid
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
/** Granted relation locks of backend `pid` (another session's, or the caller's own). */
async function locksOf(client, pid) {
    const { rows } = await client.query(LOCKS_SQL, [pid]);
    const locks = [];
    for (const row of rows) {
        const mode = lockModeOf(String(row.mode));
        if (mode)
            locks.push({ oid: Number(row.oid), mode });
    }
    return locks;
}
/** `ShareUpdateExclusiveLock` → `SHARE UPDATE EXCLUSIVE`. */
function lockModeOf(pgLocksMode) {
    const words = pgLocksMode.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
    return lock_modes/* LOCK_MODES */.bx.find((mode) => mode === words);
}
async function backendPid(client) {
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    return Number(rows[0]?.pid);
}
/** lock_timeout in force for the session, in milliseconds (0: no limit). */
async function lockTimeoutMs(client) {
    const { rows } = await client.query("SELECT setting FROM pg_settings WHERE name = 'lock_timeout'");
    return Number(rows[0]?.setting ?? 0);
}
/** Locks in `after` that `before` did not hold (same relation and mode), one entry per pair. */
function newLocks(before, after) {
    const held = new Set(before.map(lockKey));
    const seen = new Set();
    return after.filter((lock) => {
        const key = lockKey(lock);
        if (held.has(key) || seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function lockKey(lock) {
    return `${lock.oid}:${lock.mode}`;
}
/**
 * Relations whose storage was replaced (relfilenode changed) between two snapshots. An index
 * rebuilt along with its rewritten table is left out: the table says it.
 */
function rewrittenRelations(before, after) {
    const changed = [];
    for (const [oid, old] of before) {
        const now = after.get(oid);
        if (!now || old.filenode === 0 || now.filenode === 0 || old.filenode === now.filenode)
            continue;
        if (now.kind === 'S')
            continue; // sequences get new storage on RESTART; no table data is copied
        changed.push(now);
    }
    const tables = new Set(changed.filter((relation) => relation.kind !== 'i').map((relation) => relation.oid));
    return changed.filter((relation) => relation.kind !== 'i' || !tables.has(relation.tableOid ?? -1));
}
/**
 * Runs `statement` while a second session polls pg_locks for backend `pid`, for statements that
 * cannot run inside a transaction block (their locks are gone before the session could look).
 * Returns every lock seen at least once.
 */
async function pollLocksWhile(observer, pid, intervalMs, statement) {
    const seen = new Map();
    let running = true;
    const poller = (async () => {
        while (running) {
            for (const lock of await locksOf(observer, pid))
                seen.set(lockKey(lock), lock);
            if (intervalMs > 0)
                await new Promise((resolve) => setTimeout(resolve, intervalMs));
        }
    })();
    const [outcome] = await Promise.allSettled([statement()]);
    running = false;
    await poller;
    return { locks: [...seen.values()], outcome };
}

;// CONCATENATED MODULE: ./core/migrations/shadow-screen.ts
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



/** Languages a non-superuser may use (PostgreSQL marks these trusted); the rest can reach the OS. */
const TRUSTED_LANGUAGES = new Set(['sql', 'plpgsql', 'plperl', 'pltcl', 'plv8', 'pljs', 'plrust']);
const SERVER_FILE_FUNCTIONS = new Set(['lo_import', 'lo_export', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file', 'pg_file_write']);
/** The same hazards as text, for bodies and unparsable statements (case-insensitive). */
const TEXT_HAZARDS = [
    [/\bcopy\b[\s\S]*?\b(to|from)\s+program\b/i, 'COPY … PROGRAM runs a shell command on the database server'],
    [/\balter\s+system\b/i, 'ALTER SYSTEM changes the server configuration'],
    [/\b(lo_import|lo_export|pg_read_file|pg_read_binary_file|pg_ls_dir|pg_stat_file|pg_file_write)\s*\(/i, 'reads or writes files on the database server'],
    [/\bcreate\s+(or\s+replace\s+)?(trusted\s+)?(procedural\s+)?(extension|language)\b/i, 'CREATE EXTENSION/LANGUAGE installs code on the server'],
    [/\blanguage\s+['"]?(pl\w*u|c|internal|plsh|plr|pljava)['"]?(?=[\s;]|$)/i, 'a function or DO block in an untrusted language can run anything on the server'],
];
function languageOf(options) {
    if (!Array.isArray(options))
        return undefined;
    for (const option of options) {
        const def = (0,ast/* nodeOf */.E7)(option, 'DefElem');
        if (def?.defname === 'language')
            return def.arg?.String?.sval?.toLowerCase();
    }
    return undefined;
}
function bodiesOf(options) {
    if (!Array.isArray(options))
        return [];
    const bodies = [];
    for (const option of options) {
        const def = (0,ast/* nodeOf */.E7)(option, 'DefElem');
        if (def?.defname !== 'as')
            continue;
        const single = def.arg?.String?.sval;
        if (single !== undefined)
            bodies.push(single);
        bodies.push(...(0,ast/* stringList */.Yn)(def.arg?.List?.items));
    }
    return bodies;
}
function textHazards(text, options) {
    return TEXT_HAZARDS.filter(([pattern, reason]) => pattern.test(text) && !(options.allowExtensions && reason.startsWith('CREATE EXTENSION'))).map(([, reason]) => reason);
}
/** Every FuncCall name anywhere in a tree. */
function calledFunctions(node, into) {
    if (Array.isArray(node)) {
        for (const child of node)
            calledFunctions(child, into);
        return;
    }
    if (!node || typeof node !== 'object')
        return;
    const call = (0,ast/* nodeOf */.E7)(node, 'FuncCall');
    if (call) {
        const names = (0,ast/* stringList */.Yn)(call.funcname);
        if (names.length > 0)
            into.add(names[names.length - 1].toLowerCase());
    }
    for (const value of Object.values(node))
        if (value && typeof value === 'object')
            calledFunctions(value, into);
}
/** Why the statement may not be shadow-run, or nothing. */
function screenStatement(text, options = {}) {
    let tree;
    try {
        tree = (0,sql_parser/* parseSql */.eg)(text);
    }
    catch {
        // The server will most likely reject it too; what it would do if not is judged by its text.
        return textHazards(text, options);
    }
    const reasons = [];
    for (const { stmt } of tree.stmts ?? []) {
        const [kind, node] = (0,ast/* unwrap */.oA)(stmt) ?? ['', {}];
        if (kind === 'CopyStmt') {
            if (node.is_program)
                reasons.push(`COPY … ${node.is_from ? 'FROM' : 'TO'} PROGRAM runs a shell command on the database server`);
            else if (typeof node.filename === 'string')
                reasons.push(`COPY … ${node.is_from ? 'FROM' : 'TO'} a server file reads or writes files on the database server`);
        }
        else if (kind === 'AlterSystemStmt') {
            reasons.push('ALTER SYSTEM changes the server configuration');
        }
        else if (kind === 'CreateExtensionStmt' && !options.allowExtensions) {
            reasons.push(`CREATE EXTENSION/LANGUAGE ${String(node.extname ?? '')} installs code on the server`.replace(/ {2}/, ' '));
        }
        else if (kind === 'CreatePLangStmt') {
            reasons.push('CREATE LANGUAGE installs code on the server');
        }
        else if (kind === 'CreateFunctionStmt' || kind === 'DoStmt') {
            const language = languageOf(kind === 'DoStmt' ? node.args : node.options) ?? (kind === 'DoStmt' ? 'plpgsql' : undefined);
            if (language && !TRUSTED_LANGUAGES.has(language)) {
                reasons.push(`${kind === 'DoStmt' ? 'a DO block' : 'a function'} in the untrusted language ${language} can run anything on the server`);
            }
            for (const body of bodiesOf(kind === 'DoStmt' ? node.args : node.options))
                reasons.push(...textHazards(body, options));
        }
        const called = new Set();
        calledFunctions(node, called);
        for (const name of called)
            if (SERVER_FILE_FUNCTIONS.has(name))
                reasons.push(`${name}() reads or writes files on the database server`);
    }
    return [...new Set(reasons)];
}
/** Findings for every statement of `file` the shadow run refuses (empty: the file may run). */
function screenShadowFile(file, options = {}) {
    return file.statements.flatMap((statement) => refusalsFor(file.path, statement, options));
}
function refusalsFor(path, statement, options) {
    const reasons = screenStatement(statement.text, options);
    if (reasons.length === 0)
        return [];
    return [
        {
            rule: shadow_rules/* SHADOW_RULES */.F.refused,
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
            fix: 'Keep server-level changes (extensions, untrusted languages, server files, ALTER SYSTEM) out of pull-request migrations: ' +
                'have an administrator apply them, or run the shadow run without this file. Review what the statement does before merging.',
        },
    ];
}
/** Statement kinds of a schema dump that only a superuser or the original roles could run. */
function isOwnershipOrPrivilege(text) {
    let tree;
    try {
        tree = (0,sql_parser/* parseSql */.eg)(text);
    }
    catch {
        return false;
    }
    const [kind, node] = (0,ast/* unwrap */.oA)(tree.stmts?.[0]?.stmt) ?? ['', {}];
    if (kind === 'AlterOwnerStmt' || kind === 'GrantStmt' || kind === 'GrantRoleStmt' || kind === 'AlterDefaultPrivilegesStmt')
        return true;
    if (kind === 'AlterTableStmt') {
        const commands = Array.isArray(node.cmds) ? node.cmds : [];
        return commands.length > 0 && commands.every((command) => (0,ast/* nodeOf */.E7)(command, 'AlterTableCmd')?.subtype === 'AT_ChangeOwner');
    }
    // pg_dump of older servers names plpgsql, which every database already has.
    if (kind === 'CreateExtensionStmt' && node.extname === 'plpgsql')
        return true;
    if (kind === 'CommentStmt' && node.objtype === 'OBJECT_EXTENSION')
        return true;
    return false;
}
/**
 * A schema dump as the unprivileged role can load it: without `OWNER TO`, GRANT/REVOKE and
 * default privileges (pg_dump writes them for roles that do not exist here; the role owns all).
 */
function dumpForRole(file) {
    const statements = file.statements.filter((statement) => !isOwnershipOrPrivilege(statement.text)).map((statement, index) => ({ ...statement, index }));
    return { ...file, statements };
}

;// CONCATENATED MODULE: ./core/migrations/shadow-statement-runner.ts
/**
 * One file's statements applied on its own session of the shadow run, each observed: the locks it
 * took (polled from a second session), the relations it rewrote, how long it ran, and the deadline
 * that stops a statement running too long. Split from shadow.ts, which sets up the scratch database
 * and the sessions this runs on.
 */



const CANNOT_RUN_IN_TRANSACTION = '25001';
/** SQLSTATE of a statement cancelled by statement_timeout or pg_cancel_backend. */
const QUERY_CANCELED = '57014';
/** Applies one file's statements on its session and observes each. */
class StatementRunner {
    session;
    observer;
    pid;
    /** Relations that existed when the file started: they stand for production tables. */
    existing;
    pollIntervalMs;
    deadline;
    constructor(session, observer, pid, existing, pollIntervalMs, deadline) {
        this.session = session;
        this.observer = observer;
        this.pid = pid;
        this.existing = existing;
        this.pollIntervalMs = pollIntervalMs;
        this.deadline = deadline;
    }
    /**
     * Runs SQL of the file on its session under the deadline: past it, the guard session cancels the
     * backend, and terminates it when it has not stopped after the grace period. The guard waits for
     * its own query before returning, so a late cancel cannot hit the next statement.
     */
    async bounded(report, run) {
        const { guard, deadlineMs, graceMs } = this.deadline;
        const signals = [];
        let terminate;
        const cancel = setTimeout(() => {
            report.deadlineExceeded = true;
            signals.push(guard.query('SELECT pg_cancel_backend($1)', [this.pid]).catch(() => { }));
            terminate = setTimeout(() => {
                signals.push(guard.query('SELECT pg_terminate_backend($1)', [this.pid]).catch(() => { }));
            }, graceMs);
        }, deadlineMs);
        const started = performance.now();
        try {
            return await run();
        }
        catch (error) {
            // The session's own statement_timeout is the same deadline, set first: when the server's timer
            // fires before the guard's, it is still this deadline that stopped the statement.
            if ((0,shadow_scratch/* pgError */.cm)(error).code === QUERY_CANCELED && performance.now() - started >= deadlineMs - 1)
                report.deadlineExceeded = true;
            throw error;
        }
        finally {
            clearTimeout(cancel);
            clearTimeout(terminate);
            await Promise.all(signals);
        }
    }
    deadlineError(report) {
        return {
            message: `ran past the shadow run's deadline of ${formatMs(this.deadline.deadlineMs)} and was cancelled (a statement_timeout set in the file does not extend it)`,
            sqlState: '57014',
            line: report.line,
            column: report.column,
        };
    }
    async apply(path, statement, observe) {
        const report = {
            path,
            line: statement.line,
            column: statement.column,
            index: statement.index,
            text: statement.text,
            observedBy: 'not-observed',
            locks: [],
            rewrote: [],
            durationMs: 0,
            lockTimeoutMs: 0,
        };
        if (!observe || classify(statement.text) !== 'observable') {
            await this.execute(report);
            return report;
        }
        report.lockTimeoutMs = await lockTimeoutMs(this.session);
        const before = await snapshotRelations(this.session);
        if (this.session.transactionStatus() === 'in-transaction') {
            await this.observeInFileTransaction(report, before);
        }
        else {
            await this.observeInOwnTransaction(report, before);
        }
        if (report.error || /^truncate\b/i.test(stripLeadingComments(statement.text))) {
            // TRUNCATE gives a table new, empty storage: nothing is copied, so it is no rewrite.
            report.rewrote = [];
        }
        return report;
    }
    /** Inside the file's BEGIN…COMMIT: the locks this statement added to the transaction's. */
    async observeInFileTransaction(report, before) {
        report.observedBy = 'own-session';
        const held = await locksOf(this.session, this.pid);
        if (!(await this.execute(report)))
            return;
        const after = await snapshotRelations(this.session);
        this.record(report, newLocks(held, await locksOf(this.session, this.pid)), before, after);
    }
    async observeInOwnTransaction(report, before) {
        report.observedBy = 'own-session';
        await this.session.query('BEGIN');
        let refused;
        const ran = await this.execute(report, (error) => {
            refused = (0,shadow_scratch/* pgError */.cm)(error).code === CANNOT_RUN_IN_TRANSACTION ? error : undefined;
            return refused === undefined;
        });
        if (!ran && refused === undefined) {
            // The run stops at this failure; a session the statement killed has nothing to roll back.
            await this.session.query('ROLLBACK').catch(() => { });
            return;
        }
        if (!ran) {
            await this.session.query('ROLLBACK');
            await this.observeFromSecondSession(report, before);
            return;
        }
        const locks = await locksOf(this.session, this.pid);
        const after = await snapshotRelations(this.session);
        try {
            await this.bounded(report, () => this.session.query('COMMIT'));
        }
        catch (error) {
            // Deferred constraints are checked at COMMIT: the failure belongs to this statement.
            report.error = report.deadlineExceeded ? this.deadlineError(report) : statementError(error, report);
            return;
        }
        this.record(report, locks, before, after);
    }
    /** For statements that cannot run in a transaction block: poll pg_locks from the observer. */
    async observeFromSecondSession(report, before) {
        report.observedBy = 'second-connection';
        const started = performance.now();
        const { locks, outcome } = await pollLocksWhile(this.observer, this.pid, this.pollIntervalMs, () => this.bounded(report, () => this.session.query(report.text)));
        report.durationMs = roundMs(performance.now() - started);
        if (outcome.status === 'rejected') {
            report.error = report.deadlineExceeded ? this.deadlineError(report) : statementError(outcome.reason, report);
            return;
        }
        this.record(report, locks, before, await snapshotRelations(this.session));
    }
    /**
     * Runs the statement on the file's session and records its duration; a rejection is recorded as
     * the statement's error unless `keep` says otherwise. Returns whether it succeeded.
     */
    async execute(report, keep = () => true) {
        const started = performance.now();
        try {
            await this.bounded(report, () => this.session.query(report.text));
            return true;
        }
        catch (error) {
            if (report.deadlineExceeded)
                report.error = this.deadlineError(report);
            else if (keep(error))
                report.error = statementError(error, report);
            return false;
        }
        finally {
            report.durationMs = roundMs(performance.now() - started);
        }
    }
    record(report, locks, before, after) {
        // Keyed by name and mode: an index rebuilt under a new oid keeps its name and is one entry.
        const named = new Map();
        for (const lock of locks) {
            // A relation created and dropped within the statement has no name left to report.
            const relation = after.get(lock.oid) ?? before.get(lock.oid);
            if (!relation)
                continue;
            const key = `${relation.name}\u0000${lock.mode}`;
            const preExisting = this.existing.has(lock.oid) || named.get(key)?.preExisting === true;
            named.set(key, { relation: relation.name, mode: lock.mode, preExisting });
        }
        report.locks = [...named.values()];
        report.locks.sort((a, b) => a.relation.localeCompare(b.relation) || a.mode.localeCompare(b.mode));
        report.rewrote = rewrittenRelations(before, after).map((relation) => ({
            relation: relation.name,
            preExisting: this.existing.has(relation.oid),
        }));
    }
}
/** Transaction control and session settings run as written: they take no table locks. */
function classify(text) {
    const head = stripLeadingComments(text);
    if (/^(begin|start\s+transaction|commit|end|rollback|abort|savepoint|release|prepare\s+transaction)\b/i.test(head)) {
        return 'transaction-control';
    }
    if (/^(set|reset|show)\b/i.test(head))
        return 'session-setting';
    return 'observable';
}
function stripLeadingComments(text) {
    let rest = text.trimStart();
    for (;;) {
        if (rest.startsWith('--')) {
            const newline = rest.indexOf('\n');
            rest = newline === -1 ? '' : rest.slice(newline + 1).trimStart();
        }
        else if (rest.startsWith('/*')) {
            const close = rest.indexOf('*/');
            rest = close === -1 ? '' : rest.slice(close + 2).trimStart();
        }
        else {
            return rest;
        }
    }
}
/**
 * The server's error, placed where it pointed in the file (or at the statement's start). An error
 * without a SQLSTATE is no verdict on the statement (the connection broke): the run ends with it.
 */
function statementError(error, statement) {
    const { code, message, position } = (0,shadow_scratch/* pgError */.cm)(error);
    if (!/^[0-9A-Z]{5}$/.test(code)) {
        throw new errors/* FaultlineError */.RO(`Lost the connection to PostgreSQL while applying ${statement.path}:${statement.line}: ${message}`, {
            cause: error,
            exitCode: 2,
            hint: 'Check that the server stayed up during the shadow run (its log names the reason).',
        });
    }
    let { line, column } = statement;
    if (position !== undefined && Number.isInteger(position) && position >= 1 && position <= statement.text.length) {
        const before = statement.text.slice(0, position - 1).split('\n');
        line += before.length - 1;
        column = before.length === 1 ? column + before[0].length : before[before.length - 1].length + 1;
    }
    return { message, sqlState: code, line, column };
}
function roundMs(ms) {
    return Math.round(ms * 100) / 100;
}
function formatMs(ms) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

;// CONCATENATED MODULE: ./core/migrations/shadow.ts
/**
 * The shadow run: applies migration files, in order, to a scratch database created for the run on
 * the user's server (dropped afterwards, also on failure), and observes for every statement the
 * locks it took, whether it rewrote a table and how long it took.
 *
 * The files are pull-request SQL. They are screened first (shadow-screen.ts: nothing that reaches
 * outside the database is sent), then applied as an unprivileged role created for the run
 * (shadow-scratch.ts), and every statement has a deadline enforced from a second connection, so a
 * `SET statement_timeout` in a file cannot extend it.
 *
 * The scratch database starts as a copy of the URL's database (template; a schema-only copy when
 * the database is in use), empty, or from a schema dump (ShadowOptions.start).
 *
 * Locks are read from pg_locks inside the statement's own transaction, where PostgreSQL keeps them
 * until commit: a statement outside a transaction block is wrapped in one (BEGIN … observe …
 * COMMIT), one inside the file's own BEGIN…COMMIT is observed in place without nesting. Statements
 * that refuse a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, …; SQLSTATE 25001) run bare
 * while a second session polls pg_locks. Each file gets a fresh session, as `psql -f` would.
 */











const SCRATCH_PREFIX = 'faultline_shadow_';
/** SQLSTATE of a statement cancelled by statement_timeout or pg_cancel_backend. */
const DEFAULT_DEADLINE_MS = 60_000;
const DEFAULT_CANCEL_GRACE_MS = 2_000;
/** Shadow run against the server a `postgres://` URL names (the URL's database is only read). */
async function shadowRunAgainst(url, files, options = {}) {
    const target = (0,pg_client/* formatTarget */.P4)((0,pg_client/* describeDatabaseUrl */.u5)(url));
    const { dumpSchemaOnly } = await __webpack_require__.e(/* import() */ 408).then(__webpack_require__.bind(__webpack_require__, 7408));
    return shadowRun(files, (0,pg_client/* pgConnector */.H0)(url), { target, schemaOnlyDump: () => dumpSchemaOnly(url), ...options });
}
const FACTS_SQL = `SELECT current_setting('server_version_num') AS server_version_num, current_database() AS database,
       r.rolname AS user, r.rolsuper AS superuser, r.rolcreatedb AS createdb, r.rolcreaterole AS createrole
  FROM pg_roles r WHERE r.rolname = current_user`;
async function serverFacts(admin) {
    const { rows } = await admin.query(FACTS_SQL);
    const row = rows[0] ?? {};
    return {
        serverVersion: Number(row.server_version_num),
        database: String(row.database ?? ''),
        user: String(row.user ?? ''),
        superuser: row.superuser === true,
        createdb: row.createdb === true,
        createrole: row.createrole === true,
    };
}
/** The grant the connecting role needs, checked before anything is created. */
function checkPrivileges(facts, target) {
    if (facts.superuser || (facts.createdb && facts.createrole))
        return;
    const missing = [facts.createdb ? '' : 'create databases', facts.createrole ? '' : 'create roles'].filter(Boolean).join(' or ');
    throw new errors/* FaultlineError */.RO(`The shadow run needs to create a scratch database and a role on ${target}, but role "${facts.user}" may not ${missing}`, {
        exitCode: 2,
        hint: `Grant it: ALTER ROLE "${facts.user}" CREATEDB CREATEROLE; (or use a superuser such as the postgres user of a CI service container). ` +
            'The migrations themselves run as an unprivileged role the shadow run creates and drops.',
    });
}
/** A session on another database than the one to copy: a template may not have other sessions. */
async function maintenanceSession(connect, copied) {
    for (const database of ['postgres', 'template1']) {
        if (database === copied)
            continue;
        try {
            return await connect(database);
        }
        catch {
            // try the next one; without any, the schema-only copy takes over
        }
    }
    return undefined;
}
function refusedReport(files, serverVersion, findings, startedFrom) {
    return {
        database: '',
        serverVersion,
        files: files.map((file) => ({ path: file.path, statements: file.statements.length, applied: 0, openTransactionRolledBack: false })),
        statements: [],
        findings,
        completed: false,
        startedFrom,
        refused: true,
    };
}
async function shadowRun(files, connect, options = {}) {
    const target = options.target ?? 'the database server';
    const start = options.start ?? { kind: 'template' };
    let admin = await connect();
    try {
        const facts = await serverFacts(admin);
        checkPrivileges(facts, target);
        await (0,sql_parser/* loadParser */.qd)();
        const refusals = [
            ...(start.kind === 'dump' ? screenShadowFile(start.file, { allowExtensions: true }) : []),
            ...files.flatMap((file) => screenShadowFile(file)),
        ];
        if (refusals.length > 0)
            return refusedReport(files, facts.serverVersion, refusals, describeStart(start, facts.database));
        const suffix = options.randomSuffix?.() ?? (0,external_node_crypto_.randomBytes)(6).toString('hex');
        const database = SCRATCH_PREFIX + suffix;
        const login = { user: SCRATCH_PREFIX + suffix, password: (0,external_node_crypto_.randomBytes)(18).toString('hex') };
        if (start.kind === 'template') {
            const maintenance = await maintenanceSession(connect, facts.database);
            if (maintenance) {
                await admin.end().catch(() => { });
                admin = maintenance;
            }
        }
        await (0,shadow_scratch/* createShadowRole */.rD)(admin, login.user, login.password, facts.superuser, target);
        // The database and the role go whatever happened; a failed drop must not hide the error that
        // ended the run, and after a successful run it is the error.
        const applied = await prepareAndApply(files, connect, admin, database, login, facts, options).then((report) => ({ report }), (error) => ({ error }));
        const dropFailure = await (0,shadow_scratch/* dropScratchDatabase */.$s)(admin, database, facts.serverVersion)
            .then(() => (0,shadow_scratch/* dropShadowRole */.MB)(admin, login.user))
            .then(() => undefined, (error) => ({ error }));
        if ('error' in applied)
            throw applied.error;
        if (dropFailure) {
            throw new errors/* FaultlineError */.RO(`Could not drop the shadow run's scratch database "${database}" or its role on ${target}`, {
                cause: dropFailure.error,
                exitCode: 1,
                hint: `Drop them by hand: DROP DATABASE "${database}"; DROP ROLE "${login.user}";`,
            });
        }
        return applied.report;
    }
    finally {
        await admin.end().catch(() => { });
    }
}
function describeStart(start, copied) {
    if (start.kind === 'dump')
        return `the schema dump ${start.file.path}`;
    if (start.kind === 'empty')
        return 'an empty database';
    return `a copy of database "${copied}"`;
}
/** Creates the scratch database as `start` says, hands it to the role, and applies the files. */
async function prepareAndApply(files, connect, admin, database, login, facts, options) {
    const target = options.target ?? 'the database server';
    const start = options.start ?? { kind: 'template' };
    let startedFrom = describeStart(start, facts.database);
    let schemaScript;
    if (start.kind === 'template') {
        try {
            await (0,shadow_scratch/* createScratchDatabase */.KI)(admin, database, facts.database, target);
        }
        catch (error) {
            if (!(0,shadow_scratch/* templateUnavailable */.BZ)(error))
                throw error;
            if (!options.schemaOnlyDump)
                throw error;
            // In use by other sessions (or not ours to copy): copy its schema instead of the whole database.
            await (0,shadow_scratch/* createScratchDatabase */.KI)(admin, database, 'template0', target);
            schemaScript = (0,shadow_scratch/* withoutPsqlCommands */.hU)(await options.schemaOnlyDump());
            startedFrom = `a schema-only copy of database "${facts.database}" (it was in use, so it could not serve as a template)`;
        }
    }
    else {
        // template0: the run must not inherit whatever someone put into template1.
        await (0,shadow_scratch/* createScratchDatabase */.KI)(admin, database, 'template0', target);
    }
    const adminOnScratch = await connect(database);
    try {
        if (schemaScript !== undefined)
            await adminOnScratch.query(schemaScript);
        // Extensions the role may not create but the URL's database has: the dump's types need them.
        if (start.kind === 'dump')
            await preCreateDumpExtensions(admin, adminOnScratch, start.file, facts.serverVersion);
        await (0,shadow_scratch/* handOverScratch */.UB)(adminOnScratch, database, login.user);
    }
    finally {
        await adminOnScratch.end().catch(() => { });
    }
    const applied = start.kind === 'dump' ? [{ ...dumpForRole(start.file), contextOnly: true }, ...files] : files;
    const report = await applyFiles(applied, (db) => connect(db, login), connect, admin, database, facts.serverVersion, options);
    const where = `Shadow run on ${startedFrom}.`;
    return {
        ...report,
        // The dump is input, not a migration under review: only its failures are reported.
        files: start.kind === 'dump' ? report.files.slice(1) : report.files,
        findings: report.findings.map((finding) => ({ ...finding, message: `${finding.message} (${where})` })),
        startedFrom,
        role: login.user,
    };
}
async function applyFiles(files, connectAsRole, connectAsAdmin, guard, database, serverVersion, options) {
    const statements = [];
    const findings = [];
    const fileReports = [];
    const deadlineMs = Math.max(1, Math.trunc(options.statementTimeoutMs ?? DEFAULT_DEADLINE_MS));
    let failed = false;
    const observer = await connectAsAdmin(database);
    const total = files.reduce((sum, file) => sum + file.statements.length, 0);
    let sent = 0;
    try {
        for (const file of files) {
            const fileReport = {
                path: file.path,
                statements: file.statements.length,
                applied: 0,
                openTransactionRolledBack: false,
            };
            fileReports.push(fileReport);
            if (failed)
                continue;
            const session = await connectAsRole(database);
            try {
                // The server's own limit as a first line; the guard below is the one a file cannot lift.
                await session.query(`SET statement_timeout = ${deadlineMs}`);
                const pid = await backendPid(session);
                const existing = new Set((await snapshotRelations(session)).keys());
                const run = new StatementRunner(session, observer, pid, existing, options.pollIntervalMs ?? 1, {
                    guard,
                    deadlineMs,
                    graceMs: options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS,
                });
                for (const statement of file.statements) {
                    options.onProgress?.(sent++, total, `${file.path}:${statement.line}`);
                    // Context files only build the schema: applying them plainly keeps a long history cheap.
                    const observed = await run.apply(file.path, statement, !file.contextOnly);
                    statements.push(observed);
                    if (!file.contextOnly || observed.error) {
                        const fix = observed.error ? fixForStart(observed.error.sqlState, observed.text, options.start ?? { kind: 'template' }) : undefined;
                        findings.push(...shadowFindingsFor(observed).map((finding) => (fix ? { ...finding, fix } : finding)));
                    }
                    if (observed.error) {
                        failed = true;
                        break;
                    }
                    fileReport.applied++;
                }
                if (!failed && session.transactionStatus() !== 'idle') {
                    fileReport.openTransactionRolledBack = true;
                    await session.query('ROLLBACK');
                }
            }
            finally {
                await session.end().catch(() => { });
            }
        }
    }
    finally {
        await observer.end().catch(() => { });
    }
    options.onProgress?.(sent, total);
    return { database, serverVersion, files: fileReports, statements, findings, completed: !failed };
}


/***/ })

};
;