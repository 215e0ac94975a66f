/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 353:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  FX: () => (/* binding */ RESULT_FILE),
  tT: () => (/* binding */ envInputReader),
  Gr: () => (/* binding */ lintsEveryFile),
  sb: () => (/* binding */ readSettings)
});

// UNUSED EXPORTS: DEFAULT_CONFIG, parseFailOn, parsePgVersion

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./core/errors.ts
var errors = __nccwpck_require__(265);
// EXTERNAL MODULE: ./core/migrations/shadow-from.ts
var shadow_from = __nccwpck_require__(3275);
// EXTERNAL MODULE: ./actions/shared/github-run.ts + 1 modules
var github_run = __nccwpck_require__(9044);
// EXTERNAL MODULE: ./actions/shared/workspace-files.ts
var workspace_files = __nccwpck_require__(2645);
;// CONCATENATED MODULE: ./actions/shared/config-file.ts
/**
 * The Faultline config an action reads (`.github/faultline.yml` or its `config` input): read once,
 * as bytes, inside the workspace, strictly as UTF-8; its git blob SHA goes into the result's
 * `source` so the app can tell which config produced a result.
 */




const config_file_DEFAULT_CONFIG_FILE = '.github/faultline.yml';
/**
 * The config text, or undefined when the default file is absent (it is optional; a file the
 * workflow names must exist). Refuses paths outside the workspace and text that is not UTF-8.
 */
function readActionConfig(workspace, value, input = 'config') {
    const given = value || config_file_DEFAULT_CONFIG_FILE;
    const path = (0,workspace_files/* pathInWorkspace */.ep)(workspace, given, `input ${input}`);
    if (!(0,external_node_fs_.existsSync)(path)) {
        if (given === config_file_DEFAULT_CONFIG_FILE)
            return undefined;
        throw new errors/* FaultlineError */.RO(`input ${input}: file '${given}' does not exist in the workspace`, {
            hint: `commit it, fix the path, or remove the input to use ${config_file_DEFAULT_CONFIG_FILE} when present`,
        });
    }
    const bytes = (0,workspace_files/* readWorkspaceBytes */.br)(workspace, given, `input ${input}`);
    return { shown: given, text: (0,workspace_files/* decodeUtf8 */._6)(bytes, given), source: (0,github_run/* configSource */.qX)(workspace, path, bytes) };
}

;// CONCATENATED MODULE: ./actions/migration-gate/src/inputs.ts
/**
 * Reads and checks every input of the migration gate once, into a typed settings object. Nothing
 * after this reads the environment. A bad input throws one FaultlineError that names the input,
 * what it got, and what it accepts.
 */







const DEFAULT_CONFIG = (/* unused pure expression or super */ null && (DEFAULT_CONFIG_FILE));
const RESULT_FILE = 'faultline-migrations-result.json';
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
function envInputReader(env) {
    return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function bad(input, problem, hint) {
    return new errors/* FaultlineError */.RO(`input ${input}: ${problem}`, { hint });
}
function parsePgVersion(value) {
    if (value === '')
        return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 11 || Number(value) > 18) {
        throw bad('pg-version', `expected a PostgreSQL major version from 11 to 18, got '${value}'`, "set pg-version: '15' (or leave it empty for the config's or 15)");
    }
    return Number(value);
}
function parseFailOn(value) {
    const normalised = (value || 'error').toLowerCase();
    if (normalised === 'error' || normalised === 'warning' || normalised === 'never')
        return normalised;
    throw bad('fail-on', `expected error, warning or never, got '${value}'`, 'error fails on error findings only; warning also on warnings; never only reports');
}
function parseChangedOnly(value, eventName) {
    const normalised = (value || 'auto').toLowerCase();
    if (normalised === 'auto')
        return PULL_REQUEST_EVENTS.has(eventName ?? '');
    if (normalised === 'true')
        return true;
    if (normalised === 'false')
        return false;
    throw bad('changed-only', `expected true, false or auto, got '${value}'`, 'auto lints only changed files on pull requests and every file otherwise');
}
/**
 * Whether this run lints every matching file (pushes, schedules, `changed-only: false`) rather than
 * a pull request's few changed ones: then a long migration history is likely. False for bad input,
 * which readSettings reports.
 */
