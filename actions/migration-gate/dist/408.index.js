"use strict";
exports.id = 408;
exports.ids = [408];
exports.modules = {

/***/ 7408:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dumpSchemaOnly: () => (/* binding */ dumpSchemaOnly)
/* harmony export */ });
/* unused harmony export findPgDump */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(265);
/* harmony import */ var _pg_client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5811);
/**
 * The schema of the URL's database as SQL, from `pg_dump --schema-only`, for when that database
 * cannot serve as a template (other sessions are connected to it, as in most CI setups where the
 * application or an earlier step still holds a connection). Run without a shell; the password
 * reaches pg_dump through PGPASSWORD, never its arguments.
 */





const TIMEOUT_MS = 120_000;
const MAX_DUMP_BYTES = 256 * 1024 * 1024;
/** pg_dump from PATH, else the newest Debian/Ubuntu server package's (newer dumps older servers). */
function findPgDump(env = process.env) {
    for (const dir of (env.PATH ?? '').split(':').filter(Boolean)) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'pg_dump')))
            return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'pg_dump');
    }
    const root = '/usr/lib/postgresql';
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(root))
        return undefined;
    const versions = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(root)
        .filter((name) => /^\d+$/.test(name) && (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, name, 'bin', 'pg_dump')))
        .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, versions[0], 'bin', 'pg_dump') : undefined;
}
function dumpSchemaOnly(url, pgDump = findPgDump()) {
    const target = (0,_pg_client_js__WEBPACK_IMPORTED_MODULE_4__/* .describeDatabaseUrl */ .u5)(url);
    const where = (0,_pg_client_js__WEBPACK_IMPORTED_MODULE_4__/* .formatTarget */ .P4)(target);
    if (!pgDump) {
        return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .FaultlineError */ .RO(`The shadow run needs pg_dump to copy the schema of database "${target.database}" on ${where}, which is in use, and pg_dump is not installed`, {
            exitCode: 2,
            hint: 'Install the PostgreSQL client (apt-get install postgresql-client) matching the server, close the other sessions on the database, or use shadow-from: empty or dump:FILE.',
        }));
    }
    const parsed = new URL(url);
    const password = decodeURIComponent(parsed.password);
    const sslmode = parsed.searchParams.get('sslmode');
    const args = ['--schema-only', '--no-owner', '--no-privileges', '--host', target.host, '--port', String(target.port), '--username', target.user, '--dbname', target.database];
    return new Promise((resolve, reject) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(pgDump, args, {
            timeout: TIMEOUT_MS,
            maxBuffer: MAX_DUMP_BYTES,
            env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10', ...(sslmode ? { PGSSLMODE: sslmode } : {}) },
        }, (error, stdout, stderr) => {
            if (!error) {
                resolve(stdout);
                return;
            }
            const detail = (String(stderr).trim() || error.message).split(password || '\u0000').join('***');
            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .FaultlineError */ .RO(`pg_dump could not copy the schema of database "${target.database}" on ${where}: ${detail}`, {
                cause: error,
                exitCode: 2,
                hint: /version mismatch/i.test(detail)
                    ? 'Install a pg_dump at least as new as the server (postgresql-client-<major>), or use shadow-from: empty or dump:FILE.'
                    : 'Check that the role in database-url may read the schema, or use shadow-from: empty or dump:FILE.',
            }));
        });
    });
}


/***/ })

};
;