"use strict";
exports.id = 129;
exports.ids = [129];
exports.modules = {

/***/ 7129:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   listChangedFiles: () => (/* binding */ listChangedFiles)
/* harmony export */ });
/* unused harmony export LIST_FILES_LIMIT */
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6856);
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9988);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(265);
/**
 * The pull request's changed files, from the GitHub API (`pulls.listFiles`, paginated), through an
 * Octokit that retries transient failures and waits out rate limits instead of failing the step.
 */




const GitHubClient = _octokit_rest__WEBPACK_IMPORTED_MODULE_1__/* .Octokit */ .E.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
/** GitHub lists at most this many files of a pull request; beyond it the list is incomplete. */
const LIST_FILES_LIMIT = 3000;
const RATE_LIMIT_RETRIES = 2;
/** Transient failures (5xx, a dropped connection) are retried after 1 s and 4 s, not for 14 s. */
const ERROR_RETRIES = 2;
const quiet = () => { };
function createGitHubClient({ token, baseUrl, log = () => { } }) {
    return new GitHubClient({
        auth: token || undefined,
        baseUrl,
        userAgent: 'faultline-migration-gate',
        // Octokit's own request lines (and its console.error of each failure) would bury the one line
        // this action prints about what failed.
        log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
        retry: { retries: ERROR_RETRIES },
        throttle: {
            onRateLimit: (retryAfter, options, _octokit, retryCount) => {
                log(`GitHub rate limit reached for ${options.method} ${options.url}; retrying in ${retryAfter}s`);
                return retryCount < RATE_LIMIT_RETRIES;
            },
            onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
                log(`GitHub secondary rate limit for ${options.method} ${options.url}; retrying in ${retryAfter}s`);
                return retryCount < RATE_LIMIT_RETRIES;
            },
        },
    });
}
const KEPT_STATUSES = new Set(['added', 'modified', 'renamed', 'copied', 'changed']);
/** Statuses that mean the token may not read the pull request: a workflow mistake to fix, not to skip. */
const PERMISSION_STATUSES = new Set([401, 403, 404]);
/** What went wrong, in one line: an HTTP status from GitHub, or why GitHub could not be reached. */
function listingFailure(error) {
    const { status, response, cause } = error;
    // Octokit reports a request that never got a response (refused, DNS, TLS) as "HTTP 500".
    if (response === undefined) {
        const system = cause?.cause;
        const reason = typeof system?.code === 'string' ? (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(system).split('\n')[0] : error.message;
        return `GitHub could not be reached: ${reason}`;
    }
    return `HTTP ${status ?? '?'} ${error.message}`.trim();
}
async function listChangedFiles(github, pr) {
    let files;
    try {
        files = await github.paginate(github.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
    }
    catch (error) {
        const status = error.status;
        const failure = listingFailure(error);
        if (error.response !== undefined && status !== undefined && PERMISSION_STATUSES.has(status)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FaultlineError */ .RO(`cannot list the files of pull request #${pr.number} in ${pr.owner}/${pr.repo}: ${failure}`, {
                hint: 'give the job `permissions: pull-requests: read` (and contents: read), or set changed-only: false',
                cause: error,
            });
        }
        // Linting every matching file checks more, never less: a safe answer when the list is out of reach.
        return { paths: new Set(), truncated: false, unavailable: `could not list the files of pull request #${pr.number} (${failure})` };
    }
    return {
        paths: new Set(files.filter((f) => KEPT_STATUSES.has(f.status)).map((f) => f.filename)),
        truncated: files.length >= LIST_FILES_LIMIT,
    };
}


/***/ })

};
;