function lintsEveryFile(env) {
    try {
        return !parseChangedOnly(envInputReader(env)('changed-only'), env.GITHUB_EVENT_NAME);
    }
    catch {
        return false;
    }
}
function readEventPayload(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path || !(0,external_node_fs_.existsSync)(path))
        return {};
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new errors/* FaultlineError */.RO(`cannot read the event payload ${path}: ${error.message}`, { cause: error });
    }
}
function pullRequestNumber(payload) {
    const pr = payload.pull_request;
    return typeof pr?.number === 'number' ? pr.number : undefined;
}
function pullRequestOf(env, number) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (number === undefined || !owner || !repo) {
        throw bad('changed-only', `true needs a pull request event, but this run is '${env.GITHUB_EVENT_NAME ?? 'unknown'}' without a pull request in its payload`, 'use changed-only: auto (changed files on pull requests, all files otherwise) or false');
    }
    return { owner, repo, number };
}
function validateDatabaseUrl(value) {
    if (value === '')
        return undefined;
    if (!/^postgres(ql)?:\/\//i.test(value)) {
        // Never echo the value: it may hold a password.
        throw bad('database-url', 'expected a postgres:// or postgresql:// URL', 'e.g. postgres://postgres:postgres@localhost:5432/postgres for a services: postgres container');
    }
    return value;
}
function shadowFromInput(value) {
    if (value === '')
        return {};
    try {
        return { shadowFrom: (0,shadow_from/* parseShadowFrom */.ae)(value) };
    }
    catch (error) {
        throw bad('shadow-from', error.message, 'template (a copy of the database-url database), empty, or dump:FILE (a schema dump in the workspace)');
    }
}
/**
 * docs/migrations/rules.md at the ref of this action's repository (`uses: owner/faultline/…@v1`);
 * for a local action (`uses: ./…`) the runner names no action repository: the workflow's own at its sha.
 */
function rulesPage(env) {
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const repository = env.GITHUB_ACTION_REPOSITORY || env.GITHUB_REPOSITORY;
    const ref = env.GITHUB_ACTION_REPOSITORY ? env.GITHUB_ACTION_REF : env.GITHUB_SHA;
    if (!repository || !ref || !/^[\w.-]+\/[\w.-]+$/.test(repository))
        return undefined;
    return `${server.replace(/\/+$/, '')}/${repository}/blob/${encodeURIComponent(ref)}/docs/migrations/rules.md`;
}
function readSettings(read, env) {
    const workspace = (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd());
    const patterns = read('paths')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0 && !line.startsWith('#'));
    const eventName = env.GITHUB_EVENT_NAME;
    const changedOnly = parseChangedOnly(read('changed-only'), eventName);
    const payload = readEventPayload(env);
    const prNumber = pullRequestNumber(payload);
    const sarif = read('sarif-file');
    const rulesDocUri = rulesPage(env);
    return {
        workspace,
        ...(rulesDocUri ? { rulesDocUri } : {}),
        patterns,
        ...(changedOnly ? { pullRequest: pullRequestOf(env, prNumber) } : {}),
        token: read('github-token'),
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        pgVersion: parsePgVersion(read('pg-version')),
        databaseUrl: validateDatabaseUrl(read('database-url')),
        ...shadowFromInput(read('shadow-from')),
        config: readActionConfig(workspace, read('config')),
        failOn: parseFailOn(read('fail-on')),
        sarifFile: sarif ? (0,workspace_files/* pathInWorkspace */.ep)(workspace, sarif, 'input sarif-file') : undefined,
        resultFile: RESULT_FILE,
        stepSummary: Boolean(env.GITHUB_STEP_SUMMARY),
        source: (0,github_run/* runSource */.Rh)(env, payload),
    };
}


/***/ }),

/***/ 9044:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  qX: () => (/* reexport */ configSource),
  Rh: () => (/* binding */ runSource)
});

// UNUSED EXPORTS: eventPayload, gitBlobSha, pullRequestOf

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./core/result-source.ts
/**
 * A result's `source`, from facts the face hands in (the GitHub Actions variables and event
 * payload; the core reads no environment itself): on pull_request and pull_request_target events
 * GITHUB_SHA is the test merge commit, so the commit the result is about is the pull request's
 * head SHA from the payload, and GITHUB_SHA is kept apart as `mergeSha`. The config a face read is
 * named by its git blob SHA, so the app can reject results produced under another config.
 */


