/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 9828:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
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
;// CONCATENATED MODULE: ./actions/shared/github-run.ts
/**
 * What every action reads from the GitHub Actions environment: the event payload, and where the
 * run comes from (the result file's `source`). One reading, so all results describe a run alike.
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
    return payload?.pull_request;
}
function runSource(env, payload = eventPayload(env)) {
    const number = pullRequestOf(payload)?.number;
    return {
        repository: env.GITHUB_REPOSITORY,
        sha: env.GITHUB_SHA,
        ref: env.GITHUB_REF,
        eventName: env.GITHUB_EVENT_NAME,
        workflow: env.GITHUB_WORKFLOW,
        runId: env.GITHUB_RUN_ID,
        runAttempt: env.GITHUB_RUN_ATTEMPT,
        actor: env.GITHUB_ACTOR,
        ...(typeof number === 'number' ? { pullRequest: number } : {}),
    };
}

;// CONCATENATED MODULE: ./actions/migration-gate/src/inputs.ts
/**
 * Reads and checks every input of the migration gate once, into a typed settings object. Nothing
 * after this reads the environment. A bad input throws one FaultlineError that names the input,
 * what it got, and what it accepts.
 */




const DEFAULT_CONFIG = '.github/faultline.yml';
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
function inputs_pullRequestOf(env, number) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (number === undefined || !owner || !repo) {
        throw bad('changed-only', `true needs a pull request event, but this run is '${env.GITHUB_EVENT_NAME ?? 'unknown'}' without a pull request in its payload`, 'use changed-only: auto (changed files on pull requests, all files otherwise) or false');
    }
    return { owner, repo, number };
}
function resolveIn(workspace, path) {
    return (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
}
function configFileOf(workspace, value) {
    const given = value || DEFAULT_CONFIG;
    const path = resolveIn(workspace, given);
    if ((0,external_node_fs_.existsSync)(path))
        return path;
    // The default is optional; a file the user named must exist.
    if (given === DEFAULT_CONFIG)
        return undefined;
    throw bad('config', `file '${given}' does not exist in the workspace`, `commit it, fix the path, or remove the input to use ${DEFAULT_CONFIG} when present`);
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
    return {
        workspace,
        patterns,
        ...(changedOnly ? { pullRequest: inputs_pullRequestOf(env, prNumber) } : {}),
        token: read('github-token'),
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        pgVersion: parsePgVersion(read('pg-version')),
        databaseUrl: validateDatabaseUrl(read('database-url')),
        configFile: configFileOf(workspace, read('config')),
        failOn: parseFailOn(read('fail-on')),
        sarifFile: sarif ? resolveIn(workspace, sarif) : undefined,
        resultFile: (0,external_node_path_.join)(workspace, 'faultline-migrations-result.json'),
        stepSummary: Boolean(env.GITHUB_STEP_SUMMARY),
        source: runSource(env, payload),
    };
}


/***/ }),

/***/ 265:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N2: () => (/* binding */ isFaultlineError),
/* harmony export */   RO: () => (/* binding */ FaultlineError),
/* harmony export */   Uc: () => (/* binding */ describeError)
/* harmony export */ });
class FaultlineError extends Error {
    file;
    line;
    column;
    hint;
    exitCode;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'FaultlineError';
        this.file = options.file;
        this.line = options.line;
        this.column = options.column;
        this.hint = options.hint;
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
/** Renders any thrown value for a user; unexpected errors keep their stack for a bug report. */
function describeError(error) {
    if (isFaultlineError(error))
        return error.format();
    if (error instanceof Error)
        return error.stack ?? error.message;
    return String(error);
}


/***/ }),

/***/ 8667:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  fb: () => (/* binding */ parseAheadThread),
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
    }
    if (bytes >= EARLY_START_BYTES)
        parseAheadThread();
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
/** One file's chunks, shared between this thread and the helper. */
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
        this.worker = new external_node_worker_threads_.Worker(helperModule, { workerData: { status: this.status.buffer } });
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
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(9828);
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
void Promise.all(/* import() */[__nccwpck_require__.e(765), __nccwpck_require__.e(556)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2556)).then(({ run }) => run());

module.exports = __webpack_exports__;
/******/ })()
;