"use strict";
exports.id = 152;
exports.ids = [152];
exports.modules = {

/***/ 7152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   columnTypesFromDump: () => (/* binding */ columnTypesFromDump),
/* harmony export */   columnTypesFromDumpText: () => (/* binding */ columnTypesFromDumpText)
/* harmony export */ });
/* harmony import */ var _column_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(640);
/* harmony import */ var _lint_files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2853);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3843);
/**
 * Column types from a schema dump (`pg_dump --schema-only`, or any SQL that creates the tables):
 * what production holds before the linted migrations run, so that a type change of a column the
 * linted files never declared is judged on its real old type instead of being assumed a rewrite.
 * The dump is parsed with the same parser; only CREATE TABLE and ALTER TABLE … ADD/ALTER COLUMN
 * count (KnownColumnTypes ignores everything else).
 */



/** The column types `text` (a schema dump read from `path`) declares. The parser must be loaded. */
function columnTypesFromDumpText(text, path) {
    const types = new _column_types_js__WEBPACK_IMPORTED_MODULE_0__/* .KnownColumnTypes */ .X();
    (0,_parse_js__WEBPACK_IMPORTED_MODULE_2__/* .parseMigrationInChunks */ .LF)(text, path, (statements) => {
        for (const statement of statements) {
            if (statement.kind === 'CreateStmt' || statement.kind === 'AlterTableStmt')
                types.apply(statement);
        }
    });
    return types;
}
/** Reads a schema dump file; unreadable or non-UTF-8 files are input errors (exit 2) naming it. */
function columnTypesFromDump(path) {
    return columnTypesFromDumpText((0,_lint_files_js__WEBPACK_IMPORTED_MODULE_1__/* .readSqlFile */ .Lf)(path), path);
}


/***/ })

};
;