const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** Git's object id of a blob: sha1("blob <byte length>\0" + bytes), as `git hash-object` prints it. */
function gitBlobSha(bytes) {
    return (0,external_node_crypto_.createHash)('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
/** The config file read, as the result names it: path relative to `root` and its blob SHA. */
function configSource(root, path, bytes) {
    const shown = (0,external_node_path_.isAbsolute)(path) ? (0,external_node_path_.relative)(root, path) : path;
    return { configPath: shown.split('\\').join('/'), configSha: gitBlobSha(bytes) };
}
/** Drops empty fields: the schema wants strings where a field is present. */
function compact(source) {
    return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
}
/** `source` from the GITHUB_* variables and the event payload (both empty outside Actions). */
function sourceFromRun(env, payload) {
    const pr = payload?.pull_request;
    const head = pr?.head?.sha;
    const headSha = typeof head === 'string' && /^[0-9a-f]{40,64}$/i.test(head) ? head : undefined;
    const onPullRequest = PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '');
    const sha = onPullRequest && headSha ? headSha : env.GITHUB_SHA;
    return compact({
        repository: env.GITHUB_REPOSITORY,
        sha,
        ...(onPullRequest && env.GITHUB_SHA && env.GITHUB_SHA !== sha ? { mergeSha: env.GITHUB_SHA } : {}),
        ref: env.GITHUB_REF,
        eventName: env.GITHUB_EVENT_NAME,
        workflow: env.GITHUB_WORKFLOW,
        runId: env.GITHUB_RUN_ID,
        runAttempt: env.GITHUB_RUN_ATTEMPT,
        actor: env.GITHUB_ACTOR,
        ...(typeof pr?.number === 'number' ? { pullRequest: pr.number } : {}),
    });
}

;// CONCATENATED MODULE: ./actions/shared/github-run.ts
/**
 * What every action reads from the GitHub Actions environment: the event payload, and where the
 * run comes from (the result file's `source`). One reading, so all results describe a run alike.
 *
 * On pull_request and pull_request_target events GITHUB_SHA is the test merge commit (or the base
 * branch's head), not the commit the pull request is about: the head SHA comes from the payload,
 * and GITHUB_SHA is kept apart as `mergeSha`, so the app can tie a result to the run's head SHA.
 */


/** The event payload, or undefined outside Actions or when the file cannot be read. */
function eventPayload(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path || !(0,external_node_fs_.existsSync)(path))
        return undefined;
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}
function pullRequestOf(payload) {
    const pr = payload?.pull_request;
    return pr && typeof pr === 'object' ? pr : undefined;
}

function runSource(env, payload = eventPayload(env)) {
    return sourceFromRun(env, payload);
}


/***/ }),

/***/ 2645:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CP: () => (/* binding */ existingFileInWorkspace),
/* harmony export */   _6: () => (/* binding */ decodeUtf8),
/* harmony export */   br: () => (/* binding */ readWorkspaceBytes),
/* harmony export */   dx: () => (/* binding */ writeWorkspaceFile),
/* harmony export */   ep: () => (/* binding */ pathInWorkspace)
/* harmony export */ });
/* unused harmony export outputPathInWorkspace */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(265);
/**
 * Files an action reads from or writes into the checkout. The checkout is the pull request's: it
 * can hold symbolic links (`faultline-result.json -> /home/runner/.bashrc`) and the workflow's path
 * inputs can say `../../x`. Every path an action takes from an input or writes an artefact to is
 * confined here: it must resolve inside the workspace, and no symbolic link on the way may lead
 * out of it. A refusal is a FaultlineError naming the path, so the action still ends with a reason.
 */



function isInside(root, path) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path);
    return rel === '' || (!rel.startsWith('..') && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel));
}
function realWorkspace(workspace) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(workspace);
    }
    catch {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace);
    }
}
/**
 * `given` (relative to the workspace, or absolute) as an absolute path, when it stays inside the
 * workspace without following links; `what` names it in the error (e.g. "input journal-path").
 */
function pathInWorkspace(workspace, given, what) {
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, given);
    if (!isInside((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace), full)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FaultlineError */ .RO(`${what}: '${given}' is outside the workspace ${workspace}`, {
            hint: 'give a path relative to the workspace (the checked-out repository), without .. leading out of it',
        });
    }
    return full;
}
/** Where a symbolic link points, for messages (the link's own text when it cannot be resolved). */
function linkTarget(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path);
    }
    catch {
        try {
            return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(path));
        }
        catch {
            return '(unreadable link)';
        }
    }
}
function refuseLink(what, path, workspace, via) {
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FaultlineError */ .RO(`${what}: refusing ${path}: ${via} is a symbolic link to ${linkTarget(via)}, outside the workspace ${workspace}`, {
        hint: 'the checkout must not redirect Faultline files out of the workspace; remove the link or choose another path',
    });
}
/**
 * The real path of an existing file inside the workspace; refuses a path that is outside it or
 * reaches outside it through a symbolic link.
 */
function existingFileInWorkspace(workspace, given, what) {
    const full = pathInWorkspace(workspace, given, what);
    const root = realWorkspace(workspace);
    let real;
    try {
        real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(full);
    }
    catch (error) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FaultlineError */ .RO(`${what}: cannot read '${given}' (${error.code ?? String(error)})`, {
            hint: 'the path is relative to the workspace; did the job check out the repository first?',
            cause: error,
        });
    }
    if (!isInside(root, real))
        throw refuseLink(what, given, workspace, firstLinkOut(full, root) ?? full);
    return real;
}
/** The first component of `path` that is a symbolic link leading out of `root`, if any. */
function firstLinkOut(path, root) {
    let current = path;
    const chain = [];
    while (current !== (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(current)) {
        chain.unshift(current);
        current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(current);
    }
    for (const part of chain) {
        try {
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(part).isSymbolicLink() && !isInside(root, linkTarget(part)))
                return part;
        }
        catch {
            return undefined;
        }
    }
    return undefined;
}
/** Reads a file inside the workspace as bytes (see existingFileInWorkspace). */
function readWorkspaceBytes(workspace, given, what) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(existingFileInWorkspace(workspace, given, what));
}
/** Strict UTF-8: a file that is not text is refused, not decoded into replacement characters. */
function decodeUtf8(bytes, file) {
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FaultlineError */ .RO('is not UTF-8 text', { file, hint: 'save the file as UTF-8 (it may be binary or in another encoding)' });
    }
}
/**
 * Where a file to be written inside the workspace really goes: refuses when the path or any link
 * on it (a folder, or the file itself) leads outside the workspace. Creates missing folders.
 */
function outputPathInWorkspace(workspace, given, what) {
    const full = pathInWorkspace(workspace, given, what);
    const root = realWorkspace(workspace);
    // The deepest folder that exists, by its real path; folders below it are created inside it.
    let existing = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(full);
    const missing = [];
    for (;;) {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(existing);
            break;
        }
        catch {
            missing.unshift((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(existing));
            existing = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(existing);
        }
    }
    let realDir;
    try {
        realDir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(existing);
    }
    catch {
        throw refuseLink(what, given, workspace, existing);
    }
    if (!isInside(root, realDir))
        throw refuseLink(what, given, workspace, firstLinkOut(existing, root) ?? existing);
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(realDir, ...missing);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(dir, { recursive: true });
    const target = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(full));
    try {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(target).isSymbolicLink())
            return target;
    }
    catch {
        return target; // a new file
    }
    const real = linkTarget(target);
    if (real === '(unreadable link)' || !isInside(root, real))
        throw refuseLink(what, given, workspace, full);
    return real;
}
/**
 * Writes `text` to `given` inside the workspace (see outputPathInWorkspace); the final open does
 * not follow a link, so a link swapped in after the check is not followed either. Returns the
 * absolute path as given.
 */
function writeWorkspaceFile(workspace, given, text, what) {
    const target = outputPathInWorkspace(workspace, given, what);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(target, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_TRUNC | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW, 0o644);
    }
    catch (error) {
        if (error.code === 'ELOOP')
            throw refuseLink(what, given, workspace, target);
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FaultlineError */ .RO(`${what}: cannot write ${given} (${error.code ?? String(error)})`, { cause: error });
    }
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd, text);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    return pathInWorkspace(workspace, given, what);
}


/***/ }),

/***/ 265:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N2: () => (/* binding */ isFaultlineError),
/* harmony export */   RO: () => (/* binding */ FaultlineError),
/* harmony export */   Uc: () => (/* binding */ describeError)
/* harmony export */ });
/* unused harmony export wantsStack */
class FaultlineError extends Error {
    file;
    line;
    column;
    hint;
    problems;
    exitCode;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'FaultlineError';
        this.file = options.file;
        this.line = options.line;
        this.column = options.column;
        this.hint = options.hint;
        if (options.problems)
            this.problems = options.problems;
        this.exitCode = options.exitCode ?? 2;
    }
    /** `file:line:column` of the problem, or undefined when the error is not about a file. */
    get where() {
        if (!this.file)
            return undefined;
        let where = this.file;
        if (this.line !== undefined)
            where += `:${this.line}`;
        if (this.line !== undefined && this.column !== undefined)
            where += `:${this.column}`;
        return where;
    }
    /** One block of text for a terminal or a log: where, what, and what to do. */
    format() {
        const head = this.where ? `${this.where}: ${this.message}` : this.message;
        return this.hint ? `${head}\n  hint: ${this.hint}` : head;
    }
}
function isFaultlineError(error) {
    return error instanceof FaultlineError;
}
/** Node's system error codes in words, so a missing file or a busy port reads as a sentence. */
const SYSTEM_ERRORS = {
    ENOENT: 'no such file or folder',
    EISDIR: 'is a folder, where a file was expected',
    ENOTDIR: 'a part of the path is not a folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EADDRINUSE: 'address already in use: another process listens there (choose another port)',
    EADDRNOTAVAIL: 'address not available on this machine',
    ECONNREFUSED: 'connection refused: nothing listens there',
    ECONNRESET: 'connection reset by the other side',
    ENOTFOUND: 'host name not found',
    ETIMEDOUT: 'timed out',
    EMFILE: 'too many open files',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
};
/** Duck-typed: errors from Node's internals may come from another realm (a VM context, a worker). */
function isErrorLike(error) {
    return error instanceof Error || (typeof error === 'object' && error !== null && typeof error.message === 'string');
}
function isSystemError(error) {
    const code = error?.code;
    return isErrorLike(error) && typeof code === 'string' && Object.hasOwn(SYSTEM_ERRORS, code);
}
/**
 * Renders any thrown value for a user in one voice: a FaultlineError as written, a system error
 * (ENOENT, EISDIR, EADDRINUSE…) as a sentence naming the path or address, anything else as its
 * message marked as internal. Stack frames only when asked for, never in front of a user by default.
 */
function describeError(error, options = {}) {
    if (isFaultlineError(error))
        return error.format();
    if (isSystemError(error)) {
        const where = error.path ?? (error.address !== undefined ? `${error.address}${error.port !== undefined ? `:${error.port}` : ''}` : undefined);
        const text = `${where ? `${where}: ` : ''}${SYSTEM_ERRORS[error.code]} (${error.code})`;
        return options.stack && error.stack ? `${text}\n${error.stack}` : text;
    }
    if (isErrorLike(error)) {
        if (options.stack)
            return error.stack ?? error.message;
        return `${error.message}\n  hint: this is an internal error; run again with FAULTLINE_DEBUG=1 for the stack trace, and please report it`;
    }
    return String(error);
}
/** Whether a face should show stack traces: FAULTLINE_DEBUG=1, or an Actions run with step debug on. */
function wantsStack(env) {
    return env.FAULTLINE_DEBUG === '1' || env.FAULTLINE_DEBUG === 'true' || env.RUNNER_DEBUG === '1';
}


/***/ }),

/***/ 8667:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  fb: () => (/* binding */ parseAheadThread),
  YH: () => (/* binding */ runningParseAheadThread),
  Wj: () => (/* binding */ startParseAheadThreadFor),
  EJ: () => (/* binding */ useParseAheadThread)
});

// UNUSED EXPORTS: ParseAheadThread

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __nccwpck_require__(5919);
;// CONCATENATED MODULE: ./core/migrations/parse-ahead-protocol.ts
/** The next chunk nobody has claimed yet. */
const NEXT = 0;
/** Chunks the linting thread has taken (the helper's back-pressure). */
const LINTED = 1;
/** Results the helper has posted (what the linting thread sleeps on). */
const POSTED = 2;
const SLOTS = 3;
/** The helper's status, in a one-slot Int32Array passed as `workerData.status`. */
const HELPER_STARTING = 0;
const HELPER_READY = 1;
/** Failed unexpectedly: the linting thread parses everything itself from now on. */
const HELPER_GONE = 2;
/** How many chunks the helper may parse ahead of the linting: memory stays bounded. */
const AHEAD_LIMIT = 16;

;// CONCATENATED MODULE: ./core/migrations/parse-ahead.ts
/**
 * A second thread that parses chunks of a large migration file while this thread lints the chunks
 * before them. The parser's WebAssembly is single-threaded and is about half of the linter's time,
 * so on two cores the two halves overlap. The linter's API stays synchronous: results come back with
 * `receiveMessageOnPort` and this thread sleeps on `Atomics.wait` when it must, so no event loop is
 * needed while a file is linted.
 *
 * The helper parses every chunk, in order, at most AHEAD_LIMIT chunks ahead of the linting, so memory
 * stays bounded however long the file is. Linting a chunk costs more than parsing it, so this thread
 * seldom waits. It does not parse chunks itself while the helper lives: the parser's WebAssembly and
 * the JIT are cold in each thread, and DO-block bodies of a chunk parsed here miss the answers the
 * helper prepares (together 150 ms of the 20,000-statement benchmark when this thread helped).
 *
 * The helper is only an accelerator: if it cannot start, fails on a chunk (a syntax error) or stops
 * answering, this thread parses that chunk itself, exactly as it would without a helper, so the
 * findings never depend on it.
 */



// Waits are short and repeated; a helper silent for this long is taken for dead.
const WAIT_SLICE_MS = 250;
const SILENT_HELPER_MS = 5_000;
// A helper starts in about 0.1 s. One that has not after this (it failed, or the machine is
// overloaded) is given up on, so a file never waits long for a thread that will not come.
const START_TIMEOUT_MS = 1_500;
const HELPER_YOUNG_GENERATION_MB = 16;
let helperModule;
let current;
/**
 * Lets large files be parsed on a second thread, which runs `module`: parse-helper.ts as this face
 * ships it (the source file, or its bundle next to an action's). The thread starts with the first
 * large file, or earlier with `startParseAheadThreadFor`, and serves the later ones. `undefined` stops it.
 */
function useParseAheadThread(module) {
    void current?.stop();
    current = undefined;
    helperModule = module;
}
/** Input this large (about 2,000 statements) keeps the helper busy from the start. */
const EARLY_START_BYTES = 256 * 1024;
/**
 * Starts the helper now when the files at `paths` are large together, so that its start-up overlaps
 * loading the linter and reading them. Folders are not walked for this (the helper then starts
 * with the first large file); missing paths are left to the lint to report.
 */
function startParseAheadThreadFor(paths) {
    let bytes = 0;
    for (const path of paths) {
        try {
            const stats = (0,external_node_fs_.statSync)(path);
            if (stats.isFile())
                bytes += stats.size;
        }
        catch {
            // Reported by the lint itself.
        }
        if (bytes >= EARLY_START_BYTES) {
            parseAheadThread();
            return;
        }
    }
}
/** The helper, started if need be; undefined when none is configured or it cannot start. */
function parseAheadThread() {
    if (current === undefined && helperModule !== undefined) {
        try {
            current = new ParseAheadThread(helperModule);
        }
        catch {
            // No thread (resource limits): files are parsed in this thread, as without the helper.
            helperModule = undefined;
        }
    }
    return current;
}
/** The helper when it is already running (started early for large input), without starting one. */
function runningParseAheadThread() {
    return current?.alive ? current : undefined;
}
/** One job's chunks (one file's, or several small files'), shared between this thread and the helper. */
class ParseJob {
    state;
    port;
    helper;
    ready = new Map();
    constructor(helper, worker, job) {
        this.helper = helper;
        this.state = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
        const { port1, port2 } = new external_node_worker_threads_.MessageChannel();
        this.port = port1;
        const message = { ...job, shared: this.state.buffer, port: port2 };
        worker.postMessage(message, [port2]);
    }
    take(index) {
        Atomics.store(this.state, LINTED, index);
        Atomics.notify(this.state, LINTED);
        let silentMs = 0;
        for (;;) {
            const ready = this.ready.get(index);
            if (ready) {
                this.ready.delete(index);
                if (ready.json === undefined)
                    return undefined;
                return { tree: JSON.parse(ready.json), ...(ready.prepared ? { prepared: ready.prepared } : {}) };
            }
            if (!this.helper.usable())
                return undefined;
            const posted = Atomics.load(this.state, POSTED);
            const message = (0,external_node_worker_threads_.receiveMessageOnPort)(this.port);
            if (message) {
                const result = message.message;
                this.ready.set(result.chunk, result);
                silentMs = 0;
                continue;
            }
            if (Atomics.wait(this.state, POSTED, posted, WAIT_SLICE_MS) === 'timed-out') {
                silentMs += WAIT_SLICE_MS;
                if (silentMs >= SILENT_HELPER_MS)
                    this.helper.alive = false;
            }
        }
    }
    close() {
        // Past the last chunk: the helper finds nothing left to claim and ends the job.
        Atomics.store(this.state, NEXT, 2 ** 31 - 1);
        Atomics.notify(this.state, LINTED);
        this.port.close();
    }
}
/**
 * The helper thread, serving one file after another. Its start-up (about 100 ms: a new isolate and
 * the parser's WebAssembly) overlaps whatever this thread does meanwhile: loading modules and
 * reading the first file when the face starts it early. It never keeps the process alive.
 */
class ParseAheadThread {
    /** False once the helper failed or stopped answering: jobs are then parsed in this thread. */
    alive = true;
    worker;
    loaded;
    /** HELPER_STARTING, READY or GONE, set by the helper: readable while this thread is busy (no event loop). */
    status;
    createdAt = performance.now();
    /** `helperModule`: where parse-helper.ts is, as the face runs it (a source file or a bundle). */
    constructor(helperModule) {
        this.status = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
        // The helper's garbage is short-lived parser output: a small young generation keeps its memory
        // low (V8 would otherwise grow it to tens of MB on a large machine) at no measurable cost.
        this.worker = new external_node_worker_threads_.Worker(helperModule, { workerData: { status: this.status.buffer }, resourceLimits: { maxYoungGenerationSizeMb: HELPER_YOUNG_GENERATION_MB } });
        this.loaded = new Promise((resolve) => {
            this.worker.once('message', () => resolve(true));
            const gone = () => {
                this.alive = false;
                resolve(false);
            };
            this.worker.once('error', gone);
            this.worker.once('exit', gone);
        });
        this.worker.unref();
    }
    /** Whether to keep waiting for the helper: not gone, and ready or still within its start-up time. */
    usable() {
        const status = Atomics.load(this.status, 0);
        if (status === HELPER_GONE || (status === HELPER_STARTING && performance.now() - this.createdAt > START_TIMEOUT_MS))
            this.alive = false;
        return this.alive;
    }
    /** Resolves once the helper has loaded the parser (true) or failed (false). Jobs need not wait. */
    ready() {
        return this.loaded;
    }
    /** Starts parsing a file's chunks (taken in order), or returns undefined once the helper is gone. */
    begin(job) {
        return this.alive ? new ParseJob(this, this.worker, job) : undefined;
    }
    stop() {
        this.alive = false;
        return this.worker.terminate();
    }
}


/***/ }),

/***/ 3275:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Q3: () => (/* binding */ DEFAULT_SHADOW_FROM),
/* harmony export */   SL: () => (/* binding */ formatShadowFrom),
/* harmony export */   ae: () => (/* binding */ parseShadowFrom)
/* harmony export */ });
const DEFAULT_SHADOW_FROM = { kind: 'template' };
/** Parses `template`, `empty` or `dump:FILE`; throws an Error saying what is accepted. */
function parseShadowFrom(value) {
    const text = value.trim();
    if (text === 'template' || text === 'empty')
        return { kind: text };
    if (text.startsWith('dump:')) {
        const file = text.slice('dump:'.length).trim();
        if (file === '')
            throw new Error("dump: needs a file, e.g. 'dump:db/schema.sql'");
        return { kind: 'dump', file };
    }
    throw new Error(`expected template, empty or dump:FILE, got '${value}'`);
}
function formatShadowFrom(from) {
    return from.kind === 'dump' ? `dump:${from.file}` : from.kind;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = require("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = require("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = require("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = require("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = require("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = require("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = require("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = require("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = require("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = require("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = require("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = require("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = require("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = require("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = require("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = require("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = require("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = require("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = require("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = require("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = require("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = require("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = require("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = require("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = require("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = require("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = require("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = require("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = require("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = require("node:util/types");

/***/ }),

/***/ 8877:
/***/ ((module) => {

module.exports = require("node:v8");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = require("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = require("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = require("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = require("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = require("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = require("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = require("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = require("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = require("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = require("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = require("util/types");

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/******/ 	// expose the modules object (__webpack_modules__)
/******/ 	__nccwpck_require__.m = __webpack_modules__;
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/compat get default export */
/******/ 	(() => {
/******/ 		// getDefaultExport function for compatibility with non-harmony modules
/******/ 		__nccwpck_require__.n = (module) => {
/******/ 			var getter = module && module.__esModule ?
/******/ 				() => (module['default']) :
/******/ 				() => (module);
/******/ 			__nccwpck_require__.d(getter, { a: getter });
/******/ 			return getter;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/ensure chunk */
/******/ 	(() => {
/******/ 		__nccwpck_require__.f = {};
/******/ 		// This file contains only the entry chunk.
/******/ 		// The chunk loading function for additional chunks
/******/ 		__nccwpck_require__.e = (chunkId) => {
/******/ 			return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 				__nccwpck_require__.f[key](chunkId, promises);
/******/ 				return promises;
/******/ 			}, []));
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/get javascript chunk filename */
/******/ 	(() => {
/******/ 		// This function allow to reference async chunks
/******/ 		__nccwpck_require__.u = (chunkId) => {
/******/ 			// return url for filenames based on template
/******/ 			return "" + chunkId + ".index.js";
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/require chunk loading */
/******/ 	(() => {
/******/ 		// no baseURI
/******/ 		
/******/ 		// object to store loaded chunks
/******/ 		// "1" means "loaded", otherwise not loaded yet
/******/ 		var installedChunks = {
/******/ 			792: 1
/******/ 		};
/******/ 		
/******/ 		// no on chunks loaded
/******/ 		
/******/ 		var installChunk = (chunk) => {
/******/ 			var moreModules = chunk.modules, chunkIds = chunk.ids, runtime = chunk.runtime;
/******/ 			for(var moduleId in moreModules) {
/******/ 				if(__nccwpck_require__.o(moreModules, moduleId)) {
/******/ 					__nccwpck_require__.m[moduleId] = moreModules[moduleId];
/******/ 				}
/******/ 			}
/******/ 			if(runtime) runtime(__nccwpck_require__);
/******/ 			for(var i = 0; i < chunkIds.length; i++)
/******/ 				installedChunks[chunkIds[i]] = 1;
/******/ 		
/******/ 		};
/******/ 		
/******/ 		// require() chunk loading for javascript
/******/ 		__nccwpck_require__.f.require = (chunkId, promises) => {
/******/ 			// "1" is the signal for "already loaded"
/******/ 			if(!installedChunks[chunkId]) {
/******/ 				if(true) { // all chunks have JS
/******/ 					installChunk(require("./" + __nccwpck_require__.u(chunkId)));
/******/ 				} else installedChunks[chunkId] = 1;
/******/ 			}
/******/ 		};
/******/ 		
/******/ 		// no external install chunk
/******/ 		
/******/ 		// no HMR
/******/ 		
/******/ 		// no HMR manifest
/******/ 	})();
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};
__nccwpck_require__.r(__webpack_exports__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_migrations_parse_ahead_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8667);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(353);
/** The action's entry (dist/index.js): no logic, run() reports its own failures. */





// Large files are parsed on a second thread, whose code is bundled next to this file. When the
// whole history is linted it starts now, before the gate's code loads, so that its start-up is
// over by the time the files are read; on pull requests it starts only for a large file.
const parseHelper = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(require("url").pathToFileURL(__filename).href)), 'parse-helper.js');
if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(parseHelper)) {
    (0,_core_migrations_parse_ahead_js__WEBPACK_IMPORTED_MODULE_3__/* .useParseAheadThread */ .EJ)(parseHelper);
    if ((0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .lintsEveryFile */ .Gr)(process.env))
        (0,_core_migrations_parse_ahead_js__WEBPACK_IMPORTED_MODULE_3__/* .parseAheadThread */ .fb)();
}
void Promise.all(/* import() */[__nccwpck_require__.e(765), __nccwpck_require__.e(737)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8737)).then(({ run }) => run());

module.exports = __webpack_exports__;
/******/ })()
;