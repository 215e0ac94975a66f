"use strict";
exports.id = 737;
exports.ids = [737];
exports.modules = {

/***/ 8737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  newRecorder: () => (/* binding */ newRecorder),
  run: () => (/* binding */ run),
  runGate: () => (/* binding */ runGate)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./core/errors.ts
var errors = __webpack_require__(265);
// EXTERNAL MODULE: ./core/migrations/config.ts
var migrations_config = __webpack_require__(9292);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/fast-glob/out/index.js
var out = __webpack_require__(5648);
var out_default = /*#__PURE__*/__webpack_require__.n(out);
// EXTERNAL MODULE: ./core/migrations/lint-files.ts + 1 modules
var lint_files = __webpack_require__(2853);
;// CONCATENATED MODULE: ./core/migrations/find-files.ts
/**
 * Which migration files a run looks at when it is given globs (the action's `paths`, the config's
 * `migrations.paths`) rather than files: the matches under a root, minus exclusions, in the order
 * migration tools apply them (V2 before V10).
 */




/** The common layouts: Flyway, golang-migrate, sqitch, Prisma, and plain migrations folders. */
const DEFAULT_MIGRATION_GLOBS = [
    '**/V*__*.sql',
    '**/*.up.sql',
    '**/deploy/*.sql',
    '**/migrations/*/migration.sql',
    '**/migrations/**/*.sql',
    '**/db/migrations/**/*.sql',
];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
function isFolder(path) {
    try {
        return (0,external_node_fs_.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
/**
 * Root-relative paths (forward slashes) of the files the globs match; a glob starting with `!`
 * excludes, as do `exclude` globs. Dependencies and .git are never searched.
 */
async function findMigrationFiles(root, globs, exclude = []) {
    // Absolute globs are made root-relative, so every returned path is relative to the root.
    // A folder named as it is (`db/migrations`) means the SQL files under it, as for a PATH argument.
    const include = globs
        .filter((g) => !g.startsWith('!'))
        .map((g) => ((0,external_node_path_.isAbsolute)(g) ? (0,external_node_path_.relative)(root, g) : g))
        .map((g) => (isFolder((0,external_node_path_.join)(root, g)) ? `${g.replace(/\/+$/, '')}/**/*.sql` : g));
    const ignore = [...ALWAYS_IGNORED, ...globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1))];
    if (include.length === 0)
        return [];
    // Links are listed, not followed: the linter reports a linked migration rather than skip it unseen.
    const entries = await out_default()(include, { cwd: root, ignore, onlyFiles: false, dot: false, followSymbolicLinks: false, unique: true, objectMode: true });
    return entries
        .filter(({ dirent }) => dirent.isFile() || dirent.isSymbolicLink())
        .map(({ path }) => path)
        .filter((path) => !exclude.some((glob) => (0,external_node_path_.matchesGlob)(path, glob)))
        .sort(lint_files/* compareNatural */.dk);
}

// EXTERNAL MODULE: ./core/migrations/lint.ts + 4 modules
var lint = __webpack_require__(7148);
// EXTERNAL MODULE: ./core/migrations/positions.ts
var positions = __webpack_require__(7900);
// EXTERNAL MODULE: ./core/migrations/shadow-scratch.ts
var shadow_scratch = __webpack_require__(365);
// EXTERNAL MODULE: ./core/migrations/split.ts
var split = __webpack_require__(556);
;// CONCATENATED MODULE: ./core/migrations/gate.ts
/**
 * The migration gate as the faces run it: lint the files, and when a database URL is given, apply
 * them to a scratch database on that server and merge what was observed into the report. The CLI
 * and the action both call this, so they cannot disagree about what a run means.
 */





/** A file's top-level statements as the shadow run sends them: text without `;`, with positions. */
function shadowFileOf(path, text) {
    const lines = new positions/* LineIndex */.rr(text);
    const statements = (0,split/* splitStatements */.Xd)(text)
        .segments.map((segment) => ({ segment, sql: text.slice(segment.start, segment.end).replace(/;\s*$/, '').trimEnd() }))
        .filter(({ sql }) => sql.length > 0)
        .map(({ segment, sql }, index) => ({ text: sql, ...lines.position(segment.start), index }));
    return { path, statements };
}
/** Shadow findings under the configured severities (`migrations.rules`): `off` drops a rule's findings. */
function configuredShadowFindings(findings, options) {
    return findings.flatMap((finding) => {
        const severity = (0,lint/* severityFor */.v1)(options, finding.rule);
        return severity === 'off' ? [] : [{ ...finding, severity }];
    });
}
function shadowStart(from) {
    if (from.kind !== 'dump')
        return from;
    return { kind: 'dump', file: shadowFileOf(from.file, (0,shadow_scratch/* withoutPsqlCommands */.hU)((0,lint_files/* readSqlFile */.Lf)(from.file))) };
}
/** The linted files in history order, with the history's other files as context. */
function withHistory(linted, history) {
    if (!history || history.length === 0)
        return linted;
    const byPath = new Map(linted.map((file) => [file.path, file]));
    // Files after the last linted one do not shape what the linted ones meet.
    const last = history.reduce((found, path, index) => (byPath.has(path) ? index : found), -1);
    const ordered = history.slice(0, last + 1).map((path) => byPath.get(path) ?? { ...shadowFileOf(path, (0,lint_files/* readSqlFile */.Lf)(path)), contextOnly: true });
    const inHistory = new Set(history);
    return [...ordered, ...linted.filter((file) => !inHistory.has(file.path))];
}
/**
 * Lints `files` (already collected, in the order they are applied) and, with `databaseUrl`, shadow
 * runs them. Rejects with a FaultlineError (exit 2) for unreadable files or an unreachable server.
 */
async function runMigrationGate(files, options = {}) {
    const { databaseUrl, shadow: shadowOptions, shadowFrom, history, lintProgress, ...lintOptions } = options;
    const report = await (0,lint/* lintFiles */.ji)(files, lintOptions, lintProgress);
    if (!databaseUrl || report.files.length === 0)
        return { report };
    // The PostgreSQL client is loaded only for a shadow run.
    const { mergeShadowFindings, shadowRunAgainst } = await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(382)]).then(__webpack_require__.bind(__webpack_require__, 6382));
    // The report's paths are the collected files (folders expanded, exclusions applied), in order.
    // Files the linter refused (too large, not text, links) are not sent either: they fail the gate already.
    const linted = report.files
        .filter((file) => !file.refused)
        .map((file) => shadowFileOf(file.path, (0,lint_files/* readSqlFile */.Lf)(file.path)));
    const shadow = await shadowRunAgainst(databaseUrl, withHistory(linted, history), {
        ...shadowOptions,
        ...(shadowFrom ? { start: shadowStart(shadowFrom) } : {}),
    });
    const merged = mergeShadowFindings(report.files.flatMap((file) => file.findings), { ...shadow, findings: configuredShadowFindings(shadow.findings, lintOptions) });
    return {
        report: {
            version: 1,
            files: report.files.map((file) => ({ ...file, findings: merged.filter((finding) => finding.path === file.path) })),
        },
        shadow,
    };
}

// EXTERNAL MODULE: ./core/migrations/parse-ahead.ts + 1 modules
var parse_ahead = __webpack_require__(8667);
// EXTERNAL MODULE: ./core/migrations/rules/index.ts + 63 modules
var rules = __webpack_require__(1555);
// EXTERNAL MODULE: ./core/migrations/shadow-from.ts
var shadow_from = __webpack_require__(3275);
;// CONCATENATED MODULE: ./policy/schemas/result.schema.json
const result_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"result.schema.json","title":"Faultline result file (faultline-result.json), version 1","description":"What every Faultline action and the CLI write: one gate or experiment, its verdict, findings or measurements, timings, tool versions and links. The app reads these from workflow artifacts.","type":"object","required":["version","kind","name","verdict","startedAt","finishedAt","tool"],"additionalProperties":false,"properties":{"$schema":{"type":"string"},"version":{"const":1},"kind":{"description":"Which gate or engine produced the result; the app maps it to a check run.","enum":["migrations","chaos","slo","canary","failover","evidence","security"]},"name":{"type":"string","minLength":1,"description":"Gate or experiment name shown to users."},"verdict":{"description":"pass: the gate passed; fail: it blocks; neutral: it did not apply; error: it could not decide (never a pass).","enum":["pass","fail","neutral","error"]},"summary":{"type":"string","description":"One line for a check run title or a table cell."},"startedAt":{"type":"string","format":"date-time"},"finishedAt":{"type":"string","format":"date-time"},"durationMs":{"type":"number","minimum":0},"tool":{"type":"object","required":["name","version"],"additionalProperties":false,"properties":{"name":{"type":"string"},"version":{"type":"string"},"runtime":{"type":"string","description":"e.g. node v24.x"},"components":{"type":"object","description":"Versions of the parts that decided the result (parser, PostgreSQL server, stress-ng, Prometheus...).","additionalProperties":{"type":"string"}}}},"source":{"type":"object","description":"Where the result was produced; filled from the GitHub Actions environment when present.","additionalProperties":false,"properties":{"repository":{"type":"string"},"sha":{"type":"string","description":"The commit the result is about: on pull_request events the pull request\'s head SHA from the event payload, otherwise GITHUB_SHA."},"mergeSha":{"type":"string","description":"GITHUB_SHA when it differs from sha (on pull_request events, the test merge commit the workflow checked out)."},"configPath":{"type":"string","description":"Repository-relative path of the Faultline config the action read, when it read one."},"configSha":{"type":"string","description":"Git blob SHA-1 of that config file as read, so the app can reject results produced under a config other than the default branch\'s."},"ref":{"type":"string"},"eventName":{"type":"string"},"workflow":{"type":"string"},"runId":{"type":"string"},"runAttempt":{"type":"string"},"pullRequest":{"type":"integer"},"actor":{"type":"string"}}},"counts":{"type":"object","additionalProperties":false,"properties":{"errors":{"type":"integer","minimum":0},"warnings":{"type":"integer","minimum":0},"notes":{"type":"integer","minimum":0}}},"findings":{"type":"array","items":{"$ref":"#/$defs/finding"}},"measurements":{"type":"array","description":"Named figures (RTO, RPO, score, budget remaining, burn rate...).","items":{"type":"object","required":["name","value"],"additionalProperties":false,"properties":{"name":{"type":"string"},"value":{"type":["number","null"]},"unit":{"type":"string"},"subject":{"type":"string","description":"What the figure is about (SLO, experiment, probe)."}}}},"details":{"type":"object","description":"Kind-specific payload: the migration report, the chaos journal summary, the SLO statuses. Each kind documents its own shape."},"links":{"type":"array","items":{"type":"object","required":["name","url"],"additionalProperties":false,"properties":{"name":{"type":"string"},"url":{"type":"string"}}}}},"$defs":{"finding":{"type":"object","required":["rule","severity","message"],"additionalProperties":false,"properties":{"rule":{"type":"string","minLength":1},"severity":{"enum":["error","warning","note"]},"message":{"type":"string"},"path":{"type":"string"},"line":{"type":"integer","minimum":1},"column":{"type":"integer","minimum":1},"endLine":{"type":"integer","minimum":1},"endColumn":{"type":"integer","minimum":1},"help":{"type":"string","description":"What to do instead (the safe rewrite, the fix)."},"properties":{"type":"object","description":"Rule-specific facts (lock, blocks, rewrite...)."}}}}}');
// EXTERNAL MODULE: ./core/schema/check.ts
var check = __webpack_require__(7290);
;// CONCATENATED MODULE: ./core/version.ts
/** Who we are in result files, SARIF and journals; kept apart so the CLI can say it without loading more. */
const TOOL_NAME = 'faultline';
const TOOL_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./core/result.ts
/**
 * The result file: the contract between the faces (see DESIGN.md). Producers build one with
 * `createResult`, and every reader validates with `validateResult` before trusting it.
 */





function createResult(input) {
    const { startedAt, finishedAt, components, ...rest } = input;
    return {
        version: 1,
        ...rest,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
        tool: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            runtime: `node ${process.version}`,
            ...(components ? { components } : {}),
        },
    };
}
/** Checks an untrusted value; returns readable problems (empty when it is a valid result). */
function validateResult(value) {
    const problems = (0,check/* checkAgainstSchema */.FK)(result_schema_namespaceObject, { value, locate: () => undefined });
    return problems.map((p) => `${(0,check/* keyPath */.Dw)(p.pointer)}: ${p.message}`);
}

;// CONCATENATED MODULE: ./core/report/annotations.ts
const ANNOTATIONS_PER_LEVEL = 10;
const LEVEL_ORDER = { error: 0, warning: 1, notice: 2 };
/** Orders by level (errors first) then file and line, and keeps at most `perLevel` of each level. */
function selectAnnotations(all, perLevel = ANNOTATIONS_PER_LEVEL) {
    const sorted = [...all].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
        a.file.localeCompare(b.file) ||
        (a.startLine ?? 0) - (b.startLine ?? 0) ||
        (a.startColumn ?? 0) - (b.startColumn ?? 0));
    const taken = { error: 0, warning: 0, notice: 0 };
    const annotations = [];
    for (const annotation of sorted) {
        if (taken[annotation.level] >= perLevel)
            continue;
        taken[annotation.level]++;
        annotations.push(annotation);
    }
    return { annotations, omitted: all.length - annotations.length };
}
/** One migration finding as an annotation: the message, the lock facts, and the rewrite. */
function migrationAnnotation(finding) {
    const facts = [];
    if (finding.lock)
        facts.push(`Lock: ${finding.lock}`);
    if (finding.blocks.length > 0)
        facts.push(`blocks ${finding.blocks.join(' and ')}`);
    if (finding.rewrite)
        facts.push('rewrites the table');
    const lines = [finding.message];
    if (facts.length > 0)
        lines.push(`${facts.join(', ')}.`);
    if (finding.fix)
        lines.push(`Safe rewrite:\n${finding.fix.trimEnd()}`);
    return {
        level: finding.severity,
        file: finding.path.replace(/\\/g, '/'),
        startLine: finding.line,
        startColumn: finding.column,
        title: finding.source === 'shadow' ? `${finding.rule} (observed)` : finding.rule,
        message: lines.join('\n'),
    };
}

// EXTERNAL MODULE: ./core/migrations/agree.ts
var agree = __webpack_require__(384);
;// CONCATENATED MODULE: ./core/report/migrations-counts.ts
/** Totals over a lint report, shared by every renderer and the faces' exit codes and outputs. */

function countFindings(report) {
    const counts = { files: report.files.length, statements: 0, errors: 0, warnings: 0, observed: 0 };
    for (const file of report.files) {
        counts.statements += file.statements;
        for (const finding of file.findings) {
            if (finding.severity === 'error')
                counts.errors++;
            else
                counts.warnings++;
            if (finding.source === 'shadow')
                counts.observed++;
        }
    }
    return counts;
}
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
/** Findings in reading order: by line and column, on one statement the most severe first, then rule id. */
function inReadingOrder(findings) {
    return [...findings].sort(agree/* byStatementThenSeverity */.J);
}

// EXTERNAL MODULE: ./core/migrations/lock-modes.ts
var lock_modes = __webpack_require__(6128);
;// CONCATENATED MODULE: ./core/report/migrations-markdown.ts
/**
 * The migration gate's job summary (GitHub-flavoured markdown): totals, then a table per file with
 * findings (statement, rule, lock, what it blocks, fix), then what the shadow run observed on a
 * real server. GitHub caps a step summary at 1 MiB, so the tables stop before that with a note.
 */


const STEP_SUMMARY_LIMIT = 1024 * 1024;
const STATEMENT_CHARS = 120;
const SLOWEST_SHOWN = 10;
/** Text inside a table cell: HTML-escaped (cells may hold `<`), pipes and newlines neutralised. */
function cell(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '&#124;')
        .replace(/\r?\n/g, '<br>');
}
function code(text) {
    return `<code>${cell(text)}</code>`;
}
function shorten(text, max) {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
function severityIcon(finding) {
    return finding.severity === 'error' ? '❌' : '⚠️';
}
function row(finding) {
    const where = `L${finding.line}`;
    const statement = finding.statement ? `${where} ${code(shorten(finding.statement, STATEMENT_CHARS))}` : where;
    const rule = `${severityIcon(finding)} \`${finding.rule}\`<br>${cell(finding.message)}`;
    const lock = finding.lock ? `${cell(finding.lock)}${finding.rewrite ? '<br>rewrites table' : ''}` : finding.rewrite ? 'rewrites table' : '—';
    const blocks = finding.blocks.length > 0 ? finding.blocks.join(', ') : '—';
    const fix = finding.fix ? code(finding.fix.trimEnd()) : '—';
    return `| ${statement} | ${rule} | ${lock} | ${blocks} | ${fix} |`;
}
function table(findings) {
    return [
        '| Statement | Rule | Lock | Blocks | Safe rewrite |',
        '| --- | --- | --- | --- | --- |',
        ...inReadingOrder(findings).map(row),
    ].join('\n');
}
/** server_version_num → `16.4` (10 and later), `9.6.24` before. */
function serverVersionName(num) {
    const major = Math.floor(num / 10000);
    if (major >= 10)
        return `${major}.${num % 10000}`;
    return `${Math.floor(num / 10000)}.${Math.floor(num / 100) % 100}.${num % 100}`;
}
/** The strongest mode held per pre-existing relation, as `MODE on relation`. */
function strongestLocks(statement) {
    const strongest = new Map();
    for (const lock of statement.locks) {
        if (!lock.preExisting)
            continue;
        const held = strongest.get(lock.relation);
        if (!held || (0,lock_modes/* lockStrength */.JP)(lock.mode) > (0,lock_modes/* lockStrength */.JP)(held))
            strongest.set(lock.relation, lock.mode);
    }
    return [...strongest].map(([relation, mode]) => `${mode} on ${relation}`);
}
function slowRow(statement) {
    const locks = strongestLocks(statement);
    const rewrote = statement.rewrote.filter((r) => r.preExisting).map((r) => r.relation);
    const where = `\`${statement.path}\` L${statement.line}`;
    return `| ${where} ${code(shorten(statement.text, STATEMENT_CHARS))} | ${Math.round(statement.durationMs)} ms | ${locks.length > 0 ? cell(locks.join(', ')) : '—'} | ${rewrote.length > 0 ? cell(rewrote.join(', ')) : '—'} |`;
}
function shadowStatistics(shadow) {
    const total = shadow.files.reduce((sum, f) => sum + f.statements, 0);
    const applied = shadow.files.reduce((sum, f) => sum + f.applied, 0);
    const lines = [
        shadow.refused
            ? 'The shadow run refused to execute a file that reaches outside the database (see the `shadow-refused` finding); nothing was applied.'
            : `Applied ${applied} of ${plural(total, 'statement')} to a scratch database on PostgreSQL ${serverVersionName(shadow.serverVersion)}${shadow.startedFrom ? `, started from ${escapeStarted(shadow.startedFrom)}` : ''} (dropped afterwards)${shadow.completed ? '.' : '; it stopped at the first failure.'}`,
    ];
    // Only statements that held a lock on, or rewrote, a table that existed before: those are what production feels.
    const felt = shadow.statements
        .filter((s) => s.locks.some((lock) => lock.preExisting) || s.rewrote.some((r) => r.preExisting))
        .sort((a, b) => b.durationMs - a.durationMs)
        .slice(0, SLOWEST_SHOWN);
    if (felt.length > 0) {
        lines.push('', `Slowest statements holding locks on tables that existed before (on a scratch database with little or no data; production is slower):`, '', '| Statement | Took | Locks on existing tables | Rewrote |', '| --- | --- | --- | --- |', ...felt.map(slowRow));
    }
    return `${lines.join('\n')}\n`;
}
function headline(report) {
    const c = countFindings(report);
    const scope = `${plural(c.files, 'file')}, ${plural(c.statements, 'statement')}`;
    if (c.errors > 0)
        return `❌ **${plural(c.errors, 'error')}**, ${plural(c.warnings, 'warning')} in ${scope}`;
    if (c.warnings > 0)
        return `⚠️ ${plural(c.warnings, 'warning')} in ${scope}`;
    return `✅ No hazards in ${scope}`;
}
function renderMigrationsMarkdown(report, options = {}) {
    const budget = (options.maxBytes ?? STEP_SUMMARY_LIMIT) - 512;
    const head = [`## ${options.heading ?? 'Migration gate'}`, '', headline(report), ''];
    const sections = [];
    const observed = [];
    const clean = [];
    for (const file of report.files) {
        const staticFindings = file.findings.filter((f) => f.source !== 'shadow');
        const shadowFindings = file.findings.filter((f) => f.source === 'shadow');
        if (file.findings.length === 0)
            clean.push(file.path);
        if (staticFindings.length > 0)
            sections.push(`### \`${file.path}\`\n\n${table(staticFindings)}\n`);
        if (shadowFindings.length > 0)
            observed.push(`#### \`${file.path}\`\n\n${table(shadowFindings)}\n`);
    }
    if (observed.length > 0 || options.shadow) {
        sections.push('### Observed on a real PostgreSQL (shadow run)\n');
        if (options.shadow)
            sections.push(shadowStatistics(options.shadow));
        if (observed.length > 0) {
            sections.push('These locks, rewrites and failures were seen on the server, not predicted:\n', ...observed);
        }
    }
    if (clean.length > 0) {
        const list = clean.map((path) => `- \`${path}\``).join('\n');
        sections.push(`<details><summary>${plural(clean.length, 'file')} without findings</summary>\n\n${list}\n\n</details>\n`);
    }
    let text = head.join('\n');
    let shown = 0;
    for (const section of sections) {
        if (Buffer.byteLength(text) + Buffer.byteLength(section) + 1 > budget)
            break;
        text += `\n${section}`;
        shown++;
    }
    if (shown < sections.length) {
        text += `\n> ${plural(sections.length - shown, 'more section')} did not fit in the job summary; the SARIF and result files have every finding.\n`;
    }
    return text;
}
/** The start names a database or a file path: plain text in the summary, never markup. */
function escapeStarted(text) {
    return text.replace(/[\\`*_[\]<>|&]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./core/report/sarif.ts
/**
 * SARIF 2.1.0 for any gate: a tool with its rule catalogue and a list of results at file positions.
 * Gates describe their rules and findings in the small input shapes below; this module owns the
 * SARIF details GitHub code scanning relies on (rule indexes, %SRCROOT%-relative URIs, a category
 * so several gates can upload side by side, stable fingerprints).
 */

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** `non-concurrent-index` → `NonConcurrentIndex`: SARIF wants a name that is not the id. */
function ruleName(id) {
    return id
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((part) => part[0].toUpperCase() + part.slice(1))
        .join('');
}
function descriptor(rule) {
    const help = rule.description ?? rule.summary;
    return {
        id: rule.id,
        name: ruleName(rule.id),
        shortDescription: { text: rule.summary },
        ...(rule.description ? { fullDescription: { text: rule.description } } : {}),
        help: { text: help, ...(rule.helpMarkdown ? { markdown: rule.helpMarkdown } : {}) },
        ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
        defaultConfiguration: { level: rule.defaultLevel },
        ...(rule.tags && rule.tags.length > 0 ? { properties: { tags: [...rule.tags] } } : {}),
    };
}
/**
 * A relative path becomes a %SRCROOT%-relative URI (what code scanning maps to the repository);
 * an absolute one a file: URI. Segments are percent-encoded so spaces and `#` survive.
 */
function artifactLocation(path) {
    const slashed = path.replace(/\\/g, '/');
    const encoded = slashed
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
    if (slashed.startsWith('/'))
        return { uri: `file://${encoded}` };
    return { uri: encoded.replace(/^(\.\/)+/, ''), uriBaseId: '%SRCROOT%' };
}
function region(result) {
    if (result.line === undefined || result.line < 1)
        return undefined;
    return {
        startLine: result.line,
        ...(result.column !== undefined && result.column >= 1 ? { startColumn: result.column } : {}),
        ...(result.endLine !== undefined && result.endLine >= result.line ? { endLine: result.endLine } : {}),
        ...(result.endColumn !== undefined && result.endColumn >= 1 ? { endColumn: result.endColumn } : {}),
    };
}
function fingerprint(value) {
    return (0,external_node_crypto_.createHash)('sha256').update(value).digest('hex').slice(0, 32);
}
/** One result; `ruleIndex` where the rule is in the catalogue (SARIF makes it optional). */
function sarifResult(result, ruleIndex, toolName) {
    const where = region(result);
    return {
        ruleId: result.ruleId,
        ...(ruleIndex !== undefined ? { ruleIndex } : {}),
        level: result.level,
        message: { text: result.message, ...(result.markdown ? { markdown: result.markdown } : {}) },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(result.path), ...(where ? { region: where } : {}) } }],
        ...(result.fingerprint ? { partialFingerprints: { [`${toolName}/v1`]: fingerprint(result.fingerprint) } } : {}),
        ...(result.properties ? { properties: result.properties } : {}),
        ...(result.fix && where?.endLine !== undefined && where.endColumn !== undefined
            ? {
                fixes: [
                    {
                        description: { text: result.fix.description },
                        artifactChanges: [{ artifactLocation: artifactLocation(result.path), replacements: [{ deletedRegion: where, insertedContent: { text: result.fix.text } }] }],
                    },
                ],
            }
            : {}),
    };
}
function buildSarif(input) {
    const rules = input.rules.map(descriptor);
    const index = new Map(rules.map((rule, i) => [rule.id, i]));
    // A result whose rule is not in the catalogue (e.g. an observation of a shadow run) still needs a
    // descriptor: ruleIndex must point somewhere, and code scanning shows the rule's name.
    for (const result of input.results) {
        if (index.has(result.ruleId))
            continue;
        index.set(result.ruleId, rules.length);
        rules.push(descriptor({ id: result.ruleId, summary: result.ruleId, defaultLevel: result.level }));
    }
    const usesSrcRoot = [...input.results.map((r) => r.path), ...(input.resultPaths ?? [])].some((path) => artifactLocation(path).uriBaseId);
    const results = input.results.map((result) => sarifResult(result, index.get(result.ruleId), input.toolName));
    return {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: input.toolName,
                        version: input.toolVersion,
                        semanticVersion: input.toolVersion,
                        ...(input.informationUri ? { informationUri: input.informationUri } : {}),
                        rules,
                    },
                },
                ...(input.category ? { automationDetails: { id: `${input.category.replace(/\/+$/, '')}/` } } : {}),
                ...(usesSrcRoot
                    ? { originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository checkout.' } } } }
                    : {}),
                columnKind: 'utf16CodeUnits',
                results,
            },
        ],
    };
}
function renderSarif(log) {
    return `${JSON.stringify(log, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./core/report/migrations-sarif.ts
/**
 * The migration gate's findings as SARIF: the rule registry becomes the tool's rule catalogue (with
 * the lock, why it hurts and the rewrite as help), each finding a result whose properties keep
 * the lock facts code scanning has no field for.
 */


const MIGRATIONS_SARIF_CATEGORY = 'faultline/migrations';
function ruleInput(rule, options) {
    return {
        id: rule.id,
        summary: rule.summary,
        description: rule.description,
        helpMarkdown: `**${rule.summary}**\n\n${rule.description}`,
        ...(options.rulesDocUri ? { helpUri: `${options.rulesDocUri}#${rule.id}` } : {}),
        defaultLevel: rule.defaultSeverity,
        tags: ['migrations', 'postgresql'],
    };
}
function resultMarkdown(finding) {
    const facts = [];
    if (finding.lock)
        facts.push(`Takes \`${finding.lock}\``);
    if (finding.blocks.length > 0)
        facts.push(`blocks ${finding.blocks.join(' and ')}`);
    if (finding.rewrite)
        facts.push('rewrites the table');
    const parts = [finding.message];
    if (facts.length > 0)
        parts.push(`${facts.join(', ')}.`);
    if (finding.fix)
        parts.push(`Safe rewrite:\n\n\`\`\`sql\n${finding.fix.trimEnd()}\n\`\`\``);
    return parts.join('\n\n');
}
/** Advice with no SQL to run (e.g. "split the file") is not a fix a tool can apply. */
function isCommentOnly(sql) {
    return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}
function resultInput(finding) {
    return {
        ruleId: finding.rule,
        level: finding.severity,
        message: finding.message,
        markdown: resultMarkdown(finding),
        path: finding.path,
        line: finding.line,
        column: finding.column,
        ...(finding.endLine !== undefined && finding.endColumn !== undefined ? { endLine: finding.endLine, endColumn: finding.endColumn } : {}),
        ...(finding.fix && finding.fixReplacesStatement && !isCommentOnly(finding.fix)
            ? { fix: { description: `Replace the statement with the safe rewrite (${finding.rule})`, text: finding.fix.trimEnd() } }
            : {}),
        // The statement, not its line, identifies the problem: adding a migration above must not reopen it.
        fingerprint: `${finding.rule}\u0000${finding.path}\u0000${finding.statement ?? `${finding.line}:${finding.column}`}`,
        properties: {
            lock: finding.lock,
            blocks: finding.blocks,
            rewrite: finding.rewrite,
            ...(finding.fix ? { fix: finding.fix } : {}),
            source: finding.source ?? 'static',
        },
    };
}
function migrationsToSarif(report, rules, options = {}) {
    return buildSarif({
        toolName: TOOL_NAME,
        toolVersion: TOOL_VERSION,
        ...(options.informationUri ? { informationUri: options.informationUri } : {}),
        category: MIGRATIONS_SARIF_CATEGORY,
        rules: rules.map((rule) => ruleInput(rule, options)),
        results: report.files.flatMap((file) => file.findings.map(resultInput)),
    });
}

// EXTERNAL MODULE: ./actions/shared/github-run.ts + 1 modules
var github_run = __webpack_require__(9044);
;// CONCATENATED MODULE: ./core/report/markdown-escape.ts
/**
 * Untrusted text (result names, summaries, messages, override reasons, paths) in Markdown that
 * GitHub renders: the PR comment and check-run summaries use these same helpers, so a crafted
 * string cannot add links, images, HTML, mentions, math or entities on either.
 */
const ZERO_WIDTH_SPACE = '\u200b';
/**
 * Neutralises Markdown/HTML control characters, mentions, bare URLs (GitHub autolinks them) and
 * character references (`&commat;` would render as `@`) in untrusted text, on one line.
 */
function escapeMarkdown(text, max = 300) {
    const clipped = text.length > max ? `${text.slice(0, max - 1)}…` : text;
    return clipped
        .replace(/[\r\n]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/[\\`*_{}[\]()#+!|<>~$]/g, (c) => `\\${c}`)
        .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
        .replace(/(\b[a-z][a-z0-9+.-]*):\/\//gi, `$1:${ZERO_WIDTH_SPACE}//`)
        .replace(/\bwww\./gi, `www${ZERO_WIDTH_SPACE}.`);
}
/**
 * Untrusted text as an inline code span: a backtick fence longer than any run of backticks in it
 * (so a path with backticks cannot close the span early), on one line. Nothing inside a code span
 * is Markdown, HTML, a mention or a link.
 */
function codeSpan(text, max = 300) {
    const clipped = (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/[\r\n]+/g, ' ');
    const longestRun = Math.max(0, ...(clipped.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = clipped.startsWith('`') || clipped.endsWith('`') || longestRun > 0 ? ' ' : '';
    return `${fence}${pad}${clipped}${pad}${fence}`;
}

;// CONCATENATED MODULE: ./core/report/failure-markdown.ts

const MAX_ROWS = 50;
function place(problem) {
    if (!problem.file)
        return '';
    const line = problem.line !== undefined ? `:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : '';
    // In a table a `|` ends the cell even inside a code span, unless escaped (GitHub's table rule).
    return codeSpan(`${problem.file}${line}`).replace(/\|/g, '\\|');
}
function renderFailureMarkdown(report) {
    const lines = [`### ❌ ${escapeMarkdown(report.action)}: could not decide`, '', escapeMarkdown(report.headline.replace(/:$/, ''), 1000), ''];
    if (report.problems.length > 0) {
        lines.push('| Where | Problem |', '| --- | --- |');
        for (const problem of report.problems.slice(0, MAX_ROWS))
            lines.push(`| ${place(problem)} | ${escapeMarkdown(problem.message, 500)} |`);
        if (report.problems.length > MAX_ROWS)
            lines.push(`| | … and ${report.problems.length - MAX_ROWS} more (see the log) |`);
        lines.push('');
    }
    else if (report.detail) {
        lines.push('```text', report.detail.replace(/`{3,}/g, (run) => run.replace(/`/g, "'")).slice(0, 4000), '```', '');
    }
    if (report.hint)
        lines.push(`**What to do:** ${escapeMarkdown(report.hint, 1000)}`, '');
    lines.push('No verdict was reached: the result file (when it could be written) records `verdict: error` with this reason.', '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./actions/shared/fail-step.ts
/**
 * How an action fails when it could not decide: each problem of an input file as an annotation on
 * the repository-relative file and line (so it lands on the pull request's diff), a job summary
 * that says what failed and what to do, and the step's failure. Paths inside the runner's
 * workspace are shown relative to it, never as the runner's absolute paths.
 */




/** GitHub shows at most 10 error annotations per step. */
const MAX_ANNOTATIONS = 10;
/** A path as the repository names it, or undefined when it is not inside the workspace. */
function repositoryPath(file, workspace) {
    const rel = (0,external_node_path_.isAbsolute)(file) ? (0,external_node_path_.relative)(workspace, file) : file;
    if (rel === '' || rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel))
        return undefined;
    return rel.split(external_node_path_.sep).join('/').replace(/^\.\//, '');
}
/** Text with the workspace's absolute prefix removed, so logs and summaries name repository paths. */
function inRepositoryTerms(text, workspace) {
    const prefix = workspace.endsWith(external_node_path_.sep) ? workspace : `${workspace}${external_node_path_.sep}`;
    return text.split(prefix).join('');
}
/** What a thrown value says to a user: a FaultlineError's text, or "unexpected error" with its message. */
function reasonOf(error) {
    if ((0,errors/* isFaultlineError */.N2)(error))
        return error.format();
    return `unexpected error (please report it): ${error instanceof Error ? error.message : String(error)}`;
}
/** The error's problems at their places: the listed ones, else the error's own place. */
function locatedProblems(error, workspace) {
    if (!(0,errors/* isFaultlineError */.N2)(error))
        return [];
    const listed = error.problems ?? (error.file ? [{ file: error.file, line: error.line, column: error.column, message: error.message }] : []);
    return listed.map((problem) => {
        const file = problem.file ? repositoryPath(problem.file, workspace) : undefined;
        return { ...problem, file, message: inRepositoryTerms(problem.message, workspace) };
    });
}
async function writeSummary(markdown) {
    try {
        await core/* summary */.z.addRaw(markdown, true).write();
    }
    catch (error) {
        core/* info */.pq(`could not write the job summary: ${(0,errors/* describeError */.Uc)(error)}`);
    }
}
/**
 * Fails the step with the reason. Problems in files of the repository become annotations at their
 * file and line (then the step fails through its exit code, without a second, placeless copy of
 * the same text); anything else fails the step with the whole reason. An unexpected error's stack
 * goes to the log for a bug report.
 */
async function failWithReport(error, options) {
    if (!(0,errors/* isFaultlineError */.N2)(error))
        core/* info */.pq((0,errors/* describeError */.Uc)(error));
    const reason = inRepositoryTerms(reasonOf(error), options.workspace);
    const problems = locatedProblems(error, options.workspace);
    const onFiles = problems.filter((problem) => problem.file !== undefined);
    const hint = (0,errors/* isFaultlineError */.N2)(error) ? error.hint : undefined;
    if (onFiles.length > 0 && onFiles.length === problems.length) {
        const title = `${options.action}: ${((0,errors/* isFaultlineError */.N2)(error) && error.problems ? error.message.split('\n')[0].replace(/:$/, '') : 'could not decide').slice(0, 200)}`;
        for (const problem of onFiles.slice(0, MAX_ANNOTATIONS)) {
            core/* error */.z3(hint ? `${problem.message}\n  hint: ${hint}` : problem.message, {
                title: inRepositoryTerms(title, options.workspace),
                file: problem.file,
                ...(problem.line !== undefined ? { startLine: problem.line } : {}),
                ...(problem.column !== undefined ? { startColumn: problem.column } : {}),
            });
        }
        // The log keeps every problem, also those beyond GitHub's ten annotations.
        if (onFiles.length > MAX_ANNOTATIONS)
            core/* info */.pq(reason);
        process.exitCode = core/* ExitCode */.yU.Failure;
    }
    else {
        core/* setFailed */.C1(reason);
    }
    if (!options.stepSummary)
        return;
    const lines = reason.split('\n');
    await writeSummary(renderFailureMarkdown({
        action: options.action,
        headline: onFiles.length > 0 && (0,errors/* isFaultlineError */.N2)(error) ? inRepositoryTerms(error.message.split('\n')[0], options.workspace) : lines[0],
        problems: onFiles.length > 0 ? onFiles : [],
        ...(onFiles.length === 0 && lines.length > 1 ? { detail: lines.slice(1).filter((line) => !line.startsWith('  hint: ')).join('\n') } : {}),
        ...(hint ? { hint } : {}),
    }));
}

// EXTERNAL MODULE: ./actions/shared/workspace-files.ts
var workspace_files = __webpack_require__(2645);
;// CONCATENATED MODULE: ./actions/shared/result-file.ts
/**
 * The result file every action leaves, whatever happens. An action creates a ResultRecorder before
 * it reads a single input (so it knows a default path and its kind), runs its whole body through
 * `recordResult`, and writes its own verdict with `write`. When the body throws, is cancelled
 * (SIGINT/SIGTERM from a cancel or `timeout-minutes`) or ends without writing one, the recorder
 * writes `verdict: error` with the reason, so the upload step always has a file and the app never
 * has to guess from a missing one.
 */






class ResultRecorder {
    startedAt;
    kind;
    name;
    source;
    workspace;
    errorRule;
    errorResult;
    target;
    written = false;
    errorTried = false;
    constructor(options) {
        this.startedAt = options.startedAt ?? new Date();
        this.kind = options.kind;
        this.name = options.name;
        this.source = options.source;
        this.workspace = options.workspace;
        this.errorRule = options.errorRule;
        if (options.errorResult)
            this.errorResult = options.errorResult;
        this.target = options.defaultPath;
    }
    /** The path as given (workspace-relative or absolute inside the workspace). */
    get path() {
        return this.target;
    }
    get hasWritten() {
        return this.written;
    }
    /** The path the inputs name; checked when the file is written. */
    setPath(path) {
        this.target = path;
    }
    /** Adds what became known after start-up (the config's blob SHA). */
    addSource(source) {
        this.source = { ...this.source, ...source };
    }
    /** Writes the action's own result; throws (a FaultlineError naming the path) when it may not. */
    write(result) {
        const problems = validateResult(result);
        if (problems.length > 0)
            throw new Error(`the result file would be invalid (a bug in Faultline): ${problems.join('; ')}`);
        const written = (0,workspace_files/* writeWorkspaceFile */.dx)(this.workspace, this.target, `${JSON.stringify(result, null, 2)}\n`, 'result file');
        this.written = true;
        return written;
    }
    /** `verdict: error` with the reason. Never throws: the reason reaches the log either way. */
    writeError(reason) {
        // One attempt: a path that refused the error result once refuses it again.
        if (this.errorTried)
            return undefined;
        this.errorTried = true;
        // The repository's paths, not the runner's: the result is read far from this machine.
        const text = inRepositoryTerms(reason, this.workspace);
        const summary = text.split('\n')[0].slice(0, 300);
        try {
            if (this.errorResult)
                return this.write(this.errorResult(reason));
            const written = this.write(createResult({
                kind: this.kind,
                name: this.name,
                verdict: 'error',
                summary: `could not decide: ${summary}`,
                startedAt: this.startedAt,
                finishedAt: new Date(),
                source: this.source,
                findings: [{ rule: this.errorRule, severity: 'error', message: text.slice(0, 4000) }],
            }));
            return written;
        }
        catch (error) {
            core/* error */.z3(`could not write the result file (verdict error): ${(0,errors/* describeError */.Uc)(error)}`);
            return undefined;
        }
    }
}
const SIGNALS = ['SIGINT', 'SIGTERM'];
/**
 * Runs the action's body with the guarantee above. Errors are recorded and rethrown (the action
 * still sets its outputs and fails the step its own way). A cancellation writes the error result
 * at once, then leaves the process to the action's own signal handling, or exits when it has none.
 */
async function recordResult(recorder, body) {
    const onSignal = (signal) => {
        if (!recorder.hasWritten)
            recorder.writeError(`the step was cancelled or timed out (${signal}) before it could decide`);
        // Ours is the only listener: behave as the default handler would have.
        if (process.listenerCount(signal) === 1)
            process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    // A crash outside the awaited body (an exception in a callback) still ends with a file.
    const onExit = () => {
        if (!recorder.hasWritten)
            recorder.writeError('the action stopped before it could decide (the log above has the reason)');
    };
    for (const signal of SIGNALS)
        process.on(signal, onSignal);
    process.on('exit', onExit);
    try {
        return await body();
    }
    catch (error) {
        if (!recorder.hasWritten)
            recorder.writeError(reasonOf(error));
        throw error;
    }
    finally {
        for (const signal of SIGNALS)
            process.off(signal, onSignal);
        process.off('exit', onExit);
        if (!recorder.hasWritten)
            recorder.writeError('the action ended without a verdict (a bug in Faultline; please report it)');
    }
}

// EXTERNAL MODULE: ./actions/migration-gate/src/inputs.ts + 1 modules
var inputs = __webpack_require__(353);
;// CONCATENATED MODULE: ./actions/shared/mask.ts
/**
 * Which values the job log masks. GitHub replaces every occurrence of a masked value, anywhere in
 * the log: a password `e` or `postgres` would turn "Connection terminated" into
 * "Conn***ction t***rminat***d". So a value is masked only when it is long and specific enough
 * that masking it hides the secret and nothing else; whole URLs with credentials and header
 * values are masked as they are. Faultline never prints a password itself (URLs are shown
 * redacted), so a value too weak to mask is still not printed by us.
 */

/** Shorter values, and the stock defaults below, are not registered as masks (see docs/secrets.md). */
const MIN_MASK_LENGTH = 6;
const COMMON_WORDS = new Set(['postgres', 'password', 'passwd', 'secret', 'admin', 'root', 'changeme', 'default', 'prometheus', 'guest', 'master', 'public', 'test', 'user', 'faultline']);
/** Whether masking `value` would hide a secret without garbling ordinary log text. */
function isMaskable(value) {
    const trimmed = value.trim();
    return trimmed.length >= MIN_MASK_LENGTH && !COMMON_WORDS.has(trimmed.toLowerCase());
}
/** Registers `value` with the runner's log masking when that is safe; returns whether it did. */
function maskSecret(value, setSecret = core/* setSecret */.Pq) {
    if (!value || !isMaskable(value))
        return false;
    setSecret(value);
    return true;
}
/** A URL with credentials: the whole URL, and its password on its own when that is maskable. */
function maskUrl(raw, setSecret = core/* setSecret */.Pq) {
    if (!raw)
        return;
    maskSecret(raw, setSecret);
    try {
        const parsed = new URL(raw);
        if (parsed.password)
            maskSecret(decodeURIComponent(parsed.password), setSecret);
    }
    catch {
        // Not a URL: the input reader rejects it without echoing it.
    }
}

;// CONCATENATED MODULE: ./actions/migration-gate/src/run.ts
/**
 * The migration gate action: settings → core → annotations, job summary, SARIF, result file and
 * outputs. Every failure ends the step with one message that says what to do.
 */






















/** The paths input wins, then the config's migrations.paths, then the common layouts. */
function globsFor(settings, config) {
    if (settings.patterns.length > 0)
        return settings.patterns;
    if (config.paths.length > 0)
        return config.paths;
    return DEFAULT_MIGRATION_GLOBS;
}
function allMatchingFiles(settings, config) {
    return findMigrationFiles(settings.workspace, globsFor(settings, config), config.exclude);
}
async function selectFiles(settings, config) {
    const files = await allMatchingFiles(settings, config);
    if (files.length === 0 && (settings.patterns.length > 0 || config.paths.length > 0)) {
        // Paths someone wrote down that match nothing are a mistake, not a pass with nothing checked.
        const named = settings.patterns.length > 0 ? `the paths input (${settings.patterns.join(', ')})` : `migrations.paths (${config.paths.join(', ')})`;
        throw new errors/* FaultlineError */.RO(`${named} matches no file in the repository: nothing would be checked`, {
            hint: 'fix the globs or folders; they are relative to the repository root',
        });
    }
    if (!settings.pullRequest)
        return files;
    // The GitHub client is loaded only on pull requests, where it is used.
    const { createGitHubClient, listChangedFiles } = await Promise.all(/* import() */[__webpack_require__.e(167), __webpack_require__.e(129)]).then(__webpack_require__.bind(__webpack_require__, 7129));
    const github = createGitHubClient({ token: settings.token, baseUrl: settings.apiUrl, log: core/* info */.pq });
    const changed = await listChangedFiles(github, settings.pullRequest);
    if (changed.unavailable) {
        core/* warning */.$e(`${changed.unavailable}; linting every matching file instead`);
        return files;
    }
    if (changed.truncated) {
        core/* warning */.$e(`pull request #${settings.pullRequest.number} changes more files than GitHub lists (3000); linting every matching file instead`);
        return files;
    }
    const selected = files.filter((file) => changed.paths.has(file));
    core/* info */.pq(`changed-only: ${plural(selected.length, 'matching file')} of ${files.length} changed in #${settings.pullRequest.number}`);
    return selected;
}
function workspacePath(path, workspace) {
    return ((0,external_node_path_.isAbsolute)(path) ? (0,external_node_path_.relative)(workspace, path) : path).split('\\').join('/');
}
function relativeShadow(shadow, workspace) {
    return {
        ...shadow,
        files: shadow.files.map((file) => ({ ...file, path: workspacePath(file.path, workspace) })),
        statements: shadow.statements.map((statement) => ({ ...statement, path: workspacePath(statement.path, workspace) })),
    };
}
/** Workspace-relative, forward-slash paths: what annotations, SARIF and the summary need. */
function relativeReport(report, workspace) {
    const rel = (path) => workspacePath(path, workspace);
    return {
        version: 1,
        files: report.files.map((file) => ({ ...file, path: rel(file.path), findings: file.findings.map((f) => ({ ...f, path: rel(f.path) })) })),
    };
}
function isFailing(counts, failOn) {
    if (failOn === 'never')
        return false;
    return counts.errors > 0 || (failOn === 'warning' && counts.warnings > 0);
}
function resultFinding(finding) {
    return {
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        path: finding.path,
        line: finding.line,
        column: finding.column,
        ...(finding.fix ? { help: finding.fix } : {}),
        properties: {
            lock: finding.lock,
            blocks: finding.blocks,
            rewrite: finding.rewrite,
            source: finding.source ?? 'static',
            ...(finding.statement ? { statement: finding.statement } : {}),
        },
    };
}
function buildResult(recorder, settings, config, run, outcome) {
    const { counts } = outcome;
    const summary = outcome.files.length === 0
        ? 'no migration files to check'
        : `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} in ${plural(counts.files, 'file')}`;
    return createResult({
        kind: 'migrations',
        name: 'migration-gate',
        verdict: outcome.verdict,
        summary,
        startedAt: recorder.startedAt,
        finishedAt: new Date(),
        ...(run?.shadow ? { components: { postgresql: String(run.shadow.serverVersion) } } : {}),
        source: recorder.source,
        counts: { errors: counts.errors, warnings: counts.warnings },
        findings: outcome.report.files.flatMap((file) => file.findings.map(resultFinding)),
        details: {
            failOn: settings.failOn,
            pgVersion: settings.pgVersion ?? config.pgVersion ?? lint/* DEFAULT_PG_VERSION */.xc,
            statements: counts.statements,
            files: outcome.report.files.map((file) => ({ path: file.path, statements: file.statements, findings: file.findings.length })),
            ...(run?.shadow
                ? {
                    shadow: {
                        serverVersion: run.shadow.serverVersion,
                        completed: run.shadow.completed,
                        statements: run.shadow.statements.length,
                        ...(run.shadow.startedFrom ? { startedFrom: run.shadow.startedFrom } : {}),
                    },
                }
                : {}),
        },
    });
}
function newRecorder(env) {
    return new ResultRecorder({
        kind: 'migrations',
        name: 'migration-gate',
        workspace: (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd()),
        defaultPath: inputs/* RESULT_FILE */.FX,
        source: (0,github_run/* runSource */.Rh)(env),
        errorRule: 'migration-gate-error',
    });
}
/** The shadow run's starting point: the input, else the config's `shadow-from`, else template. */
function shadowFromFor(settings, config) {
    const from = settings.shadowFrom ?? config.shadowFrom ?? shadow_from/* DEFAULT_SHADOW_FROM */.Q3;
    // A dump is read from the checkout: it must stay inside it like every other path.
    if (from.kind === 'dump')
        return { kind: 'dump', file: (0,workspace_files/* existingFileInWorkspace */.CP)(settings.workspace, from.file, 'shadow-from dump') };
    return from;
}
/** Runs the gate for already-read settings; writes every artefact and the outputs. */
async function runGate(settings, recorder = newRecorder({ GITHUB_WORKSPACE: settings.workspace })) {
    recorder.source = { ...settings.source, ...(settings.config?.source ?? {}) };
    recorder.setPath(settings.resultFile);
    const config = (0,migrations_config/* migrationConfig */.JS)(settings.config ? (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(219)]).then(__webpack_require__.bind(__webpack_require__, 3219))).parseConfig(settings.config.text, settings.config.shown) : {});
    const files = await selectFiles(settings, config);
    let run;
    let report = { version: 1, files: [] };
    if (files.length === 0) {
        core/* notice */.lm(settings.pullRequest
            ? 'the pull request changes no migration file matching the paths input; nothing to check'
            : 'no file matches the paths input; nothing to check');
    }
    else {
        await core/* group */.Os(`Linting ${plural(files.length, 'migration file')}`, async () => {
            for (const file of files)
                core/* info */.pq(file);
        });
        const paths = files.map((file) => (0,external_node_path_.join)(settings.workspace, file));
        (0,parse_ahead/* startParseAheadThreadFor */.Wj)(paths);
        // Exclusions were applied while finding the files (relative to the workspace, not the cwd).
        const lint = { ...(0,migrations_config/* lintOptionsFrom */.o6)(config, settings.pgVersion !== undefined ? { pgVersion: settings.pgVersion } : {}), exclude: [] };
        // The schema dump is named relative to the repository, like every other path in the config.
        if (lint.schemaDump)
            lint.schemaDump = (0,external_node_path_.resolve)(settings.workspace, lint.schemaDump);
        const shadowFrom = settings.databaseUrl ? shadowFromFor(settings, config) : undefined;
        if (shadowFrom)
            core/* info */.pq(`shadow run: the scratch database starts from ${(0,shadow_from/* formatShadowFrom */.SL)(shadowFrom)}`);
        run = await runMigrationGate(paths, {
            ...lint,
            ...(settings.databaseUrl ? { databaseUrl: settings.databaseUrl } : {}),
            ...(shadowFrom ? { shadowFrom } : {}),
            // Replaying the history needs the files before the changed ones: every matching file, in order.
            ...(shadowFrom?.kind === 'empty' && settings.pullRequest ? { history: (await allMatchingFiles(settings, config)).map((file) => (0,external_node_path_.join)(settings.workspace, file)) } : {}),
        });
        report = relativeReport(run.report, settings.workspace);
    }
    const counts = countFindings(report);
    const failed = isFailing(counts, settings.failOn);
    // fail-on decides the step; the verdict the app reads still fails on error findings.
    const verdict = files.length === 0 ? 'neutral' : isFailing(counts, settings.failOn === 'never' ? 'error' : settings.failOn) ? 'fail' : 'pass';
    const outcome = { files, report, counts, verdict, failed };
    const { annotations, omitted } = selectAnnotations(report.files.flatMap((file) => file.findings.map(migrationAnnotation)));
    for (const { level, message, ...properties } of annotations) {
        if (level === 'error')
            core/* error */.z3(message, properties);
        else if (level === 'warning')
            core/* warning */.$e(message, properties);
        else
            core/* notice */.lm(message, properties);
    }
    if (omitted > 0)
        core/* info */.pq(`${plural(omitted, 'more finding')} not annotated (GitHub shows 10 per level); see the job summary`);
    const shadow = run?.shadow ? relativeShadow(run.shadow, settings.workspace) : undefined;
    if (settings.stepSummary)
        await core/* summary */.z.addRaw(renderMigrationsMarkdown(report, shadow ? { shadow } : {}), true).write();
    else
        core/* info */.pq('no GITHUB_STEP_SUMMARY on this runner: the job summary is skipped (annotations, SARIF and the result file have every finding)');
    if (settings.sarifFile)
        (0,workspace_files/* writeWorkspaceFile */.dx)(settings.workspace, settings.sarifFile, renderSarif(migrationsToSarif(report, rules/* ruleInfos */.UX, settings.rulesDocUri ? { rulesDocUri: settings.rulesDocUri } : {})), 'sarif-file');
    const resultPath = recorder.write(buildResult(recorder, settings, config, run, outcome));
    core/* setOutput */.uH('errors', counts.errors);
    core/* setOutput */.uH('warnings', counts.warnings);
    core/* setOutput */.uH('result-file', resultPath);
    core/* setOutput */.uH('sarif-file', settings.sarifFile ?? '');
    if (failed) {
        core/* setFailed */.C1(`migration gate: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} (fail-on: ${settings.failOn}); see the annotations and the job summary for the safe rewrites`);
    }
    return outcome;
}
/**
 * The action's entry: reads the inputs once, runs the gate, and turns any error into one message.
 * Whatever happens, a result file is left (verdict error with the reason when the gate could not decide).
 */
async function run(env = process.env) {
    const recorder = newRecorder(env);
    try {
        await recordResult(recorder, async () => {
            const read = (0,inputs/* envInputReader */.tT)(env);
            // The database URL, and its password on its own, masked before anything could print them.
            maskUrl(read('database-url'));
            await runGate((0,inputs/* readSettings */.sb)(read, env), recorder);
        });
    }
    catch (error) {
        if (recorder.hasWritten)
            core/* setOutput */.uH('result-file', (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd(), recorder.path));
        await failWithReport(error, { action: 'migration-gate', workspace: (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd()), stepSummary: Boolean(env.GITHUB_STEP_SUMMARY) });
    }
}


/***/ }),

/***/ 384:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ byStatementThenSeverity),
/* harmony export */   N: () => (/* binding */ agreeingFindings)
/* harmony export */ });
const LOCK_TIMEOUT_RULE = 'missing-lock-timeout';
const SEVERITY_ORDER = { error: 0, warning: 1 };
/** By position in the file; on one statement the most severe first, then by rule id. */
function byStatementThenSeverity(a, b) {
    return a.line - b.line || a.column - b.column || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule);
}
/** The SET line of a lock-timeout fix (its first line), or undefined when the fix is not one. */
function lockTimeoutLine(fix) {
    const first = fix.split('\n')[0];
    return /^SET (LOCAL )?lock_timeout\b/i.test(first) ? first : undefined;
}
function reconcileLockTimeout(finding, others) {
    const rewrite = others.find((other) => other.fix && other.rule !== LOCK_TIMEOUT_RULE);
    if (!rewrite?.fix || !finding.fix)
        return finding;
    if (/^\s*SET\s+(LOCAL\s+)?lock_timeout\b/im.test(rewrite.fix)) {
        return { ...finding, message: `${finding.message} The ${rewrite.rule} fix for this statement already sets it.`, fix: null };
    }
    const set = lockTimeoutLine(finding.fix);
    if (!set)
        return finding;
    const statements = rewrite.fix.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('--'));
    if (statements.length === 1) {
        return { ...finding, message: `${finding.message} The fix sets it for the ${rewrite.rule} rewrite of this statement.`, fix: `${set}\n${statements[0].trim()}` };
    }
    // A rewrite of several steps: the timeout goes before the steps that lock, not on the old statement.
    return { ...finding, message: `${finding.message} Set it before the locking steps of the ${rewrite.rule} fix.`, fix: set };
}
/** Orders one file's findings and makes the fixes for each statement agree. */
function agreeingFindings(findings) {
    const sorted = [...findings].sort(byStatementThenSeverity);
    const out = [];
    // Sorted by position, one statement's findings are adjacent: reconcile them as a group (a file of
    // tens of thousands of statements must not compare every finding with every other).
    for (let start = 0; start < sorted.length;) {
        const first = sorted[start];
        let end = start + 1;
        while (end < sorted.length && sorted[end].line === first.line && sorted[end].column === first.column && sorted[end].path === first.path)
            end++;
        const group = sorted.slice(start, end);
        for (const finding of group)
            out.push(finding.rule === LOCK_TIMEOUT_RULE ? reconcileLockTimeout(finding, group.filter((other) => other !== finding)) : finding);
        start = end;
    }
    return out;
}


/***/ }),

/***/ 3580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ alterCommands),
/* harmony export */   CI: () => (/* binding */ firstKey),
/* harmony export */   E7: () => (/* binding */ nodeOf),
/* harmony export */   Ke: () => (/* binding */ relationOf),
/* harmony export */   Kz: () => (/* binding */ hasOption),
/* harmony export */   Yn: () => (/* binding */ stringList),
/* harmony export */   ZF: () => (/* binding */ deeperThan),
/* harmony export */   bH: () => (/* binding */ stringConstants),
/* harmony export */   be: () => (/* binding */ relationFromNames),
/* harmony export */   oA: () => (/* binding */ unwrap),
/* harmony export */   vY: () => (/* binding */ constraintOf),
/* harmony export */   wk: () => (/* binding */ notNullColumns)
/* harmony export */ });
/** A `RangeVar` (`{ schemaname?, relname }`) as a RelationName. */
function relationOf(rangeVar) {
    const rv = rangeVar;
    if (!rv?.relname)
        return undefined;
    return rv.schemaname ? { schema: rv.schemaname, name: rv.relname } : { name: rv.relname };
}
/** `[{String:{sval:'s'}},{String:{sval:'t'}}]` (or `['s', 't']`) → `{schema:'s', name:'t'}`. */
function relationFromNames(names) {
    const parts = Array.isArray(names) && names.every((n) => typeof n === 'string') ? names : stringList(names);
    if (parts.length === 0)
        return undefined;
    const name = parts[parts.length - 1];
    return parts.length > 1 ? { schema: parts[parts.length - 2], name } : { name };
}
/** The strings of a list of `String` nodes (other nodes are skipped). */
function stringList(nodes) {
    if (!Array.isArray(nodes))
        return [];
    const out = [];
    for (const n of nodes) {
        const s = n.String?.sval;
        if (s !== undefined)
            out.push(s);
    }
    return out;
}
/** The first key of an object, as Object.keys would list it, without building that list (a hot path). */
function firstKey(node) {
    for (const key in node)
        return key;
    return undefined;
}
/** The one key of a `{ Kind: {...} }` node, and its content. */
function unwrap(node) {
    if (!node || typeof node !== 'object')
        return undefined;
    const key = firstKey(node);
    if (key === undefined)
        return undefined;
    return [key, (node[key] ?? {})];
}
/**
 * Whether a parse tree nests objects and arrays more than `limit` levels deep. Iterative, so it
 * answers for any depth, where the recursive readers and rules would run out of stack.
 */
function deeperThan(tree, limit) {
    const nodes = tree !== null && typeof tree === 'object' ? [tree] : [];
    const depths = [0];
    while (nodes.length > 0) {
        const node = nodes.pop();
        const depth = depths.pop() + 1;
        for (const key in node) {
            const child = node[key];
            if (child === null || typeof child !== 'object')
                continue;
            if (depth > limit)
                return true;
            nodes.push(child);
            depths.push(depth);
        }
    }
    return false;
}
/** The content of `node` when it is a `{ kind: {...} }`, else undefined. */
function nodeOf(node, kind) {
    if (!node || typeof node !== 'object' || firstKey(node) !== kind)
        return undefined;
    return (node[kind] ?? {});
}
/** The subcommands of an AlterTableStmt. */
function alterCommands(statementNode) {
    const cmds = statementNode.cmds;
    if (!Array.isArray(cmds))
        return [];
    const out = [];
    for (const c of cmds) {
        const cmd = nodeOf(c, 'AlterTableCmd');
        if (!cmd)
            continue;
        out.push({
            subtype: String(cmd.subtype ?? ''),
            name: typeof cmd.name === 'string' ? cmd.name : undefined,
            def: cmd.def,
            missingOk: cmd.missing_ok === true,
            raw: cmd,
        });
    }
    return out;
}
/** A `Constraint` node's content (from `{Constraint:{…}}`). */
function constraintOf(def) {
    return nodeOf(def, 'Constraint');
}
/** Columns that a CHECK expression requires to be non-null (`a IS NOT NULL [AND b IS NOT NULL]`). */
function notNullColumns(expr) {
    const test = nodeOf(expr, 'NullTest');
    if (test) {
        if (test.nulltesttype !== 'IS_NOT_NULL')
            return [];
        const fields = stringList(nodeOf(test.arg, 'ColumnRef')?.fields);
        return fields.length > 0 ? [fields[fields.length - 1]] : [];
    }
    const bool = nodeOf(expr, 'BoolExpr');
    if (bool?.boolop === 'AND_EXPR' && Array.isArray(bool.args))
        return bool.args.flatMap(notNullColumns);
    return [];
}
/** Every string constant anywhere under `node` (enum literals, set_config arguments…). */
function stringConstants(node, out = []) {
    if (Array.isArray(node)) {
        for (const item of node)
            stringConstants(item, out);
    }
    else if (node && typeof node === 'object') {
        const constant = node.A_Const;
        if (constant?.sval?.sval !== undefined)
            out.push(constant.sval.sval);
        for (const value of Object.values(node))
            if (value && typeof value === 'object')
                stringConstants(value, out);
    }
    return out;
}
/** The `DefElem` options of a statement (`params` of REINDEX, `options` of VACUUM…) by name. */
function hasOption(list, name) {
    if (!Array.isArray(list))
        return false;
    return list.some((item) => {
        const def = nodeOf(item, 'DefElem');
        if (def?.defname !== name)
            return false;
        // `(CONCURRENTLY false)` turns an option off explicitly.
        const arg = def.arg;
        if (arg?.Boolean)
            return arg.Boolean.boolval === true;
        if (arg?.String?.sval !== undefined)
            return !['false', 'off', '0'].includes(arg.String.sval.toLowerCase());
        return true;
    });
}


/***/ }),

/***/ 640:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ KnownColumnTypes)
/* harmony export */ });
/* unused harmony export defaultCheckName */
/* harmony import */ var _ast_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3580);
/* harmony import */ var _declared_columns_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5898);
/* harmony import */ var _pg_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3895);
/**
 * The column types the linted migrations declared, kept across the files of one run in the order
 * they are applied: V5 changing a column that V1 created is judged on the column's real old type
 * (int to numeric rewrites; varchar(100) to varchar(50) re-checks every row) rather than on a guess.
 * Tables are told apart by schema; an unqualified name means the one table of that name when there
 * is just one (a search_path the linter cannot see), and nothing when several schemas have it.
 *
 * It also keeps the `CHECK (col IS NOT NULL)` constraints across files: the recipe that makes
 * SET NOT NULL cheap (add NOT VALID, VALIDATE, then SET NOT NULL) usually spans three migrations.
 */



/** PostgreSQL's name for an unnamed CHECK constraint: `<table>_<first column>_check`. */
function defaultCheckName(table, expression) {
    const columns = (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .notNullColumns */ .wk)(expression);
    return `${table}_${columns[0] ?? ''}${columns.length > 0 ? '_' : ''}check`;
}
class KnownColumnTypes {
    /** Table name → schema ('' when unqualified) → column → type. */
    tables = new Map();
    /**
     * One object per distinct type: a long history declares hundreds of thousands of columns of a
     * few dozen types, and memory must stay bounded by the schema, not by the statements.
     */
    interned = new Map();
    /** NOT NULL checks by constraint name: validated ones, and ones added NOT VALID not yet validated. */
    validatedChecks = new Map();
    pendingChecks = new Map();
    intern(type) {
        const key = `${type.schema ?? ''}\0${type.sql}`;
        const known = this.interned.get(key);
        if (known)
            return known;
        this.interned.set(key, type);
        return type;
    }
    copy() {
        const copy = new KnownColumnTypes();
        copy.replaceWith(this);
        return copy;
    }
    /** Makes this hold what `other` holds (a savepoint's copy, on ROLLBACK TO). */
    replaceWith(other) {
        for (const [target, source] of [
            [this.validatedChecks, other.validatedChecks],
            [this.pendingChecks, other.pendingChecks],
        ]) {
            target.clear();
            for (const [name, check] of source)
                target.set(name, check);
        }
        this.tables.clear();
        for (const [name, schemas] of other.tables) {
            this.tables.set(name, new Map([...schemas].map(([schema, columns]) => [schema, new Map(columns)])));
        }
    }
    /** A validated CHECK (column IS NOT NULL) exists on `table`: SET NOT NULL skips its scan (PG 12+). */
    hasValidatedNotNullCheck(table, column) {
        for (const check of this.validatedChecks.values()) {
            if (check.table === table.name && check.columns.includes(column))
                return true;
        }
        return false;
    }
    get(table, column) {
        return this.find(table)?.get(column);
    }
    /** The columns of `table` as declared, by the resolution described above. */
    find(table) {
        const schema = this.schemaOf(table);
        return schema === undefined ? undefined : this.tables.get(table.name)?.get(schema);
    }
    /** Under which schema key ('' for unqualified) the declaration of `table` is kept, if any. */
    schemaOf(table) {
        const schemas = this.tables.get(table.name);
        if (!schemas)
            return undefined;
        if (table.schema !== undefined)
            return schemas.has(table.schema) ? table.schema : schemas.has('') ? '' : undefined;
        if (schemas.has(''))
            return '';
        return schemas.size === 1 ? schemas.keys().next().value : undefined;
    }
    /** The columns to update for `table`, created (empty) when no declaration is known. */
    columns(table) {
        let columns = this.find(table);
        if (!columns)
            this.set(table, (columns = new Map()));
        return columns;
    }
    set(table, columns) {
        let schemas = this.tables.get(table.name);
        if (!schemas)
            this.tables.set(table.name, (schemas = new Map()));
        schemas.set(table.schema ?? '', columns);
    }
    /** Forgets `table`; an unqualified name forgets the table the name resolves to. */
    delete(table) {
        const schema = table.schema ?? this.schemaOf(table);
        const schemas = this.tables.get(table.name);
        if (schema === undefined || !schemas)
            return;
        schemas.delete(schema);
        if (schemas.size === 0)
            this.tables.delete(table.name);
    }
    /** Records what `statement` did to column types. */
    apply(statement) {
        const node = statement.node;
        switch (statement.kind) {
            case 'CreateStmt':
                this.createTable(statement);
                return;
            case 'AlterTableStmt':
                if ((node.objtype ?? 'OBJECT_TABLE') === 'OBJECT_TABLE')
                    this.alterTable(node);
                return;
            case 'RenameStmt':
                this.rename(node);
                return;
            case 'DropStmt':
                if (node.removeType !== 'OBJECT_TABLE')
                    return;
                for (const object of (node.objects ?? [])) {
                    const table = (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .relationFromNames */ .be)(object.List?.items);
                    if (table)
                        this.delete(table);
                }
                return;
        }
    }
    createTable(statement) {
        const table = (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .relationOf */ .Ke)(statement.node.relation);
        if (!table)
            return;
        if (statement.node.if_not_exists === true && this.find(table))
            return;
        // A table created again (after a DROP) starts afresh. The rules read the same declarations.
        const columns = new Map();
        for (const declared of (0,_declared_columns_js__WEBPACK_IMPORTED_MODULE_0__/* .declaredTypes */ .Iz)(statement))
            columns.set(declared.column, this.intern(declared.type));
        this.set(table, columns);
    }
    alterTable(node) {
        const table = (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .relationOf */ .Ke)(node.relation);
        if (!table)
            return;
        for (const cmd of (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .alterCommands */ .$f)(node)) {
            const column = (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeOf */ .E7)(cmd.def, 'ColumnDef');
            if (cmd.subtype === 'AT_AddColumn') {
                const type = (0,_pg_types_js__WEBPACK_IMPORTED_MODULE_1__/* .columnType */ .DW)(column?.typeName);
                const name = column?.colname;
                if (type && typeof name === 'string' && !(cmd.missingOk && this.find(table)?.has(name)))
                    this.columns(table).set(name, this.intern(type));
            }
            else if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) {
                const type = (0,_pg_types_js__WEBPACK_IMPORTED_MODULE_1__/* .columnType */ .DW)(column?.typeName);
                if (type)
                    this.columns(table).set(cmd.name, this.intern(type));
            }
            else if (cmd.subtype === 'AT_DropColumn' && cmd.name) {
                this.find(table)?.delete(cmd.name);
            }
            else if (cmd.subtype === 'AT_AddConstraint') {
                const constraint = (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .constraintOf */ .vY)(cmd.def);
                if (constraint?.contype !== 'CONSTR_CHECK')
                    continue;
                const columns = (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .notNullColumns */ .wk)(constraint.raw_expr);
                if (columns.length === 0)
                    continue;
                const name = typeof constraint.conname === 'string' ? constraint.conname : defaultCheckName(table.name, constraint.raw_expr);
                (constraint.skip_validation === true ? this.pendingChecks : this.validatedChecks).set(name, { table: table.name, columns });
            }
            else if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name) {
                const pending = this.pendingChecks.get(cmd.name);
                if (pending) {
                    this.validatedChecks.set(cmd.name, pending);
                    this.pendingChecks.delete(cmd.name);
                }
            }
            else if (cmd.subtype === 'AT_DropConstraint' && cmd.name) {
                this.validatedChecks.delete(cmd.name);
                this.pendingChecks.delete(cmd.name);
            }
        }
    }
    rename(node) {
        const table = (0,_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .relationOf */ .Ke)(node.relation);
        if (!table || typeof node.newname !== 'string')
            return;
        const schema = this.schemaOf(table);
        const columns = schema === undefined ? undefined : this.tables.get(table.name)?.get(schema);
        if (schema === undefined || !columns)
            return;
        if (node.renameType === 'OBJECT_TABLE') {
            // A renamed table keeps its schema.
            this.delete({ schema, name: table.name });
            this.set({ ...(schema ? { schema } : {}), name: node.newname }, columns);
        }
        else if (node.renameType === 'OBJECT_COLUMN' && typeof node.subname === 'string') {
            const type = columns.get(node.subname);
            columns.delete(node.subname);
            if (type)
                columns.set(node.newname, type);
        }
    }
}


/***/ }),

/***/ 9292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JS: () => (/* binding */ migrationConfig),
/* harmony export */   g2: () => (/* binding */ CONFIG_FILE),
/* harmony export */   o6: () => (/* binding */ lintOptionsFrom)
/* harmony export */ });
/* harmony import */ var _shadow_from_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3275);

const CONFIG_FILE = '.github/faultline.yml';
/** The `migrations:` section with defaults filled in. */
function migrationConfig(config) {
    const section = config.migrations ?? {};
    return {
        paths: section.paths ?? [],
        exclude: section.exclude ?? [],
        ...(section['pg-version'] !== undefined ? { pgVersion: section['pg-version'] } : {}),
        assumeTransaction: section['assume-transaction'] ?? false,
        ...(section['shadow-from'] !== undefined ? { shadowFrom: (0,_shadow_from_js__WEBPACK_IMPORTED_MODULE_0__/* .parseShadowFrom */ .ae)(section['shadow-from']) } : {}),
        ...(section['schema-dump'] !== undefined ? { schemaDump: section['schema-dump'] } : {}),
        ...(section.profile !== undefined ? { profile: section.profile } : {}),
        ...(section['max-file-size'] !== undefined ? { maxFileBytes: section['max-file-size'] } : {}),
        ...(section['max-statements'] !== undefined ? { maxStatements: section['max-statements'] } : {}),
        rules: { ...(section.rules ?? {}) },
    };
}
/** LintOptions from the config; explicit options (CLI flags, action inputs) win over the file. */
function lintOptionsFrom(config, overrides = {}) {
    return {
        pgVersion: overrides.pgVersion ?? config.pgVersion,
        rules: { ...config.rules, ...(overrides.rules ?? {}) },
        exclude: [...config.exclude, ...(overrides.exclude ?? [])],
        assumeTransaction: overrides.assumeTransaction ?? config.assumeTransaction,
        ...((overrides.maxFileBytes ?? config.maxFileBytes) !== undefined ? { maxFileBytes: overrides.maxFileBytes ?? config.maxFileBytes } : {}),
        ...((overrides.maxStatements ?? config.maxStatements) !== undefined ? { maxStatements: overrides.maxStatements ?? config.maxStatements } : {}),
        ...((overrides.profile ?? config.profile) !== undefined ? { profile: overrides.profile ?? config.profile } : {}),
        ...((overrides.schemaDump ?? config.schemaDump) !== undefined ? { schemaDump: overrides.schemaDump ?? config.schemaDump } : {}),
    };
}


/***/ }),

/***/ 5898:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iz: () => (/* binding */ declaredTypes),
/* harmony export */   YB: () => (/* binding */ addedColumns),
/* harmony export */   lY: () => (/* binding */ declaredColumnDefinitions)
/* harmony export */ });
/* harmony import */ var _ast_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3580);
/* harmony import */ var _pg_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3895);
/**
 * The columns a statement declares: ADD COLUMN definitions and every column type of CREATE TABLE,
 * ADD COLUMN and ALTER COLUMN … TYPE. Several rules and the file state ask the same statement, so
 * the answers are kept per parse-tree node (nodes are never mutated).
 */


function definition(def) {
    const column = (0,_ast_js__WEBPACK_IMPORTED_MODULE_1__/* .nodeOf */ .E7)(def, 'ColumnDef');
    if (!column)
        return undefined;
    const constraints = [];
    for (const def of column.constraints ?? []) {
        const constraint = (0,_ast_js__WEBPACK_IMPORTED_MODULE_1__/* .constraintOf */ .vY)(def);
        if (constraint)
            constraints.push(constraint);
    }
    return { name: String(column.colname ?? ''), type: (0,_pg_types_js__WEBPACK_IMPORTED_MODULE_0__/* .columnType */ .DW)(column.typeName), constraints, node: column };
}
// Several rules ask the same statement for its columns; parse-tree nodes are never mutated, so the
// answer is kept per node.
const addedCache = new WeakMap();
const declaredCache = new WeakMap();
/** The columns an ALTER TABLE adds (`ADD COLUMN`), in order. */
function addedColumns(statement) {
    if (statement.kind !== 'AlterTableStmt')
        return [];
    let cached = addedCache.get(statement.node);
    if (!cached)
        addedCache.set(statement.node, (cached = readAddedColumns(statement)));
    return cached;
}
function readAddedColumns(statement) {
    return (0,_ast_js__WEBPACK_IMPORTED_MODULE_1__/* .alterCommands */ .$f)(statement.node)
        .filter((cmd) => cmd.subtype === 'AT_AddColumn')
        .map((cmd) => definition(cmd.def))
        .filter((c) => c !== undefined);
}
/**
 * Every column type a statement declares: CREATE TABLE columns, ADD COLUMN, ALTER COLUMN … TYPE.
 * The type-choice rules (prefer-text, ban-char-type…) judge these, new tables included: the choice
 * outlives the migration.
 */
function declaredTypes(statement) {
    if (statement.kind !== 'CreateStmt' && statement.kind !== 'AlterTableStmt')
        return [];
    let cached = declaredCache.get(statement.node);
    if (!cached)
        declaredCache.set(statement.node, (cached = readDeclaredTypes(statement)));
    return cached;
}
function readDeclaredTypes(statement) {
    const table = (0,_ast_js__WEBPACK_IMPORTED_MODULE_1__/* .relationOf */ .Ke)(statement.node.relation);
    if (!table)
        return [];
    if (statement.kind === 'CreateStmt') {
        const out = [];
        for (const element of statement.node.tableElts ?? []) {
            const column = (0,_ast_js__WEBPACK_IMPORTED_MODULE_1__/* .nodeOf */ .E7)(element, 'ColumnDef');
            const type = (0,_pg_types_js__WEBPACK_IMPORTED_MODULE_0__/* .columnType */ .DW)(column?.typeName);
            if (column && type)
                out.push({ table, column: String(column.colname ?? ''), type, via: 'create-table' });
        }
        return out;
    }
    if (statement.kind !== 'AlterTableStmt' || (statement.node.objtype ?? 'OBJECT_TABLE') !== 'OBJECT_TABLE')
        return [];
    const out = [];
    for (const cmd of (0,_ast_js__WEBPACK_IMPORTED_MODULE_1__/* .alterCommands */ .$f)(statement.node)) {
        if (cmd.subtype === 'AT_AddColumn') {
            const c = definition(cmd.def);
            if (c?.type)
                out.push({ table, column: c.name, type: c.type, via: 'add-column' });
        }
        else if (cmd.subtype === 'AT_AlterColumnType') {
            const type = (0,_pg_types_js__WEBPACK_IMPORTED_MODULE_0__/* .columnType */ .DW)((0,_ast_js__WEBPACK_IMPORTED_MODULE_1__/* .nodeOf */ .E7)(cmd.def, 'ColumnDef')?.typeName);
            if (type && cmd.name)
                out.push({ table, column: cmd.name, type, via: 'alter-type' });
        }
    }
    return out;
}
/** The column definitions of CREATE TABLE, CREATE FOREIGN TABLE and ALTER TABLE … ADD COLUMN. */
function declaredColumnDefinitions(statement) {
    if (statement.kind === 'AlterTableStmt')
        return addedColumns(statement);
    const node = statement.kind === 'CreateForeignTableStmt' ? statement.node.base : statement.kind === 'CreateStmt' ? statement.node : undefined;
    return (node?.tableElts ?? []).map(definition).filter((c) => c !== undefined);
}


/***/ }),

/***/ 8692:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pr: () => (/* binding */ derivedName),
/* harmony export */   ce: () => (/* binding */ quoteLiteral),
/* harmony export */   jK: () => (/* binding */ relationSql),
/* harmony export */   v4: () => (/* binding */ quoteIdent)
/* harmony export */ });
// Reserved words (PostgreSQL's keywords with category "reserved" or "reserved, can be function or
// type"): a bare identifier equal to one of these does not parse, so it has to be quoted.
const RESERVED = new Set(('all analyse analyze and any array as asc asymmetric authorization binary both case cast check ' +
    'collate collation column concurrently constraint create cross current_catalog current_date ' +
    'current_role current_schema current_time current_timestamp current_user default deferrable ' +
    'desc distinct do else end except false fetch for foreign freeze from full grant group having ' +
    'ilike in initially inner intersect into is isnull join lateral leading left like limit ' +
    'localtime localtimestamp natural not notnull null offset on only or order outer overlaps ' +
    'placing primary references returning right select session_user similar some symmetric ' +
    'system_user table tablesample then to trailing true union unique user using variadic verbose ' +
    'when where window with').split(' '));
/** Quotes an identifier only when PostgreSQL would otherwise fold or reject it. */
function quoteIdent(name) {
    if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name))
        return name;
    return `"${name.replaceAll('"', '""')}"`;
}
/** `schema.table` (or `table`) as SQL. */
function relationSql(relation) {
    return relation.schema
        ? `${quoteIdent(relation.schema)}.${quoteIdent(relation.name)}`
        : quoteIdent(relation.name);
}
/** A SQL string literal. */
function quoteLiteral(value) {
    return `'${value.replaceAll("'", "''")}'`;
}
/**
 * A name derived from others (an index or constraint name), cut to PostgreSQL's 63-byte limit so
 * the suggested SQL does not silently create a truncated name.
 */
function derivedName(...parts) {
    let name = parts.join('_');
    while (Buffer.byteLength(name, 'utf8') > 63)
        name = name.slice(0, -1);
    return name;
}


/***/ }),

/***/ 2853:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dk: () => (/* binding */ compareNatural),
  ji: () => (/* binding */ lintFiles),
  Lf: () => (/* binding */ readSqlFile)
});

// UNUSED EXPORTS: STDIN_NAME, STDIN_PATH, collectSqlFiles, lintFilesStreaming

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./core/errors.ts
var errors = __webpack_require__(265);
// EXTERNAL MODULE: ./core/migrations/column-types.ts
var column_types = __webpack_require__(640);
// EXTERNAL MODULE: ./core/migrations/lint.ts + 4 modules
var lint = __webpack_require__(7148);
// EXTERNAL MODULE: ./core/migrations/parse.ts
var parse = __webpack_require__(3843);
;// CONCATENATED MODULE: ./core/migrations/files-ahead.ts
/**
 * Reads a lint run's files ahead of their linting, a batch at a time, and splits them into
 * statements. When the parse-ahead helper runs (the input is large), each batch of small files goes
 * to it as one job, the following batch queued behind it, so the helper parses the next files while
 * this thread lints the current one: a folder of many small migrations, the usual layout, then uses
 * both cores as one large file does. A file large enough to be parsed ahead on its own ends a batch
 * and is handed over alone (its own job starts when it is linted, after the jobs before it).
 *
 * Memory stays bounded by two batches. A file that cannot be read fails the run when its turn
 * comes, so the files before it are linted and reported as before.
 */




/** The PATH that means standard input (its text is read by the face and handed over as `stdin`). */
const STDIN_PATH = '-';
/** How standard input is named in reports. */
const STDIN_NAME = '<stdin>';
// Small enough that two batches of text are nothing beside a parse tree, large enough that the
// helper is never short of work between them.
const BATCH_BYTES = 256 * 1024;
const BATCH_FILES = 128;
const utf8 = new TextDecoder('utf-8', { fatal: true });
function unreadable(path, error) {
    return new errors/* FaultlineError */.RO(`cannot read the file (${error.code ?? String(error)})`, {
        file: path,
        hint: 'check that the file exists and is readable',
        cause: error,
    });
}
/**
 * Where `path` points when it is a symbolic link, else undefined. A migration tool runs whatever a
 * link points to, which a pull request can aim out of the repository (at a runner's credentials,
 * `/proc/self/environ`): the gate neither reads such a file nor lets it pass unread.
 */
function symlinkTarget(path) {
    try {
        return (0,external_node_fs_.lstatSync)(path).isSymbolicLink() ? (0,external_node_fs_.readlinkSync)(path) : undefined;
    }
    catch {
        return undefined;
    }
}
// Opening with O_NOFOLLOW fails on a link (ELOOP), so a plain file costs no extra system call.
const NO_FOLLOW = external_node_fs_.constants.O_NOFOLLOW ?? 0;
function openNoFollow(path) {
    if (NO_FOLLOW === 0) {
        const target = symlinkTarget(path);
        if (target !== undefined)
            return { symlink: target };
    }
    try {
        return (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | NO_FOLLOW);
    }
    catch (error) {
        const target = error.code === 'ELOOP' ? symlinkTarget(path) : undefined;
        if (target !== undefined)
            return { symlink: target };
        throw unreadable(path, error);
    }
}
const REPLACE_LINK = 'replace the link with the migration it points to, or exclude it';
/** The bytes of a migration that is not a symbolic link (see symlinkTarget). */
function readBytes(path) {
    const read = readCapped(path, Number.POSITIVE_INFINITY);
    if ('symlink' in read)
        throw new errors/* FaultlineError */.RO(`the file is a symbolic link (to ${read.symlink}), which is not read`, { file: path, hint: REPLACE_LINK });
    return read.bytes;
}
/**
 * The file's bytes, or only its size when that is over `limit` (it is then not read). One open and
 * one fstat: a run over a thousand small files spent more on system calls than on some rules.
 */
function readCapped(path, limit) {
    const fd = openNoFollow(path);
    if (typeof fd !== 'number')
        return fd;
    try {
        const stats = (0,external_node_fs_.fstatSync)(fd);
        if (stats.size > limit)
            return { size: stats.size };
        // A pipe or a file of /proc says size 0: read it to its end as readFileSync does.
        if (!stats.isFile() || stats.size === 0)
            return { bytes: (0,external_node_fs_.readFileSync)(fd) };
        const bytes = Buffer.allocUnsafe(stats.size);
        let read = 0;
        while (read < bytes.length) {
            const n = (0,external_node_fs_.readSync)(fd, bytes, read, bytes.length - read, null);
            if (n === 0)
                break;
            read += n;
        }
        return { bytes: read === bytes.length ? bytes : bytes.subarray(0, read) };
    }
    catch (error) {
        throw unreadable(path, error);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** The text of a migration, or why it is not UTF-8 text. */
function decode(bytes) {
    if (bytes.includes(0))
        return { notText: 'it contains NUL bytes (a binary file, or UTF-16)' };
    try {
        return { text: utf8.decode(bytes).replace(/^\uFEFF/, '') };
    }
    catch {
        return { notText: 'it is not valid UTF-8 (another encoding, or binary data)' };
    }
}
/**
 * One file read: refused (too large, not text) with a finding that fails the gate, so such input
 * ends with a report, never with a crash or a usage error; split when it is text.
 */
function readOne(path, options, stdin) {
    const limit = options.maxFileBytes ?? lint/* DEFAULT_MAX_FILE_BYTES */.CR;
    const fromStdin = path === STDIN_PATH;
    if (fromStdin && !stdin)
        throw new errors/* FaultlineError */.RO('standard input was named but not read', { file: path, hint: 'pass - as a PATH to the CLI' });
    const name = fromStdin ? STDIN_NAME : path;
    try {
        const read = fromStdin ? (stdin.size > limit ? { size: stdin.size } : { bytes: stdin.bytes }) : readCapped(path, limit);
        if ('symlink' in read) {
            const refused = (0,lint/* refusedFile */.Fe)(name, options, 'symlinked-migration', `The file is a symbolic link (to ${read.symlink}): it was not read or checked. A migration tool would run whatever it points to, which may be outside the repository.`, REPLACE_LINK);
            return { path: name, refused };
        }
        if ('size' in read) {
            const refused = (0,lint/* refusedFile */.Fe)(name, options, 'file-too-large', `The file is ${read.size} bytes, more than the limit of ${limit}: it was not read or checked.`, 'exclude or split it, or raise migrations.max-file-size in .github/faultline.yml');
            return { path: name, refused };
        }
        const decoded = decode(read.bytes);
        if ('notText' in decoded) {
            const refused = (0,lint/* refusedFile */.Fe)(name, options, 'not-utf8', `The file was not checked: ${decoded.notText}.`, 'save the migration as UTF-8 (e.g. iconv -f latin1 -t utf-8), or exclude it when it is not SQL');
            return { path: name, refused };
        }
        return { path: name, text: decoded.text, split: (0,parse/* splitFile */.bH)(decoded.text) };
    }
    catch (error) {
        if (error instanceof errors/* FaultlineError */.RO)
            return { path: name, error };
        throw error;
    }
}
class FilesAhead {
    next = 0;
    carried;
    current = { items: [] };
    following;
    files;
    options;
    stdin;
    constructor(files, options, stdin) {
        this.files = files;
        this.options = options;
        this.stdin = stdin;
    }
    /** The next file in order, or undefined after the last. Throws for a file that cannot be read. */
    take() {
        if (this.current.items.length === 0) {
            this.current.job?.close();
            this.current = this.following ?? this.readBatch();
            this.following = undefined;
            // Queued behind this batch's job, the next one keeps the helper busy while this one is linted.
            if (this.current.job)
                this.following = this.readBatch();
        }
        const item = this.current.items.shift();
        if (item && 'error' in item)
            throw item.error;
        return item;
    }
    /** Ends the jobs the helper holds; call when done, also after an error. */
    close() {
        this.current.job?.close();
        this.following?.job?.close();
    }
    /** The next files up to the batch's size, stopping before a file that is parsed ahead alone. */
    readBatch() {
        const items = [];
        let bytes = 0;
        while (items.length < BATCH_FILES && bytes < BATCH_BYTES) {
            const item = this.carried ?? (this.next < this.files.length ? readOne(this.files[this.next++], this.options, this.stdin) : undefined);
            this.carried = undefined;
            if (!item)
                break;
            if ('split' in item && (0,parse/* parsedAheadAlone */.G0)(item.split)) {
                if (items.length === 0)
                    return { items: [item] };
                this.carried = item;
                break;
            }
            items.push(item);
            if ('text' in item)
                bytes += item.text.length;
        }
        const job = (0,parse/* parseAheadTogether */.Jd)(items.filter((item) => 'split' in item));
        return { items, ...(job ? { job } : {}) };
    }
}

;// CONCATENATED MODULE: ./core/migrations/lint-files.ts
/**
 * Lints files and folders: folders are walked for `*.sql`, in natural order (V2 before V10, as
 * migration tools apply them). Unreadable input is the user's to fix, so it stops the run with a
 * FaultlineError (exit code 2) naming the file; SQL problems never do. The path goes in the error's
 * `file`, not its message: every face prints `file: message`.
 */








// Made on first use: creating a collator costs a few milliseconds, and a lint of named files never sorts.
let naturalOrder;
/** Natural order of paths (`V2__a.sql` < `V10__b.sql`), compared segment by segment. */
function compareNatural(a, b) {
    naturalOrder ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    return naturalOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
function walk(dir, out) {
    const entries = (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => compareNatural(a.name, b.name));
    for (const entry of entries) {
        const path = (0,external_node_path_.join)(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name))
                walk(path, out);
        }
        else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.sql')) {
            // A link is listed so that it is reported (see symlinkTarget), not skipped as if it were not there.
            out.push(path);
        }
    }
}
function isExcluded(path, exclude, cwd) {
    if (exclude.length === 0)
        return false;
    const rel = (0,external_node_path_.relative)(cwd, path) || path;
    const absolute = (0,external_node_path_.resolve)(cwd, path);
    return exclude.some((glob) => (0,external_node_path_.matchesGlob)(rel, glob) || (0,external_node_path_.matchesGlob)(path, glob) || (0,external_node_path_.matchesGlob)(absolute, glob));
}
/**
 * Expands PATHs (files or folders) to the SQL files to lint, in order. A missing path is an error,
 * and so is a folder that yields nothing to lint: a gate that checked no file must not pass.
 */
function collectSqlFiles(paths, exclude = [], cwd = process.cwd()) {
    const files = [];
    const seen = new Set();
    const add = (file) => {
        if (seen.has(file) || isExcluded(file, exclude, cwd))
            return;
        seen.add(file);
        files.push(file);
    };
    for (const path of paths) {
        if (path === STDIN_PATH) {
            add(path);
            continue;
        }
        let stats;
        try {
            stats = (0,external_node_fs_.statSync)(path);
        }
        catch (error) {
            throw new errors/* FaultlineError */.RO('no such file or folder', {
                file: path,
                hint: 'check the path (it is relative to the current directory) or the "paths" in your config',
                cause: error,
            });
        }
        if (!stats.isDirectory()) {
            add(path);
            continue;
        }
        const found = [];
        walk(path, found);
        if (found.length === 0) {
            throw new errors/* FaultlineError */.RO('the folder holds no .sql file: nothing would be checked', {
                file: path,
                hint: 'name the folder the migrations are in (it is walked for *.sql, subfolders too)',
            });
        }
        if (found.every((file) => isExcluded(file, exclude, cwd))) {
            throw new errors/* FaultlineError */.RO(`every .sql file in the folder (${found.length}) is excluded: nothing would be checked`, {
                file: path,
                hint: 'narrow --exclude or migrations.exclude in .github/faultline.yml',
            });
        }
        for (const file of found)
            add(file);
    }
    return files;
}
/** Reads a migration as UTF-8 text; binary or non-UTF-8 content is an input error naming the file. */
function readSqlFile(path) {
    const bytes = readBytes(path);
    if (bytes.includes(0)) {
        throw new errors/* FaultlineError */.RO('this is a binary file, not SQL text', {
            file: path,
            hint: 'exclude it (migrations.exclude in .github/faultline.yml) or pass only .sql files',
        });
    }
    try {
        return utf8.decode(bytes).replace(/^\uFEFF/, '');
    }
    catch (error) {
        throw new errors/* FaultlineError */.RO('the file is not valid UTF-8 text', {
            file: path,
            hint: 'save the migration as UTF-8 (e.g. iconv -f latin1 -t utf-8), as PostgreSQL clients expect',
            cause: error,
        });
    }
}
/** The files to lint and the old column types they start from. */
async function prepare(paths, options) {
    await (0,parse/* loadParser */.qd)();
    const files = collectSqlFiles(paths, options.exclude ?? []);
    const columnTypes = options.schemaDump ? (await __webpack_require__.e(/* import() */ 152).then(__webpack_require__.bind(__webpack_require__, 7152))).columnTypesFromDump(options.schemaDump) : new column_types/* KnownColumnTypes */.X();
    return { files, columnTypes };
}
/**
 * Lints every SQL file under `paths`. Rejects with a FaultlineError (exit 2) for unreadable input.
 * `progress` hears of the files before the first and of each file's report as it is done.
 */
async function lintFiles(paths, options = {}, progress) {
    const { files, columnTypes } = await prepare(paths, options);
    progress?.start?.(files);
    const reports = [];
    // Files are linted in the order they are applied, so a later one knows the columns earlier ones made.
    eachFileAhead(files, options, undefined, (file) => {
        const report = 'refused' in file ? file.refused : (0,lint/* lintSource */.nr)(file.text, file.path, options, columnTypes, undefined, file.split);
        progress?.endFile?.(report);
        reports.push(report);
    });
    return { version: 1, files: reports };
}
/** Each file in order, read ahead (see files-ahead.ts); the helper's jobs end however this ends. */
function eachFileAhead(files, options, stdin, visit) {
    const ahead = new FilesAhead(files, options, stdin);
    try {
        for (let file = ahead.take(); file; file = ahead.take())
            visit(file);
    }
    finally {
        ahead.close();
    }
}
/**
 * Lints like lintFiles but keeps no findings: each goes to `visitor` as soon as it is judged, so
 * memory stays bounded however many findings the files have. A PATH `-` is `stdin`. Resolves to the
 * files linted, in order.
 */
async function lintFilesStreaming(paths, options, visitor, stdin) {
    const { files, columnTypes } = await prepare(paths, options);
    const sink = (batch) => visitor.findings(batch);
    visitor.start?.(files);
    eachFileAhead(files, options, stdin, (file) => {
        visitor.beginFile(file.path);
        if ('refused' in file) {
            if (file.refused.findings.length > 0)
                visitor.findings(file.refused.findings);
            visitor.endFile({ ...file.refused, findings: [] });
        }
        else {
            visitor.endFile(lintSource(file.text, file.path, options, columnTypes, sink, file.split));
        }
    });
    return files;
}


/***/ }),

/***/ 7148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CR: () => (/* binding */ DEFAULT_MAX_FILE_BYTES),
  xc: () => (/* binding */ DEFAULT_PG_VERSION),
  ji: () => (/* reexport */ lint_files/* lintFiles */.ji),
  nr: () => (/* binding */ lintSource),
  Fe: () => (/* binding */ refusedFile),
  v1: () => (/* binding */ severityFor)
});

// UNUSED EXPORTS: DEFAULT_MAX_STATEMENTS, SINK_BATCH_FINDINGS, loadParser

// EXTERNAL MODULE: ./core/migrations/ast.ts
var ast = __webpack_require__(3580);
// EXTERNAL MODULE: ./core/migrations/column-types.ts
var column_types = __webpack_require__(640);
;// CONCATENATED MODULE: ./core/migrations/file-state.ts
/** Relations by name, each with the schemas it was created in ('' = unqualified). */
class RelationSet {
    byName = new Map();
    add(relation) {
        let schemas = this.byName.get(relation.name);
        if (!schemas)
            this.byName.set(relation.name, (schemas = new Set()));
        schemas.add(relation.schema ?? '');
    }
    /** An unqualified name on either side matches any schema: migrations rarely mix the two. */
    has(relation) {
        const schemas = this.byName.get(relation.name);
        if (!schemas)
            return false;
        if (relation.schema === undefined || schemas.has(''))
            return true;
        return schemas.has(relation.schema);
    }
    delete(relation) {
        const schemas = this.byName.get(relation.name);
        if (!schemas)
            return;
        if (relation.schema === undefined)
            this.byName.delete(relation.name);
        else {
            schemas.delete(relation.schema);
            schemas.delete('');
            if (schemas.size === 0)
                this.byName.delete(relation.name);
        }
    }
    replaceWith(other) {
        this.byName.clear();
        for (const [name, schemas] of other.byName)
            this.byName.set(name, new Set(schemas));
    }
}
class FileState {
    created = new RelationSet();
    createdColumns = new Map();
    notValid = new Map();
    accessExclusive = new Set();
    enumValues = new Map();
    session = { lock_timeout: undefined, statement_timeout: undefined };
    local = {};
    /** Shared with the files linted before and after this one (column types, NOT NULL checks). */
    columnTypes;
    constructor(columnTypes) {
        this.columnTypes = columnTypes;
    }
    copy() {
        const copy = new FileState(this.columnTypes.copy());
        copy.replaceWith(this);
        return copy;
    }
    /** Makes this hold what `other` holds; `other` stays intact (a savepoint may be returned to twice). */
    replaceWith(other) {
        this.created.replaceWith(other.created);
        replaceMap(this.createdColumns, other.createdColumns, (columns) => new Set(columns));
        replaceMap(this.notValid, other.notValid, (constraint) => constraint);
        replaceSet(this.accessExclusive, other.accessExclusive);
        replaceMap(this.enumValues, other.enumValues, (values) => new Set(values));
        this.session = { ...other.session };
        this.local = { ...other.local };
        this.columnTypes.replaceWith(other.columnTypes);
    }
}
function replaceMap(target, from, copy) {
    target.clear();
    for (const [key, value] of from)
        target.set(key, copy(value));
}
function replaceSet(target, from) {
    target.clear();
    for (const value of from)
        target.add(value);
}

;// CONCATENATED MODULE: ./core/migrations/settings.ts
/**
 * Reads the session settings the gate cares about (lock_timeout, statement_timeout) from `SET`,
 * `SET LOCAL`, `RESET`, `SET … TO DEFAULT` and `SELECT set_config(name, value, is_local)`. Values
 * follow PostgreSQL's rules for time settings: a bare number is milliseconds, units us/ms/s/min/h/d.
 */

const TRACKED = new Set(['lock_timeout', 'statement_timeout']);
const UNIT_MS = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };
/** `'5s'` → 5000, `'250'` → 250, `'1.5min'` → 90000; undefined when PostgreSQL would reject it. */
function parseDurationMs(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) && value >= 0 ? value : undefined;
    const match = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(us|ms|s|min|h|d)?\s*$/.exec(value);
    if (!match)
        return undefined;
    return Number(match[1]) * UNIT_MS[match[2] ?? 'ms'];
}
function constantValue(node) {
    const constant = (0,ast/* nodeOf */.E7)(node, 'A_Const');
    if (constant) {
        if (constant.sval)
            return constant.sval.sval ?? '';
        if (constant.ival)
            return constant.ival.ival ?? 0;
        if (constant.fval)
            return Number(constant.fval.fval);
        return undefined;
    }
    const cast = (0,ast/* nodeOf */.E7)(node, 'TypeCast');
    return cast ? constantValue(cast.arg) : undefined;
}
function booleanValue(node) {
    const constant = (0,ast/* nodeOf */.E7)(node, 'A_Const');
    if (constant?.boolval)
        return constant.boolval.boolval === true;
    const value = constantValue(node);
    if (typeof value === 'string') {
        const v = value.toLowerCase();
        if (['t', 'true', 'on', 'yes', 'y', '1'].includes(v))
            return true;
        if (['f', 'false', 'off', 'no', 'n', '0'].includes(v))
            return false;
    }
    if (typeof value === 'number')
        return value !== 0;
    return undefined;
}
/** The changes a `VariableSetStmt` makes (RESET ALL touches both timeouts). */
function changesFromSet(node) {
    const local = node.is_local === true;
    const kind = node.kind;
    if (kind === 'VAR_RESET_ALL') {
        return [
            { name: 'lock_timeout', valueMs: undefined, local },
            { name: 'statement_timeout', valueMs: undefined, local },
        ];
    }
    const name = typeof node.name === 'string' ? node.name.toLowerCase() : '';
    if (!TRACKED.has(name))
        return [];
    const setting = name;
    if (kind === 'VAR_RESET' || kind === 'VAR_SET_DEFAULT')
        return [{ name: setting, valueMs: undefined, local }];
    if (kind !== 'VAR_SET_VALUE' || !Array.isArray(node.args) || node.args.length !== 1)
        return [];
    const raw = constantValue(node.args[0]);
    const valueMs = raw === undefined ? undefined : parseDurationMs(raw);
    return valueMs === undefined ? [] : [{ name: setting, valueMs, local }];
}
/** `set_config('lock_timeout', '5s', is_local)` calls anywhere in a SELECT's target list. */
function changesFromSelect(node) {
    const changes = [];
    const visit = (value) => {
        if (Array.isArray(value)) {
            for (const v of value)
                visit(v);
            return;
        }
        const pair = (0,ast/* unwrap */.oA)(value);
        if (!pair)
            return;
        const [kind, inner] = pair;
        if (kind === 'FuncCall') {
            const names = (0,ast/* stringList */.Yn)(inner.funcname);
            const args = Array.isArray(inner.args) ? inner.args : [];
            if (names[names.length - 1] === 'set_config' && args.length === 3) {
                const name = constantValue(args[0]);
                const raw = constantValue(args[1]);
                const local = booleanValue(args[2]);
                if (typeof name === 'string' && TRACKED.has(name.toLowerCase()) && raw !== undefined && local !== undefined) {
                    const valueMs = parseDurationMs(raw);
                    if (valueMs !== undefined)
                        changes.push({ name: name.toLowerCase(), valueMs, local });
                }
            }
        }
        for (const child of Object.values(inner))
            if (child && typeof child === 'object')
                visit(child);
    };
    visit(node.targetList);
    return changes;
}

;// CONCATENATED MODULE: ./core/migrations/context.ts
/**
 * What a migration file has done so far: relations and columns it created (new and empty, so safe
 * to change), the transaction it is in, the lock_timeout in force, constraints added NOT VALID or
 * validated, and the ACCESS EXCLUSIVE locks held. The engine shows each statement the state as it
 * was just before it, then calls `apply`.
 */




const RELATION_OBJECTS = new Set([
    'OBJECT_TABLE',
    'OBJECT_INDEX',
    'OBJECT_MATVIEW',
    'OBJECT_VIEW',
    'OBJECT_SEQUENCE',
    'OBJECT_FOREIGN_TABLE',
]);
/** PostgreSQL's default name for a constraint the user did not name (`t_col_fkey`, `t_col_check`). */
function defaultConstraintName(table, constraint) {
    if (constraint.contype === 'CONSTR_FOREIGN') {
        const cols = (0,ast/* stringList */.Yn)(constraint.fk_attrs);
        return cols.length > 0 ? `${table}_${cols.join('_')}_fkey` : undefined;
    }
    if (constraint.contype === 'CONSTR_CHECK') {
        const cols = (0,ast/* notNullColumns */.wk)(constraint.raw_expr);
        return `${table}_${cols[0] ?? ''}${cols.length > 0 ? '_' : ''}check`;
    }
    return undefined;
}
class MigrationState {
    pgVersion;
    path;
    assumeTransaction;
    transactionDepth = 0;
    longestNameBytes = Number.POSITIVE_INFINITY;
    openTransaction;
    toolTransactionOpen;
    toolTransactionEndedAt;
    doBlockOffset;
    state;
    sessionAtBegin;
    /** Open savepoints, innermost last, each with the state to return to on ROLLBACK TO. */
    savepoints = [];
    constructor(options) {
        this.pgVersion = options.pgVersion;
        this.path = options.path;
        this.assumeTransaction = options.assumeTransaction ?? false;
        this.toolTransactionOpen = this.assumeTransaction;
        this.state = new FileState(options.columnTypes ?? new column_types/* KnownColumnTypes */.X());
    }
    columnType(relation, column) {
        return this.state.columnTypes.get(relation, column);
    }
    get inTransaction() {
        return this.toolTransactionOpen || this.transactionDepth > 0 || this.doBlockOffset !== undefined;
    }
    get inDoBlock() {
        return this.doBlockOffset !== undefined;
    }
    get lockTimeoutMs() {
        return this.effective('lock_timeout');
    }
    get statementTimeoutMs() {
        return this.effective('statement_timeout');
    }
    get notValidConstraintsInTransaction() {
        return this.state.notValid;
    }
    get accessExclusiveInTransaction() {
        return this.state.accessExclusive;
    }
    get enumValuesAddedInTransaction() {
        return this.state.enumValues;
    }
    relationKey(relation) {
        return relation.name;
    }
    isNewRelation(relation) {
        return this.state.created.has(relation);
    }
    hasColumnFromFile(relation, column) {
        return this.state.createdColumns.get(relation.name)?.has(column) ?? false;
    }
    hasValidatedNotNullCheck(relation, column) {
        return this.state.columnTypes.hasValidatedNotNullCheck(relation, column);
    }
    effective(name) {
        const value = name in this.state.local ? this.state.local[name] : this.state.session[name];
        return value === 0 ? undefined : value;
    }
    /**
     * Called before rules see a statement: statements of one DO block share a transaction, which
     * ends when the next statement is not from that block.
     */
    enter(statement) {
        const block = statement.doBlock?.offset;
        if (block === this.doBlockOffset)
            return;
        if (this.doBlockOffset !== undefined)
            this.leaveDoBlock();
        this.doBlockOffset = block;
    }
    /** Ends the file: a DO block that was last closes its transaction. */
    finish() {
        if (this.doBlockOffset !== undefined)
            this.leaveDoBlock();
    }
    leaveDoBlock() {
        this.doBlockOffset = undefined;
        if (!this.inTransaction)
            this.endTransactionScope();
    }
    /**
     * State that lives exactly as long as the transaction (locks, SET LOCAL, NOT VALID markers).
     * Runs after every statement outside a transaction, so empty state is left as it is.
     */
    endTransactionScope() {
        for (const _ in this.state.local) {
            this.state.local = {};
            break;
        }
        if (this.state.notValid.size > 0)
            this.state.notValid.clear();
        if (this.state.accessExclusive.size > 0)
            this.state.accessExclusive.clear();
        if (this.state.enumValues.size > 0)
            this.state.enumValues.clear();
        if (this.savepoints.length > 0)
            this.savepoints = [];
    }
    /** Updates the state with what `statement` did; `locks` are the table locks it takes. */
    apply(statement, locks = []) {
        const node = statement.node;
        this.state.columnTypes.apply(statement);
        switch (statement.kind) {
            case 'TransactionStmt':
                this.applyTransaction(statement, node);
                return;
            case 'VariableSetStmt':
                this.applySettings(changesFromSet(node));
                break;
            case 'SelectStmt': {
                const into = (0,ast/* relationOf */.Ke)(node.intoClause?.rel);
                if (into)
                    this.state.created.add(into);
                this.applySettings(changesFromSelect(node));
                break;
            }
            case 'CreateStmt':
                this.applyCreateTable(node);
                break;
            case 'CreateTableAsStmt': {
                const into = (0,ast/* relationOf */.Ke)(node.into?.rel);
                if (into)
                    this.state.created.add(into);
                break;
            }
            case 'IndexStmt': {
                const table = (0,ast/* relationOf */.Ke)(node.relation);
                if (typeof node.idxname === 'string')
                    this.state.created.add({ schema: table?.schema, name: node.idxname });
                break;
            }
            case 'ViewStmt':
            case 'CreateSeqStmt': {
                const rel = (0,ast/* relationOf */.Ke)(node.view ?? node.sequence);
                if (rel)
                    this.state.created.add(rel);
                break;
            }
            case 'CreateEnumStmt':
            case 'CreateDomainStmt': {
                // Types live in the relation namespace's schema rules too; rules ask isNewRelation for them.
                const type = (0,ast/* relationFromNames */.be)(statement.kind === 'CreateEnumStmt' ? node.typeName : node.domainname);
                if (type)
                    this.state.created.add(type);
                break;
            }
            case 'RenameStmt':
                this.applyRename(node);
                break;
            case 'AlterObjectSchemaStmt': {
                const rel = (0,ast/* relationOf */.Ke)(node.relation);
                if (rel && this.state.created.has(rel) && typeof node.newschema === 'string') {
                    this.state.created.delete(rel);
                    this.state.created.add({ schema: node.newschema, name: rel.name });
                }
                break;
            }
            case 'DropStmt':
                if (RELATION_OBJECTS.has(String(node.removeType))) {
                    for (const object of (node.objects ?? [])) {
                        const rel = (0,ast/* relationFromNames */.be)(object.List?.items);
                        if (rel)
                            this.state.created.delete(rel);
                    }
                }
                break;
            case 'AlterTableStmt':
                this.applyAlterTable(node);
                break;
            case 'AlterEnumStmt':
                this.applyAlterEnum(node);
                break;
        }
        for (const lock of locks) {
            if (lock.lock === 'ACCESS EXCLUSIVE' && !this.state.created.has(lock.relation)) {
                this.state.accessExclusive.add(this.relationKey(lock.relation));
            }
        }
        if (!this.inTransaction)
            this.endTransactionScope();
    }
    applyTransaction(statement, node) {
        const kind = node.kind;
        if (statement.fromDoBlock) {
            // COMMIT/ROLLBACK inside a DO block end the block's own transaction and start a new one.
            if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK')
                this.endTransactionScope();
            return;
        }
        switch (kind) {
            case 'TRANS_STMT_BEGIN':
            case 'TRANS_STMT_START':
                if (this.assumeTransaction && !this.toolTransactionOpen && this.transactionDepth === 0) {
                    // `COMMIT; … ; BEGIN;`: the file hands the tool a transaction to commit again.
                    this.toolTransactionOpen = true;
                    this.toolTransactionEndedAt = undefined;
                    return;
                }
                if (this.transactionDepth === 0) {
                    this.openTransaction = { line: statement.line, column: statement.column };
                    this.sessionAtBegin = { ...this.state.session };
                }
                this.transactionDepth++;
                return;
            case 'TRANS_STMT_COMMIT':
            case 'TRANS_STMT_ROLLBACK':
            case 'TRANS_STMT_PREPARE': {
                if (kind === 'TRANS_STMT_ROLLBACK' && this.sessionAtBegin)
                    this.state.session = { ...this.sessionAtBegin };
                const chain = node.chain === true && (this.transactionDepth > 0 || this.toolTransactionOpen);
                if (this.toolTransactionOpen && !chain && (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK')) {
                    this.toolTransactionOpen = false;
                    this.toolTransactionEndedAt = { line: statement.line, column: statement.column, kind: kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK' };
                }
                if (chain && this.transactionDepth === 0) {
                    // COMMIT AND CHAIN of the tool's transaction: a new one, still the tool's to commit.
                    this.endTransactionScope();
                    return;
                }
                this.endTransactionScope();
                // One COMMIT ends the transaction however many BEGINs preceded it (PostgreSQL ignores nested BEGIN).
                this.transactionDepth = chain ? 1 : 0;
                if (!chain) {
                    this.openTransaction = undefined;
                    this.sessionAtBegin = undefined;
                }
                else {
                    this.openTransaction = { line: statement.line, column: statement.column };
                    this.sessionAtBegin = { ...this.state.session };
                }
                return;
            }
            case 'TRANS_STMT_SAVEPOINT':
                // Savepoints are rare in migrations: a copy of the state is cheap enough.
                if (typeof node.savepoint_name === 'string')
                    this.savepoints.push({ name: node.savepoint_name, state: this.state.copy() });
                return;
            case 'TRANS_STMT_RELEASE': {
                const at = this.savepointIndex(node.savepoint_name);
                if (at !== -1)
                    this.savepoints.length = at;
                return;
            }
            case 'TRANS_STMT_ROLLBACK_TO': {
                // Undoes what ran since the savepoint (tables, columns, settings, locks); the savepoint stays.
                const at = this.savepointIndex(node.savepoint_name);
                if (at === -1)
                    return;
                this.savepoints.length = at + 1;
                this.state.replaceWith(this.savepoints[at].state);
                return;
            }
        }
    }
    savepointIndex(name) {
        for (let i = this.savepoints.length - 1; i >= 0; i--)
            if (this.savepoints[i].name === name)
                return i;
        return -1;
    }
    applySettings(changes) {
        for (const change of changes) {
            if (change.local) {
                // SET LOCAL outside a transaction block has no effect (PostgreSQL only warns).
                if (this.inTransaction)
                    this.state.local[change.name] = change.valueMs;
            }
            else {
                this.state.session[change.name] = change.valueMs;
                delete this.state.local[change.name];
            }
        }
    }
    addColumns(table, columns) {
        let set = this.state.createdColumns.get(table);
        if (!set)
            this.state.createdColumns.set(table, (set = new Set()));
        for (const c of columns)
            set.add(c);
    }
    applyCreateTable(node) {
        const rel = (0,ast/* relationOf */.Ke)(node.relation);
        if (!rel)
            return;
        this.state.created.add(rel);
        const columns = [];
        for (const element of (node.tableElts ?? [])) {
            if (element.ColumnDef?.colname)
                columns.push(element.ColumnDef.colname);
        }
        this.addColumns(rel.name, columns);
    }
    applyRename(node) {
        const rel = (0,ast/* relationOf */.Ke)(node.relation);
        if (!rel || typeof node.newname !== 'string')
            return;
        if (RELATION_OBJECTS.has(String(node.renameType)) && this.state.created.has(rel)) {
            // A renamed new table is still new (and empty) under its new name.
            this.state.created.delete(rel);
            this.state.created.add({ schema: rel.schema, name: node.newname });
            const columns = this.state.createdColumns.get(rel.name);
            if (columns)
                this.state.createdColumns.set(node.newname, columns);
        }
        else if (node.renameType === 'OBJECT_COLUMN' && typeof node.subname === 'string') {
            const columns = this.state.createdColumns.get(rel.name);
            if (columns?.delete(node.subname))
                columns.add(node.newname);
        }
    }
    applyAlterTable(node) {
        const rel = (0,ast/* relationOf */.Ke)(node.relation);
        if (!rel)
            return;
        for (const cmd of (0,ast/* alterCommands */.$f)(node)) {
            if (cmd.subtype === 'AT_AddColumn') {
                const colname = cmd.def?.ColumnDef?.colname;
                if (colname)
                    this.addColumns(rel.name, [colname]);
            }
            else if (cmd.subtype === 'AT_DropColumn' && cmd.name) {
                this.state.createdColumns.get(rel.name)?.delete(cmd.name);
            }
            else if (cmd.subtype === 'AT_AddConstraint') {
                const constraint = (0,ast/* constraintOf */.vY)(cmd.def);
                if (!constraint)
                    continue;
                const name = typeof constraint.conname === 'string' ? constraint.conname : defaultConstraintName(rel.name, constraint);
                const notValid = constraint.skip_validation === true;
                if (notValid && name && (constraint.contype === 'CONSTR_CHECK' || constraint.contype === 'CONSTR_FOREIGN')) {
                    this.state.notValid.set(name, { table: rel, type: constraint.contype === 'CONSTR_CHECK' ? 'check' : 'foreign key' });
                }
            }
        }
    }
    applyAlterEnum(node) {
        const type = (0,ast/* relationFromNames */.be)(node.typeName);
        if (!type || typeof node.newVal !== 'string' || node.oldVal !== undefined)
            return;
        let values = this.state.enumValues.get(type.name);
        if (!values)
            this.state.enumValues.set(type.name, (values = new Set()));
        values.add(node.newVal);
    }
}

// EXTERNAL MODULE: ./core/migrations/locks.ts + 1 modules
var migrations_locks = __webpack_require__(6546);
// EXTERNAL MODULE: ./core/migrations/parse.ts
var parse = __webpack_require__(3843);
// EXTERNAL MODULE: ./core/migrations/agree.ts
var agree = __webpack_require__(384);
// EXTERNAL MODULE: ./core/migrations/rules/index.ts + 63 modules
var migrations_rules = __webpack_require__(1555);
;// CONCATENATED MODULE: ./core/migrations/suppress.ts
const DIRECTIVE = /^\s*faultline-ignore(-file)?\s*:(.*)$/i;
/** Parses one comment's text (after `--`); undefined when it is not a faultline directive. */
function parseDirective(text) {
    const match = DIRECTIVE.exec(text);
    if (!match)
        return undefined;
    const rest = match[2];
    const separator = rest.indexOf('--');
    const idsPart = separator === -1 ? rest : rest.slice(0, separator);
    const reason = separator === -1 ? '' : rest.slice(separator + 2).trim();
    const ruleIds = idsPart
        .split(/[\s,]+/)
        .map((id) => id.trim())
        .filter((id) => id.length > 0);
    return { fileWide: match[1] !== undefined, ruleIds, reason };
}
function isCommentOnly(line) {
    return /^\s*--/.test(line);
}
/**
 * Finds every directive: in `--` comments the lexer saw, and on comment-only lines anywhere (which
 * covers comments inside DO block bodies, where the lexer sees only a string).
 */
function findSuppressions(text, comments, lines) {
    const byOffset = new Map();
    for (const comment of comments) {
        if (comment.text.includes('faultline-ignore'))
            byOffset.set(comment.start, comment.text);
    }
    const rawLines = text.split('\n');
    let offset = 0;
    for (const raw of rawLines) {
        const at = raw.indexOf('--');
        if (at !== -1 && isCommentOnly(raw) && raw.includes('faultline-ignore') && !byOffset.has(offset + at)) {
            byOffset.set(offset + at, raw.slice(at + 2).replace(/\r$/, ''));
        }
        offset += raw.length + 1;
    }
    const suppressions = [];
    for (const [start, commentText] of [...byOffset].sort((a, b) => a[0] - b[0])) {
        const directive = parseDirective(commentText);
        if (!directive)
            continue;
        const { line, column } = lines.position(start);
        const suppression = { ...directive, line, column };
        if (!directive.fileWide) {
            // The statement starts on the first line below that is not a comment; a blank line detaches.
            let target = line + 1;
            while (target <= rawLines.length && isCommentOnly(rawLines[target - 1]))
                target++;
            if (target <= rawLines.length && rawLines[target - 1].trim() !== '')
                suppression.targetLine = target;
        }
        suppressions.push(suppression);
    }
    return suppressions;
}
function engineFinding(settings, rule, suppression, message, fix) {
    const severity = settings.severityOf(rule);
    if (severity === 'off')
        return undefined;
    return {
        rule,
        severity,
        path: settings.path,
        line: suppression.line,
        column: suppression.column,
        message,
        lock: null,
        blocks: [],
        rewrite: false,
        fix,
        source: 'static',
    };
}
/**
 * Judges findings against a file's suppressions as they come, in as many batches as the caller
 * likes (a huge file hands them over while it is still being linted), remembering which
 * suppressions were used; `problems()` at the end are the findings about the suppressions themselves.
 */
class SuppressionFilter {
    used;
    // Suppressions by rule id, so a file with many findings is not scanned once per comment.
    byRule = new Map();
    suppressions;
    settings;
    constructor(suppressions, settings) {
        this.suppressions = suppressions;
        this.settings = settings;
        this.used = suppressions.map(() => new Set());
        suppressions.forEach((s, i) => {
            for (const id of s.ruleIds)
                this.byRule.set(id, [...(this.byRule.get(id) ?? []), i]);
        });
    }
    /** The findings of `anchored` that no suppression covers. */
    keep(anchored) {
        const kept = [];
        for (const { finding, anchorLines } of anchored) {
            let suppressed = false;
            for (const i of this.byRule.get(finding.rule) ?? []) {
                const s = this.suppressions[i];
                if (s.fileWide || (s.targetLine !== undefined && anchorLines.includes(s.targetLine))) {
                    this.used[i].add(finding.rule);
                    suppressed = true;
                }
            }
            if (!suppressed)
                kept.push(finding);
        }
        return kept;
    }
    /** Suppressions without a rule or a reason, naming unknown rules, or that suppressed nothing. */
    problems() {
        const { settings, used } = this;
        const found = [];
        this.suppressions.forEach((s, i) => {
            const directive = s.fileWide ? 'faultline-ignore-file' : 'faultline-ignore';
            const add = (f) => {
                if (f)
                    found.push(f);
            };
            if (s.ruleIds.length === 0) {
                add(engineFinding(settings, 'unknown-rule', s, `${directive} names no rule id.`, `-- ${directive}: <rule-id> -- <why this is safe here>`));
            }
            if (s.reason === '') {
                add(engineFinding(settings, 'suppression-missing-reason', s, `${directive}: ${s.ruleIds.join(', ')} gives no reason; say why the hazard is acceptable after a second "--".`, `-- ${directive}: ${s.ruleIds.join(', ')} -- <why this is safe here>`));
            }
            for (const id of s.ruleIds) {
                if (!settings.isKnownRule(id)) {
                    add(engineFinding(settings, 'unknown-rule', s, `${directive} names the unknown rule "${id}".`, 'Use a rule id from the list in docs/rules (ids are lower-case words joined by hyphens).'));
                }
                else if (!used[i].has(id) && settings.severityOf(id) !== 'off') {
                    const where = s.fileWide ? 'anywhere in this file' : s.targetLine === undefined ? 'here: no statement follows directly' : `on the statement at line ${s.targetLine}`;
                    add(engineFinding(settings, 'unused-suppression', s, `${directive}: ${id} suppresses nothing: the rule reports nothing ${where}.`, 'Remove this comment, or put it on the line(s) directly before the statement it is meant for.'));
                }
            }
        });
        return found;
    }
}
/** Drops suppressed findings and adds findings about the suppressions themselves. */
function applySuppressions(anchored, suppressions, settings) {
    const filter = new SuppressionFilter(suppressions, settings);
    return [...filter.keep(anchored), ...filter.problems()];
}

// EXTERNAL MODULE: ./core/migrations/lint-files.ts + 1 modules
var lint_files = __webpack_require__(2853);
;// CONCATENATED MODULE: ./core/migrations/lint.ts






const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_STATEMENTS = 50_000;
const DEFAULT_PG_VERSION = 15;
const STATEMENT_PREVIEW = 160;
function preview(text) {
    // Only the start is shown: collapsing a long function body whole, for each of its findings, cost
    // more than checking it. A head longer than the preview after collapsing starts the same way.
    const head = text.length > STATEMENT_PREVIEW * 4 ? text.slice(0, STATEMENT_PREVIEW * 4).replace(/\s+/g, ' ').trim() : '';
    if (head.length > STATEMENT_PREVIEW)
        return `${head.slice(0, STATEMENT_PREVIEW - 1)}…`;
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length > STATEMENT_PREVIEW ? `${oneLine.slice(0, STATEMENT_PREVIEW - 1)}…` : oneLine;
}
/** The severity each rule reports with under `options`, or 'off'. */
function severityFor(options, id) {
    const configured = options.rules?.[id];
    if (configured)
        return configured;
    const rule = (0,migrations_rules/* ruleById */.BD)(id);
    if (options.profile === 'strict' && rule?.strictSeverity)
        return rule.strictSeverity;
    return rule?.defaultSeverity ?? 'error';
}
function toFinding(rule, severity, statement, hit, path, end) {
    // A hit placed on a part of the statement has no statement-wide region.
    const whole = statement !== undefined && end !== undefined && hit.line === undefined && hit.column === undefined;
    return {
        rule: rule.id,
        severity,
        path,
        line: hit.line ?? statement?.line ?? 1,
        column: hit.column ?? statement?.column ?? 1,
        message: hit.message,
        lock: hit.lock,
        blocks: hit.blocks,
        rewrite: hit.rewrite,
        fix: hit.fix,
        ...(statement ? { statement: preview(statement.text) } : {}),
        ...(whole ? { ...end, ...(hit.fix && !statement.fromDoBlock ? { fixReplacesStatement: true } : {}) } : {}),
        source: 'static',
    };
}
/** `failed`: what failed and what that leaves unchecked, e.g. "rule x failed on this statement (…); …". */
function internalError(failed, statement, error, path, severity) {
    if (severity === 'off')
        return [];
    const reason = error instanceof Error ? error.message : String(error);
    return [
        {
            rule: 'internal-error',
            severity,
            path,
            line: statement?.line ?? 1,
            column: statement?.column ?? 1,
            message: `${failed(reason)} Please report this.`,
            lock: null,
            blocks: [],
            rewrite: false,
            fix: null,
            ...(statement ? { statement: preview(statement.text) } : {}),
            source: 'static',
        },
    ];
}
const ruleFailed = (rule) => (reason) => `rule ${rule.id} failed on this statement (${reason}); the statement was not checked by it.`;
const BOOKKEEPING_FAILED = (reason) => `the linter could not record what this statement changes (${reason}): transactions, settings, locks and column types after it are judged without it.`;
/**
 * The report for a file the gate refuses to check (too large, not text): one finding, an error by
 * default, so that a file nobody checked never passes.
 */
function refusedFile(path, options, rule, message, fix) {
    const severity = severityFor(options, rule);
    const findings = severity === 'off'
        ? []
        : [{ rule, severity, path, line: 1, column: 1, message, lock: null, blocks: [], rewrite: false, fix: `-- ${fix}`, source: 'static' }];
    return { path, findings, statements: 0, refused: true };
}
// Per options object: a run lints each of its files with the same one, and a folder of small files
// would otherwise sort the rules out again for every file.
const enabledRulesCache = new WeakMap();
function enabledRules(options) {
    const cached = enabledRulesCache.get(options);
    if (cached)
        return cached;
    const enabled = migrations_rules/* allRules */.V7.map((rule) => ({ rule, severity: severityFor(options, rule.id) })).filter((r) => r.severity !== 'off');
    // Most rules judge one or two statement kinds: each statement meets only the rules for its kind.
    const byKind = new Map();
    const rulesFor = (kind) => {
        let rules = byKind.get(kind);
        if (!rules)
            byKind.set(kind, (rules = enabled.filter(({ rule }) => !rule.kinds || rule.kinds.includes(kind))));
        return rules;
    };
    const rules = { enabled, rulesFor, internalSeverity: severityFor(options, 'internal-error') };
    enabledRulesCache.set(options, rules);
    return rules;
}
/** With a sink, findings are handed over once this many are pending: memory stays bounded. */
const SINK_BATCH_FINDINGS = 2_000;
/**
 * Lints one file's text. Synchronous; the parser must be loaded (`await loadParser()`, which
 * lintFiles does for you). `columnTypes`: what the files linted before this one in the same run
 * declared (lintFiles shares one across its files); updated with this file's.
 *
 * Without `sink`, the report holds the findings in reading order. With one, they go to the sink
 * instead (the report's list stays empty): a file with up to SINK_BATCH_FINDINGS of them in one
 * batch in reading order, as above; past that, each batch in reading order as statements are
 * checked, and the file-level findings (end-of-file rules, suppression problems) in a last batch.
 * `split`: the text already split by splitFile (see lint-files.ts, which reads files ahead).
 */
function lintSource(text, path, options = {}, columnTypes, sink, split) {
    if (!(0,parse/* isParserLoaded */.vM)())
        throw new Error('the SQL parser is not loaded: await loadParser() before lintSource()');
    const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION;
    const context = new MigrationState({ pgVersion, path, assumeTransaction: options.assumeTransaction, columnTypes });
    const { enabled, rulesFor, internalSeverity } = enabledRules(options);
    let anchored = [];
    let filter;
    let lineIndex;
    const endOf = (statement) => {
        if (!lineIndex)
            return undefined;
        let end = statement.offset + statement.text.length;
        // The text is the statement as written (DO bodies: inside the body), without its `;`.
        if (text.slice(statement.offset, end) !== statement.text)
            return undefined;
        if (text[end] === ';')
            end++;
        const { line, column } = lineIndex.position(end);
        return { endLine: line, endColumn: column };
    };
    // Past the batch size, judged findings go to the sink rather than piling up with the file.
    const flush = () => {
        if (!sink || !filter || anchored.length < SINK_BATCH_FINDINGS)
            return;
        const batch = (0,agree/* agreeingFindings */.N)(filter.keep(anchored));
        anchored = [];
        if (batch.length > 0)
            sink(batch);
    };
    const lintStatement = (statement) => {
        context.enter(statement);
        let lines;
        let end = null;
        const statementEnd = () => (end === null ? (end = endOf(statement)) : end);
        const anchorLines = () => (lines ??= statement.doBlock ? [statement.line, statement.doBlock.line] : [statement.line]);
        for (const { rule, severity } of rulesFor(statement.kind)) {
            try {
                for (const hit of rule.check(statement, context)) {
                    anchored.push({ finding: toFinding(rule, severity, statement, hit, path, statementEnd()), anchorLines: anchorLines() });
                }
            }
            catch (error) {
                for (const finding of internalError(ruleFailed(rule), statement, error, path, internalSeverity))
                    anchored.push({ finding, anchorLines: anchorLines() });
            }
        }
        let locks = [];
        try {
            locks = (0,migrations_locks/* relationLocks */.Bh)(statement, pgVersion);
        }
        catch {
            // Lock bookkeeping is best effort; the rules judged the statement already.
        }
        try {
            context.apply(statement, locks);
        }
        catch (error) {
            // A statement the bookkeeping cannot follow (a parse tree thousands of levels deep) must not end
            // the run without a report: it fails the gate as an internal error, and the file goes on.
            for (const finding of internalError(BOOKKEEPING_FAILED, statement, error, path, internalSeverity))
                anchored.push({ finding, anchorLines: anchorLines() });
        }
    };
    // Statements are checked as each chunk is parsed and then dropped: memory stays bounded.
    const parsed = (0,parse/* parseMigrationInChunks */.LF)(text, path, (statements) => {
        statements.forEach(lintStatement);
        flush();
    }, (outline) => {
        context.longestNameBytes = outline.longestNameBytes;
        lineIndex = outline.lines;
        // Suppressions are known before any statement is checked, so findings can be judged as they come.
        filter = new SuppressionFilter(findSuppressions(text, outline.comments, outline.lines), {
            path,
            isKnownRule: (id) => (0,migrations_rules/* ruleById */.BD)(id) !== undefined,
            severityOf: (id) => severityFor(options, id),
        });
    }, options.maxStatements ?? DEFAULT_MAX_STATEMENTS, split);
    if (parsed.tooManyStatements !== undefined) {
        const limit = options.maxStatements ?? DEFAULT_MAX_STATEMENTS;
        const refused = refusedFile(path, options, 'too-many-statements', `The file has ${parsed.tooManyStatements} statements, more than the limit of ${limit}: it was not checked.`, 'split the file, or raise migrations.max-statements in .github/faultline.yml');
        if (!sink)
            return refused;
        if (refused.findings.length > 0)
            sink(refused.findings);
        return { ...refused, findings: [] };
    }
    context.finish();
    for (const { rule, severity } of enabled) {
        if (!rule.checkEnd)
            continue;
        try {
            for (const hit of rule.checkEnd(context)) {
                anchored.push({ finding: toFinding(rule, severity, undefined, hit, path), anchorLines: [hit.line ?? 1] });
            }
        }
        catch (error) {
            for (const finding of internalError(ruleFailed(rule), undefined, error, path, internalSeverity))
                anchored.push({ finding, anchorLines: [1] });
        }
    }
    // The most severe first on each statement, and fixes that do not contradict each other.
    const findings = (0,agree/* agreeingFindings */.N)([...filter.keep(anchored), ...filter.problems()]);
    if (!sink)
        return { path, findings, statements: parsed.statements };
    if (findings.length > 0)
        sink(findings);
    return { path, findings: [], statements: parsed.statements };
}




/***/ }),

/***/ 6128:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CJ: () => (/* binding */ relationName),
/* harmony export */   JP: () => (/* binding */ lockStrength),
/* harmony export */   KO: () => (/* binding */ lockModeFromNumber),
/* harmony export */   be: () => (/* binding */ relationFromNames),
/* harmony export */   bx: () => (/* binding */ LOCK_MODES),
/* harmony export */   wS: () => (/* binding */ strongerLock),
/* harmony export */   yJ: () => (/* binding */ blockedBy)
/* harmony export */ });
/* unused harmony export lockConflicts */
/** Weakest first; the index is the mode's strength. */
const LOCK_MODES = [
    'ACCESS SHARE',
    'ROW SHARE',
    'ROW EXCLUSIVE',
    'SHARE UPDATE EXCLUSIVE',
    'SHARE',
    'SHARE ROW EXCLUSIVE',
    'EXCLUSIVE',
    'ACCESS EXCLUSIVE',
];
const CONFLICTS = {
    'ACCESS SHARE': ['ACCESS EXCLUSIVE'],
    'ROW SHARE': ['EXCLUSIVE', 'ACCESS EXCLUSIVE'],
    'ROW EXCLUSIVE': ['SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
    'SHARE UPDATE EXCLUSIVE': [
        'SHARE UPDATE EXCLUSIVE',
        'SHARE',
        'SHARE ROW EXCLUSIVE',
        'EXCLUSIVE',
        'ACCESS EXCLUSIVE',
    ],
    SHARE: ['ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'],
    'SHARE ROW EXCLUSIVE': [
        'ROW EXCLUSIVE',
        'SHARE UPDATE EXCLUSIVE',
        'SHARE',
        'SHARE ROW EXCLUSIVE',
        'EXCLUSIVE',
        'ACCESS EXCLUSIVE',
    ],
    EXCLUSIVE: [
        'ROW SHARE',
        'ROW EXCLUSIVE',
        'SHARE UPDATE EXCLUSIVE',
        'SHARE',
        'SHARE ROW EXCLUSIVE',
        'EXCLUSIVE',
        'ACCESS EXCLUSIVE',
    ],
    'ACCESS EXCLUSIVE': LOCK_MODES,
};
/** Whether two sessions can hold these modes on the same table at once. */
function lockConflicts(a, b) {
    return CONFLICTS[a].includes(b);
}
/** 0 for ACCESS SHARE up to 7 for ACCESS EXCLUSIVE. */
function lockStrength(mode) {
    return LOCK_MODES.indexOf(mode);
}
/** The stronger of two modes (the one an ALTER TABLE with both subcommands takes). */
function strongerLock(a, b) {
    return lockStrength(a) >= lockStrength(b) ? a : b;
}
/**
 * What a lock stops ordinary traffic from doing: plain SELECT takes ACCESS SHARE, so it waits only
 * for ACCESS EXCLUSIVE; INSERT/UPDATE/DELETE take ROW EXCLUSIVE. (EXCLUSIVE also stops
 * `SELECT … FOR UPDATE/SHARE`, which is a write-side lock, so it counts as blocking writes.)
 */
function blockedBy(lock) {
    const blocked = [];
    if (lockConflicts(lock, 'ACCESS SHARE'))
        blocked.push('reads');
    if (lockConflicts(lock, 'ROW EXCLUSIVE'))
        blocked.push('writes');
    return blocked;
}
/** LOCK TABLE's numeric mode (the parser's `LockStmt.mode`, 1 = ACCESS SHARE … 8 = ACCESS EXCLUSIVE). */
function lockModeFromNumber(mode) {
    return LOCK_MODES[mode - 1];
}
/**
 * A RangeVar as a RelationName. The parser has already folded unquoted identifiers to lower case
 * and kept quoted ones exactly as written, so the names are taken as they are.
 */
function relationName(rangeVar) {
    const node = (rangeVar ?? {});
    if (node.RangeVar)
        return relationName(node.RangeVar);
    return node.schemaname ? { schema: node.schemaname, name: node.relname ?? '' } : { name: node.relname ?? '' };
}
/** A dotted name list (`[schema, table]` or `[table]`, as DROP and COMMENT carry them) as a RelationName. */
function relationFromNames(names) {
    if (names.length === 0)
        return undefined;
    const name = names[names.length - 1];
    return names.length >= 2 ? { schema: names[names.length - 2], name } : { name };
}


/***/ }),

/***/ 6546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yJ: () => (/* reexport */ lock_modes/* blockedBy */.yJ),
  Bh: () => (/* binding */ relationLocks)
});

// UNUSED EXPORTS: LOCK_MODES, lockConflicts, lockFor, relationName, strongerLock

// EXTERNAL MODULE: ./core/migrations/lock-modes.ts
var lock_modes = __webpack_require__(6128);
;// CONCATENATED MODULE: ./core/migrations/alter-table-locks.ts
/**
 * The lock each ALTER TABLE subcommand takes (PostgreSQL's AlterTableGetLockLevel). A statement
 * with several subcommands takes the strongest of them; some subcommands also lock a second
 * relation (the referenced table of a foreign key, the partition being attached or detached).
 */

/** Subcommands that only change planner or maintenance settings and never block reads or writes. */
const SHARE_UPDATE_EXCLUSIVE = new Set([
    'AT_SetStatistics',
    'AT_ClusterOn',
    'AT_DropCluster',
    'AT_SetOptions',
    'AT_ResetOptions',
    'AT_ValidateConstraint',
    'AT_DetachPartitionFinalize',
]);
/** ENABLE/DISABLE TRIGGER affects writes only. */
const SHARE_ROW_EXCLUSIVE = new Set([
    'AT_EnableTrig',
    'AT_EnableAlwaysTrig',
    'AT_EnableReplicaTrig',
    'AT_EnableTrigAll',
    'AT_EnableTrigUser',
    'AT_DisableTrig',
    'AT_DisableTrigAll',
    'AT_DisableTrigUser',
]);
/**
 * Storage parameters whose change needs ACCESS EXCLUSIVE (they change what queries see); every
 * other parameter (fillfactor, autovacuum_*, parallel_workers, toast_tuple_target, …) takes
 * SHARE UPDATE EXCLUSIVE.
 */
const ACCESS_EXCLUSIVE_OPTIONS = new Set(['user_catalog_table', 'check_option', 'security_barrier', 'security_invoker']);
function relOptionsLock(def) {
    const items = (def?.List?.items ?? []);
    const needsExclusive = items.some((item) => ACCESS_EXCLUSIVE_OPTIONS.has(item.DefElem?.defname ?? ''));
    return needsExclusive || items.length === 0 ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE';
}
/** Foreign keys a column definition declares inline (`ADD COLUMN c int REFERENCES t`). */
function inlineReferences(def) {
    const column = def?.ColumnDef;
    return (column?.constraints ?? [])
        .map((c) => c.Constraint)
        .filter((c) => c?.contype === 'CONSTR_FOREIGN' && c.pktable !== undefined)
        .map((c) => c.pktable);
}
/** The locks one subcommand takes: on the altered table first, then on any other relation. */
function commandLocks(cmd, table, pgVersion) {
    const subtype = cmd.subtype;
    if (SHARE_UPDATE_EXCLUSIVE.has(subtype))
        return [{ lock: 'SHARE UPDATE EXCLUSIVE', relation: table }];
    if (SHARE_ROW_EXCLUSIVE.has(subtype))
        return [{ lock: 'SHARE ROW EXCLUSIVE', relation: table }];
    switch (subtype) {
        case 'AT_SetRelOptions':
        case 'AT_ResetRelOptions':
            return [{ lock: relOptionsLock(cmd.def), relation: table }];
        case 'AT_AddConstraint': {
            const constraint = cmd.def?.Constraint;
            if (constraint?.contype === 'CONSTR_FOREIGN') {
                // A foreign key adds triggers on both tables, so both get SHARE ROW EXCLUSIVE.
                return [
                    { lock: 'SHARE ROW EXCLUSIVE', relation: table },
                    { lock: 'SHARE ROW EXCLUSIVE', relation: constraint.pktable },
                ];
            }
            return [{ lock: 'ACCESS EXCLUSIVE', relation: table }];
        }
        case 'AT_AddColumn':
            return [
                { lock: 'ACCESS EXCLUSIVE', relation: table },
                ...inlineReferences(cmd.def).map((relation) => ({ lock: 'SHARE ROW EXCLUSIVE', relation })),
            ];
        case 'AT_AttachPartition': {
            const partition = cmd.def?.PartitionCmd?.name;
            // Since PostgreSQL 12 the parent only needs SHARE UPDATE EXCLUSIVE; the partition being
            // attached is still locked ACCESS EXCLUSIVE (it is scanned to check the bound).
            return [
                { lock: pgVersion >= 12 ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE', relation: table },
                { lock: 'ACCESS EXCLUSIVE', relation: partition },
            ];
        }
        case 'AT_DetachPartition': {
            const partitionCmd = cmd.def?.PartitionCmd;
            const lock = partitionCmd?.concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE';
            return [
                { lock, relation: table },
                { lock, relation: partitionCmd?.name },
            ];
        }
        default:
            // Everything else — ADD/DROP COLUMN, ALTER TYPE, SET/DROP NOT NULL, SET DEFAULT, CHECK and
            // UNIQUE/PRIMARY KEY constraints, DROP CONSTRAINT, SET LOGGED/UNLOGGED, SET TABLESPACE,
            // OWNER TO, REPLICA IDENTITY, row-level security, identity changes — takes ACCESS EXCLUSIVE.
            return [{ lock: 'ACCESS EXCLUSIVE', relation: table }];
    }
}
/** The lock of one ALTER TABLE subcommand on the altered table (for rules that look at one). */
function alterTableCommandLock(cmd, pgVersion = 15) {
    return commandLocks(cmd, undefined, pgVersion)[0].lock;
}
/** Every lock an AlterTableStmt takes. ALTER TYPE … ADD ATTRIBUTE alters a type, not a table: none. */
function alterTableLocks(statement, pgVersion) {
    if (statement.objtype === 'OBJECT_TYPE')
        return [];
    const cmds = (statement.cmds ?? [])
        .map((c) => c.AlterTableCmd)
        .filter((c) => c !== undefined);
    return cmds.flatMap((cmd) => commandLocks(cmd, statement.relation, pgVersion)
        .filter((l) => l.relation !== undefined)
        .map((l) => ({ relation: (0,lock_modes/* relationName */.CJ)(l.relation), lock: l.lock })));
}

// EXTERNAL MODULE: ./core/migrations/relation-locks.ts
var relation_locks = __webpack_require__(1767);
;// CONCATENATED MODULE: ./core/migrations/locks.ts
/**
 * Which table-level lock each statement takes, and on which relations — one place for the lock
 * knowledge of PostgreSQL's "Explicit Locking" and ALTER TABLE pages (and tablecmds.c's
 * AlterTableGetLockLevel). Checked against pg_locks on a PostgreSQL 15 server; modes that changed
 * between releases take the pgVersion into account.
 */




function names(list) {
    const items = (list?.List?.items ?? list ?? []);
    if (!Array.isArray(items))
        return [];
    return items.map((item) => item.String?.sval ?? '');
}
function on(lock, relations) {
    return relations.map((relation) => ({ relation: (0,lock_modes/* relationName */.CJ)(relation), lock }));
}
/** Tables a CREATE TABLE references with FOREIGN KEY (inline or table constraint). */
function referencedTables(elements) {
    const tables = [];
    const visitConstraint = (c) => {
        const constraint = c.Constraint;
        if (constraint?.contype === 'CONSTR_FOREIGN' && constraint.pktable)
            tables.push(constraint.pktable);
    };
    for (const element of elements) {
        const column = element.ColumnDef;
        if (column)
            (column.constraints ?? []).forEach(visitConstraint);
        else
            visitConstraint(element);
    }
    return tables;
}
const RELATION_DROPS = new Set([
    'OBJECT_TABLE',
    'OBJECT_VIEW',
    'OBJECT_MATVIEW',
    'OBJECT_FOREIGN_TABLE',
    'OBJECT_SEQUENCE',
    'OBJECT_INDEX',
]);
/** DROP TRIGGER/POLICY/RULE name the table first, then the object. */
const TABLE_MEMBER_DROPS = new Set(['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);
const RELATION_RENAMES = new Set([
    'OBJECT_TABLE',
    'OBJECT_COLUMN',
    'OBJECT_TABCONSTRAINT',
    'OBJECT_VIEW',
    'OBJECT_MATVIEW',
    'OBJECT_FOREIGN_TABLE',
    'OBJECT_SEQUENCE',
    'OBJECT_TRIGGER',
    'OBJECT_POLICY',
    'OBJECT_RULE',
]);
const COMMENTABLE_RELATIONS = new Set([
    'OBJECT_TABLE',
    'OBJECT_VIEW',
    'OBJECT_MATVIEW',
    'OBJECT_FOREIGN_TABLE',
    'OBJECT_SEQUENCE',
    'OBJECT_INDEX',
]);
function hasOption(params, option) {
    if (!Array.isArray(params))
        return false;
    return params.some((p) => {
        const def = p.DefElem;
        if (def?.defname !== option)
            return false;
        return !isFalse(def.arg);
    });
}
/** `(FULL false)`, `(FULL off)`, `(FULL 0)`: an option explicitly switched off. */
function isFalse(arg) {
    if (arg === undefined)
        return false;
    const a = arg;
    if (a.String)
        return ['false', 'off', 'no', '0'].includes((a.String.sval ?? '').toLowerCase());
    if (a.Integer)
        return (a.Integer.ival ?? 0) === 0;
    if (a.Boolean)
        return a.Boolean.boolval !== true;
    return false;
}
/**
 * Every relation-level lock a statement takes, relation by relation. New relations the statement
 * creates are left out (nobody else can see them yet); database- and schema-wide statements
 * (REINDEX DATABASE, DROP SCHEMA) name no relation and return [].
 */
function relationLocks(statement, pgVersion = 15) {
    const n = statement.node;
    switch (statement.kind) {
        case 'AlterTableStmt':
            return alterTableLocks(n, pgVersion);
        case 'IndexStmt':
            return on(n.concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE', [n.relation]);
        case 'DropStmt': {
            const type = n.removeType;
            const objects = n.objects ?? [];
            if (RELATION_DROPS.has(type)) {
                const lock = type === 'OBJECT_INDEX' && n.concurrent ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE';
                return objects.flatMap((o) => {
                    const relation = (0,lock_modes/* relationFromNames */.be)(names(o));
                    return relation ? [{ relation, lock }] : [];
                });
            }
            if (TABLE_MEMBER_DROPS.has(type)) {
                return objects.flatMap((o) => {
                    const relation = (0,lock_modes/* relationFromNames */.be)(names(o).slice(0, -1));
                    return relation ? [{ relation, lock: 'ACCESS EXCLUSIVE' }] : [];
                });
            }
            return [];
        }
        case 'RenameStmt': {
            const type = n.renameType;
            if (type === 'OBJECT_INDEX') {
                // PostgreSQL 12 lowered ALTER INDEX … RENAME to SHARE UPDATE EXCLUSIVE.
                return on(pgVersion >= 12 ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE', [n.relation]);
            }
            return RELATION_RENAMES.has(type) && n.relation ? on('ACCESS EXCLUSIVE', [n.relation]) : [];
        }
        case 'AlterObjectSchemaStmt':
            return n.relation ? on('ACCESS EXCLUSIVE', [n.relation]) : [];
        case 'TruncateStmt':
            return on('ACCESS EXCLUSIVE', n.relations ?? []);
        case 'VacuumStmt': {
            const rels = (n.rels ?? []).map((r) => r.VacuumRelation?.relation);
            const full = n.is_vacuumcmd === true && hasOption(n.options, 'full');
            return on(full ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE', rels);
        }
        case 'ClusterStmt':
            return n.relation ? on('ACCESS EXCLUSIVE', [n.relation]) : [];
        case 'ReindexStmt': {
            if (!n.relation)
                return [];
            if (hasOption(n.params, 'concurrently'))
                return on('SHARE UPDATE EXCLUSIVE', [n.relation]);
            // REINDEX INDEX: ACCESS EXCLUSIVE on the index (reads that use it wait) and SHARE on its
            // table; REINDEX TABLE: SHARE on the table, ACCESS EXCLUSIVE on each of its indexes.
            return on(n.kind === 'REINDEX_OBJECT_INDEX' ? 'ACCESS EXCLUSIVE' : 'SHARE', [n.relation]);
        }
        case 'RefreshMatViewStmt':
            return on(n.concurrent ? 'EXCLUSIVE' : 'ACCESS EXCLUSIVE', [n.relation]);
        case 'CreateTrigStmt':
            return on('SHARE ROW EXCLUSIVE', [n.relation]);
        case 'CreatePolicyStmt':
        case 'AlterPolicyStmt':
            return on('ACCESS EXCLUSIVE', [n.table]);
        case 'RuleStmt':
            return on('ACCESS EXCLUSIVE', [n.relation]);
        case 'CreateStatsStmt':
            return on('SHARE UPDATE EXCLUSIVE', n.relations ?? []);
        case 'CommentStmt': {
            const type = n.objtype;
            const path = names(n.object);
            const target = COMMENTABLE_RELATIONS.has(type)
                ? path
                : type === 'OBJECT_COLUMN' || type === 'OBJECT_TABCONSTRAINT'
                    ? path.slice(0, -1)
                    : [];
            const relation = (0,lock_modes/* relationFromNames */.be)(target);
            return relation ? [{ relation, lock: 'SHARE UPDATE EXCLUSIVE' }] : [];
        }
        case 'LockStmt': {
            const lock = (0,lock_modes/* lockModeFromNumber */.KO)(n.mode) ?? 'ACCESS EXCLUSIVE';
            return on(lock, n.relations ?? []);
        }
        case 'CreateStmt': {
            const parents = n.inhRelations ?? [];
            // PARTITION OF locks the parent ACCESS EXCLUSIVE; INHERITS only SHARE UPDATE EXCLUSIVE.
            const parentLock = n.partbound ? 'ACCESS EXCLUSIVE' : 'SHARE UPDATE EXCLUSIVE';
            const referenced = referencedTables(n.tableElts ?? []);
            return [...on(parentLock, parents), ...on('SHARE ROW EXCLUSIVE', referenced)];
        }
        case 'InsertStmt':
        case 'UpdateStmt':
        case 'DeleteStmt':
        case 'MergeStmt':
            return n.relation ? on('ROW EXCLUSIVE', [n.relation]) : [];
        default:
            return [];
    }
}
/**
 * The strongest lock a statement takes and the relations it takes it on; null for statements
 * that lock no existing relation (CREATE FUNCTION, SET, GRANT, ALTER TYPE … ADD VALUE, …).
 */
function lockFor(statement, pgVersion = 15) {
    return strongest(relationLocks(statement, pgVersion));
}


/***/ }),

/***/ 3843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ parsedAheadAlone),
/* harmony export */   Jd: () => (/* binding */ parseAheadTogether),
/* harmony export */   LF: () => (/* binding */ parseMigrationInChunks),
/* harmony export */   bH: () => (/* binding */ splitFile),
/* harmony export */   qd: () => (/* reexport safe */ _sql_parser_js__WEBPACK_IMPORTED_MODULE_1__.qd),
/* harmony export */   vM: () => (/* reexport safe */ _sql_parser_js__WEBPACK_IMPORTED_MODULE_1__.vM)
/* harmony export */ });
/* unused harmony export parseMigration */
/* harmony import */ var _parse_ahead_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8667);
/* harmony import */ var _positions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7900);
/* harmony import */ var _split_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(556);
/* harmony import */ var _sql_parser_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8298);
/* harmony import */ var _statements_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2728);
/**
 * Turns a migration file into statements with exact positions, using PostgreSQL's own parser
 * (libpg-query). The file is cut at top-level statement boundaries and parsed a bounded chunk at a
 * time, so memory stays flat on huge files and one syntax error does not hide the rest of the file.
 * `DO` blocks run at migration time, so their SQL is lifted out (see do-block.ts); function and
 * procedure bodies run later, when called, and are left alone.
 */







// Big enough to amortise each call into WebAssembly, small enough that one parse tree stays small.
const CHUNK_STATEMENTS = 200;
const CHUNK_CHARS = 128 * 1024;
const HELPER_MIN_CHUNKS = 8;
function parseSegmentAlone(source, segment, out) {
    const sql = source.text.slice(segment.start, segment.end);
    const mark = out.length;
    try {
        (0,_statements_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHost */ .o6)(source, { sql, toFile: (i) => segment.start + i }, 0, out);
    }
    catch (error) {
        out.length = mark;
        const { message, cursor } = (0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .parserError */ .It)(error);
        const errorAt = segment.start + (cursor === undefined ? 0 : (0,_positions_js__WEBPACK_IMPORTED_MODULE_3__/* .codePointToChar */ .RN)(sql, cursor));
        const text = sql.replace(/;\s*$/, '');
        out.push((0,_statements_js__WEBPACK_IMPORTED_MODULE_2__/* .syntaxErrorStatement */ .FE)(source, text, segment.start, message, errorAt));
    }
}
function parseChunk(source, chunk, out, parsed) {
    const start = chunk[0].start;
    const mark = out.length;
    const host = { sql: source.text.slice(start, chunk[chunk.length - 1].end), toFile: (i) => start + i };
    try {
        if (parsed?.tree === undefined)
            (0,_statements_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHost */ .o6)(source, host, 0, out);
        else
            (0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .usePrepared */ .zp)(parsed.prepared, () => (0,_statements_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHost */ .o6)(source, host, 0, out, parsed.tree));
    }
    catch {
        // Statement by statement, so the error lands on its own statement and the others survive.
        out.length = mark;
        for (const segment of chunk)
            parseSegmentAlone(source, segment, out);
    }
}
function chunkSegments(segments) {
    const chunks = [];
    let chunk = [];
    let chunkChars = 0;
    for (const segment of segments) {
        chunk.push(segment);
        chunkChars += segment.end - segment.start;
        if (chunk.length >= CHUNK_STATEMENTS || chunkChars >= CHUNK_CHARS) {
            chunks.push(chunk);
            chunk = [];
            chunkChars = 0;
        }
    }
    if (chunk.length > 0)
        chunks.push(chunk);
    return chunks;
}
/** A file's chunks as the helper takes them: their text, and where their DO statements are. */
function jobInput(text, chunks, into = { chunks: [], doStatements: [] }) {
    for (const chunk of chunks) {
        const from = chunk[0].start;
        into.chunks.push(text.slice(from, chunk[chunk.length - 1].end));
        into.doStatements.push(chunk.filter((s) => s.firstWord === 'do').map((s) => [s.start - from, s.end - from]));
    }
    return into;
}
function splitFile(text) {
    const split = (0,_split_js__WEBPACK_IMPORTED_MODULE_4__/* .splitStatements */ .Xd)(text);
    return { lines: new _positions_js__WEBPACK_IMPORTED_MODULE_3__/* .LineIndex */ .rr(text), split, chunks: chunkSegments(split.segments) };
}
/** Whether a file has chunks enough to be parsed ahead on its own, as parseMigrationInChunks does. */
function parsedAheadAlone(file) {
    return file.chunks.length >= HELPER_MIN_CHUNKS;
}
/**
 * Hands the chunks of several small files, linted one after the other, to the running helper in one
 * job, so that it parses the next files while this thread lints the current one. A folder of small
 * migrations (the usual layout) then uses both cores too. Returns the job (to close once the files
 * are linted), or undefined when no helper is running (the files are parsed here, as before).
 */
function parseAheadTogether(files) {
    const thread = (0,_parse_ahead_js__WEBPACK_IMPORTED_MODULE_0__/* .runningParseAheadThread */ .YH)();
    if (!thread || files.length === 0)
        return undefined;
    const input = { chunks: [], doStatements: [] };
    const bases = files.map(({ text, split }) => {
        const base = input.chunks.length;
        jobInput(text, split.chunks, input);
        return base;
    });
    const job = thread.begin(input);
    if (job) {
        files.forEach(({ split }, i) => {
            split.ahead = { job, base: bases[i] };
        });
    }
    return job;
}
/**
 * Parses a migration file a chunk at a time, handing each chunk's statements (in file order,
 * `index` set) to `visit` and dropping them afterwards, so memory stays bounded however long the
 * file is. Never throws for any text (once the parser is loaded). `given`: the file already split
 * (splitFile), perhaps with its chunks in a job parsed ahead (parseAheadTogether).
 */
function parseMigrationInChunks(text, path, visit, onSplit, maxStatements = Number.POSITIVE_INFINITY, given) {
    if (!(0,_sql_parser_js__WEBPACK_IMPORTED_MODULE_1__/* .isParserLoaded */ .vM)())
        throw new Error('the SQL parser is not loaded: await loadParser() first');
    const { lines, split, chunks, ahead } = given ?? splitFile(text);
    const source = { text, path, lines };
    const { segments, comments, longestNameBytes } = split;
    onSplit?.({ longestNameBytes, comments, lines });
    if (segments.length > maxStatements)
        return { comments, lines, statements: 0, tooManyStatements: segments.length };
    // Handing chunks to the second thread pays off once there are a few to overlap with linting.
    const own = !ahead && chunks.length >= HELPER_MIN_CHUNKS ? (0,_parse_ahead_js__WEBPACK_IMPORTED_MODULE_0__/* .parseAheadThread */ .fb)()?.begin(jobInput(text, chunks)) : undefined;
    const base = ahead?.base ?? 0;
    let count = 0;
    try {
        chunks.forEach((chunk, index) => {
            const statements = [];
            parseChunk(source, chunk, statements, (own ?? ahead?.job)?.take(base + index));
            for (const statement of statements)
                statement.index = count++;
            visit(statements);
        });
    }
    finally {
        own?.close();
    }
    return { comments, lines, statements: count };
}
/** Parses a whole migration file into one list (for callers that need every statement at once). */
function parseMigration(text, path) {
    const statements = [];
    const { comments, lines } = parseMigrationInChunks(text, path, (chunk) => {
        for (const statement of chunk)
            statements.push(statement);
    });
    return { statements, comments, lines };
}


/***/ }),

/***/ 3895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DW: () => (/* binding */ columnType),
/* harmony export */   iK: () => (/* binding */ isBuiltin),
/* harmony export */   pY: () => (/* binding */ isSerial)
/* harmony export */ });
/**
 * Column types as the parser hands them over (`TypeName` nodes), normalised so rules can compare
 * them: `integer`, `int` and `int4` are one type; `character varying(20)` is `varchar` with typmod
 * 20; a schema-qualified name outside pg_catalog is a user type (enum, domain, composite).
 */
/** Spellings the parser keeps verbatim (a bare `int4` or `serial4`) mapped to one canonical name. */
const ALIASES = {
    serial4: 'serial',
    serial8: 'bigserial',
    serial2: 'smallserial',
    character: 'bpchar',
    decimal: 'numeric',
};
const DISPLAY = {
    int2: 'smallint',
    int4: 'integer',
    int8: 'bigint',
    float4: 'real',
    float8: 'double precision',
    bool: 'boolean',
    bpchar: 'char',
    // The one-byte internal type, only reachable as the quoted name "char".
    char: '"char"',
};
/** Types whose typmod is a bit mask of fields, not a number worth printing (`interval day`). */
const FIELD_TYPMOD = new Set(['interval']);
function stringValue(node) {
    const s = node?.String;
    return s?.sval;
}
function integerTypmods(typmods) {
    if (!Array.isArray(typmods))
        return [];
    const values = [];
    for (const mod of typmods) {
        const constant = mod.A_Const;
        if (!constant)
            continue;
        values.push(constant.ival?.ival ?? 0);
    }
    return values;
}
/** Normalises a `TypeName` node (the object inside `{ TypeName: … }` or a ColumnDef's `typeName`). */
function columnType(typeName) {
    if (!typeName || typeof typeName !== 'object')
        return undefined;
    const node = typeName;
    const names = [];
    for (const part of node.names ?? []) {
        const name = stringValue(part);
        if (name !== undefined)
            names.push(name);
    }
    if (names.length === 0)
        return undefined;
    const last = names[names.length - 1];
    const qualifier = names.length > 1 ? names[names.length - 2] : undefined;
    const builtin = qualifier === undefined || qualifier === 'pg_catalog';
    const name = builtin ? (ALIASES[last] ?? last) : last;
    const typmods = integerTypmods(node.typmods);
    const isArray = Array.isArray(node.arrayBounds) && node.arrayBounds.length > 0;
    const base = builtin ? (DISPLAY[name] ?? name) : `${qualifier}.${last}`;
    const mods = typmods.length > 0 && !FIELD_TYPMOD.has(name) ? `(${typmods.join(',')})` : '';
    const sql = `${base}${mods}${isArray ? '[]' : ''}`;
    return builtin ? { name, typmods, isArray, sql } : { name, schema: qualifier, typmods, isArray, sql };
}
const SERIALS = new Set(['serial', 'bigserial', 'smallserial']);
/** `serial`, `bigserial`, `smallserial` (and their `serialN` spellings): a sequence-backed default. */
function isSerial(type) {
    return type.schema === undefined && !type.isArray && SERIALS.has(type.name);
}
/** True for a built-in type (no schema other than pg_catalog), array or not, with this name. */
function isBuiltin(type, ...names) {
    return type.schema === undefined && names.includes(type.name);
}


/***/ }),

/***/ 7900:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RN: () => (/* binding */ codePointToChar),
/* harmony export */   rr: () => (/* binding */ LineIndex),
/* harmony export */   ve: () => (/* binding */ byteToCharMapper),
/* harmony export */   wI: () => (/* binding */ utf8Length)
/* harmony export */ });
/**
 * Offsets in three units meet here: the parser reports UTF-8 byte offsets (statement locations) and
 * code-point offsets (error cursors), JavaScript strings index UTF-16 code units, and people read
 * 1-based lines and columns. Columns are counted in UTF-16 code units, as SARIF and editors do.
 */
/** Maps character offsets of one text to 1-based line and column (binary search over line starts). */
class LineIndex {
    starts;
    constructor(text) {
        const starts = [0];
        let i = text.indexOf('\n');
        while (i !== -1) {
            starts.push(i + 1);
            i = text.indexOf('\n', i + 1);
        }
        this.starts = starts;
    }
    position(offset) {
        const starts = this.starts;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - starts[lo] + 1 };
    }
    /** Character offset where a 1-based line starts (clamped to the text). */
    lineStart(line) {
        const index = Math.min(Math.max(line, 1), this.starts.length) - 1;
        return this.starts[index];
    }
    get lineCount() {
        return this.starts.length;
    }
}
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** How often the byte-to-char walk leaves a mark to resume from (in characters). */
const MARK_EVERY = 512;
/**
 * Returns a function converting UTF-8 byte offsets of `text` to character offsets. Offsets are
 * mostly asked for in increasing order, so it walks forward from the last answer; an earlier offset
 * (a rule asking where a node inside the statement is) resumes from the nearest mark before it
 * rather than from the start: a chunk is up to 128 KiB, and restarting there for every node made
 * non-ASCII files quadratic.
 */
function byteToCharMapper(text) {
    if (ASCII_ONLY.test(text))
        return (byteOffset) => byteOffset;
    let bytes = 0;
    let chars = 0;
    // markBytes[i], markChars[i]: a position the walk passed, every MARK_EVERY characters or so.
    const markBytes = [0];
    const markChars = [0];
    return (byteOffset) => {
        // Marks lie behind the walk, so only an offset behind it needs one: the nearest at or before it.
        if (byteOffset < bytes) {
            let lo = 0;
            let hi = markBytes.length - 1;
            while (lo < hi) {
                const mid = (lo + hi + 1) >> 1;
                if (markBytes[mid] <= byteOffset)
                    lo = mid;
                else
                    hi = mid - 1;
            }
            bytes = markBytes[lo];
            chars = markChars[lo];
        }
        while (bytes < byteOffset && chars < text.length) {
            const code = text.charCodeAt(chars);
            if (code < 0x80) {
                bytes += 1;
                chars += 1;
            }
            else if (code < 0x800) {
                bytes += 2;
                chars += 1;
            }
            else if (code >= 0xd800 && code <= 0xdbff) {
                bytes += 4;
                chars += 2;
            }
            else {
                bytes += 3;
                chars += 1;
            }
            if (chars >= markChars[markChars.length - 1] + MARK_EVERY) {
                markBytes.push(bytes);
                markChars.push(chars);
            }
        }
        return chars;
    };
}
/** Converts a code-point offset (the parser's error cursor) into a character offset of `text`. */
function codePointToChar(text, codePoints) {
    let chars = 0;
    for (let seen = 0; seen < codePoints && chars < text.length; seen++) {
        const code = text.charCodeAt(chars);
        chars += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return chars;
}
/** Length of a string in UTF-8 bytes (identifier limits are in bytes). */
function utf8Length(text) {
    return Buffer.byteLength(text, 'utf8');
}


/***/ }),

/***/ 1767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ strongest)
/* harmony export */ });
/* harmony import */ var _lock_modes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6128);

function sameRelation(a, b) {
    return a.name === b.name && a.schema === b.schema;
}
/** The strongest mode among the locks, with every relation locked in that mode (no duplicates). */
function strongest(locks) {
    if (locks.length === 0)
        return null;
    const lock = locks.map((l) => l.lock).reduce(_lock_modes_js__WEBPACK_IMPORTED_MODULE_0__/* .strongerLock */ .wS);
    const relations = [];
    for (const l of locks) {
        if (l.lock === lock && !relations.some((r) => sameRelation(r, l.relation)))
            relations.push(l.relation);
    }
    return { lock, relations };
}


/***/ }),

/***/ 1555:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  V7: () => (/* binding */ allRules),
  BD: () => (/* binding */ ruleById),
  Zl: () => (/* binding */ ruleIds),
  UX: () => (/* binding */ ruleInfos)
});

// UNUSED EXPORTS: engineRules, shadowRules

// EXTERNAL MODULE: ./core/migrations/shadow-rules.ts
var shadow_rules = __webpack_require__(1680);
// EXTERNAL MODULE: ./core/migrations/ast.ts
var ast = __webpack_require__(3580);
// EXTERNAL MODULE: ./core/migrations/identifiers.ts
var identifiers = __webpack_require__(8692);
;// CONCATENATED MODULE: ./core/migrations/rules/locking-support.ts
/**
 * What the locking rules share: the user's own text for a sub-clause (so a fix repeats their
 * CHECK expression exactly), FOREIGN KEY clauses rebuilt from the tree, and constraint names.
 */


/** Index just past the parenthesised group opening at or after `from` (quotes respected). */
function balancedEnd(text, from) {
    const open = text.indexOf('(', from);
    if (open === -1)
        return undefined;
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const c = text[i];
        if (c === "'" || c === '"') {
            const close = text.indexOf(c, i + 1);
            if (close === -1)
                return undefined;
            i = close;
        }
        else if (c === '(')
            depth++;
        else if (c === ')' && --depth === 0)
            return i + 1;
    }
    return undefined;
}
/**
 * The user's text of `KEYWORD (…)` (e.g. `CHECK (price > 0)`) for a node at `location`, or
 * undefined when it cannot be found in the statement text.
 */
function clauseText(statement, location, keyword) {
    if (typeof location !== 'number' || !statement.textAt)
        return undefined;
    const at = statement.textAt(location);
    if (at === undefined)
        return undefined;
    const match = new RegExp(`\\b${keyword}\\b`, 'i').exec(statement.text.slice(at));
    if (!match)
        return undefined;
    const start = at + match.index;
    const end = balancedEnd(statement.text, start + keyword.length);
    return end === undefined ? undefined : statement.text.slice(start, end);
}
const FK_ACTIONS = { r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
/** `FOREIGN KEY (a) REFERENCES s.t (id) ON DELETE CASCADE`, rebuilt from a Constraint node. */
function foreignKeyClause(constraint, columns) {
    const own = columns ?? (0,ast/* stringList */.Yn)(constraint.fk_attrs);
    const pk = constraint.pktable;
    const target = (0,identifiers/* relationSql */.jK)(pk?.schemaname ? { schema: pk.schemaname, name: pk.relname ?? '' } : { name: pk?.relname ?? '' });
    const pkCols = (0,ast/* stringList */.Yn)(constraint.pk_attrs);
    let sql = `FOREIGN KEY (${own.map(identifiers/* quoteIdent */.v4).join(', ')}) REFERENCES ${target}`;
    if (pkCols.length > 0)
        sql += ` (${pkCols.map(identifiers/* quoteIdent */.v4).join(', ')})`;
    if (constraint.fk_matchtype === 'f')
        sql += ' MATCH FULL';
    const onDelete = FK_ACTIONS[String(constraint.fk_del_action)];
    const onUpdate = FK_ACTIONS[String(constraint.fk_upd_action)];
    if (onDelete)
        sql += ` ON DELETE ${onDelete}`;
    if (onUpdate)
        sql += ` ON UPDATE ${onUpdate}`;
    return sql;
}
/** The constraint's own name, or the one PostgreSQL would generate (`orders_customer_id_fkey`). */
function constraintName(table, constraint, columns, suffix) {
    if (typeof constraint.conname === 'string')
        return constraint.conname;
    return (0,identifiers/* derivedName */.Pr)(table.name, ...columns, suffix);
}
/** A comment line saying the fix has to leave the surrounding transaction. */
function outsideTransaction(inTransaction) {
    return inTransaction ? '-- run outside a transaction block (its own migration, no BEGIN):\n' : '';
}

// EXTERNAL MODULE: ./core/migrations/lock-modes.ts
var lock_modes = __webpack_require__(6128);
// EXTERNAL MODULE: ./core/migrations/declared-columns.ts
var declared_columns = __webpack_require__(5898);
;// CONCATENATED MODULE: ./core/migrations/rules/schema-change-support.ts
/**
 * What the schema-change rules share: finding the table an ALTER TABLE changes (and whether that
 * matters: tables created earlier in the file are new and empty), the columns a statement adds or
 * declares, and a RuleHit that states its lock and what the lock blocks.
 */




/** ALTER TABLE on an existing table (not a view, index, type or a table created in this file). */
function existingAlteredTable(statement, context) {
    if (statement.kind !== 'AlterTableStmt')
        return undefined;
    const objtype = statement.node.objtype ?? 'OBJECT_TABLE';
    if (objtype !== 'OBJECT_TABLE')
        return undefined;
    const table = (0,ast/* relationOf */.Ke)(statement.node.relation);
    if (!table || context.isNewRelation(table))
        return undefined;
    return table;
}
/** A finding whose `blocks` follow from its lock, so the two never disagree. */
function lockHit(lock, fields) {
    return { ...fields, lock, blocks: lock ? (0,lock_modes/* blockedBy */.yJ)(lock) : [] };
}
/** `ALTER TABLE t` for fixes. */
function alterTable(table) {
    return `ALTER TABLE ${(0,identifiers/* relationSql */.jK)(table)}`;
}
/** Batched backfill loop of UPDATEs by ctid, so no statement holds row locks on the whole table. */
function batchedUpdate(table, assignment, pending) {
    const t = (0,identifiers/* relationSql */.jK)(table);
    return (`-- backfill in batches, each in its own transaction; repeat until it updates 0 rows:\n` +
        `UPDATE ${t} SET ${assignment} WHERE ctid IN (SELECT ctid FROM ${t} WHERE ${pending} LIMIT 10000);`);
}
/** The safe way to make a column NOT NULL on a big table: a validated CHECK first (PG 12+). */
function notNullSteps(table, column, constraintName) {
    const t = alterTable(table);
    return (`${t} ADD CONSTRAINT ${constraintName} CHECK (${column} IS NOT NULL) NOT VALID;\n` +
        `${t} VALIDATE CONSTRAINT ${constraintName};\n` +
        `${t} ALTER COLUMN ${column} SET NOT NULL;\n` +
        `${t} DROP CONSTRAINT ${constraintName};`);
}

;// CONCATENATED MODULE: ./core/migrations/rules/add-check-without-not-valid.ts




/** A validated CHECK is checked against every row under ACCESS EXCLUSIVE. */
const addCheckWithoutNotValid = {
    id: 'add-check-without-not-valid',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'Adding a CHECK constraint without NOT VALID blocks reads and writes while every row is checked',
    description: 'ALTER TABLE … ADD CONSTRAINT … CHECK takes an ACCESS EXCLUSIVE lock and checks every existing row ' +
        'before releasing it: nothing can read or write the table meanwhile. Add it NOT VALID (instant; new ' +
        'and updated rows are checked from then on), then VALIDATE CONSTRAINT in a later transaction, which ' +
        'takes only SHARE UPDATE EXCLUSIVE and lets reads and writes continue.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const t = (0,identifiers/* relationSql */.jK)(table);
        const hits = [];
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype !== 'AT_AddConstraint')
                continue;
            const constraint = (0,ast/* constraintOf */.vY)(cmd.def);
            if (constraint?.contype !== 'CONSTR_CHECK' || constraint.skip_validation === true)
                continue;
            const name = constraintName(table, constraint, (0,ast/* notNullColumns */.wk)(constraint.raw_expr).slice(0, 1), 'check');
            const check = clauseText(statement, constraint.location, 'CHECK') ?? 'CHECK (…)';
            const noInherit = constraint.is_no_inherit === true ? ' NO INHERIT' : '';
            hits.push({
                message: `Adding CHECK constraint ${(0,identifiers/* quoteIdent */.v4)(name)} checks every row of ${t} under an ACCESS EXCLUSIVE lock: ` +
                    'reads and writes wait until the scan ends.',
                lock: 'ACCESS EXCLUSIVE',
                blocks: ['reads', 'writes'],
                rewrite: false,
                fix: `ALTER TABLE ${t} ADD CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(name)} ${check}${noInherit} NOT VALID;\n` +
                    '-- then, in a separate transaction (reads and writes continue):\n' +
                    `ALTER TABLE ${t} VALIDATE CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(name)};`,
            });
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/add-exclusion-constraint.ts



/** Exclusion constraints have no USING INDEX or NOT VALID form: the build happens under the lock. */
const addExclusionConstraint = {
    id: 'add-exclusion-constraint',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ADD EXCLUDE builds its index under an ACCESS EXCLUSIVE lock and has no non-blocking form',
    description: 'An exclusion constraint is enforced by an index that ALTER TABLE builds while holding ACCESS ' +
        'EXCLUSIVE: reads and writes wait for the whole build. Unlike UNIQUE there is no USING INDEX form and ' +
        'no NOT VALID, so there is no lock-free way to add one to a large, busy table: declare it when the ' +
        'table is created, or add it in a maintenance window with a lock_timeout so it gives up instead of ' +
        'queueing traffic behind it.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype !== 'AT_AddConstraint')
                continue;
            const constraint = (0,ast/* constraintOf */.vY)(cmd.def);
            if (constraint?.contype !== 'CONSTR_EXCLUSION')
                continue;
            const t = (0,identifiers/* relationSql */.jK)(table);
            const name = typeof constraint.conname === 'string' ? ` ${(0,identifiers/* quoteIdent */.v4)(constraint.conname)}` : '';
            hits.push({
                message: `Adding exclusion constraint${name} builds its index on ${t} under an ACCESS EXCLUSIVE lock: reads and ` +
                    'writes wait for the whole build, and PostgreSQL offers no concurrent or NOT VALID form.',
                lock: 'ACCESS EXCLUSIVE',
                blocks: ['reads', 'writes'],
                rewrite: false,
                fix: `-- no non-blocking form exists: run it in a low-traffic window, and give up rather than queue traffic:\n` +
                    `SET lock_timeout = '2s';\n${statement.text};`,
            });
        }
        return hits;
    },
};

// EXTERNAL MODULE: ./core/migrations/pg-types.ts
var pg_types = __webpack_require__(3895);
;// CONCATENATED MODULE: ./core/migrations/rules/add-foreign-key-without-not-valid.ts





/**
 * Adding a validated foreign key scans the whole table while holding SHARE ROW EXCLUSIVE on it and
 * on the referenced table: writes to both wait for the scan.
 */
const addForeignKeyWithoutNotValid = {
    id: 'add-foreign-key-without-not-valid',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'Adding a FOREIGN KEY without NOT VALID blocks writes on both tables while every row is checked',
    description: 'ALTER TABLE … ADD FOREIGN KEY (and ADD COLUMN … REFERENCES) takes a SHARE ROW EXCLUSIVE lock on the ' +
        'table and on the table it references, then checks every existing row: INSERT, UPDATE and DELETE on ' +
        'both tables wait until the scan ends. Add the constraint NOT VALID (instant: only new rows are ' +
        'checked), then VALIDATE CONSTRAINT in a later transaction: validation takes SHARE UPDATE EXCLUSIVE ' +
        'on the table and ROW SHARE on the referenced one, so writes continue.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const t = (0,identifiers/* relationSql */.jK)(table);
        const hits = [];
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype === 'AT_AddConstraint') {
                const constraint = (0,ast/* constraintOf */.vY)(cmd.def);
                if (constraint?.contype !== 'CONSTR_FOREIGN' || constraint.skip_validation === true)
                    continue;
                const clause = foreignKeyClause(constraint);
                const name = constraintName(table, constraint, foreignKeyColumns(constraint), 'fkey');
                hits.push(hit(t, (0,ast/* relationOf */.Ke)(constraint.pktable), name, clause, undefined));
            }
            else if (cmd.subtype === 'AT_AddColumn') {
                const column = (0,ast/* nodeOf */.E7)(cmd.def, 'ColumnDef');
                if (!column || typeof column.colname !== 'string')
                    continue;
                for (const c of (column.constraints ?? [])) {
                    const constraint = (0,ast/* constraintOf */.vY)(c);
                    if (constraint?.contype !== 'CONSTR_FOREIGN' || constraint.skip_validation === true)
                        continue;
                    const name = constraintName(table, constraint, [column.colname], 'fkey');
                    const clause = foreignKeyClause(constraint, [column.colname]);
                    hits.push(hit(t, (0,ast/* relationOf */.Ke)(constraint.pktable), name, clause, column));
                }
            }
        }
        return hits;
    },
};
function foreignKeyColumns(constraint) {
    return (constraint.fk_attrs ?? []).map((a) => a.String?.sval ?? '');
}
function hit(table, referenced, name, clause, column) {
    const other = referenced ? (0,identifiers/* relationSql */.jK)(referenced) : 'the referenced table';
    const addColumn = column
        ? `ALTER TABLE ${table} ADD COLUMN ${(0,identifiers/* quoteIdent */.v4)(String(column.colname))} ${columnTypeText(column)};\n`
        : '';
    return {
        message: `Adding foreign key ${(0,identifiers/* quoteIdent */.v4)(name)} validates every row of ${table} while holding SHARE ROW EXCLUSIVE ` +
            `on ${table} and ${other}: writes to both tables wait until the check ends.`,
        lock: 'SHARE ROW EXCLUSIVE',
        blocks: ['writes'],
        rewrite: false,
        fix: addColumn +
            `ALTER TABLE ${table} ADD CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(name)} ${clause} NOT VALID;\n` +
            `-- then, in a separate transaction (writes continue while it checks existing rows):\n` +
            `ALTER TABLE ${table} VALIDATE CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(name)};`,
    };
}
function columnTypeText(column) {
    return (0,pg_types/* columnType */.DW)(column.typeName)?.sql ?? '';
}

;// CONCATENATED MODULE: ./core/migrations/rules/add-primary-key-without-index.ts




/** ADD PRIMARY KEY builds its index (and may set NOT NULL) under ACCESS EXCLUSIVE. */
const addPrimaryKeyWithoutIndex = {
    id: 'add-primary-key-without-index',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ADD PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait',
    description: 'ALTER TABLE … ADD PRIMARY KEY builds a unique index inside the ALTER TABLE under ACCESS EXCLUSIVE, ' +
        'and sets NOT NULL on its columns, which scans the table too. Build the index with CREATE UNIQUE ' +
        'INDEX CONCURRENTLY, make sure the columns are NOT NULL cheaply (a validated CHECK (col IS NOT NULL) ' +
        'first, PostgreSQL 12+), then ADD CONSTRAINT … PRIMARY KEY USING INDEX.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype !== 'AT_AddConstraint')
                continue;
            const constraint = (0,ast/* constraintOf */.vY)(cmd.def);
            if (constraint?.contype !== 'CONSTR_PRIMARY' || constraint.indexname)
                continue;
            const t = (0,identifiers/* relationSql */.jK)(table);
            const columns = (0,ast/* stringList */.Yn)(constraint.keys);
            const cols = columns.map(identifiers/* quoteIdent */.v4).join(', ');
            const name = typeof constraint.conname === 'string' ? constraint.conname : (0,identifiers/* derivedName */.Pr)(table.name, 'pkey');
            const nullable = columns.filter((c) => !context.hasValidatedNotNullCheck(table, c));
            hits.push({
                message: `Adding PRIMARY KEY (${cols}) builds its unique index inside ALTER TABLE under an ACCESS EXCLUSIVE lock ` +
                    `on ${t}: reads and writes wait until the index is built and the columns are checked for NULLs.`,
                lock: 'ACCESS EXCLUSIVE',
                blocks: ['reads', 'writes'],
                rewrite: false,
                fix: outsideTransaction(context.inTransaction) +
                    `CREATE UNIQUE INDEX CONCURRENTLY ${(0,identifiers/* quoteIdent */.v4)(name)} ON ${t} (${cols});\n` +
                    (nullable.length > 0
                        ? `-- if ${nullable.map(identifiers/* quoteIdent */.v4).join(', ')} may be nullable, make them NOT NULL the cheap way first (see set-not-null)\n`
                        : '') +
                    `ALTER TABLE ${t} ADD CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(name)} PRIMARY KEY USING INDEX ${(0,identifiers/* quoteIdent */.v4)(name)};`,
            });
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/add-unique-constraint-without-index.ts




/** Adding UNIQUE builds its index inside ALTER TABLE, under ACCESS EXCLUSIVE. */
const addUniqueConstraintWithoutIndex = {
    id: 'add-unique-constraint-without-index',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ADD UNIQUE builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait',
    description: 'ALTER TABLE … ADD UNIQUE (and ADD COLUMN … UNIQUE) builds the unique index inside the ALTER TABLE, ' +
        'holding ACCESS EXCLUSIVE for the whole build. Build the index first with CREATE UNIQUE INDEX ' +
        'CONCURRENTLY (writes continue), then attach it with ADD CONSTRAINT … UNIQUE USING INDEX, which only ' +
        'needs the lock for an instant.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype === 'AT_AddConstraint') {
                const constraint = (0,ast/* constraintOf */.vY)(cmd.def);
                if (constraint?.contype !== 'CONSTR_UNIQUE' || constraint.indexname)
                    continue;
                hits.push(uniqueHit(table, (0,ast/* stringList */.Yn)(constraint.keys), constraint, context.inTransaction));
            }
            else if (cmd.subtype === 'AT_AddColumn') {
                const column = (0,ast/* nodeOf */.E7)(cmd.def, 'ColumnDef');
                for (const c of (column?.constraints ?? [])) {
                    const constraint = (0,ast/* constraintOf */.vY)(c);
                    if (constraint?.contype === 'CONSTR_UNIQUE') {
                        hits.push(uniqueHit(table, [String(column.colname)], constraint, context.inTransaction, true));
                    }
                }
            }
        }
        return hits;
    },
};
function uniqueHit(table, columns, constraint, inTransaction, inline = false) {
    const t = (0,identifiers/* relationSql */.jK)(table);
    const name = typeof constraint.conname === 'string' ? constraint.conname : (0,identifiers/* derivedName */.Pr)(table.name, ...columns, 'key');
    const cols = columns.map(identifiers/* quoteIdent */.v4).join(', ');
    const nullsNotDistinct = constraint.nulls_not_distinct === true ? ' NULLS NOT DISTINCT' : '';
    return {
        message: `Adding UNIQUE (${cols}) builds index ${(0,identifiers/* quoteIdent */.v4)(name)} inside ALTER TABLE under an ACCESS EXCLUSIVE lock ` +
            `on ${t}: reads and writes wait until the whole index is built.`,
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: false,
        fix: (inline ? `-- add the column without UNIQUE first, then:\n` : '') +
            outsideTransaction(inTransaction) +
            `CREATE UNIQUE INDEX CONCURRENTLY ${(0,identifiers/* quoteIdent */.v4)(name)} ON ${t} (${cols})${nullsNotDistinct};\n` +
            `ALTER TABLE ${t} ADD CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(name)} UNIQUE USING INDEX ${(0,identifiers/* quoteIdent */.v4)(name)};`,
    };
}

;// CONCATENATED MODULE: ./core/migrations/rules/alter-domain-add-constraint.ts



/** A validated domain constraint checks every column of that domain in every table. */
const alterDomainAddConstraint = {
    id: 'alter-domain-add-constraint',
    defaultSeverity: 'error',
    kinds: ['AlterDomainStmt'],
    summary: 'ALTER DOMAIN … ADD CONSTRAINT or SET NOT NULL checks every column using the domain while blocking writes',
    description: 'ALTER DOMAIN … ADD CONSTRAINT checks every value of the domain in every table that uses it, holding ' +
        'a SHARE lock on each of those tables: writes to all of them wait until every table is scanned. A ' +
        'CHECK can be added NOT VALID (only new values are checked) and validated later with ALTER DOMAIN … ' +
        'VALIDATE CONSTRAINT. A domain NOT NULL constraint (ADD CONSTRAINT … NOT NULL, or ALTER DOMAIN … SET NOT ' +
        'NULL) has no NOT VALID form.',
    check(statement, context) {
        if (statement.kind !== 'AlterDomainStmt')
            return [];
        // SET NOT NULL ('O') scans like ADD CONSTRAINT … NOT NULL.
        const setNotNull = statement.node.subtype === 'O';
        if (statement.node.subtype !== 'C' && !setNotNull)
            return [];
        const constraint = setNotNull ? { contype: 'CONSTR_NOTNULL' } : (0,ast/* constraintOf */.vY)(statement.node.def);
        if (!constraint || constraint.skip_validation === true)
            return [];
        const domain = (0,ast/* relationFromNames */.be)(statement.node.typeName);
        if (!domain || context.isNewRelation(domain))
            return [];
        const d = (0,identifiers/* relationSql */.jK)(domain);
        const isCheck = constraint.contype === 'CONSTR_CHECK';
        const name = typeof constraint.conname === 'string' ? constraint.conname : `${domain.name}_check`;
        const check = clauseText(statement, constraint.location, 'CHECK');
        const fix = isCheck && check
            ? `ALTER DOMAIN ${d} ADD CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(name)} ${check} NOT VALID;\n` +
                '-- then, in a separate transaction:\n' +
                `ALTER DOMAIN ${d} VALIDATE CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(name)};`
            : `-- a domain ${isCheck ? 'CHECK' : 'NOT NULL'} cannot be added without scanning: add a NOT VALID CHECK (VALUE IS NOT NULL) instead, then VALIDATE it separately\n` +
                `ALTER DOMAIN ${d} ADD CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(`${domain.name}_not_null`)} CHECK (VALUE IS NOT NULL) NOT VALID;\n` +
                `ALTER DOMAIN ${d} VALIDATE CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(`${domain.name}_not_null`)};`;
        return [
            {
                message: `ALTER DOMAIN ${d} ${setNotNull ? 'SET NOT NULL' : 'ADD CONSTRAINT'} checks every column of type ${d} in every table, holding a SHARE lock ` +
                    'on each: writes to all of those tables wait until the check ends.',
                lock: 'SHARE',
                blocks: ['writes'],
                rewrite: false,
                fix,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/alter-enum-add-value-in-transaction.ts


/**
 * Before PostgreSQL 12, ALTER TYPE … ADD VALUE cannot run in a transaction block at all; since 12 it
 * can, but the new value cannot be used until the transaction commits.
 */
const alterEnumAddValueInTransaction = {
    id: 'alter-enum-add-value-in-transaction',
    defaultSeverity: 'error',
    summary: 'ALTER TYPE … ADD VALUE in a transaction (fails before PG 12; the value is unusable until COMMIT since)',
    description: 'Before PostgreSQL 12, ALTER TYPE … ADD VALUE fails inside a transaction block (and in files a ' +
        'migration tool wraps in one). From 12 on it is allowed, but using the new value in the same ' +
        'transaction fails with "unsafe use of new value". Add the value in its own migration (or COMMIT ' +
        'first), and use it afterwards.',
    check(statement, context) {
        if (statement.kind === 'AlterEnumStmt') {
            const type = (0,ast/* relationFromNames */.be)(statement.node.typeName);
            const value = statement.node.newVal;
            if (!type || typeof value !== 'string' || statement.node.oldVal !== undefined)
                return [];
            if (!context.inTransaction || context.pgVersion >= 12 || context.isNewRelation(type))
                return [];
            return [
                {
                    message: `PostgreSQL ${context.pgVersion} cannot run ALTER TYPE ${(0,identifiers/* relationSql */.jK)(type)} ADD VALUE inside a transaction block: the migration fails.`,
                    lock: null,
                    blocks: [],
                    rewrite: false,
                    fix: `-- in a migration of its own that runs outside any transaction block:\n${statement.text};`,
                },
            ];
        }
        if (context.pgVersion < 12 || context.enumValuesAddedInTransaction.size === 0)
            return [];
        const constants = new Set((0,ast/* stringConstants */.bH)(statement.node));
        const hits = [];
        for (const [type, values] of context.enumValuesAddedInTransaction) {
            for (const value of values) {
                if (!constants.has(value))
                    continue;
                hits.push({
                    message: `This uses ${(0,identifiers/* quoteLiteral */.ce)(value)}, added to enum ${(0,identifiers/* relationSql */.jK)({ name: type })} earlier in the same transaction: ` +
                        'PostgreSQL rejects it ("unsafe use of new value") until the ADD VALUE commits.',
                    lock: null,
                    blocks: [],
                    rewrite: false,
                    fix: `COMMIT; -- commit ALTER TYPE … ADD VALUE ${(0,identifiers/* quoteLiteral */.ce)(value)} first\n${statement.text};`,
                });
            }
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/concurrently-in-transaction.ts

/**
 * The CONCURRENTLY forms besides CREATE INDEX (which has its own, older id,
 * create-index-concurrently-in-transaction): each commits transactions of its own, so PostgreSQL
 * calls PreventInTransactionBlock and the statement fails inside one.
 */
function concurrentForm(statement) {
    const node = statement.node;
    if (statement.kind === 'DropStmt' && node.removeType === 'OBJECT_INDEX' && node.concurrent === true)
        return 'DROP INDEX CONCURRENTLY';
    if (statement.kind === 'ReindexStmt' && (0,ast/* hasOption */.Kz)(node.params, 'concurrently'))
        return 'REINDEX CONCURRENTLY';
    if (statement.kind === 'AlterTableStmt' &&
        (0,ast/* alterCommands */.$f)(node).some((cmd) => cmd.subtype === 'AT_DetachPartition' && cmd.def?.PartitionCmd?.concurrent === true)) {
        return 'ALTER TABLE … DETACH PARTITION … CONCURRENTLY';
    }
    return undefined;
}
function where(context) {
    if (context.inDoBlock)
        return 'inside a DO block';
    if (context.transactionDepth > 0)
        return 'inside BEGIN … COMMIT';
    return 'inside the transaction the migration tool wraps around this file';
}
const concurrentlyInTransaction = {
    id: 'concurrently-in-transaction',
    defaultSeverity: 'error',
    kinds: ['DropStmt', 'ReindexStmt', 'AlterTableStmt'],
    summary: 'DROP INDEX, REINDEX or DETACH PARTITION … CONCURRENTLY inside a transaction block fails',
    description: 'The non-blocking forms of these statements commit several transactions of their own, so PostgreSQL ' +
        'rejects them inside BEGIN … COMMIT, inside a DO block, and in files a migration tool wraps in a ' +
        'transaction (ERROR: DROP INDEX CONCURRENTLY cannot run inside a transaction block; likewise REINDEX ' +
        'CONCURRENTLY and ALTER TABLE … DETACH CONCURRENTLY). The migration fails at that statement. Put it in ' +
        'a migration of its own that runs outside a transaction (Flyway: executeInTransaction=false; ' +
        'golang-migrate: one statement per file; Rails: disable_ddl_transaction!). CREATE INDEX CONCURRENTLY ' +
        'is reported as create-index-concurrently-in-transaction.',
    check(statement, context) {
        if (!context.inTransaction)
            return [];
        const form = concurrentForm(statement);
        if (!form)
            return [];
        return [
            {
                message: `${form} runs ${where(context)}: PostgreSQL refuses it there ("cannot run inside a transaction ` +
                    'block") and the migration fails.',
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `-- in a migration of its own that runs outside any transaction block:\n${statement.text};`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/create-index-concurrently-in-transaction.ts


/** PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction block: the migration fails. */
const createIndexConcurrentlyInTransaction = {
    id: 'create-index-concurrently-in-transaction',
    defaultSeverity: 'error',
    kinds: ['IndexStmt'],
    summary: 'CREATE INDEX CONCURRENTLY inside a transaction block fails',
    description: 'A concurrent index build commits several transactions of its own, so PostgreSQL rejects it inside ' +
        'BEGIN … COMMIT, inside a DO block, and in files that a migration tool wraps in a transaction ' +
        '(ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction block). Put it in its own ' +
        'migration that runs without a transaction (Flyway: executeInTransaction=false; golang-migrate: ' +
        'one statement per file; Rails: disable_ddl_transaction!).',
    check(statement, context) {
        if (statement.kind !== 'IndexStmt' || statement.node.concurrent !== true || !context.inTransaction)
            return [];
        const table = (0,ast/* relationOf */.Ke)(statement.node.relation);
        const where = context.inDoBlock ? 'inside a DO block' : context.transactionDepth > 0 ? 'inside BEGIN … COMMIT' : 'inside the transaction the migration tool wraps around this file';
        return [
            {
                message: `CREATE INDEX CONCURRENTLY${table ? ` on ${(0,identifiers/* relationSql */.jK)(table)}` : ''} runs ${where}: PostgreSQL ` +
                    'refuses it there ("cannot run inside a transaction block") and the migration fails.',
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `-- in a migration of its own that runs outside any transaction block:\n${statement.text};`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/drop-index-non-concurrent.ts



/** DROP INDEX takes ACCESS EXCLUSIVE on the index's table: reads and writes wait. */
const dropIndexNonConcurrent = {
    id: 'drop-index-non-concurrent',
    defaultSeverity: 'error',
    kinds: ['DropStmt'],
    summary: 'DROP INDEX without CONCURRENTLY blocks reads and writes on the table',
    description: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the table the index belongs to. The drop itself is ' +
        'quick, but it has to wait for every running query on the table, and every new query queues behind ' +
        'it: a long-running SELECT turns into an outage. DROP INDEX CONCURRENTLY waits for those queries ' +
        'without blocking new ones. It drops one index per statement, cannot use CASCADE and cannot run ' +
        'inside a transaction block.',
    check(statement, context) {
        const node = statement.node;
        if (statement.kind !== 'DropStmt' || node.removeType !== 'OBJECT_INDEX' || node.concurrent === true)
            return [];
        const indexes = (node.objects ?? [])
            .map((o) => (0,ast/* relationFromNames */.be)(o.List?.items))
            .filter((r) => r !== undefined && !context.isNewRelation(r));
        if (indexes.length === 0)
            return [];
        const ifExists = node.missing_ok === true ? 'IF EXISTS ' : '';
        const drops = indexes.map((index) => `DROP INDEX CONCURRENTLY ${ifExists}${(0,identifiers/* relationSql */.jK)(index)};`).join('\n');
        const cascade = node.behavior === 'DROP_CASCADE' ? '-- CONCURRENTLY does not allow CASCADE: drop dependent objects first\n' : '';
        return [
            {
                message: `DROP INDEX ${indexes.map(identifiers/* relationSql */.jK).join(', ')} takes an ACCESS EXCLUSIVE lock on the table: ` +
                    'it waits for running queries and blocks all new reads and writes meanwhile.',
                lock: 'ACCESS EXCLUSIVE',
                blocks: ['reads', 'writes'],
                rewrite: false,
                fix: `${outsideTransaction(context.inTransaction)}${cascade}${drops}`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/output-columns.ts
/**
 * The column names PostgreSQL gives a query's output (FigureColname in its parser): an alias, else
 * the column's or function's name, else the cast's type, else `?column?`. A view or CREATE TABLE AS
 * whose output has one name twice is rejected ("column … specified more than once"). Names that
 * need more of the parser's rules (a star, a subquery, CASE) are left unknown rather than guessed.
 */

const ANONYMOUS = new Set(['A_Const', 'A_Expr', 'BoolExpr', 'NullTest', 'BooleanTest', 'ParamRef']);
function figure(node) {
    const ref = (0,ast/* nodeOf */.E7)(node, 'ColumnRef');
    if (ref) {
        const fields = (ref.fields ?? []);
        const last = fields[fields.length - 1];
        const name = last?.String?.sval;
        return name === undefined ? undefined : { name, strength: 2 };
    }
    const call = (0,ast/* nodeOf */.E7)(node, 'FuncCall');
    if (call) {
        const names = (0,ast/* stringList */.Yn)(call.funcname);
        return names.length > 0 ? { name: names[names.length - 1], strength: 2 } : undefined;
    }
    const cast = (0,ast/* nodeOf */.E7)(node, 'TypeCast');
    if (cast) {
        const inner = figure(cast.arg);
        if (inner && inner.strength > 1)
            return inner;
        const names = (0,ast/* stringList */.Yn)(cast.typeName?.names);
        return names.length > 0 ? { name: names[names.length - 1], strength: 1 } : undefined;
    }
    const kind = node && typeof node === 'object' ? Object.keys(node)[0] : undefined;
    return kind !== undefined && ANONYMOUS.has(kind) ? { name: '?column?', strength: 0 } : undefined;
}
/**
 * The output column names of a SELECT, aliases (a view's column list) first; undefined entries are
 * names this module does not work out. Undefined when the query is not a plain SELECT list.
 */
function outputColumnNames(query, aliases = []) {
    const select = (0,ast/* nodeOf */.E7)(query, 'SelectStmt');
    if (!select || (select.op !== undefined && select.op !== 'SETOP_NONE') || !Array.isArray(select.targetList))
        return undefined;
    return select.targetList.map((target, i) => {
        if (i < aliases.length)
            return aliases[i];
        const res = (0,ast/* nodeOf */.E7)(target, 'ResTarget');
        if (typeof res?.name === 'string')
            return res.name;
        if ((0,ast/* nodeOf */.E7)(res?.val, 'ColumnRef') && JSON.stringify(res?.val).includes('A_Star'))
            return undefined;
        return figure(res?.val)?.name;
    });
}
/** The names that occur more than once, each once, in order of their second occurrence. */
function duplicates(names) {
    const seen = new Set();
    const twice = new Set();
    for (const name of names) {
        if (name === undefined)
            continue;
        if (seen.has(name))
            twice.add(name);
        seen.add(name);
    }
    return [...twice];
}

;// CONCATENATED MODULE: ./core/migrations/rules/duplicate-column.ts



function rejected(message, fix) {
    return { message, lock: null, blocks: [], rewrite: false, fix };
}
/** Views, CREATE TABLE AS and UPDATE … SET: the other places PostgreSQL rejects a name given twice. */
function otherDuplicates(statement) {
    const node = statement.node;
    if (statement.kind === 'UpdateStmt') {
        // SET a[1] = …, a[2] = … and SET a.x = …, a.y = … assign parts of one column: allowed.
        const names = (node.targetList ?? [])
            .map((target) => (0,ast/* nodeOf */.E7)(target, 'ResTarget'))
            .map((res) => (res && !res.indirection && typeof res.name === 'string' ? res.name : undefined));
        const table = (0,ast/* relationOf */.Ke)(node.relation);
        return duplicates(names).map((name) => rejected(`UPDATE ${table ? (0,identifiers/* relationSql */.jK)(table) : ''} assigns column ${(0,identifiers/* quoteIdent */.v4)(name)} more than once: PostgreSQL rejects the statement ("multiple assignments to same column").`, `-- keep one assignment of ${(0,identifiers/* quoteIdent */.v4)(name)} in the SET list`));
    }
    const isView = statement.kind === 'ViewStmt';
    const into = isView ? undefined : node.into;
    const relation = (0,ast/* relationOf */.Ke)(isView ? node.view : into?.rel);
    const aliases = (0,ast/* stringList */.Yn)(isView ? node.aliases : into?.colNames);
    const names = outputColumnNames(node.query, aliases) ?? aliases;
    const what = isView ? 'view' : node.objtype === 'OBJECT_MATVIEW' ? 'materialized view' : 'table';
    return duplicates(names).map((name) => rejected(`The ${what} ${relation ? (0,identifiers/* relationSql */.jK)(relation) : ''} would have two columns named ${(0,identifiers/* quoteIdent */.v4)(name)}: PostgreSQL rejects the statement ("column specified more than once").`, `-- give each output column its own name, e.g. SELECT … AS ${(0,identifiers/* quoteIdent */.v4)(`${name === '?column?' ? 'col' : name}_2`)}`));
}
/** The same column declared twice: PostgreSQL rejects the statement and the migration fails. */
const duplicateColumn = {
    id: 'duplicate-column',
    defaultSeverity: 'error',
    kinds: ['CreateStmt', 'AlterTableStmt', 'CreateForeignTableStmt', 'ViewStmt', 'CreateTableAsStmt', 'UpdateStmt'],
    summary: 'A column name given twice where PostgreSQL rejects it (tables, foreign tables, views, UPDATE … SET)',
    description: 'CREATE TABLE with the same column name twice fails ("column specified more than once"), and ADD ' +
        'COLUMN of a column the table already has fails ("already exists"). Usually a copy-paste slip or two ' +
        'migrations merged into one. Remove the duplicate, or use ADD COLUMN IF NOT EXISTS when the migration ' +
        'must be re-runnable. The same goes for a foreign table, the output columns of a view, materialized view or ' +
        'CREATE TABLE AS (`SELECT a, t.a` or two unnamed expressions, both `?column?`), and `UPDATE … SET a = 1, a = 2`.',
    check(statement, context) {
        if (statement.kind === 'ViewStmt' || statement.kind === 'CreateTableAsStmt' || statement.kind === 'UpdateStmt') {
            return otherDuplicates(statement);
        }
        const node = statement.kind === 'CreateForeignTableStmt' ? (statement.node.base ?? {}) : statement.node;
        const table = (0,ast/* relationOf */.Ke)(node.relation);
        if (!table)
            return [];
        const hits = [];
        const t = () => (0,identifiers/* relationSql */.jK)(table);
        if (statement.kind === 'CreateStmt' || statement.kind === 'CreateForeignTableStmt') {
            const seen = new Set();
            for (const element of (node.tableElts ?? [])) {
                const name = (0,ast/* nodeOf */.E7)(element, 'ColumnDef')?.colname;
                if (typeof name !== 'string')
                    continue;
                if (seen.has(name)) {
                    hits.push({
                        message: `Column ${(0,identifiers/* quoteIdent */.v4)(name)} is declared more than once in CREATE ${statement.kind === 'CreateStmt' ? '' : 'FOREIGN '}TABLE ${t()}: PostgreSQL rejects the statement.`,
                        lock: null,
                        blocks: [],
                        rewrite: false,
                        fix: `-- keep one definition of ${(0,identifiers/* quoteIdent */.v4)(name)} in CREATE TABLE ${t()}`,
                    });
                }
                seen.add(name);
            }
            return hits;
        }
        if (statement.kind !== 'AlterTableStmt')
            return [];
        const added = new Set();
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype !== 'AT_AddColumn')
                continue;
            const name = (0,ast/* nodeOf */.E7)(cmd.def, 'ColumnDef')?.colname;
            if (typeof name !== 'string')
                continue;
            const twice = added.has(name);
            added.add(name);
            if (cmd.missingOk || !(twice || context.hasColumnFromFile(table, name)))
                continue;
            hits.push({
                message: `Column ${(0,identifiers/* quoteIdent */.v4)(name)} already exists on ${t()} (${twice ? 'added twice in this statement' : 'created earlier in this file'}): ADD COLUMN fails.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `-- drop the second ADD COLUMN ${(0,identifiers/* quoteIdent */.v4)(name)}, or make it re-runnable:\nALTER TABLE ${t()} ADD COLUMN IF NOT EXISTS ${(0,identifiers/* quoteIdent */.v4)(name)} …;`,
            });
        }
        return hits;
    },
};

// EXTERNAL MODULE: ./core/migrations/statements.ts + 2 modules
var statements = __webpack_require__(2728);
;// CONCATENATED MODULE: ./core/migrations/rules/dynamic-sql.ts

const SHADOW_HINT = '-- the gate cannot see this SQL: run the shadow run (faultline migrations lint --database-url …, or the ' +
    "action's database-url input), which observes the locks it takes on a real server; or write the statements out";
function dynamic_sql_hit(message) {
    return { message, lock: null, blocks: [], rewrite: false, fix: SHADOW_HINT };
}
/**
 * SQL executed at migration time whose text the linter cannot know: every rule is blind to it, so
 * a gate that said nothing would pass something it never checked.
 */
const dynamicSql = {
    id: 'dynamic-sql',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    kinds: [statements/* DYNAMIC_SQL_KIND */.Ss, 'DoStmt'],
    summary: 'SQL built at run time (EXECUTE of a variable, a DO block in another language): not checked',
    description: 'Inside DO blocks the gate follows nested DO blocks, CALL, and EXECUTE of text the migration fixes: ' +
        'literals, `||`, format() with %s/%I/%L, quote_ident/quote_literal, CONSTANT variables and loops ' +
        '(FOREACH … IN ARRAY, FOR … IN SELECT unnest(…), FOR i IN 1..n) over literal values. When the text ' +
        'still depends on something known only at run time (a query result, a parameter), or the DO block is ' +
        `in a language other than PL/pgSQL or nested more than ${statements/* MAX_DO_DEPTH */.tg} deep, no rule can check the SQL ` +
        'it runs. This finding names the statement so that a reviewer looks at it, and suggests the shadow run, ' +
        'which observes the locks on a real server. A warning by default, an error under `profile: strict`.',
    check(statement) {
        if (statement.kind === statements/* DYNAMIC_SQL_KIND */.Ss) {
            const node = statement.node;
            return [dynamic_sql_hit(`EXECUTE ${node.expression}: the SQL is ${node.reason}, so no rule checked what it does (locks, rewrites, scans).`)];
        }
        // A DoStmt left as it is: not PL/pgSQL, or nested too deep to follow.
        if (statement.kind !== 'DoStmt')
            return [];
        const args = (statement.node.args ?? []).map((a) => a.DefElem);
        const language = args.find((a) => a?.defname === 'language')?.arg?.String?.sval ?? 'plpgsql';
        return [
            dynamic_sql_hit(language.toLowerCase() === 'plpgsql'
                ? `This DO block is nested more than ${statements/* MAX_DO_DEPTH */.tg} levels deep; the gate did not follow it, so no rule checked what it does.`
                : `This DO block is written in ${language}, which the gate cannot analyse; no rule checked what it does.`),
        ];
    },
};

// EXTERNAL MODULE: ./core/migrations/positions.ts
var positions = __webpack_require__(7900);
// EXTERNAL MODULE: ./core/migrations/split.ts
var split = __webpack_require__(556);
;// CONCATENATED MODULE: ./core/migrations/rules/identifier-too-long.ts




const MAX_BYTES = 63;
// A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4), so a name over 63
// bytes has at least 22 code units: shorter tokens cannot be too long and are not even looked at.
const MIN_UNITS_OVER_LIMIT = Math.ceil((MAX_BYTES + 1) / 3);
/** `name` cut to 63 bytes at a character boundary, as PostgreSQL stores it. */
function truncateIdentifier(name) {
    let out = '';
    let bytes = 0;
    for (const ch of name) {
        const size = (0,positions/* utf8Length */.wI)(ch);
        if (bytes + size > MAX_BYTES)
            break;
        out += ch;
        bytes += size;
    }
    return out;
}
/** PostgreSQL silently truncates identifiers longer than 63 bytes; code using the full name breaks. */
const identifierTooLong = {
    id: 'identifier-too-long',
    defaultSeverity: 'error',
    summary: 'An identifier longer than 63 bytes (PostgreSQL silently truncates it)',
    description: 'PostgreSQL keeps only the first 63 bytes of an identifier (NAMEDATALEN - 1) and only says so in a ' +
        'NOTICE. Two long names that share their first 63 bytes collide, and application code, ORMs and later ' +
        'migrations that use the full name no longer find the object. Bytes, not characters: ü or é take two ' +
        'bytes, so a 40-character name can already be too long. Enum labels have the same limit and fail outright.',
    check(statement, context) {
        if (statement.kind === 'SyntaxError')
            return [];
        const seen = new Set();
        const hits = [];
        // The splitter bounded the names of the file's own text; SQL run by DO blocks is not part of it.
        const mayBeTooLong = statement.fromDoBlock || context.longestNameBytes > MAX_BYTES;
        const tokens = mayBeTooLong ? (0,split/* identifierTokens */.m6)(statement.text, MIN_UNITS_OVER_LIMIT) : [];
        for (const token of tokens) {
            const bytes = (0,positions/* utf8Length */.wI)(token.name);
            if (bytes <= MAX_BYTES || seen.has(token.name))
                continue;
            seen.add(token.name);
            const before = statement.text.slice(0, token.offset);
            const newlines = before.split('\n').length - 1;
            const column = newlines === 0 ? statement.column + token.offset : token.offset - before.lastIndexOf('\n');
            hits.push({
                message: `The identifier ${(0,identifiers/* quoteIdent */.v4)(token.name)} is ${bytes} bytes; PostgreSQL keeps only 63 and names the object ${(0,identifiers/* quoteIdent */.v4)(truncateIdentifier(token.name))}.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `-- choose a name of at most 63 bytes, e.g.\n${(0,identifiers/* quoteIdent */.v4)(shorten(token.name))}`,
                line: statement.line + newlines,
                column,
            });
        }
        const labels = [];
        if (statement.kind === 'CreateEnumStmt')
            labels.push(...(0,ast/* stringList */.Yn)(statement.node.vals));
        if (statement.kind === 'AlterEnumStmt' && typeof statement.node.newVal === 'string')
            labels.push(statement.node.newVal);
        for (const label of labels) {
            const bytes = (0,positions/* utf8Length */.wI)(label);
            if (bytes <= MAX_BYTES)
                continue;
            hits.push({
                message: `The enum label '${label}' is ${bytes} bytes; PostgreSQL rejects labels over 63 bytes and the migration fails.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `-- use a label of at most 63 bytes, e.g. '${truncateIdentifier(label)}'`,
            });
        }
        return hits;
    },
};
/** A readable short form: drop vowels inside words first, then cut. */
function shorten(name) {
    const squeezed = name.replace(/([a-z])[aeiou]+(?=[a-z])/g, '$1');
    return truncateIdentifier(squeezed);
}

// EXTERNAL MODULE: ./core/migrations/locks.ts + 1 modules
var migrations_locks = __webpack_require__(6546);
// EXTERNAL MODULE: ./core/migrations/relation-locks.ts
var relation_locks = __webpack_require__(1767);
;// CONCATENATED MODULE: ./core/migrations/rules/missing-lock-timeout.ts



/**
 * A statement that needs a blocking lock waits in the lock queue behind any long transaction, and
 * everything arriving after it queues behind it: without lock_timeout a one-millisecond ALTER can
 * stall all traffic on the table for as long as that other transaction runs.
 */
const missingLockTimeout = {
    id: 'missing-lock-timeout',
    defaultSeverity: 'warning',
    summary: 'A statement takes a lock that blocks reads or writes with no lock_timeout in force',
    description: 'Lock requests queue in order. A statement waiting for ACCESS EXCLUSIVE (or SHARE, …) behind one ' +
        'long-running query makes every later query on that table wait behind it, even plain SELECTs: a ' +
        'fast ALTER becomes an outage. Set lock_timeout (for example SET lock_timeout = \'5s\', or SET LOCAL ' +
        'inside a transaction) so the migration gives up and can be retried instead of stalling traffic. ' +
        'ALTER ROLE … SET lock_timeout and ALTER DATABASE … SET lock_timeout change only sessions that start ' +
        'later, not the one running the migration, so they do not count.',
    check(statement, context) {
        if (context.lockTimeoutMs !== undefined)
            return [];
        const locks = (0,migrations_locks/* relationLocks */.Bh)(statement, context.pgVersion).filter((l) => !context.isNewRelation(l.relation) && (0,migrations_locks/* blockedBy */.yJ)(l.lock).length > 0);
        const top = (0,relation_locks/* strongest */.y)(locks);
        if (!top)
            return [];
        const names = top.relations.map(identifiers/* relationSql */.jK).join(', ');
        const blocks = (0,migrations_locks/* blockedBy */.yJ)(top.lock);
        const set = context.inTransaction ? 'SET LOCAL' : 'SET';
        return [
            {
                message: `This statement waits for ${/^[AEIOU]/.test(top.lock) ? 'an' : 'a'} ${top.lock} lock on ${names} with no lock_timeout: while it waits behind ` +
                    `any running query, new ${blocks.join(' and ')} on ${names} queue behind it.`,
                lock: top.lock,
                blocks,
                rewrite: false,
                fix: `${set} lock_timeout = '5s'; -- give up (and retry) rather than queue traffic behind the lock\n${statement.text};`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/sql-rewrite.ts
/**
 * Textual edits of a user's statement for fixes (the parser has no deparser here): the suggestion
 * keeps the user's own formatting, names and options, changed only where the fix needs it.
 */
/**
 * Inserts CONCURRENTLY after the keyword `INDEX` (CREATE [UNIQUE] INDEX, DROP INDEX, REINDEX INDEX /
 * TABLE …); `keyword` is the word after which it goes.
 */
function withConcurrently(sql, keyword) {
    const pattern = new RegExp(`^(\\s*(?:CREATE\\s+(?:UNIQUE\\s+)?|DROP\\s+|REINDEX\\s+(?:\\([^)]*\\)\\s*)?)${keyword})\\b`, 'i');
    if (!pattern.test(sql))
        return sql;
    return sql.replace(pattern, '$1 CONCURRENTLY');
}
/** Appends ` NOT VALID` to an ADD CONSTRAINT statement (before the final semicolon). */
function withNotValid(sql) {
    return `${sql.replace(/;\s*$/, '')} NOT VALID`;
}

;// CONCATENATED MODULE: ./core/migrations/rules/non-concurrent-index.ts



/** CREATE INDEX without CONCURRENTLY holds SHARE on the table for the whole build. */
const nonConcurrentIndex = {
    id: 'non-concurrent-index',
    defaultSeverity: 'error',
    kinds: ['IndexStmt'],
    summary: 'CREATE INDEX without CONCURRENTLY on an existing table blocks writes while the index builds',
    description: 'CREATE INDEX takes a SHARE lock on the table: reads continue, but every INSERT, UPDATE and DELETE ' +
        'waits until the whole index is built, which on a large table takes minutes. CREATE INDEX CONCURRENTLY ' +
        'takes SHARE UPDATE EXCLUSIVE instead, which lets writes continue; it scans the table twice and cannot ' +
        'run inside a transaction block. If a concurrent build fails it leaves an INVALID index: drop it with ' +
        'DROP INDEX CONCURRENTLY and try again. Indexes on tables created earlier in the same file are safe.',
    check(statement, context) {
        if (statement.kind !== 'IndexStmt' || statement.node.concurrent === true)
            return [];
        const table = (0,ast/* relationOf */.Ke)(statement.node.relation);
        if (!table || context.isNewRelation(table))
            return [];
        const outside = context.inTransaction ? '-- outside a transaction block:\n' : '';
        return [
            {
                message: `CREATE INDEX on ${(0,identifiers/* relationSql */.jK)(table)} without CONCURRENTLY takes a SHARE lock: ` +
                    'INSERT, UPDATE and DELETE on the table wait until the whole index is built.',
                lock: 'SHARE',
                blocks: ['writes'],
                rewrite: false,
                fix: `${outside}${withConcurrently(statement.text, 'INDEX')};`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/reindex-non-concurrent.ts



const TARGET = {
    REINDEX_OBJECT_INDEX: 'INDEX',
    REINDEX_OBJECT_TABLE: 'TABLE',
    REINDEX_OBJECT_SCHEMA: 'SCHEMA',
    REINDEX_OBJECT_DATABASE: 'DATABASE',
    REINDEX_OBJECT_SYSTEM: 'SYSTEM',
};
/** REINDEX locks out writes to the table and every query that would use the index. */
const reindexNonConcurrent = {
    id: 'reindex-non-concurrent',
    defaultSeverity: 'error',
    kinds: ['ReindexStmt'],
    summary: 'REINDEX without CONCURRENTLY blocks writes, and reads that use the index',
    description: 'REINDEX takes a SHARE lock on the table (writes wait) and an ACCESS EXCLUSIVE lock on each index it ' +
        'rebuilds; the planner locks every index of a table it plans a query for, so in practice reads ' +
        'wait as well, for the whole rebuild. Since PostgreSQL 12, REINDEX CONCURRENTLY rebuilds without ' +
        'blocking (outside a transaction block). Before 12, build a new index with CREATE INDEX ' +
        'CONCURRENTLY, drop the old one with DROP INDEX CONCURRENTLY and rename the new one.',
    check(statement, context) {
        if (statement.kind !== 'ReindexStmt' || (0,ast/* hasOption */.Kz)(statement.node.params, 'concurrently'))
            return [];
        const target = TARGET[String(statement.node.kind)] ?? 'INDEX';
        const relation = (0,ast/* relationOf */.Ke)(statement.node.relation);
        if (relation && context.isNewRelation(relation))
            return [];
        const name = relation ? (0,identifiers/* relationSql */.jK)(relation) : typeof statement.node.name === 'string' ? statement.node.name : '';
        if (target === 'SYSTEM') {
            return [
                {
                    message: 'REINDEX SYSTEM rebuilds the system catalogs under exclusive locks: every session waits.',
                    lock: 'ACCESS EXCLUSIVE',
                    blocks: ['reads', 'writes'],
                    rewrite: true,
                    fix: '-- system catalogs cannot be reindexed concurrently: run this in a maintenance window, not in a migration',
                },
            ];
        }
        const fix = context.pgVersion >= 12
            ? `${outsideTransaction(context.inTransaction)}REINDEX ${target} CONCURRENTLY ${name};`.trimEnd()
            : target === 'INDEX' && relation
                ? `-- PostgreSQL ${context.pgVersion} has no REINDEX CONCURRENTLY: build a copy, then swap. Its definition:\n` +
                    `--   SELECT indexdef FROM pg_indexes WHERE indexname = '${relation.name}';\n` +
                    `-- run that as CREATE INDEX CONCURRENTLY ${relation.name}_new ON …, then:\n` +
                    `DROP INDEX CONCURRENTLY ${name};\n` +
                    `ALTER INDEX ${relation.schema ? `${relation.schema}.` : ''}${relation.name}_new RENAME TO ${relation.name};`
                : `-- PostgreSQL ${context.pgVersion} has no REINDEX CONCURRENTLY: rebuild each index with CREATE INDEX CONCURRENTLY + DROP INDEX CONCURRENTLY + RENAME`;
        return [
            {
                message: `REINDEX ${target}${name ? ` ${name}` : ''} without CONCURRENTLY takes a SHARE lock on the table and an ` +
                    'ACCESS EXCLUSIVE lock on each index: writes wait, and so do reads that plan to use the index, for the whole rebuild.',
                lock: 'ACCESS EXCLUSIVE',
                blocks: ['reads', 'writes'],
                rewrite: true,
                fix,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/serial-array.ts



const SERIALS = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);
/** `serial[]`: PostgreSQL rejects it ("array of serial is not implemented"), so the migration fails. */
const serialArray = {
    id: 'serial-array',
    defaultSeverity: 'error',
    kinds: ['CreateStmt', 'AlterTableStmt', 'CreateForeignTableStmt'],
    summary: 'A column of type serial[] (or bigserial[], smallserial[]), which PostgreSQL rejects',
    description: 'serial is not a type but a shorthand for an integer column with a sequence default; an array of it ' +
        'does not exist, and CREATE TABLE or ADD COLUMN fails with "array of serial is not implemented". ' +
        'Use integer[] or bigint[] for an array, or a bigint identity column for a generated key.',
    check(statement) {
        const hits = [];
        for (const column of (0,declared_columns/* declaredColumnDefinitions */.lY)(statement)) {
            const typeName = column.node.typeName;
            const names = (0,ast/* stringList */.Yn)(typeName?.names);
            const name = names[names.length - 1]?.toLowerCase();
            if (!name || !SERIALS.has(name) || !Array.isArray(typeName?.arrayBounds) || typeName.arrayBounds.length === 0)
                continue;
            const element = name.startsWith('big') || name === 'serial8' ? 'bigint' : name.startsWith('small') || name === 'serial2' ? 'smallint' : 'integer';
            hits.push({
                message: `Column ${(0,identifiers/* quoteIdent */.v4)(column.name)} is declared ${name}[]: PostgreSQL rejects it ("array of serial is not implemented").`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `-- an array of numbers:\n${(0,identifiers/* quoteIdent */.v4)(column.name)} ${element === 'integer' ? 'bigint' : element}[]`,
            });
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/set-not-null.ts



/**
 * SET NOT NULL scans the whole table under ACCESS EXCLUSIVE, unless (PostgreSQL 12+) a validated
 * CHECK (col IS NOT NULL) already proves there are no NULLs.
 */
const setNotNull = {
    id: 'set-not-null',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ALTER COLUMN … SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock',
    description: 'SET NOT NULL takes ACCESS EXCLUSIVE and reads every row to prove there is no NULL: reads and ' +
        'writes wait for the scan. Since PostgreSQL 12 the scan is skipped when a validated CHECK (col IS NOT ' +
        'NULL) constraint exists: add that CHECK NOT VALID (instant), VALIDATE it in a separate transaction ' +
        '(SHARE UPDATE EXCLUSIVE: traffic continues), then SET NOT NULL (instant) and drop the CHECK. Before ' +
        '12 there is no cheap path: keep the validated CHECK instead of SET NOT NULL.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype !== 'AT_SetNotNull' || !cmd.name)
                continue;
            const column = cmd.name;
            const proven = context.hasValidatedNotNullCheck(table, column);
            if (proven && context.pgVersion >= 12)
                continue;
            const t = (0,identifiers/* relationSql */.jK)(table);
            const name = (0,identifiers/* quoteIdent */.v4)((0,identifiers/* derivedName */.Pr)(table.name, column, 'not_null'));
            const col = (0,identifiers/* quoteIdent */.v4)(column);
            const fix = context.pgVersion >= 12
                ? `${notNullSteps(table, col, name)}\n-- VALIDATE in its own transaction, not in the one that adds the CHECK`
                : `-- PostgreSQL ${context.pgVersion} always scans for SET NOT NULL; enforce it with a validated CHECK instead:\n` +
                    `ALTER TABLE ${t} ADD CONSTRAINT ${name} CHECK (${col} IS NOT NULL) NOT VALID;\n` +
                    `ALTER TABLE ${t} VALIDATE CONSTRAINT ${name};`;
            hits.push({
                message: `SET NOT NULL on ${t}.${col} reads every row under an ACCESS EXCLUSIVE lock: reads and writes wait ` +
                    (proven
                        ? `until the scan ends (PostgreSQL ${context.pgVersion} does not use the validated CHECK to skip it; 12+ does).`
                        : 'until the scan ends. A validated CHECK (… IS NOT NULL) added first lets PostgreSQL 12+ skip the scan.'),
                lock: 'ACCESS EXCLUSIVE',
                blocks: ['reads', 'writes'],
                rewrite: false,
                fix,
            });
        }
        return hits;
    },
};

// EXTERNAL MODULE: ./core/migrations/sql-parser.ts
var sql_parser = __webpack_require__(8298);
;// CONCATENATED MODULE: ./core/migrations/rules/syntax-error.ts


/** Text PostgreSQL's parser rejects: the migration would fail right there. */
const syntaxError = {
    id: 'syntax-error',
    defaultSeverity: 'error',
    kinds: ['SyntaxError'],
    summary: "SQL that PostgreSQL's parser rejects (its own message, line and column)",
    description: 'The file is parsed with PostgreSQL\'s own parser; where it stops, the migration would fail. The ' +
        'finding carries the parser\'s message at the position it points to. The linter carries on with the ' +
        'next statement, so one typo does not hide the rest of the file. A statement nested too deeply to ' +
        'check (a parse tree over 2,000 levels, such as a sum of a thousand terms) is reported here too, and ' +
        'fails the gate the same way on every run.',
    check(statement) {
        if (statement.kind !== statements/* SYNTAX_ERROR_KIND */.c6)
            return [];
        const error = statement.node;
        return [
            {
                message: error.message.endsWith(sql_parser/* TOO_DEEP */.gZ) ? `Faultline cannot check this: ${error.message}.` : `PostgreSQL cannot parse this: ${error.message}.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `-- correct the SQL at line ${error.line}, column ${error.column}`,
                line: error.line,
                column: error.column,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/transaction-nesting.ts
function transaction_nesting_hit(message, fix, at) {
    return { message, lock: null, blocks: [], rewrite: false, fix, ...(at ? { line: at.line, column: at.column } : {}) };
}
const SAVEPOINT_KINDS = {
    TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
    TRANS_STMT_RELEASE: 'RELEASE SAVEPOINT',
    TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO SAVEPOINT',
};
/** BEGIN inside a transaction is ignored, so the first COMMIT ends more than its author thinks. */
const transactionNesting = {
    id: 'transaction-nesting',
    defaultSeverity: 'error',
    kinds: ['TransactionStmt'],
    summary: 'BEGIN inside an open transaction, COMMIT/ROLLBACK with none open, or a savepoint outside one',
    description: 'PostgreSQL has no nested transactions: a BEGIN inside an open transaction only warns and is ' +
        'ignored, so the first COMMIT commits everything, and what the author meant as an inner ' +
        'transaction is not one. Migration tools that wrap each file in a transaction (Flyway, ' +
        'golang-migrate, Rails) make any BEGIN in the file nested. Use SAVEPOINT for partial rollback, or ' +
        'let the tool own the transaction. SAVEPOINT outside a transaction block is an error. A COMMIT or ' +
        'ROLLBACK with no transaction open does nothing (PostgreSQL only warns): the statements before it were ' +
        'not in the transaction its author thought. With assume-transaction, `COMMIT; CREATE INDEX CONCURRENTLY …; ' +
        'BEGIN;` is the valid way to run a statement outside the tool\'s transaction; a COMMIT that is not followed ' +
        'by BEGIN leaves the rest of the file in autocommit and the tool nothing to commit, and a ROLLBACK undoes ' +
        'the file\'s work so far (and the tool\'s bookkeeping, when it writes it in the same transaction).',
    check(statement, context) {
        if (statement.kind !== 'TransactionStmt' || statement.fromDoBlock)
            return [];
        const kind = String(statement.node.kind);
        if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
            if (context.transactionDepth > 0) {
                const open = context.openTransaction;
                return [
                    {
                        message: `A transaction is already open${open ? ` (since line ${open.line})` : ''}: PostgreSQL ignores this BEGIN, ` +
                            'and the first COMMIT ends the outer transaction too.',
                        lock: null,
                        blocks: [],
                        rewrite: false,
                        fix: 'SAVEPOINT before_step; -- to roll back part of a transaction: ROLLBACK TO SAVEPOINT before_step;',
                    },
                ];
            }
            if (context.toolTransactionOpen) {
                return [
                    {
                        message: 'The migration tool already runs this file in a transaction (assume-transaction): this BEGIN is nested, ' +
                            'PostgreSQL ignores it, and its COMMIT ends the tool\'s transaction early.',
                        lock: null,
                        blocks: [],
                        rewrite: false,
                        fix: '-- remove BEGIN/COMMIT and let the migration tool own the transaction',
                    },
                ];
            }
            return [];
        }
        if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') {
            const word = kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK';
            if (!context.inTransaction) {
                return [
                    transaction_nesting_hit(`${word} with no transaction open does nothing (PostgreSQL warns "there is no transaction in progress"): ` +
                        'the statements before it each committed on their own, not as one transaction.', `-- remove this ${word}, or open the transaction it is meant to end:\nBEGIN;\n-- …\n${word};`),
                ];
            }
            if (word === 'ROLLBACK' && context.toolTransactionOpen && context.transactionDepth === 0) {
                return [
                    transaction_nesting_hit("ROLLBACK ends the migration tool's transaction (assume-transaction): it undoes everything this file did " +
                        "so far, and the tool's own bookkeeping when it writes it in the same transaction.", '-- remove the ROLLBACK; to undo part of the file, use SAVEPOINT step; … ROLLBACK TO SAVEPOINT step;'),
                ];
            }
            return [];
        }
        const savepoint = SAVEPOINT_KINDS[kind];
        if (savepoint && !context.inTransaction) {
            return [
                {
                    message: `${savepoint} outside a transaction block fails ("can only be used in transaction blocks").`,
                    lock: null,
                    blocks: [],
                    rewrite: false,
                    fix: `BEGIN;\n${statement.text};\n-- …\nCOMMIT;`,
                },
            ];
        }
        return [];
    },
    checkEnd(context) {
        const ended = context.toolTransactionEndedAt;
        if (!context.assumeTransaction || !ended || ended.kind !== 'COMMIT')
            return [];
        return [
            transaction_nesting_hit(`The COMMIT at line ${ended.line} ends the migration tool's transaction (assume-transaction) and the file never ` +
                'opens one again: every statement after it autocommits on its own, and the tool then commits a transaction ' +
                'that does not exist.', "-- end the file with BEGIN; so the tool has its transaction back:\nCOMMIT;\nCREATE INDEX CONCURRENTLY …;\nBEGIN;", ended),
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/expression-sql.ts
/**
 * SQL text for the small expressions that appear in column defaults (function calls, constants,
 * casts, operators), rebuilt from the parse tree so a suggested fix can repeat the user's default.
 * libpg-query's WebAssembly build has no deparser; anything outside this subset returns undefined
 * and the caller words its fix without the expression.
 */



const SQL_VALUE_FUNCTIONS = {
    SVFOP_CURRENT_DATE: 'CURRENT_DATE',
    SVFOP_CURRENT_TIME: 'CURRENT_TIME',
    SVFOP_CURRENT_TIME_N: 'CURRENT_TIME',
    SVFOP_CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP',
    SVFOP_CURRENT_TIMESTAMP_N: 'CURRENT_TIMESTAMP',
    SVFOP_LOCALTIME: 'LOCALTIME',
    SVFOP_LOCALTIME_N: 'LOCALTIME',
    SVFOP_LOCALTIMESTAMP: 'LOCALTIMESTAMP',
    SVFOP_LOCALTIMESTAMP_N: 'LOCALTIMESTAMP',
    SVFOP_CURRENT_ROLE: 'CURRENT_ROLE',
    SVFOP_CURRENT_USER: 'CURRENT_USER',
    SVFOP_USER: 'USER',
    SVFOP_SESSION_USER: 'SESSION_USER',
    SVFOP_CURRENT_CATALOG: 'CURRENT_CATALOG',
    SVFOP_CURRENT_SCHEMA: 'CURRENT_SCHEMA',
};
function strings(list) {
    return (list ?? []).map((n) => n.String?.sval ?? '');
}
function constant(c) {
    if (c.isnull)
        return 'NULL';
    const value = c.ival ?? c.fval ?? c.sval ?? c.boolval ?? c.bsval;
    const v = (value ?? {});
    if (c.ival)
        return String(v.ival ?? 0);
    if (c.fval)
        return String(v.fval);
    if (c.boolval)
        return v.boolval ? 'true' : 'false';
    if (c.bsval)
        return `B'${String(v.bsval).slice(1)}'`;
    return (0,identifiers/* quoteLiteral */.ce)(v.sval ?? '');
}
function kindOf(node) {
    return node && typeof node === 'object' ? (0,ast/* firstKey */.CI)(node) : undefined;
}
/** SQL for an expression node, or undefined when it uses syntax outside the supported subset. */
function expressionSql(expr) {
    if (!expr || typeof expr !== 'object')
        return undefined;
    const [kind, body] = Object.entries(expr)[0] ?? [];
    const n = (body ?? {});
    switch (kind) {
        case 'A_Const':
            return constant(n);
        case 'SQLValueFunction': {
            const name = SQL_VALUE_FUNCTIONS[String(n.op)];
            if (!name)
                return undefined;
            return typeof n.typmod === 'number' && n.typmod >= 0 ? `${name}(${n.typmod})` : name;
        }
        case 'TypeCast': {
            const arg = expressionSql(n.arg);
            const type = (0,pg_types/* columnType */.DW)(n.typeName)?.sql;
            if (arg === undefined || type === undefined)
                return undefined;
            // Binary operators come back parenthesised already; a unary minus binds looser than `::`.
            const wrap = arg.startsWith('-') || kindOf(n.arg) === 'TypeCast';
            return `${wrap ? `(${arg})` : arg}::${type}`;
        }
        case 'FuncCall': {
            if (n.agg_star || n.over || n.agg_filter || n.agg_order)
                return undefined;
            const args = (n.args ?? []).map(expressionSql);
            if (args.some((a) => a === undefined))
                return undefined;
            const name = strings(n.funcname)
                .filter((part, i, all) => !(part === 'pg_catalog' && i < all.length - 1))
                .map(identifiers/* quoteIdent */.v4)
                .join('.');
            return `${name}(${args.join(', ')})`;
        }
        case 'A_Expr': {
            if (n.kind !== 'AEXPR_OP')
                return undefined;
            const op = strings(n.name).join('.');
            const right = expressionSql(n.rexpr);
            if (right === undefined)
                return undefined;
            if (n.lexpr === undefined)
                return `${op}${right}`;
            const left = expressionSql(n.lexpr);
            return left === undefined ? undefined : `(${left} ${op} ${right})`;
        }
        case 'ColumnRef':
            return strings(n.fields).map(identifiers/* quoteIdent */.v4).join('.');
        default:
            return undefined;
    }
}

;// CONCATENATED MODULE: ./core/migrations/rules/unbatched-backfill.ts



const RANGE_OPERATORS = new Set(['<', '<=', '>', '>=']);
function isConstant(node) {
    const pair = (0,ast/* unwrap */.oA)(node);
    if (!pair)
        return false;
    if (pair[0] === 'A_Const' || pair[0] === 'ParamRef')
        return true;
    if (pair[0] === 'TypeCast')
        return isConstant(pair[1].arg);
    return false;
}
function isKeyColumn(node) {
    const fields = ((0,ast/* nodeOf */.E7)(node, 'ColumnRef')?.fields ?? []);
    const name = fields[fields.length - 1]?.String?.sval ?? '';
    return name === 'id' || name.endsWith('_id') || name === 'ctid';
}
/**
 * Whether a WHERE clause limits the statement to a batch: a LIMITed subquery, BETWEEN or a range
 * against constants, or key equality / IN-list. `WHERE col IS NULL` and the like touch every row.
 */
function isBounded(where) {
    const pair = (0,ast/* unwrap */.oA)(where);
    if (!pair)
        return false;
    const [kind, n] = pair;
    if (kind === 'SubLink') {
        const select = (0,ast/* nodeOf */.E7)(n.subselect, 'SelectStmt');
        return select?.limitCount !== undefined;
    }
    if (kind === 'BoolExpr') {
        const args = (n.args ?? []);
        return n.boolop === 'AND_EXPR' ? args.some(isBounded) : n.boolop === 'OR_EXPR' ? args.length > 0 && args.every(isBounded) : false;
    }
    if (kind === 'A_Expr') {
        if (n.kind === 'AEXPR_BETWEEN' || n.kind === 'AEXPR_BETWEEN_SYM')
            return true;
        const op = (n.name ?? [])[0]?.String?.sval ?? '';
        if (n.kind === 'AEXPR_OP' && RANGE_OPERATORS.has(op))
            return isConstant(n.lexpr) || isConstant(n.rexpr);
        if (n.kind === 'AEXPR_OP' && op === '=') {
            return (isKeyColumn(n.lexpr) && isConstant(n.rexpr)) || (isKeyColumn(n.rexpr) && isConstant(n.lexpr));
        }
        if (n.kind === 'AEXPR_IN' || n.kind === 'AEXPR_OP_ANY')
            return isKeyColumn(n.lexpr);
    }
    return false;
}
function assignmentText(sql) {
    return /\bSET\b([\s\S]*?)(?:\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/i.exec(sql)?.[1]?.trim() ?? '';
}
/** `a IS DISTINCT FROM (expr) OR …` for `SET a = expr, …`: the rows a batch still has to change. */
function notYetUpdated(update) {
    const parts = [];
    for (const target of (update.targetList ?? [])) {
        const t = (0,ast/* nodeOf */.E7)(target, 'ResTarget');
        const value = expressionSql(t?.val);
        if (typeof t?.name !== 'string' || value === undefined)
            return 'true /* replace with: rows not yet backfilled */';
        parts.push(`${(0,identifiers/* quoteIdent */.v4)(t.name)} IS DISTINCT FROM ${value.startsWith('(') ? value : `(${value})`}`);
    }
    return parts.join(' OR ') || 'true';
}
function whereText(sql) {
    return /\bWHERE\b([\s\S]*?)(?:\bRETURNING\b|$)/i.exec(sql)?.[1]?.trim() || undefined;
}
/**
 * A whole-table UPDATE/DELETE while the transaction holds ACCESS EXCLUSIVE keeps every reader and
 * writer of that table waiting for as long as the backfill runs.
 */
const unbatchedBackfill = {
    id: 'unbatched-backfill',
    defaultSeverity: 'warning',
    kinds: ['UpdateStmt', 'DeleteStmt'],
    summary: 'A whole-table UPDATE/DELETE in the same transaction as DDL that holds ACCESS EXCLUSIVE',
    description: 'Locks are held until COMMIT. When a migration alters a table (ACCESS EXCLUSIVE) and then updates or ' +
        'deletes every row in the same transaction, nothing can read or write the altered table until the ' +
        'whole backfill is done, which on a big table is minutes. Commit the DDL first, then backfill in ' +
        'batches of a few thousand rows, each in its own transaction.',
    check(statement, context) {
        if (statement.kind !== 'UpdateStmt' && statement.kind !== 'DeleteStmt')
            return [];
        if (!context.inTransaction || context.accessExclusiveInTransaction.size === 0)
            return [];
        const table = (0,ast/* relationOf */.Ke)(statement.node.relation);
        if (!table || context.isNewRelation(table))
            return [];
        if (isBounded(statement.node.whereClause))
            return [];
        const locked = [...context.accessExclusiveInTransaction].map((name) => (0,identifiers/* relationSql */.jK)({ name })).join(', ');
        const t = (0,identifiers/* relationSql */.jK)(table);
        const verb = statement.kind === 'UpdateStmt' ? 'UPDATE' : 'DELETE';
        const where = whereText(statement.text);
        const pending = where ?? 'true';
        const batch = verb === 'UPDATE'
            ? `UPDATE ${t} SET ${assignmentText(statement.text)} WHERE ctid IN (SELECT ctid FROM ${t} WHERE ${where ?? notYetUpdated(statement.node)} LIMIT 10000);`
            : `DELETE FROM ${t} WHERE ctid IN (SELECT ctid FROM ${t} WHERE ${pending} LIMIT 10000);`;
        return [
            {
                message: `${verb} of ${where ? 'an unbounded set of rows' : 'every row'} of ${t} runs in the same transaction that holds ` +
                    `ACCESS EXCLUSIVE on ${locked}: reads and writes there wait until the whole ${verb.toLowerCase()} commits.`,
                lock: 'ACCESS EXCLUSIVE',
                blocks: ['reads', 'writes'],
                rewrite: false,
                fix: 'COMMIT; -- release the DDL lock first\n' +
                    '-- then in batches, each its own transaction, repeated until it affects 0 rows:\n' +
                    batch,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/uncommitted-transaction.ts
/** A BEGIN with no COMMIT: what happens depends on the tool, and locks may stay held. */
const uncommittedTransaction = {
    id: 'uncommitted-transaction',
    defaultSeverity: 'error',
    kinds: [],
    summary: 'A transaction opened with BEGIN is never committed in the file',
    description: 'When the file ends inside BEGIN … with no COMMIT, the outcome depends on the tool: psql rolls the ' +
        'work back at disconnect, some runners keep the session (and its locks) open, others commit. End ' +
        'every transaction you open in the same file.',
    // A file-level rule: nothing to judge per statement; the verdict comes at the end of the file.
    check: () => [],
    checkEnd(context) {
        const open = context.openTransaction;
        if (!open)
            return [];
        return [
            {
                message: `The transaction opened at line ${open.line} is never committed: the file ends inside it, so its changes may be rolled back or its locks left held.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: 'COMMIT; -- at the end of the file',
                line: open.line,
                column: open.column,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/validate-in-same-transaction.ts


/**
 * NOT VALID followed by VALIDATE in the same transaction gains nothing: the lock the ADD took is
 * held until COMMIT, so it is held for the whole validation scan.
 */
const validateInSameTransaction = {
    id: 'validate-in-same-transaction',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'VALIDATE CONSTRAINT in the same transaction as the ADD … NOT VALID keeps the strong lock during the scan',
    description: 'The point of ADD CONSTRAINT … NOT VALID is to take the strong lock only for an instant and check ' +
        'existing rows later under a weak one. Locks last until the transaction ends, so validating in the ' +
        'same transaction scans the table while still holding the ADD\'s lock (ACCESS EXCLUSIVE for CHECK, ' +
        'SHARE ROW EXCLUSIVE for FOREIGN KEY). COMMIT between the two, or move VALIDATE to the next migration.',
    check(statement, context) {
        if (statement.kind !== 'AlterTableStmt' || !context.inTransaction)
            return [];
        const hits = [];
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype !== 'AT_ValidateConstraint' || !cmd.name)
                continue;
            const added = context.notValidConstraintsInTransaction.get(cmd.name);
            if (!added)
                continue;
            const table = (0,ast/* relationOf */.Ke)(statement.node.relation) ?? added.table;
            const lock = added.type === 'check' ? 'ACCESS EXCLUSIVE' : 'SHARE ROW EXCLUSIVE';
            hits.push({
                message: `Constraint ${(0,identifiers/* quoteIdent */.v4)(cmd.name)} was added NOT VALID earlier in this transaction, so VALIDATE scans ` +
                    `${(0,identifiers/* relationSql */.jK)(table)} while the ADD's ${lock} lock is still held: ` +
                    (lock === 'ACCESS EXCLUSIVE' ? 'reads and writes wait for the whole scan.' : 'writes wait for the whole scan.'),
                lock,
                blocks: lock === 'ACCESS EXCLUSIVE' ? ['reads', 'writes'] : ['writes'],
                rewrite: false,
                fix: `COMMIT; -- end the transaction that added the constraint first\nALTER TABLE ${(0,identifiers/* relationSql */.jK)(table)} VALIDATE CONSTRAINT ${(0,identifiers/* quoteIdent */.v4)(cmd.name)};`,
            });
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/locking-rules.ts























const lockingRules = [
    nonConcurrentIndex,
    createIndexConcurrentlyInTransaction,
    concurrentlyInTransaction,
    dropIndexNonConcurrent,
    reindexNonConcurrent,
    addForeignKeyWithoutNotValid,
    validateInSameTransaction,
    addCheckWithoutNotValid,
    addUniqueConstraintWithoutIndex,
    addPrimaryKeyWithoutIndex,
    addExclusionConstraint,
    alterDomainAddConstraint,
    setNotNull,
    unbatchedBackfill,
    missingLockTimeout,
    uncommittedTransaction,
    transactionNesting,
    identifierTooLong,
    duplicateColumn,
    serialArray,
    syntaxError,
    dynamicSql,
    alterEnumAddValueInTransaction,
];

;// CONCATENATED MODULE: ./core/migrations/rules/add-column-auto-increment.ts



/** serial / identity columns added to an existing table fill every row from a sequence: a rewrite. */
const addColumnAutoIncrement = {
    id: 'add-column-auto-increment',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'Adding a serial or identity column to an existing table rewrites it',
    description: 'ADD COLUMN … serial/bigserial/smallserial and ADD COLUMN … GENERATED … AS IDENTITY give every existing ' +
        'row its own value from a sequence (nextval() is volatile), so PostgreSQL rewrites the whole table and ' +
        'its indexes under ACCESS EXCLUSIVE: reads and writes wait until it is done. Safe rewrite: create the ' +
        'sequence, add a plain nullable bigint column, set its default to nextval() (new rows only, instant), ' +
        'backfill existing rows in batches, then add NOT NULL through a validated CHECK constraint.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const column of (0,declared_columns/* addedColumns */.YB)(statement)) {
            const identity = column.constraints.some((c) => c.contype === 'CONSTR_IDENTITY');
            const serial = column.type !== undefined && (0,pg_types/* isSerial */.pY)(column.type);
            if (!identity && !serial)
                continue;
            const col = (0,identifiers/* quoteIdent */.v4)(column.name);
            const what = serial ? column.type.name : 'an identity column';
            const sequence = (0,identifiers/* derivedName */.Pr)(table.name, column.name, 'seq');
            const qualifiedSequence = table.schema ? `${(0,identifiers/* quoteIdent */.v4)(table.schema)}.${(0,identifiers/* quoteIdent */.v4)(sequence)}` : (0,identifiers/* quoteIdent */.v4)(sequence);
            const next = `nextval(${(0,identifiers/* quoteLiteral */.ce)(qualifiedSequence)})`;
            const t = alterTable(table);
            hits.push(lockHit('ACCESS EXCLUSIVE', {
                message: `Adding ${col} as ${what} to ${table.name} fills every existing row from a sequence: PostgreSQL ` +
                    'rewrites the table under ACCESS EXCLUSIVE, and reads and writes wait until it ends.',
                rewrite: true,
                fix: `CREATE SEQUENCE ${qualifiedSequence} AS bigint;\n` +
                    `${t} ADD COLUMN ${col} bigint;\n` +
                    `${t} ALTER COLUMN ${col} SET DEFAULT ${next};\n` +
                    `ALTER SEQUENCE ${qualifiedSequence} OWNED BY ${(0,identifiers/* relationSql */.jK)(table)}.${col};\n` +
                    batchedUpdate(table, `${col} = ${next}`, `${col} IS NULL`),
            }));
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/builtin-functions.ts
/**
 * Names of PostgreSQL's built-in functions whose every overload is IMMUTABLE or STABLE, so a column
 * default that calls them is evaluated once by ADD COLUMN (no rewrite since PG 11).
 *
 * Generated from a PostgreSQL 15 catalog (functions added by later releases are missing; a default
 * that calls one of them is treated like an unknown function):
 *   SELECT proname FROM pg_proc p WHERE prokind = 'f' AND NOT proretset
 *     AND prorettype NOT IN ('internal','trigger','event_trigger','language_handler','fdw_handler',
 *       'index_am_handler','table_am_handler','tsm_handler','cstring','void')  -- (as regtype)
 *     AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE p.oid IN (t.typinput, t.typoutput,
 *       t.typreceive, t.typsend))
 *     AND proname !~ '^(pg_|binary_upgrade|brin_|gin_|gist|spg|bt|hash|_)'
 *   GROUP BY proname HAVING bool_and(provolatile <> 'v') ORDER BY 1;
 * Type I/O, index support and catalog functions are left out: nobody writes them in a DEFAULT.
 */
const NAMES = `
  abbrev abs aclcontains acldefault aclinsert aclitemeq aclremove acos acosd acosh age anytextcat
  area areajoinsel areasel array_agg_array_finalfn array_agg_finalfn array_append array_cat
  array_dims array_eq array_fill array_ge array_gt array_larger array_le array_length array_lower
  array_lt array_ndims array_ne array_position array_positions array_prepend array_remove
  array_replace array_smaller array_to_json array_to_string array_to_tsvector array_typanalyze
  array_upper arraycontained arraycontains arraycontjoinsel arraycontsel arrayoverlap ascii asin
  asind asinh atan atan2 atan2d atand atanh big5_to_euc_tw big5_to_mic big5_to_utf8 bit bit_count
  bit_length bitand bitcat bitcmp biteq bitge bitgt bitle bitlt bitne bitnot bitor bitshiftleft
  bitshiftright bittypmodin bitxor bool bool_alltrue bool_anytrue booland_statefunc booleq boolge
  boolgt boolle boollt boolne boolor_statefunc bound_box box box_above box_above_eq box_add
  box_below box_below_eq box_center box_contain box_contain_pt box_contained box_distance box_div
  box_eq box_ge box_gt box_intersect box_le box_left box_lt box_mul box_overabove box_overbelow
  box_overlap box_overleft box_overright box_right box_same box_sub bpchar bpchar_larger
  bpchar_pattern_ge bpchar_pattern_gt bpchar_pattern_le bpchar_pattern_lt bpchar_smaller bpcharcmp
  bpchareq bpcharge bpchargt bpchariclike bpcharicnlike bpcharicregexeq bpcharicregexne bpcharle
  bpcharlike bpcharlt bpcharne bpcharnlike bpcharregexeq bpcharregexne bpchartypmodin broadcast
  bytea_string_agg_finalfn byteacat byteacmp byteaeq byteage byteagt byteale bytealike bytealt
  byteane byteanlike cardinality cash_cmp cash_div_cash cash_div_flt4 cash_div_flt8 cash_div_int2
  cash_div_int4 cash_div_int8 cash_eq cash_ge cash_gt cash_le cash_lt cash_mi cash_mul_flt4
  cash_mul_flt8 cash_mul_int2 cash_mul_int4 cash_mul_int8 cash_ne cash_pl cash_words cashlarger
  cashsmaller cbrt ceil ceiling center char char_length character_length chareq charge chargt
  charle charlt charne chr cideq cidr circle circle_above circle_add_pt circle_below circle_center
  circle_contain circle_contain_pt circle_contained circle_distance circle_div_pt circle_eq
  circle_ge circle_gt circle_le circle_left circle_lt circle_mul_pt circle_ne circle_overabove
  circle_overbelow circle_overlap circle_overleft circle_overright circle_right circle_same
  circle_sub_pt close_ls close_lseg close_pb close_pl close_ps close_sb col_description concat
  concat_ws contjoinsel contsel convert convert_from convert_to cos cosd cosh cot cotd
  cume_dist_final current_database current_schema current_schemas current_setting current_user
  database_to_xml database_to_xml_and_xmlschema database_to_xmlschema date date_bin date_cmp
  date_cmp_timestamp date_cmp_timestamptz date_eq date_eq_timestamp date_eq_timestamptz date_ge
  date_ge_timestamp date_ge_timestamptz date_gt date_gt_timestamp date_gt_timestamptz date_larger
  date_le date_le_timestamp date_le_timestamptz date_lt date_lt_timestamp date_lt_timestamptz
  date_mi date_mi_interval date_mii date_ne date_ne_timestamp date_ne_timestamptz date_part
  date_pl_interval date_pli date_smaller date_trunc datemultirange daterange daterange_canonical
  daterange_subdiff datetime_pl datetimetz_pl dcbrt decode degrees dense_rank_final dexp diagonal
  diameter dist_bp dist_bs dist_cpoint dist_cpoly dist_lp dist_ls dist_pathp dist_pb dist_pc
  dist_pl dist_polyc dist_polyp dist_ppath dist_ppoly dist_ps dist_sb dist_sl dist_sp div dlog1
  dlog10 dpow dround dsqrt dtrunc elem_contained_by_multirange elem_contained_by_range encode
  enum_cmp enum_eq enum_first enum_ge enum_gt enum_in enum_larger enum_last enum_le enum_lt
  enum_ne enum_range enum_recv enum_send enum_smaller eqjoinsel eqsel euc_cn_to_mic euc_cn_to_utf8
  euc_jis_2004_to_shift_jis_2004 euc_jis_2004_to_utf8 euc_jp_to_mic euc_jp_to_sjis euc_jp_to_utf8
  euc_kr_to_mic euc_kr_to_utf8 euc_tw_to_big5 euc_tw_to_mic euc_tw_to_utf8 exp extract factorial
  family float4 float48div float48eq float48ge float48gt float48le float48lt float48mi float48mul
  float48ne float48pl float4_accum float4abs float4div float4eq float4ge float4gt float4larger
  float4le float4lt float4mi float4mul float4ne float4pl float4smaller float4um float4up float8
  float84div float84eq float84ge float84gt float84le float84lt float84mi float84mul float84ne
  float84pl float8_accum float8_avg float8_combine float8_corr float8_covar_pop float8_covar_samp
  float8_regr_accum float8_regr_avgx float8_regr_avgy float8_regr_combine float8_regr_intercept
  float8_regr_r2 float8_regr_slope float8_regr_sxx float8_regr_sxy float8_regr_syy
  float8_stddev_pop float8_stddev_samp float8_var_pop float8_var_samp float8abs float8div float8eq
  float8ge float8gt float8larger float8le float8lt float8mi float8mul float8ne float8pl
  float8smaller float8um float8up floor flt4_mul_cash flt8_mul_cash format format_type
  gb18030_to_utf8 gbk_to_utf8 gcd get_bit get_byte get_current_ts_config getdatabaseencoding
  getpgusername ginarrayconsistent ginarraytriconsistent gtsquery_consistent gtsquery_union
  gtsvector_consistent gtsvector_union has_any_column_privilege has_column_privilege
  has_database_privilege has_foreign_data_wrapper_privilege has_function_privilege
  has_language_privilege has_parameter_privilege has_schema_privilege has_sequence_privilege
  has_server_privilege has_table_privilege has_tablespace_privilege has_type_privilege height host
  hostmask iclikejoinsel iclikesel icnlikejoinsel icnlikesel icregexeqjoinsel icregexeqsel
  icregexnejoinsel icregexnesel in_range inet_client_addr inet_client_port inet_gist_consistent
  inet_gist_union inet_merge inet_same_family inet_server_addr inet_server_port
  inet_spg_leaf_consistent inetand inetmi inetmi_int8 inetnot inetor inetpl initcap int2 int24div
  int24eq int24ge int24gt int24le int24lt int24mi int24mul int24ne int24pl int28div int28eq
  int28ge int28gt int28le int28lt int28mi int28mul int28ne int28pl int2_avg_accum
  int2_avg_accum_inv int2_mul_cash int2_sum int2abs int2and int2div int2eq int2ge int2gt
  int2int4_sum int2larger int2le int2lt int2mi int2mod int2mul int2ne int2not int2or int2pl
  int2shl int2shr int2smaller int2um int2up int2xor int4 int42div int42eq int42ge int42gt int42le
  int42lt int42mi int42mul int42ne int42pl int48div int48eq int48ge int48gt int48le int48lt
  int48mi int48mul int48ne int48pl int4_avg_accum int4_avg_accum_inv int4_avg_combine
  int4_mul_cash int4_sum int4abs int4and int4div int4eq int4ge int4gt int4inc int4larger int4le
  int4lt int4mi int4mod int4mul int4multirange int4ne int4not int4or int4pl int4range
  int4range_canonical int4range_subdiff int4shl int4shr int4smaller int4um int4up int4xor int8
  int82div int82eq int82ge int82gt int82le int82lt int82mi int82mul int82ne int82pl int84div
  int84eq int84ge int84gt int84le int84lt int84mi int84mul int84ne int84pl int8_avg
  int8_avg_serialize int8_mul_cash int8_sum int8abs int8and int8dec int8dec_any int8div int8eq
  int8ge int8gt int8inc int8inc_any int8inc_float8_float8 int8larger int8le int8lt int8mi int8mod
  int8mul int8multirange int8ne int8not int8or int8pl int8pl_inet int8range int8range_canonical
  int8range_subdiff int8shl int8shr int8smaller int8um int8up int8xor integer_pl_date inter_lb
  inter_sb inter_sl interval interval_accum interval_accum_inv interval_avg interval_cmp
  interval_combine interval_div interval_eq interval_ge interval_gt interval_hash
  interval_hash_extended interval_larger interval_le interval_lt interval_mi interval_mul
  interval_ne interval_pl interval_pl_date interval_pl_time interval_pl_timestamp
  interval_pl_timestamptz interval_pl_timetz interval_smaller interval_um intervaltypmodin
  is_normalized isclosed isempty isfinite ishorizontal iso8859_1_to_utf8 iso8859_to_utf8
  iso_to_koi8r iso_to_mic iso_to_win1251 iso_to_win866 isopen isparallel isperp isvertical
  johab_to_utf8 json_agg_finalfn json_array_element json_array_element_text json_array_length
  json_build_array json_build_object json_extract_path json_extract_path_text json_object
  json_object_agg_finalfn json_object_field json_object_field_text json_populate_record
  json_strip_nulls json_to_record json_to_tsvector json_typeof jsonb_agg_finalfn
  jsonb_array_element jsonb_array_element_text jsonb_array_length jsonb_build_array
  jsonb_build_object jsonb_cmp jsonb_concat jsonb_contained jsonb_contains jsonb_delete
  jsonb_delete_path jsonb_eq jsonb_exists jsonb_exists_all jsonb_exists_any jsonb_extract_path
  jsonb_extract_path_text jsonb_ge jsonb_gt jsonb_hash jsonb_hash_extended jsonb_insert jsonb_le
  jsonb_lt jsonb_ne jsonb_object jsonb_object_agg_finalfn jsonb_object_field
  jsonb_object_field_text jsonb_path_exists jsonb_path_exists_opr jsonb_path_exists_tz
  jsonb_path_match jsonb_path_match_opr jsonb_path_match_tz jsonb_path_query_array
  jsonb_path_query_array_tz jsonb_path_query_first jsonb_path_query_first_tz jsonb_populate_record
  jsonb_pretty jsonb_set jsonb_set_lax jsonb_strip_nulls jsonb_to_record jsonb_to_tsvector
  jsonb_typeof justify_days justify_hours justify_interval koi8r_to_iso koi8r_to_mic koi8r_to_utf8
  koi8r_to_win1251 koi8r_to_win866 koi8u_to_utf8 latin1_to_mic latin2_to_mic latin2_to_win1250
  latin3_to_mic latin4_to_mic lcm left length like like_escape likejoinsel likesel line
  line_distance line_eq line_horizontal line_interpt line_intersect line_parallel line_perp
  line_vertical ln log log10 lower lower_inc lower_inf lpad lseg lseg_center lseg_distance lseg_eq
  lseg_ge lseg_gt lseg_horizontal lseg_interpt lseg_intersect lseg_le lseg_length lseg_lt lseg_ne
  lseg_parallel lseg_perp lseg_vertical ltrim macaddr macaddr8 macaddr8_and macaddr8_cmp
  macaddr8_eq macaddr8_ge macaddr8_gt macaddr8_le macaddr8_lt macaddr8_ne macaddr8_not macaddr8_or
  macaddr8_set7bit macaddr_and macaddr_cmp macaddr_eq macaddr_ge macaddr_gt macaddr_le macaddr_lt
  macaddr_ne macaddr_not macaddr_or make_date make_interval make_time make_timestamp
  make_timestamptz makeaclitem masklen matchingjoinsel matchingsel md5 mic_to_big5 mic_to_euc_cn
  mic_to_euc_jp mic_to_euc_kr mic_to_euc_tw mic_to_iso mic_to_koi8r mic_to_latin1 mic_to_latin2
  mic_to_latin3 mic_to_latin4 mic_to_sjis mic_to_win1250 mic_to_win1251 mic_to_win866 min_scale
  mod mode_final money mul_d_interval multirange multirange_adjacent_multirange
  multirange_adjacent_range multirange_after_multirange multirange_after_range
  multirange_agg_finalfn multirange_before_multirange multirange_before_range multirange_cmp
  multirange_contained_by_multirange multirange_contained_by_range multirange_contains_elem
  multirange_contains_multirange multirange_contains_range multirange_eq multirange_ge
  multirange_gist_consistent multirange_gt multirange_intersect multirange_intersect_agg_transfn
  multirange_le multirange_lt multirange_minus multirange_ne multirange_overlaps_multirange
  multirange_overlaps_range multirange_overleft_multirange multirange_overleft_range
  multirange_overright_multirange multirange_overright_range multirange_typanalyze
  multirange_union multirangesel mxid_age name nameconcatoid nameeq nameeqtext namege namegetext
  namegt namegttext nameiclike nameicnlike nameicregexeq nameicregexne namele nameletext namelike
  namelt namelttext namene namenetext namenlike nameregexeq nameregexne neqjoinsel neqsel netmask
  network network_cmp network_eq network_ge network_gt network_larger network_le network_lt
  network_ne network_overlap network_smaller network_sub network_subeq network_sup network_supeq
  networkjoinsel networksel nlikejoinsel nlikesel normalize notlike now npoints num_nonnulls
  num_nulls numeric numeric_abs numeric_add numeric_avg numeric_avg_serialize numeric_cmp
  numeric_div numeric_div_trunc numeric_eq numeric_exp numeric_ge numeric_gt numeric_inc
  numeric_larger numeric_le numeric_ln numeric_log numeric_lt numeric_mod numeric_mul numeric_ne
  numeric_pl_pg_lsn numeric_poly_avg numeric_poly_serialize numeric_poly_stddev_pop
  numeric_poly_stddev_samp numeric_poly_sum numeric_poly_var_pop numeric_poly_var_samp
  numeric_power numeric_serialize numeric_smaller numeric_sqrt numeric_stddev_pop
  numeric_stddev_samp numeric_sub numeric_sum numeric_uminus numeric_uplus numeric_var_pop
  numeric_var_samp numerictypmodin nummultirange numnode numrange numrange_subdiff obj_description
  octet_length oid oideq oidge oidgt oidlarger oidle oidlt oidne oidsmaller oidvectoreq
  oidvectorge oidvectorgt oidvectorle oidvectorlt oidvectorne oidvectortypes on_pb on_pl on_ppath
  on_ps on_sb on_sl overlaps overlay parse_ident path path_add path_add_pt path_contain_pt
  path_distance path_div_pt path_inter path_length path_mul_pt path_n_eq path_n_ge path_n_gt
  path_n_le path_n_lt path_npoints path_sub_pt pclose percent_rank_final
  percentile_cont_float8_final percentile_cont_float8_multi_final percentile_cont_interval_final
  percentile_cont_interval_multi_final percentile_disc_final percentile_disc_multi_final
  phraseto_tsquery pi plainto_tsquery point point_above point_add point_below point_distance
  point_div point_eq point_horiz point_left point_mul point_ne point_right point_sub point_vert
  poly_above poly_below poly_center poly_contain poly_contain_pt poly_contained poly_distance
  poly_left poly_npoints poly_overabove poly_overbelow poly_overlap poly_overleft poly_overright
  poly_right poly_same polygon popen position positionjoinsel positionsel postgresql_fdw_validator
  pow power prefixjoinsel prefixsel pt_contained_circle pt_contained_poly querytree quote_ident
  quote_literal quote_nullable radians radius range_adjacent range_adjacent_multirange range_after
  range_after_multirange range_agg_finalfn range_before range_before_multirange range_cmp
  range_contained_by range_contained_by_multirange range_contains range_contains_elem
  range_contains_multirange range_eq range_ge range_gist_consistent range_gist_union range_gt
  range_intersect range_intersect_agg_transfn range_le range_lt range_merge range_minus range_ne
  range_overlaps range_overlaps_multirange range_overleft range_overleft_multirange
  range_overright range_overright_multirange range_typanalyze range_union rangesel rank_final
  record_eq record_ge record_gt record_image_eq record_image_ge record_image_gt record_image_le
  record_image_lt record_image_ne record_le record_lt record_ne regclass regexeqjoinsel regexeqsel
  regexnejoinsel regexnesel regexp_count regexp_instr regexp_like regexp_match regexp_replace
  regexp_split_to_array regexp_substr repeat replace reverse right round row_security_active
  row_to_json rpad rtrim satisfies_hash_partition scalargejoinsel scalargesel scalargtjoinsel
  scalargtsel scalarlejoinsel scalarlesel scalarltjoinsel scalarltsel scale schema_to_xml
  schema_to_xml_and_xmlschema schema_to_xmlschema session_user set_bit set_byte set_masklen
  setweight sha224 sha256 sha384 sha512 shift_jis_2004_to_euc_jis_2004 shift_jis_2004_to_utf8
  shobj_description sign similar_escape similar_to_escape sin sind sinh sjis_to_euc_jp sjis_to_mic
  sjis_to_utf8 slope split_part sqrt starts_with statement_timestamp string_agg_finalfn
  string_to_array strip strpos substr substring table_to_xml table_to_xml_and_xmlschema
  table_to_xmlschema tan tand tanh text text_ge text_gt text_larger text_le text_lt
  text_pattern_ge text_pattern_gt text_pattern_le text_pattern_lt text_smaller textanycat textcat
  texteq texteqname textgename textgtname texticlike texticnlike texticregexeq texticregexne
  textlen textlename textlike textltname textne textnename textnlike textregexeq textregexne tideq
  tidge tidgt tidlarger tidle tidlt tidne tidsmaller time time_cmp time_eq time_ge time_gt
  time_hash time_hash_extended time_larger time_le time_lt time_mi_interval time_mi_time time_ne
  time_pl_interval time_smaller timedate_pl timestamp timestamp_cmp timestamp_cmp_date
  timestamp_cmp_timestamptz timestamp_eq timestamp_eq_date timestamp_eq_timestamptz timestamp_ge
  timestamp_ge_date timestamp_ge_timestamptz timestamp_gt timestamp_gt_date
  timestamp_gt_timestamptz timestamp_hash timestamp_hash_extended timestamp_larger timestamp_le
  timestamp_le_date timestamp_le_timestamptz timestamp_lt timestamp_lt_date
  timestamp_lt_timestamptz timestamp_mi timestamp_mi_interval timestamp_ne timestamp_ne_date
  timestamp_ne_timestamptz timestamp_pl_interval timestamp_smaller timestamptypmodin timestamptz
  timestamptz_cmp timestamptz_cmp_date timestamptz_cmp_timestamp timestamptz_eq
  timestamptz_eq_date timestamptz_eq_timestamp timestamptz_ge timestamptz_ge_date
  timestamptz_ge_timestamp timestamptz_gt timestamptz_gt_date timestamptz_gt_timestamp
  timestamptz_larger timestamptz_le timestamptz_le_date timestamptz_le_timestamp timestamptz_lt
  timestamptz_lt_date timestamptz_lt_timestamp timestamptz_mi timestamptz_mi_interval
  timestamptz_ne timestamptz_ne_date timestamptz_ne_timestamp timestamptz_pl_interval
  timestamptz_smaller timestamptztypmodin timetypmodin timetz timetz_cmp timetz_eq timetz_ge
  timetz_gt timetz_hash timetz_hash_extended timetz_larger timetz_le timetz_lt timetz_mi_interval
  timetz_ne timetz_pl_interval timetz_smaller timetzdate_pl timetztypmodin timezone to_ascii
  to_char to_date to_hex to_json to_jsonb to_number to_regclass to_regcollation to_regnamespace
  to_regoper to_regoperator to_regproc to_regprocedure to_regrole to_regtype to_timestamp
  to_tsquery to_tsvector transaction_timestamp translate trim_array trim_scale trunc ts_delete
  ts_filter ts_headline ts_lexize ts_match_qv ts_match_tq ts_match_tt ts_match_vq ts_rank
  ts_rank_cd ts_typanalyze tsmatchjoinsel tsmatchsel tsmultirange tsq_mcontained tsq_mcontains
  tsquery_and tsquery_cmp tsquery_eq tsquery_ge tsquery_gt tsquery_le tsquery_lt tsquery_ne
  tsquery_not tsquery_or tsquery_phrase tsrange tsrange_subdiff tstzmultirange tstzrange
  tstzrange_subdiff tsvector_cmp tsvector_concat tsvector_eq tsvector_ge tsvector_gt tsvector_le
  tsvector_lt tsvector_ne tsvector_to_array txid_current txid_current_if_assigned
  txid_current_snapshot txid_snapshot_xmax txid_snapshot_xmin txid_visible_in_snapshot uhc_to_utf8
  unistr upper upper_inc upper_inf utf8_to_big5 utf8_to_euc_cn utf8_to_euc_jis_2004 utf8_to_euc_jp
  utf8_to_euc_kr utf8_to_euc_tw utf8_to_gb18030 utf8_to_gbk utf8_to_iso8859 utf8_to_iso8859_1
  utf8_to_johab utf8_to_koi8r utf8_to_koi8u utf8_to_shift_jis_2004 utf8_to_sjis utf8_to_uhc
  utf8_to_win uuid_cmp uuid_eq uuid_ge uuid_gt uuid_hash uuid_hash_extended uuid_le uuid_lt
  uuid_ne varbit varbitcmp varbiteq varbitge varbitgt varbitle varbitlt varbitne varbittypmodin
  varchar varchartypmodin version websearch_to_tsquery width width_bucket win1250_to_latin2
  win1250_to_mic win1251_to_iso win1251_to_koi8r win1251_to_mic win1251_to_win866 win866_to_iso
  win866_to_koi8r win866_to_mic win866_to_win1251 win_to_utf8 xid xid8_larger xid8_smaller xid8cmp
  xid8eq xid8ge xid8gt xid8le xid8lt xid8ne xideq xideqint4 xidneq xidneqint4 xml
  xml_is_well_formed xml_is_well_formed_content xml_is_well_formed_document xmlcomment xmlconcat2
  xmlexists xmlvalidate xpath xpath_exists
`;
const NON_VOLATILE_BUILTINS = new Set(NAMES.split(/\s+/).filter(Boolean));

;// CONCATENATED MODULE: ./core/migrations/volatility.ts
/**
 * Whether a column default is volatile. Since PostgreSQL 11, `ADD COLUMN … DEFAULT expr` stores a
 * non-volatile default once in the catalog and returns it for old rows (no rewrite); a VOLATILE
 * default must be evaluated per row, so the whole table is rewritten under ACCESS EXCLUSIVE.
 * `now()` and CURRENT_TIMESTAMP are STABLE (one value per transaction) and stay instant.
 */

/** Built-in and common extension functions marked VOLATILE in pg_proc. */
const VOLATILE_FUNCTIONS = new Set([
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
function functionName(funcCall) {
    const names = funcCall.funcname ?? [];
    return names.map((n) => n.String?.sval ?? '').join('.');
}
/**
 * Classifies a default expression (a raw parse-tree node). An unknown function counts as volatile:
 * CREATE FUNCTION makes functions VOLATILE unless declared otherwise, and ID generators
 * (`generate_ulid()`, `next_id()`) are the usual reason to call one in a default.
 */
function defaultVolatility(expr) {
    let found = { volatile: false };
    const visit = (node) => {
        if (found.volatile || node === null || typeof node !== 'object')
            return;
        if (Array.isArray(node)) {
            for (const item of node)
                visit(item);
            return;
        }
        const record = node;
        const call = record.FuncCall;
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
        for (const value of Object.values(record))
            visit(value);
    };
    visit(expr);
    return found;
}
/** True for a default that is the NULL constant (`DEFAULT NULL`, `DEFAULT NULL::text`): no rewrite, ever. */
function isNullConstant(expr) {
    let node = expr;
    while (node?.TypeCast)
        node = node.TypeCast.arg;
    const constant = node?.A_Const;
    return constant?.isnull === true;
}

;// CONCATENATED MODULE: ./core/migrations/rules/add-column-default-pre-11.ts





/**
 * Before PostgreSQL 11 every ADD COLUMN … DEFAULT (other than NULL) rewrote the table. Volatile
 * defaults are reported by add-column-volatile-default on every version; this rule covers the
 * constant and stable ones that became instant in 11.
 */
const addColumnDefaultPre11 = {
    id: 'add-column-default-pre-11',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ADD COLUMN with a DEFAULT rewrites the table before PostgreSQL 11',
    description: 'Before PostgreSQL 11, ADD COLUMN with any non-NULL default — even a constant — wrote the default into ' +
        'every existing row: a full table rewrite under ACCESS EXCLUSIVE, blocking reads and writes. From 11 on ' +
        'a constant or STABLE default is stored once in the catalog and the statement is instant, so this rule ' +
        'only fires with --pg-version 10 or lower settings (versions 11–18 are safe). Safe rewrite on old ' +
        'versions: add the column without a default, set the default separately (new rows only), and backfill ' +
        'existing rows in batches.',
    check(statement, context) {
        if (context.pgVersion >= 11)
            return [];
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const column of (0,declared_columns/* addedColumns */.YB)(statement)) {
            if (column.type && (0,pg_types/* isSerial */.pY)(column.type))
                continue;
            const fallback = column.constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
            if (!fallback || isNullConstant(fallback.raw_expr) || defaultVolatility(fallback.raw_expr).volatile)
                continue;
            const col = (0,identifiers/* quoteIdent */.v4)(column.name);
            const expression = expressionSql(fallback.raw_expr) ?? '<the default>';
            const t = alterTable(table);
            hits.push(lockHit('ACCESS EXCLUSIVE', {
                message: `On PostgreSQL ${context.pgVersion}, adding column ${col} with DEFAULT ${expression} writes the default ` +
                    `into every row of ${table.name} under ACCESS EXCLUSIVE (instant only from PostgreSQL 11).`,
                rewrite: true,
                fix: `${t} ADD COLUMN ${col} ${column.type?.sql ?? '<type>'};\n` +
                    `${t} ALTER COLUMN ${col} SET DEFAULT ${expression};\n` +
                    batchedUpdate(table, `${col} = ${expression}`, `${col} IS NULL`),
            }));
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/add-column-generated-stored.ts



/** A STORED generated column is computed and written for every existing row. */
const addColumnGeneratedStored = {
    id: 'add-column-generated-stored',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'Adding a GENERATED … STORED column to an existing table rewrites it',
    description: 'ADD COLUMN … GENERATED ALWAYS AS (expr) STORED computes the expression for every existing row and ' +
        'writes it, a full rewrite under ACCESS EXCLUSIVE that blocks reads and writes. On PostgreSQL 18 a ' +
        'VIRTUAL generated column (the default there) is computed on read and adds instantly. Otherwise add a ' +
        'plain column, keep it filled for new rows with a trigger, and backfill existing rows in batches.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const column of (0,declared_columns/* addedColumns */.YB)(statement)) {
            const generated = column.constraints.find((c) => c.contype === 'CONSTR_GENERATED');
            if (generated?.generated_kind !== 's')
                continue;
            const col = (0,identifiers/* quoteIdent */.v4)(column.name);
            const expression = expressionSql(generated.raw_expr) ?? '<the generation expression>';
            const t = alterTable(table);
            const virtual = context.pgVersion >= 18
                ? `-- PostgreSQL 18: a virtual generated column is computed on read and adds instantly:\n` +
                    `${t} ADD COLUMN ${col} ${column.type?.sql ?? '<type>'} GENERATED ALWAYS AS ${parenthesized(expression)} VIRTUAL;\n` +
                    `-- or, to keep it stored:\n`
                : '';
            hits.push(lockHit('ACCESS EXCLUSIVE', {
                message: `Adding the stored generated column ${col} computes and writes it for every row of ${table.name}: ` +
                    'a table rewrite under ACCESS EXCLUSIVE that blocks reads and writes until it ends.',
                rewrite: true,
                fix: virtual +
                    `${t} ADD COLUMN ${col} ${column.type?.sql ?? '<type>'};\n` +
                    `-- fill it for new and updated rows with a BEFORE INSERT OR UPDATE trigger that sets NEW.${col} := ${expression};\n` +
                    batchedUpdate(table, `${col} = ${expression}`, `${col} IS NULL`),
            }));
        }
        return hits;
    },
};
/** Binary operators come back from expressionSql already in parentheses. */
function parenthesized(expression) {
    return expression.startsWith('(') && expression.endsWith(')') ? expression : `(${expression})`;
}

;// CONCATENATED MODULE: ./core/migrations/rules/add-column-not-null-without-default.ts




/** NOT NULL without a default: every existing row would get NULL, so the statement fails. */
const addColumnNotNullWithoutDefault = {
    id: 'add-column-not-null-without-default',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows',
    description: 'A new column is NULL in every existing row unless it has a default, so ADD COLUMN … NOT NULL (or ' +
        'PRIMARY KEY) without a DEFAULT fails with "column contains null values" as soon as the table has one ' +
        'row: the migration passes on an empty development database and breaks in production. Safe rewrite: ' +
        'give the column a constant default (instant since PostgreSQL 11), or add it nullable, backfill in ' +
        'batches and then add NOT NULL through a validated CHECK constraint.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const column of (0,declared_columns/* addedColumns */.YB)(statement)) {
            const kinds = column.constraints.map((c) => c.contype);
            const notNull = kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_PRIMARY');
            if (!notNull)
                continue;
            // Values come from somewhere for these: a sequence, an identity, a generation expression.
            if (kinds.includes('CONSTR_IDENTITY') || kinds.includes('CONSTR_GENERATED'))
                continue;
            if (column.type && (0,pg_types/* isSerial */.pY)(column.type))
                continue;
            const fallback = column.constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
            if (fallback && !isNullConstant(fallback.raw_expr))
                continue;
            const col = (0,identifiers/* quoteIdent */.v4)(column.name);
            const type = column.type?.sql ?? '<type>';
            const t = alterTable(table);
            hits.push(lockHit('ACCESS EXCLUSIVE', {
                message: `Column ${col} is added NOT NULL without a default: every existing row of ${table.name} would hold ` +
                    'NULL, so the statement fails with "column contains null values" on a non-empty table.',
                rewrite: false,
                fix: `-- either a constant default (instant since PostgreSQL 11):\n` +
                    `${t} ADD COLUMN ${col} ${type} NOT NULL DEFAULT <value>;\n` +
                    `-- or nullable first, backfilled, then constrained:\n` +
                    `${t} ADD COLUMN ${col} ${type};\n` +
                    `${batchedUpdate(table, `${col} = <value>`, `${col} IS NULL`)}\n` +
                    notNullSteps(table, col, (0,identifiers/* quoteIdent */.v4)((0,identifiers/* derivedName */.Pr)(table.name, column.name, 'not_null'))),
            }));
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/add-column-volatile-default.ts





/** ADD COLUMN … DEFAULT <volatile expression> evaluates the default per row: a full rewrite. */
const addColumnVolatileDefault = {
    id: 'add-column-volatile-default',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ADD COLUMN with a volatile DEFAULT (gen_random_uuid(), clock_timestamp(), random()…) rewrites the table',
    description: 'Since PostgreSQL 11, ADD COLUMN with a constant or STABLE default (now(), CURRENT_TIMESTAMP, a literal) ' +
        'only records the default in the catalog and is instant. A VOLATILE default has to be computed for every ' +
        'existing row, so PostgreSQL rewrites the whole table and its indexes while holding ACCESS EXCLUSIVE: ' +
        'nothing can read or write the table until it is done. Functions Faultline does not know (user-defined ' +
        'ones are VOLATILE unless declared otherwise) count as volatile. Safe rewrite: add the column without a ' +
        'default, set the default in a second statement (it then applies to new rows only, instantly), and ' +
        'backfill existing rows in batches; add NOT NULL afterwards through a validated CHECK constraint.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const column of (0,declared_columns/* addedColumns */.YB)(statement)) {
            if (column.type && (0,pg_types/* isSerial */.pY)(column.type))
                continue; // add-column-auto-increment
            const fallback = column.constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
            if (!fallback)
                continue;
            const volatility = defaultVolatility(fallback.raw_expr);
            if (!volatility.volatile)
                continue;
            const col = (0,identifiers/* quoteIdent */.v4)(column.name);
            const expression = expressionSql(fallback.raw_expr) ?? `${volatility.functionName}(…)`;
            const notNull = column.constraints.some((c) => c.contype === 'CONSTR_NOTNULL');
            const t = alterTable(table);
            const why = volatility.known
                ? `${volatility.functionName}() is VOLATILE`
                : `${volatility.functionName}() is not a built-in Faultline knows, and functions are VOLATILE unless declared IMMUTABLE or STABLE`;
            hits.push(lockHit('ACCESS EXCLUSIVE', {
                message: `Adding column ${col} with DEFAULT ${expression} rewrites ${table.name} under ACCESS EXCLUSIVE: ${why}, ` +
                    'so PostgreSQL computes it for every existing row; reads and writes wait until the rewrite ends.',
                rewrite: true,
                fix: `${t} ADD COLUMN ${col} ${column.type?.sql ?? '<type>'};\n` +
                    `${t} ALTER COLUMN ${col} SET DEFAULT ${expression};\n` +
                    `${batchedUpdate(table, `${col} = ${expression}`, `${col} IS NULL`)}` +
                    (notNull ? `\n-- then, once every row has a value:\n${notNullSteps(table, col, (0,identifiers/* quoteIdent */.v4)((0,identifiers/* derivedName */.Pr)(table.name, column.name, 'not_null')))}` : ''),
            }));
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/add-json-column.ts



/** `json` has no equality operator: DISTINCT, UNION, GROUP BY and = on it fail. */
const addJsonColumn = {
    id: 'add-json-column',
    defaultSeverity: 'warning',
    kinds: ['CreateStmt', 'AlterTableStmt'],
    summary: 'A json column (use jsonb): json has no equality operator',
    description: 'The json type stores the text as written and has no equality operator, so SELECT DISTINCT, UNION, ' +
        'GROUP BY and = fail on any query that touches the column ("could not identify an equality operator ' +
        'for type json") — including queries of ORMs that add DISTINCT themselves. jsonb is parsed once, ' +
        'compares, indexes (GIN) and is faster to query. Use jsonb unless you need the exact text and key ' +
        'order kept. Applies to CREATE TABLE, ADD COLUMN and ALTER COLUMN … TYPE.',
    check(statement) {
        return (0,declared_columns/* declaredTypes */.Iz)(statement)
            .filter((d) => (0,pg_types/* isBuiltin */.iK)(d.type, 'json'))
            .map((d) => {
            const col = (0,identifiers/* quoteIdent */.v4)(d.column);
            const array = d.type.isArray ? '[]' : '';
            return {
                message: `Column ${col} of ${d.table.name} is json: it has no equality operator, so DISTINCT, UNION and GROUP BY over it fail. Use jsonb.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: d.via === 'create-table'
                    ? `-- in CREATE TABLE ${(0,identifiers/* relationSql */.jK)(d.table)}: ${col} jsonb${array}`
                    : d.via === 'add-column'
                        ? `ALTER TABLE ${(0,identifiers/* relationSql */.jK)(d.table)} ADD COLUMN ${col} jsonb${array};`
                        : `ALTER TABLE ${(0,identifiers/* relationSql */.jK)(d.table)} ALTER COLUMN ${col} TYPE jsonb${array} USING ${col}::jsonb${array};`,
            };
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/type-choice.ts
/**
 * The shape shared by the type-choice rules (ban-char-type, prefer-text, prefer-bigint, …): a
 * declared column type that works today and causes trouble later. They report the declaration,
 * in new tables too, since the choice outlives the migration.
 */


/** How to declare the column with `better` instead, for each way it was declared. */
function redeclare(d, better) {
    const table = (0,identifiers/* relationSql */.jK)(d.table);
    const col = (0,identifiers/* quoteIdent */.v4)(d.column);
    switch (d.via) {
        case 'create-table':
            return `-- in CREATE TABLE ${table}:\n${col} ${better}`;
        case 'add-column':
            return `ALTER TABLE ${table} ADD COLUMN ${col} ${better};`;
        case 'alter-type':
            return `ALTER TABLE ${table} ALTER COLUMN ${col} TYPE ${better};`;
    }
}
/**
 * `better` is the type to declare instead, or `{ fix }`: the whole fix when the better declaration
 * needs more than a type (a constraint added on its own).
 */
function typeChoiceHits(statement, vias, judge) {
    const hits = [];
    for (const d of (0,declared_columns/* declaredTypes */.Iz)(statement)) {
        if (!vias.includes(d.via))
            continue;
        const verdict = judge(d);
        if (!verdict)
            continue;
        const fix = typeof verdict.better === 'string' ? redeclare(d, verdict.better) : verdict.better.fix;
        hits.push({ message: verdict.message, lock: null, blocks: [], rewrite: false, fix });
    }
    return hits;
}
const ALL_DECLARATIONS = ['create-table', 'add-column', 'alter-type'];
const NEW_COLUMNS = ['create-table', 'add-column'];
function arraySuffix(d) {
    return d.type.isArray ? '[]' : '';
}

;// CONCATENATED MODULE: ./core/migrations/rules/ban-char-type.ts



/** char(n) pads with spaces and is no faster than text. */
const banCharType = {
    id: 'ban-char-type',
    defaultSeverity: 'warning',
    kinds: ['CreateStmt', 'AlterTableStmt'],
    summary: 'char(n) / character(n) column (use text or varchar)',
    description: 'char(n) pads every value with spaces to n characters, ignores trailing spaces in comparisons but not ' +
        'in LIKE or in client code, and is not faster than text in PostgreSQL: it only stores more. Values ' +
        'longer than n are rejected. Use text (with a CHECK on length if the limit matters). The internal ' +
        'one-byte type "char" is not reported.',
    check(statement) {
        return typeChoiceHits(statement, ALL_DECLARATIONS, (d) => {
            if (!(0,pg_types/* isBuiltin */.iK)(d.type, 'bpchar'))
                return undefined;
            const n = d.type.typmods[0] ?? 1;
            return {
                message: `Column ${(0,identifiers/* quoteIdent */.v4)(d.column)} of ${d.table.name} is ${d.type.sql}: values are blank-padded to ${n} characters, which surprises clients and saves nothing. Use text.`,
                better: `text${arraySuffix(d)}${d.type.typmods.length > 0 && !d.type.isArray ? ` CHECK (char_length(${(0,identifiers/* quoteIdent */.v4)(d.column)}) <= ${n})` : ''}`,
            };
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/type-changes.ts
/**
 * Which `ALTER COLUMN … TYPE` changes rewrite the table. PostgreSQL skips the rewrite only when the
 * planned conversion is a relabel (binary-coercible types) or a length coercion its planner support
 * function proves to be a no-op (a wider varchar, numeric with more precision and the same scale, a
 * higher timestamp precision). Everything else — a different type, a narrower or new length limit,
 * a domain with constraints, an array of a changed element type — rewrites every row and rebuilds
 * every index under ACCESS EXCLUSIVE. Checked against a PostgreSQL 15 server (relfilenode before and
 * after), see test/core/migrations/type-changes.test.ts.
 */

/** Built-in types that never need a length check and read each other's bytes unchanged. */
const TEXT_LIKE = ['text', 'varchar'];
/** Types whose typmod is a precision that a support function can widen without touching rows. */
const PRECISION_TYPES = ['timestamp', 'timestamptz', 'time', 'timetz', 'interval'];
function sameBase(a, b) {
    return a.name === b.name && a.schema === b.schema && a.isArray === b.isArray;
}
/** Whether a change between two known types rewrites; null when PostgreSQL keeps the rows as they are. */
function knownOriginCost(from, to) {
    if (from.isArray || to.isArray) {
        if (sameBase(from, to) && from.typmods.join() === to.typmods.join())
            return null;
        return { rewrite: true, reason: `converting ${from.sql} to ${to.sql} converts every array element` };
    }
    if ((0,pg_types/* isBuiltin */.iK)(from, ...TEXT_LIKE) && (0,pg_types/* isBuiltin */.iK)(to, ...TEXT_LIKE)) {
        const limit = to.typmods[0];
        if (limit === undefined)
            return null;
        const previous = from.name === 'varchar' ? from.typmods[0] : undefined;
        if (previous !== undefined && previous <= limit)
            return null;
        return {
            rewrite: true,
            reason: `${to.sql} has a shorter or new length limit than ${from.sql}, so every value is checked and the table rewritten`,
        };
    }
    if ((0,pg_types/* isBuiltin */.iK)(from, 'text', 'varchar') && (0,pg_types/* isBuiltin */.iK)(to, 'bpchar') && to.typmods.length === 0) {
        return null;
    }
    if ((0,pg_types/* isBuiltin */.iK)(from, 'numeric') && (0,pg_types/* isBuiltin */.iK)(to, 'numeric')) {
        if (to.typmods.length === 0)
            return null;
        const [toPrecision, toScale = 0] = to.typmods;
        const [fromPrecision, fromScale = 0] = from.typmods;
        if (fromPrecision !== undefined && toPrecision >= fromPrecision && toScale === fromScale)
            return null;
        return {
            rewrite: true,
            reason: `${from.sql} to ${to.sql} changes the scale or lowers the precision, so every value is recomputed`,
        };
    }
    if (PRECISION_TYPES.includes(from.name) && (0,pg_types/* isBuiltin */.iK)(to, from.name)) {
        const toPrecision = to.typmods[0];
        const fromPrecision = from.typmods[0];
        if (toPrecision === undefined)
            return null;
        if (fromPrecision !== undefined && toPrecision >= fromPrecision)
            return null;
        return { rewrite: true, reason: `${from.sql} to ${to.sql} rounds every value to the new precision` };
    }
    if ((0,pg_types/* isBuiltin */.iK)(from, 'varbit') && (0,pg_types/* isBuiltin */.iK)(to, 'varbit')) {
        const limit = to.typmods[0];
        const previous = from.typmods[0];
        if (limit === undefined || (previous !== undefined && previous <= limit))
            return null;
        return { rewrite: true, reason: `${to.sql} is shorter than ${from.sql}, so every value is checked` };
    }
    if ((0,pg_types/* isBuiltin */.iK)(from, 'cidr') && (0,pg_types/* isBuiltin */.iK)(to, 'inet'))
        return null;
    if (sameBase(from, to) && from.typmods.join() === to.typmods.join())
        return null;
    if ((0,pg_types/* isBuiltin */.iK)(from, 'timestamp', 'timestamptz') && (0,pg_types/* isBuiltin */.iK)(to, 'timestamp', 'timestamptz')) {
        return {
            rewrite: true,
            reason: `${from.sql} to ${to.sql} reinterprets every value in the session time zone (PostgreSQL 12+ skips the rewrite only when TimeZone is UTC; Faultline cannot know the session's)`,
        };
    }
    return { rewrite: true, reason: `${from.sql} and ${to.sql} are stored differently, so every row is converted` };
}
/**
 * The cost of a type change when only the target is known (the column was created outside the
 * files being linted and no schema dump names it). The same target is a relabel from one old type
 * and a full rewrite from another (varchar → text keeps the rows, integer → text converts every
 * one; text → varchar(255) checks every row), and nothing in the statement tells which: fail closed.
 */
function unknownOriginCost(to) {
    const examples = (0,pg_types/* isBuiltin */.iK)(to, ...TEXT_LIKE)
        ? 'from integer or any non-text type every row is converted, and a new or lower length limit checks every row'
        : (0,pg_types/* isBuiltin */.iK)(to, 'timestamptz', 'timestamp')
            ? `from ${to.name === 'timestamptz' ? 'timestamp' : 'timestamptz'} every value is reinterpreted in the session time zone, from other types every row is converted`
            : 'unless the old type is binary coercible to it, every row is converted';
    return {
        rewrite: true,
        oldTypeUnknown: true,
        reason: `old type unknown, so it is taken as a rewrite: converting to ${to.sql} ${examples}`,
    };
}
/**
 * Null when the change keeps every row as it is; otherwise why it rewrites the table. With the old
 * type known, a USING clause that is only the column cast to the new type (`USING c::varchar(200)`,
 * which Django writes on every type change) is planned exactly like no USING; any other USING
 * expression is evaluated for every row. With the old type unknown, every change is a rewrite.
 */
function typeChangeCost(change) {
    const using = change.using !== undefined && change.using !== null;
    if (using && (!change.from || usingDoesWork(change.using, change.column, change.to))) {
        // With the old type unknown even `USING c::text` may be a conversion (integer to text).
        return change.from
            ? { rewrite: true, reason: 'the USING expression is evaluated for every row' }
            : { rewrite: true, oldTypeUnknown: true, reason: 'old type unknown, and the USING expression is evaluated for every row' };
    }
    return change.from ? knownOriginCost(change.from, change.to) : unknownOriginCost(change.to);
}
/**
 * True when a USING expression does real work: anything but the column itself, optionally cast to
 * exactly the target type (`USING c::text`), which PostgreSQL plans like no USING at all.
 */
function usingDoesWork(using, column, to) {
    let node = using;
    const cast = node.TypeCast;
    if (cast) {
        if ((0,pg_types/* columnType */.DW)(cast.typeName)?.sql !== to.sql)
            return true;
        node = cast.arg ?? {};
    }
    const ref = node.ColumnRef;
    const fields = ref?.fields ?? [];
    return !(fields.length === 1 && fields[0].String?.sval === column);
}

;// CONCATENATED MODULE: ./core/migrations/rules/change-column-type.ts





/**
 * An engine may know a column's type from files linted earlier in the same run; when it offers
 * this lookup, type changes are judged exactly instead of from the target type alone.
 */
function expandContract(table, column, to) {
    const t = (0,identifiers/* relationSql */.jK)(table);
    const col = (0,identifiers/* quoteIdent */.v4)(column);
    const next = (0,identifiers/* quoteIdent */.v4)((0,identifiers/* derivedName */.Pr)(column, 'new'));
    const old = (0,identifiers/* quoteIdent */.v4)((0,identifiers/* derivedName */.Pr)(column, 'old'));
    const sync = (0,identifiers/* quoteIdent */.v4)((0,identifiers/* derivedName */.Pr)(table.name, column, 'sync'));
    return (`-- expand: a new column, kept in sync by a trigger, backfilled in batches\n` +
        `${alterTable(table)} ADD COLUMN ${next} ${to.sql};\n` +
        `CREATE FUNCTION ${sync}() RETURNS trigger LANGUAGE plpgsql AS $$\n` +
        `BEGIN NEW.${next} := NEW.${col}::${to.sql}; RETURN NEW; END $$;\n` +
        `CREATE TRIGGER ${sync} BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${sync}();\n` +
        `${batchedUpdate(table, `${next} = ${col}::${to.sql}`, `${next} IS NULL AND ${col} IS NOT NULL`)}\n` +
        `-- contract, in one short transaction with a lock_timeout:\n` +
        `-- faultline-ignore: rename-column -- the swap: deployed code reads ${col}, which the trigger keeps in step\n` +
        `${alterTable(table)} RENAME COLUMN ${col} TO ${old};\n` +
        `-- faultline-ignore: rename-column -- the swap: ${next} takes the name ${col}, in the same transaction\n` +
        `${alterTable(table)} RENAME COLUMN ${next} TO ${col};\n` +
        `DROP TRIGGER ${sync} ON ${t};\n` +
        `-- recreate indexes and constraints on ${col} (CONCURRENTLY / NOT VALID), then drop ${old} in a later release`);
}
/** ALTER COLUMN … TYPE that rewrites the table (and rebuilds its indexes) under ACCESS EXCLUSIVE. */
const changeColumnType = {
    id: 'change-column-type',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ALTER COLUMN … TYPE that rewrites the table under ACCESS EXCLUSIVE',
    description: 'Changing a column\'s type holds ACCESS EXCLUSIVE and, unless the old and new types are binary ' +
        'compatible, rewrites every row and rebuilds every index of the table: no reads or writes until it ' +
        'finishes. No rewrite (not reported): varchar(n) to text or to a wider varchar, numeric(p,s) to numeric ' +
        'or to a higher precision with the same scale, a higher timestamp/time/interval precision, cidr to inet. ' +
        'Rewrites: int to bigint, a USING expression that does more than cast the column to the new type, a ' +
        'new or shorter length limit ' +
        '(text to varchar(n)), timestamp to timestamptz (PostgreSQL 12+ skips the rewrite only when the ' +
        'session TimeZone is UTC, which the linter cannot know), json to jsonb, to an enum or a domain. When the ' +
        'old type is unknown (the column was created outside the linted files), every type change and every USING ' +
        'is reported as a rewrite ("old type unknown"): varchar to text keeps the rows but integer to text converts ' +
        'them. Name a schema dump (`pg_dump --schema-only`) in the config as `migrations.schema-dump` so the gate ' +
        'knows the old types. Safe rewrite: expand and contract — add a new ' +
        'column, keep it in sync with a trigger, backfill in batches, swap the names in one short transaction.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        const hits = [];
        for (const cmd of (0,ast/* alterCommands */.$f)(statement.node)) {
            if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.name)
                continue;
            const def = (0,ast/* nodeOf */.E7)(cmd.def, 'ColumnDef');
            const to = (0,pg_types/* columnType */.DW)(def?.typeName);
            if (!to)
                continue;
            const from = context.columnType(table, cmd.name);
            const cost = typeChangeCost({ column: cmd.name, from, to, using: def?.raw_default });
            if (!cost)
                continue;
            const col = (0,identifiers/* quoteIdent */.v4)(cmd.name);
            const unknown = cost.oldTypeUnknown
                ? ` To let the gate know the old type, name a schema dump (pg_dump --schema-only) in .github/faultline.yml as migrations.schema-dump, or lint the migration that created ${col} in the same run.`
                : '';
            hits.push(lockHit('ACCESS EXCLUSIVE', {
                message: `Changing ${table.name}.${col} to ${to.sql} ${cost.oldTypeUnknown ? 'may rewrite the table and rebuild' : 'rewrites the table and rebuilds'} its indexes under ` +
                    `ACCESS EXCLUSIVE (${cost.reason}); reads and writes wait until it finishes.${unknown}`,
                rewrite: true,
                fix: expandContract(table, cmd.name, to),
            }));
        }
        return hits;
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/cluster.ts



/** CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE. */
const cluster = {
    id: 'cluster',
    defaultSeverity: 'error',
    kinds: ['ClusterStmt'],
    summary: 'CLUSTER rewrites the table under ACCESS EXCLUSIVE',
    description: 'CLUSTER writes a new copy of the table sorted by an index, holding ACCESS EXCLUSIVE the whole time: no ' +
        'reads or writes until it ends. Without a table name it re-clusters every table clustered before. ' +
        'pg_repack --order-by does the same reordering online.',
    check(statement, context) {
        if (statement.kind !== 'ClusterStmt')
            return [];
        const table = (0,ast/* relationOf */.Ke)(statement.node.relation);
        if (table && context.isNewRelation(table))
            return [];
        const target = table ? (0,identifiers/* relationSql */.jK)(table) : 'every previously clustered table';
        const index = typeof statement.node.indexname === 'string' ? (0,identifiers/* quoteIdent */.v4)(statement.node.indexname) : undefined;
        return [
            lockHit('ACCESS EXCLUSIVE', {
                message: `CLUSTER rewrites ${target} under ACCESS EXCLUSIVE: reads and writes wait until the copy is done.`,
                rewrite: true,
                fix: table
                    ? `-- reorder online with pg_repack instead:\n-- pg_repack --table=${(0,identifiers/* relationSql */.jK)(table)} --order-by=<columns of ${index ?? 'the clustering index'}>`
                    : '-- reorder online, table by table, with pg_repack --table=<table> --order-by=<columns>',
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/detach-partition-non-concurrent.ts



/** DETACH PARTITION without CONCURRENTLY locks the whole partitioned table ACCESS EXCLUSIVE. */
const detachPartitionNonConcurrent = {
    id: 'detach-partition-non-concurrent',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'DETACH PARTITION without CONCURRENTLY blocks reads and writes of the whole partitioned table',
    description: 'ALTER TABLE … DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table and the partition: every ' +
        'query on any partition waits, and waits behind every running query first. Since PostgreSQL 14, ' +
        'DETACH PARTITION … CONCURRENTLY needs only SHARE UPDATE EXCLUSIVE (reads and writes continue); it ' +
        'cannot run in a transaction block or when the table has a default partition, and an interrupted run ' +
        'is finished with DETACH PARTITION … FINALIZE. Before 14 there is no concurrent form: run it with a ' +
        'short lock_timeout and retries, at a quiet time.',
    check(statement, context) {
        const parent = existingAlteredTable(statement, context);
        if (!parent)
            return [];
        return (0,ast/* alterCommands */.$f)(statement.node)
            .filter((cmd) => cmd.subtype === 'AT_DetachPartition')
            .filter((cmd) => cmd.def?.PartitionCmd?.concurrent !== true)
            .map((cmd) => {
            const partition = (0,ast/* relationOf */.Ke)(cmd.def?.PartitionCmd?.name);
            const name = partition ? (0,identifiers/* relationSql */.jK)(partition) : '<partition>';
            const concurrent = context.pgVersion >= 14;
            return lockHit('ACCESS EXCLUSIVE', {
                message: `Detaching ${name} from ${(0,identifiers/* relationSql */.jK)(parent)} takes ACCESS EXCLUSIVE on the whole partitioned table: ` +
                    `reads and writes of every partition wait.` +
                    (concurrent ? '' : ` PostgreSQL ${context.pgVersion} has no concurrent form (it arrived in 14).`),
                rewrite: false,
                fix: concurrent
                    ? `-- outside a transaction block (not possible with a default partition):\n${alterTable(parent)} DETACH PARTITION ${name} CONCURRENTLY;`
                    : `-- PostgreSQL ${context.pgVersion} has no DETACH … CONCURRENTLY (added in 14); keep the wait short and retry:\n` +
                        `SET lock_timeout = '2s';\n${alterTable(parent)} DETACH PARTITION ${name};`,
            });
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/drop-column.ts



/** DROP COLUMN breaks running code that still names the column (and ORMs that cache columns). */
const dropColumn = {
    id: 'drop-column',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ALTER TABLE … DROP COLUMN on an existing table',
    description: 'DROP COLUMN is a quick catalog change (no rewrite) under ACCESS EXCLUSIVE, but the application version ' +
        'still running during the deploy fails on every query that names the column, and ORMs that cache the ' +
        'column list (Rails, Django, Hibernate) fail on inserts even if they never use it. The data is gone. ' +
        'Safe rewrite: first deploy code that ignores the column (e.g. Rails ignored_columns), then drop it in ' +
        'a later migration with a short lock_timeout. Columns of tables created in the same file are not reported.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        return (0,ast/* alterCommands */.$f)(statement.node)
            .filter((cmd) => cmd.subtype === 'AT_DropColumn' && cmd.name)
            // A column this file added is not used by any deployed code yet.
            .filter((cmd) => !context.hasColumnFromFile(table, cmd.name))
            .map((cmd) => {
            const col = (0,identifiers/* quoteIdent */.v4)(cmd.name);
            return lockHit('ACCESS EXCLUSIVE', {
                message: `Dropping column ${col} of ${table.name} breaks the running application version on every query ` +
                    'that names it (and ORMs that cache the column list), and its data is gone.',
                rewrite: false,
                fix: `-- 1. deploy code that no longer reads or writes ${col} (e.g. Rails: self.ignored_columns += ["${cmd.name}"])\n` +
                    `-- 2. in a later migration:\n` +
                    `SET lock_timeout = '2s';\n` +
                    `-- faultline-ignore: drop-column -- no deployed code uses ${col} any more (step 1)\n` +
                    `${alterTable(table)} DROP COLUMN ${cmd.missingOk ? 'IF EXISTS ' : ''}${col};`,
            });
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/drop-database.ts

/** DROP DATABASE in a migration: everything in it is gone. */
const dropDatabase = {
    id: 'drop-database',
    defaultSeverity: 'error',
    kinds: ['DropdbStmt'],
    summary: 'DROP DATABASE',
    description: 'DROP DATABASE deletes the whole database and fails while anyone is connected to it (WITH (FORCE) ' +
        'terminates them). It has no place in an application migration: run it by hand, after a backup, once ' +
        'nothing uses the database.',
    check(statement) {
        if (statement.kind !== 'DropdbStmt')
            return [];
        const name = (0,identifiers/* quoteIdent */.v4)(String(statement.node.dbname ?? ''));
        return [
            {
                message: `DROP DATABASE ${name} deletes the whole database; it does not belong in a migration.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `-- remove it from the migration; after a backup and once nothing connects to it, run by hand:\n-- DROP DATABASE ${name};`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/drop-not-null.ts



/** DROP NOT NULL changes a contract readers rely on, and is costly to undo. */
const dropNotNull = {
    id: 'drop-not-null',
    defaultSeverity: 'warning',
    kinds: ['AlterTableStmt'],
    summary: 'ALTER COLUMN … DROP NOT NULL lets NULLs into a column that code assumes is never NULL',
    description: 'DROP NOT NULL is quick (ACCESS EXCLUSIVE for a catalog update) but changes the column\'s contract: code, ' +
        'reports and downstream consumers that assume a value is always present start seeing NULLs, and going ' +
        'back needs SET NOT NULL, which scans the whole table under ACCESS EXCLUSIVE unless a validated CHECK ' +
        '(col IS NOT NULL) exists. Deploy readers that handle NULL first, and run it with a short lock_timeout ' +
        'so it does not queue behind long transactions.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        return (0,ast/* alterCommands */.$f)(statement.node)
            .filter((cmd) => cmd.subtype === 'AT_DropNotNull' && cmd.name)
            // A column this file added is not used by any deployed code yet.
            .filter((cmd) => !context.hasColumnFromFile(table, cmd.name))
            .map((cmd) => {
            const col = (0,identifiers/* quoteIdent */.v4)(cmd.name);
            return lockHit('ACCESS EXCLUSIVE', {
                message: `Dropping NOT NULL on ${table.name}.${col} lets NULLs in where readers may assume a value; ` +
                    'restoring the constraint later scans the whole table.',
                rewrite: false,
                fix: `-- after every reader of ${col} handles NULL:\n` +
                    `SET lock_timeout = '2s';\n` +
                    `${alterTable(table)} ALTER COLUMN ${col} DROP NOT NULL;`,
            });
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/drop-schema.ts



/** DROP SCHEMA deletes every object in it (with CASCADE) and locks each table it drops. */
const dropSchema = {
    id: 'drop-schema',
    defaultSeverity: 'error',
    kinds: ['DropStmt'],
    summary: 'DROP SCHEMA',
    description: 'DROP SCHEMA … CASCADE deletes every table, view, function and type in the schema, taking ACCESS ' +
        'EXCLUSIVE on each table it drops; without CASCADE it fails unless the schema is empty. Either way code ' +
        'that uses the schema breaks. Deploy code that no longer uses the schema, back up what it holds, and ' +
        'drop it in a later migration with a short lock_timeout.',
    check(statement) {
        if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_SCHEMA')
            return [];
        const schemas = (0,ast/* stringList */.Yn)(statement.node.objects);
        const cascade = statement.node.behavior === 'DROP_CASCADE';
        return schemas.map((schema) => lockHit('ACCESS EXCLUSIVE', {
            message: cascade
                ? `DROP SCHEMA ${(0,identifiers/* quoteIdent */.v4)(schema)} CASCADE deletes every object in the schema and locks each of its tables ACCESS EXCLUSIVE.`
                : `DROP SCHEMA ${(0,identifiers/* quoteIdent */.v4)(schema)} removes the schema; code that still uses it breaks.`,
            rewrite: false,
            fix: `-- 1. deploy code that no longer uses schema ${(0,identifiers/* quoteIdent */.v4)(schema)}; back up its data\n` +
                `-- 2. in a later migration:\n` +
                `SET lock_timeout = '2s';\n` +
                `DROP SCHEMA ${(0,identifiers/* quoteIdent */.v4)(schema)};`,
        }));
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/drop-table.ts



function listItems(object) {
    return object.List?.items;
}
/** DROP TABLE of a table that existed before this migration: data loss and broken readers. */
const dropTable = {
    id: 'drop-table',
    defaultSeverity: 'error',
    kinds: ['DropStmt'],
    summary: 'DROP TABLE of an existing table',
    description: 'DROP TABLE deletes the data for good and takes ACCESS EXCLUSIVE on the table (and on tables whose ' +
        'foreign keys point to it, with CASCADE): it waits for every running query on them, and while it ' +
        'waits every new query queues behind it. Application code that still reads or writes the table fails ' +
        'at once. Safe rewrite: first deploy code that no longer uses the table, keep a backup or rename it ' +
        'aside for a release, then drop it with a short lock_timeout. Tables created earlier in the same file ' +
        'are not reported.',
    check(statement, context) {
        if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_TABLE')
            return [];
        const objects = statement.node.objects ?? [];
        const existing = objects
            .map((o) => (0,ast/* relationFromNames */.be)((0,ast/* stringList */.Yn)(listItems(o))))
            .filter((r) => r !== undefined && !context.isNewRelation(r));
        return existing.map((table) => lockHit('ACCESS EXCLUSIVE', {
            message: `Dropping table ${(0,identifiers/* relationSql */.jK)(table)} deletes its data and breaks every query that still uses it; ` +
                'the ACCESS EXCLUSIVE lock it needs also queues all other queries on the table while it waits.',
            rewrite: false,
            fix: `-- 1. deploy code that no longer reads or writes ${(0,identifiers/* relationSql */.jK)(table)}\n` +
                `-- 2. in a later migration:\n` +
                `SET lock_timeout = '2s';\n` +
                `DROP TABLE ${(0,identifiers/* relationSql */.jK)(table)};`,
        }));
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/prefer-bigint.ts



const BIGGER = {
    int2: 'bigint',
    int4: 'bigint',
    smallserial: 'bigserial',
    serial: 'bigserial',
};
/** int/smallint/serial columns overflow; widening them later is a full rewrite. */
const SMALLER_TYPES = Object.keys(BIGGER);
const preferBigint = {
    id: 'prefer-bigint',
    defaultSeverity: 'warning',
    kinds: ['CreateStmt', 'AlterTableStmt'],
    summary: 'integer / smallint / serial column (prefer bigint)',
    description: 'integer tops out at 2,147,483,647 (smallint at 32,767). Ids, counters and foreign keys to them reach ' +
        'that on busy tables, and then every insert fails; widening the column to bigint rewrites the table ' +
        'and its indexes under ACCESS EXCLUSIVE. bigint costs 4 more bytes a row (often none, after alignment). ' +
        'Declare bigint (or bigserial / bigint identity) from the start. Reported for CREATE TABLE and ADD COLUMN.',
    check(statement) {
        return typeChoiceHits(statement, NEW_COLUMNS, (d) => {
            if (d.type.isArray || !(0,pg_types/* isBuiltin */.iK)(d.type, ...SMALLER_TYPES))
                return undefined;
            const better = BIGGER[d.type.name];
            return {
                message: `Column ${(0,identifiers/* quoteIdent */.v4)(d.column)} of ${d.table.name} is ${d.type.sql}: it overflows at ${d.type.name === 'int2' || d.type.name === 'smallserial' ? '32,767' : '2,147,483,647'}, and widening it later rewrites the table. Use ${better}.`,
                better,
            };
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/prefer-identity.ts



/** serial is a legacy macro; identity columns are the SQL-standard replacement. */
const preferIdentity = {
    id: 'prefer-identity',
    defaultSeverity: 'warning',
    kinds: ['CreateStmt', 'AlterTableStmt'],
    summary: 'serial / bigserial column (prefer GENERATED … AS IDENTITY)',
    description: 'serial is shorthand for an integer column with a DEFAULT nextval() on a separately owned sequence: ' +
        'privileges on the sequence must be granted apart, explicit inserts silently get out of step with it, ' +
        'and copying the table definition (CREATE TABLE … LIKE) shares the sequence. An identity column ' +
        '(SQL standard, PostgreSQL 10+) ties the sequence to the column and, with GENERATED ALWAYS, rejects ' +
        'accidental explicit values. Use bigint GENERATED ALWAYS AS IDENTITY. Not reported for a column added ' +
        'to an existing table: there both serial and identity fill every row, and add-column-auto-increment ' +
        'reports that with the safe recipe.',
    check(statement, context) {
        return typeChoiceHits(statement, NEW_COLUMNS, (d) => {
            if (!(0,pg_types/* isSerial */.pY)(d.type))
                return undefined;
            // An identity column added to an existing table rewrites it just like serial: the fix would trip
            // add-column-auto-increment, which reports this statement with a recipe that does not.
            if (d.via === 'add-column' && !context.isNewRelation(d.table))
                return undefined;
            return {
                message: `Column ${(0,identifiers/* quoteIdent */.v4)(d.column)} of ${d.table.name} is ${d.type.name}: use an identity column, which owns its sequence and rejects stray explicit values.`,
                better: 'bigint GENERATED ALWAYS AS IDENTITY',
            };
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/prefer-text.ts



/**
 * text plus a length CHECK. Only CREATE TABLE may carry the CHECK in the column definition: ALTER
 * COLUMN … TYPE has no place for it (a syntax error), and ADD COLUMN … CHECK scans the table under
 * ACCESS EXCLUSIVE; there the CHECK is added NOT VALID and validated on its own.
 */
function textWithCheck(d, limit) {
    const col = (0,identifiers/* quoteIdent */.v4)(d.column);
    const check = `CHECK (char_length(${col}) <= ${limit})`;
    if (d.via === 'create-table')
        return `text ${check}`;
    const table = (0,identifiers/* relationSql */.jK)(d.table);
    const name = (0,identifiers/* quoteIdent */.v4)((0,identifiers/* derivedName */.Pr)(d.table.name, d.column, 'max_length'));
    const column = d.via === 'add-column' ? `ALTER TABLE ${table} ADD COLUMN ${col} text;` : `ALTER TABLE ${table} ALTER COLUMN ${col} TYPE text;`;
    return {
        fix: `${column}\n` +
            `ALTER TABLE ${table} ADD CONSTRAINT ${name} ${check} NOT VALID;\n` +
            `-- then, in a separate transaction (reads and writes go on while it scans):\n` +
            `ALTER TABLE ${table} VALIDATE CONSTRAINT ${name};`,
    };
}
/** varchar(n): changing n later can mean a rewrite; text with a CHECK is easier to change. */
const preferText = {
    id: 'prefer-text',
    defaultSeverity: 'warning',
    kinds: ['CreateStmt', 'AlterTableStmt'],
    summary: 'varchar(n) column (prefer text, with a CHECK constraint if the limit matters)',
    description: 'In PostgreSQL varchar(n) is text plus a length check; it is not faster or smaller. The limit is part ' +
        'of the type, so lowering it later rewrites the table under ACCESS EXCLUSIVE, and frameworks pick ' +
        'limits (255) that real data outgrows. Use text; if the limit matters, add it as a CHECK constraint, ' +
        'which can be replaced online (ADD CONSTRAINT … NOT VALID, then VALIDATE). Unconstrained varchar is ' +
        'not reported.',
    check(statement) {
        return typeChoiceHits(statement, ALL_DECLARATIONS, (d) => {
            if (!(0,pg_types/* isBuiltin */.iK)(d.type, 'varchar') || d.type.typmods.length === 0)
                return undefined;
            const n = d.type.typmods[0];
            const col = (0,identifiers/* quoteIdent */.v4)(d.column);
            return {
                message: `Column ${col} of ${d.table.name} is ${d.type.sql}: the limit is part of the type, and lowering it later rewrites the table. Use text with a CHECK constraint.`,
                better: d.type.isArray ? `text${arraySuffix(d)}` : textWithCheck(d, n),
            };
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/prefer-timestamptz.ts



/** timestamp without time zone loses the offset; timestamptz stores an instant. */
const preferTimestamptz = {
    id: 'prefer-timestamptz',
    defaultSeverity: 'warning',
    kinds: ['CreateStmt', 'AlterTableStmt'],
    summary: 'timestamp without time zone column (prefer timestamptz)',
    description: 'timestamp (without time zone) stores a wall-clock reading with no offset: the same column ends up ' +
        'holding UTC from one service and local time from another, and converting it later to timestamptz ' +
        'rewrites the table. timestamptz stores an instant (in UTC) and converts to the session time zone on ' +
        'output; it takes the same 8 bytes. Use timestamptz for points in time.',
    check(statement) {
        return typeChoiceHits(statement, ALL_DECLARATIONS, (d) => {
            if (!(0,pg_types/* isBuiltin */.iK)(d.type, 'timestamp'))
                return undefined;
            const precision = d.type.typmods.length > 0 ? `(${d.type.typmods[0]})` : '';
            return {
                message: `Column ${(0,identifiers/* quoteIdent */.v4)(d.column)} of ${d.table.name} is timestamp without time zone: it keeps no offset, so values from different time zones cannot be told apart. Use timestamptz.`,
                better: `timestamptz${precision}${arraySuffix(d)}`,
            };
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/refresh-matview-non-concurrent.ts



/** REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view. */
const refreshMatviewNonConcurrent = {
    id: 'refresh-matview-non-concurrent',
    defaultSeverity: 'warning',
    kinds: ['RefreshMatViewStmt'],
    summary: 'REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view',
    description: 'A plain REFRESH MATERIALIZED VIEW holds ACCESS EXCLUSIVE on the view while it recomputes the query: ' +
        'every SELECT on the view waits. REFRESH … CONCURRENTLY takes only EXCLUSIVE (reads continue) and ' +
        'swaps in the changes; it needs a UNIQUE index on the view covering all rows, cannot run on a view ' +
        'that has never been populated, and is slower. Views created in the same file are not reported.',
    check(statement, context) {
        if (statement.kind !== 'RefreshMatViewStmt' || statement.node.concurrent === true)
            return [];
        // WITH NO DATA only empties the view (it has no concurrent form).
        if (statement.node.skipData === true)
            return [];
        const view = (0,ast/* relationOf */.Ke)(statement.node.relation);
        if (!view || context.isNewRelation(view))
            return [];
        const name = (0,identifiers/* relationSql */.jK)(view);
        return [
            lockHit('ACCESS EXCLUSIVE', {
                message: `REFRESH MATERIALIZED VIEW ${name} holds ACCESS EXCLUSIVE while the query reruns: every read of the view waits.`,
                rewrite: true,
                fix: `-- needs a unique index on the view (once): CREATE UNIQUE INDEX CONCURRENTLY ON ${name} (<key columns>);\n` +
                    `REFRESH MATERIALIZED VIEW CONCURRENTLY ${name};`,
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/rename-column.ts



const RELATION_KINDS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE']);
/** RENAME COLUMN breaks the running application version at once. */
const renameColumn = {
    id: 'rename-column',
    defaultSeverity: 'error',
    kinds: ['RenameStmt'],
    summary: 'ALTER TABLE … RENAME COLUMN on an existing table',
    description: 'Renaming a column is instant (ACCESS EXCLUSIVE for a catalog update) but the application version still ' +
        'running during a deploy keeps using the old name, and every such query fails until the new version is ' +
        'everywhere; views and functions that reference the column by name keep working, client code does not. ' +
        'Safe rewrite (expand and contract): add the new column, keep both in sync with a trigger, backfill in ' +
        'batches, move readers and writers to the new name, then drop the old column in a later release.',
    check(statement, context) {
        if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_COLUMN')
            return [];
        if (!RELATION_KINDS.has(String(statement.node.relationType)))
            return [];
        const table = (0,ast/* relationOf */.Ke)(statement.node.relation);
        if (!table || context.isNewRelation(table))
            return [];
        const from = String(statement.node.subname ?? '');
        // A column this file added is not used by any deployed code yet.
        if (context.hasColumnFromFile(table, from))
            return [];
        const to = String(statement.node.newname ?? '');
        const oldCol = (0,identifiers/* quoteIdent */.v4)(from);
        const newCol = (0,identifiers/* quoteIdent */.v4)(to);
        const t = (0,identifiers/* relationSql */.jK)(table);
        const sync = (0,identifiers/* quoteIdent */.v4)((0,identifiers/* derivedName */.Pr)(table.name, to, 'sync'));
        return [
            lockHit('ACCESS EXCLUSIVE', {
                message: `Renaming ${table.name}.${oldCol} to ${newCol} breaks every query of the running application that ` +
                    'still uses the old name, until the new code is deployed everywhere.',
                rewrite: false,
                fix: `${alterTable(table)} ADD COLUMN ${newCol} ${context.columnType(table, from)?.sql ?? `<type of ${oldCol}>`};\n` +
                    `CREATE FUNCTION ${sync}() RETURNS trigger LANGUAGE plpgsql AS $$\n` +
                    `BEGIN NEW.${newCol} := COALESCE(NEW.${newCol}, NEW.${oldCol}); NEW.${oldCol} := NEW.${newCol}; RETURN NEW; END $$;\n` +
                    `CREATE TRIGGER ${sync} BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${sync}();\n` +
                    `${batchedUpdate(table, `${newCol} = ${oldCol}`, `${newCol} IS NULL AND ${oldCol} IS NOT NULL`)}\n` +
                    `-- deploy code that uses ${newCol}; then, in a later release:\n` +
                    `DROP TRIGGER ${sync} ON ${t};\n` +
                    `${alterTable(table)} DROP COLUMN ${oldCol};`,
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/rename-enum-value.ts


/** ALTER TYPE … RENAME VALUE: code still writing the old label fails. */
const renameEnumValue = {
    id: 'rename-enum-value',
    defaultSeverity: 'error',
    kinds: ['AlterEnumStmt'],
    summary: 'ALTER TYPE … RENAME VALUE on an enum',
    description: 'Renaming an enum label is instant, but the application version still running keeps writing and ' +
        'comparing the old label: its inserts fail with "invalid input value for enum" and its filters ' +
        'silently match nothing. Enum labels cannot be dropped, so the safe path is additive: add the new ' +
        'label (ALTER TYPE … ADD VALUE), deploy code that accepts both, move rows over in batches, and stop ' +
        'writing the old label.',
    check(statement) {
        if (statement.kind !== 'AlterEnumStmt' || statement.node.oldVal === undefined)
            return [];
        const names = (0,ast/* stringList */.Yn)(statement.node.typeName);
        const type = names.map(identifiers/* quoteIdent */.v4).join('.');
        const from = (0,identifiers/* quoteLiteral */.ce)(String(statement.node.oldVal));
        const to = (0,identifiers/* quoteLiteral */.ce)(String(statement.node.newVal ?? ''));
        return [
            {
                message: `Renaming enum value ${from} of ${type} to ${to} breaks running code that still writes or compares ${from}.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `ALTER TYPE ${type} ADD VALUE IF NOT EXISTS ${to};\n` +
                    `-- deploy code that accepts both labels, then per table using ${type}, in batches:\n` +
                    `-- UPDATE <table> SET <column> = ${to} WHERE ctid IN (SELECT ctid FROM <table> WHERE <column> = ${from} LIMIT 10000);`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/rename-schema.ts

/** RENAME SCHEMA breaks every qualified name and search_path that uses the old name. */
const renameSchema = {
    id: 'rename-schema',
    defaultSeverity: 'error',
    kinds: ['RenameStmt'],
    summary: 'ALTER SCHEMA … RENAME TO',
    description: 'Renaming a schema is a catalog update, but every query, search_path setting, grant script and ' +
        'connection string that names the old schema fails at once. Safe rewrite: create the new schema and ' +
        'move objects into it with ALTER TABLE … SET SCHEMA one at a time behind compatibility views, or ' +
        'keep the old name and change code first.',
    check(statement) {
        if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_SCHEMA')
            return [];
        const from = (0,identifiers/* quoteIdent */.v4)(String(statement.node.subname ?? ''));
        const to = (0,identifiers/* quoteIdent */.v4)(String(statement.node.newname ?? ''));
        return [
            {
                message: `Renaming schema ${from} to ${to} breaks every query and search_path that still names ${from}.`,
                lock: null,
                blocks: [],
                rewrite: false,
                fix: `CREATE SCHEMA ${to};\n` +
                    `-- per table, each with a short lock_timeout, leaving a view behind for old code:\n` +
                    `-- ALTER TABLE ${from}.<table> SET SCHEMA ${to}; CREATE VIEW ${from}.<table> AS SELECT * FROM ${to}.<table>;\n` +
                    `-- drop the views and schema ${from} once no code uses it`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/rename-table.ts



/** RENAME TABLE breaks the running application version at once. */
const renameTable = {
    id: 'rename-table',
    defaultSeverity: 'error',
    kinds: ['RenameStmt'],
    summary: 'ALTER TABLE … RENAME TO on an existing table',
    description: 'Renaming a table is instant (ACCESS EXCLUSIVE for a catalog update) but every query of the ' +
        'application version still running during the deploy fails with "relation does not exist". Safe ' +
        'rewrite: rename the table and, in the same transaction, create a view with the old name — a simple ' +
        'view is updatable, so old code keeps reading and writing through it — then drop the view once no code ' +
        'uses the old name. Tables created earlier in the same file are not reported.',
    check(statement, context) {
        if (statement.kind !== 'RenameStmt' || statement.node.renameType !== 'OBJECT_TABLE')
            return [];
        const table = (0,ast/* relationOf */.Ke)(statement.node.relation);
        if (!table || context.isNewRelation(table))
            return [];
        const newName = String(statement.node.newname ?? '');
        const renamed = (0,identifiers/* relationSql */.jK)({ schema: table.schema, name: newName });
        return [
            lockHit('ACCESS EXCLUSIVE', {
                message: `Renaming table ${(0,identifiers/* relationSql */.jK)(table)} to ${(0,identifiers/* quoteIdent */.v4)(newName)} breaks every query of the running ` +
                    'application that still uses the old name.',
                rewrite: false,
                fix: `BEGIN;\n` +
                    `SET LOCAL lock_timeout = '2s';\n` +
                    `ALTER TABLE ${(0,identifiers/* relationSql */.jK)(table)} RENAME TO ${(0,identifiers/* quoteIdent */.v4)(newName)};\n` +
                    `-- old code keeps working through an updatable view with the old name:\n` +
                    `CREATE VIEW ${(0,identifiers/* relationSql */.jK)(table)} AS SELECT * FROM ${renamed};\n` +
                    `COMMIT;\n` +
                    `-- once no code uses the old name: DROP VIEW ${(0,identifiers/* relationSql */.jK)(table)};`,
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/set-logged-unlogged.ts



/** SET LOGGED / SET UNLOGGED rewrite the table under ACCESS EXCLUSIVE. */
const setLoggedUnlogged = {
    id: 'set-logged-unlogged',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ALTER TABLE … SET LOGGED / SET UNLOGGED rewrites the table',
    description: 'Changing a table between logged and unlogged rewrites it (SET LOGGED also writes the whole table to ' +
        'the WAL, which every replica must replay) under ACCESS EXCLUSIVE: no reads or writes until it ends. An ' +
        'unlogged table is also emptied after a crash and not replicated. Create a new table with the wanted ' +
        'persistence, copy the rows in batches and swap the names in one short transaction.',
    check(statement, context) {
        const table = existingAlteredTable(statement, context);
        if (!table)
            return [];
        return (0,ast/* alterCommands */.$f)(statement.node)
            .filter((cmd) => cmd.subtype === 'AT_SetLogged' || cmd.subtype === 'AT_SetUnLogged')
            .map((cmd) => {
            const logged = cmd.subtype === 'AT_SetLogged';
            const t = (0,identifiers/* relationSql */.jK)(table);
            const copy = (0,identifiers/* relationSql */.jK)({ schema: table.schema, name: `${table.name}_new`.slice(0, 63) });
            return lockHit('ACCESS EXCLUSIVE', {
                message: `SET ${logged ? 'LOGGED' : 'UNLOGGED'} rewrites ${t}${logged ? ' and writes all of it to the WAL' : ''} ` +
                    'under ACCESS EXCLUSIVE: reads and writes wait until it ends.',
                rewrite: true,
                fix: `CREATE ${logged ? '' : 'UNLOGGED '}TABLE ${copy} (LIKE ${t} INCLUDING ALL);\n` +
                    `-- copy in batches (by primary key ranges), keep new writes in sync, then swap in one short transaction:\n` +
                    `-- ALTER TABLE ${t} RENAME TO ${table.name}_old; ALTER TABLE ${copy} RENAME TO ${table.name};`,
            });
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/set-tablespace.ts




const MOVABLE = new Set(['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_MATVIEW']);
/** SET TABLESPACE / SET ACCESS METHOD copy every block of the relation under ACCESS EXCLUSIVE. */
const setTablespace = {
    id: 'set-tablespace',
    defaultSeverity: 'error',
    kinds: ['AlterTableStmt'],
    summary: 'ALTER TABLE/INDEX … SET TABLESPACE or SET ACCESS METHOD copies the relation under ACCESS EXCLUSIVE',
    description: 'Moving a table or index to another tablespace copies every block, and SET ACCESS METHOD (PostgreSQL ' +
        '15+) rewrites every row, both under ACCESS EXCLUSIVE: no reads or writes for the whole copy. Move data ' +
        'online with pg_repack --tablespace, or build a new index CONCURRENTLY in the target tablespace and drop ' +
        'the old one. Relations created earlier in the same file are not reported.',
    check(statement, context) {
        if (statement.kind !== 'AlterTableStmt' || !MOVABLE.has(String(statement.node.objtype ?? 'OBJECT_TABLE')))
            return [];
        const relation = (0,ast/* relationOf */.Ke)(statement.node.relation);
        if (!relation || context.isNewRelation(relation))
            return [];
        const isIndex = statement.node.objtype === 'OBJECT_INDEX';
        return (0,ast/* alterCommands */.$f)(statement.node)
            .filter((cmd) => cmd.subtype === 'AT_SetTableSpace' || cmd.subtype === 'AT_SetAccessMethod')
            .map((cmd) => {
            const target = (0,identifiers/* quoteIdent */.v4)(cmd.name ?? '');
            const r = (0,identifiers/* relationSql */.jK)(relation);
            const tablespace = cmd.subtype === 'AT_SetTableSpace';
            return lockHit('ACCESS EXCLUSIVE', {
                message: tablespace
                    ? `SET TABLESPACE ${target} copies all of ${r} under ACCESS EXCLUSIVE: reads and writes wait for the whole copy.`
                    : `SET ACCESS METHOD ${target} rewrites all of ${r} under ACCESS EXCLUSIVE: reads and writes wait until it ends.`,
                rewrite: true,
                fix: isIndex
                    ? `CREATE INDEX CONCURRENTLY <new index> ON <table> (<same columns>) TABLESPACE ${target};\nDROP INDEX CONCURRENTLY ${r};`
                    : tablespace
                        ? `-- move it online with pg_repack:\n-- pg_repack --table=${r} --tablespace=${target} --moveidx`
                        : `-- create a new table USING ${target}, copy in batches, and swap the names in one short transaction`,
            });
        });
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/truncate.ts



/** The existing tables a TRUNCATE names (tables created in the same file are empty anyway). */
function truncatedTables(statement, context) {
    if (statement.kind !== 'TruncateStmt')
        return [];
    return (statement.node.relations ?? [])
        .map((r) => (0,ast/* relationOf */.Ke)(r.RangeVar))
        .filter((r) => r !== undefined && !context.isNewRelation(r));
}
/**
 * TRUNCATE of existing tables, with or without CASCADE: the truncate itself is the hazard here;
 * truncate-cascade reports what CASCADE adds (tables the statement does not name), so a statement
 * with CASCADE gets both findings and suppressing one does not hide the other.
 */
const truncate = {
    id: 'truncate',
    defaultSeverity: 'error',
    kinds: ['TruncateStmt'],
    summary: 'TRUNCATE of an existing table',
    description: 'TRUNCATE deletes every row at once and takes ACCESS EXCLUSIVE on the table: it waits for every running ' +
        'query on it and blocks all reads and writes meanwhile. It is not MVCC-safe (concurrent transactions ' +
        'with an older snapshot see the table empty) and cannot be undone after commit. To empty a live table ' +
        'delete in batches; if you really mean TRUNCATE (a staging table), suppress with a reason. TRUNCATE … ' +
        'CASCADE is reported by this rule and by truncate-cascade (for the tables it empties without naming them).',
    check(statement, context) {
        const tables = truncatedTables(statement, context);
        if (tables.length === 0)
            return [];
        const names = tables.map(identifiers/* relationSql */.jK).join(', ');
        return [
            lockHit('ACCESS EXCLUSIVE', {
                message: `TRUNCATE ${names} deletes every row under ACCESS EXCLUSIVE: reads and writes on it wait, and the data cannot be recovered after commit.`,
                rewrite: false,
                fix: tables
                    .map((t) => `-- repeat until it deletes 0 rows:\nDELETE FROM ${(0,identifiers/* relationSql */.jK)(t)} WHERE ctid IN (SELECT ctid FROM ${(0,identifiers/* relationSql */.jK)(t)} LIMIT 10000);`)
                    .join('\n'),
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/truncate-cascade.ts



/** TRUNCATE … CASCADE also empties every table with a foreign key to the named ones. */
const truncateCascade = {
    id: 'truncate-cascade',
    defaultSeverity: 'error',
    kinds: ['TruncateStmt'],
    summary: 'TRUNCATE … CASCADE empties every table that references the named ones',
    description: 'TRUNCATE … CASCADE empties the named tables and, recursively, every table with a foreign key to them — ' +
        'tables the statement does not name, possibly added later by other teams — each under ACCESS ' +
        'EXCLUSIVE. The truncate rule reports the named tables as well. ' +
        'Name every table to empty explicitly, without CASCADE, after checking what references them.',
    check(statement, context) {
        if (statement.node.behavior !== 'DROP_CASCADE')
            return [];
        const tables = truncatedTables(statement, context);
        if (tables.length === 0)
            return [];
        const names = tables.map(identifiers/* relationSql */.jK).join(', ');
        return [
            lockHit('ACCESS EXCLUSIVE', {
                message: `TRUNCATE ${names} CASCADE also empties every table whose foreign keys reference ${names}, ` +
                    'recursively, each under ACCESS EXCLUSIVE; the data cannot be recovered after commit.',
                rewrite: false,
                fix: `-- list what would be emptied:\n` +
                    `SELECT conrelid::regclass FROM pg_constraint WHERE contype = 'f' AND confrelid IN (${tables.map((t) => `'${(0,identifiers/* relationSql */.jK)(t).replaceAll("'", "''")}'::regclass`).join(', ')});\n` +
                    `-- then name every table explicitly, without CASCADE:\nTRUNCATE ${names}, <referencing tables>;`,
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/vacuum-full.ts



/** VACUUM FULL copies the table under ACCESS EXCLUSIVE. */
const vacuumFull = {
    id: 'vacuum-full',
    defaultSeverity: 'error',
    kinds: ['VacuumStmt'],
    summary: 'VACUUM FULL rewrites the table under ACCESS EXCLUSIVE',
    description: 'VACUUM FULL writes a new copy of the table and all its indexes while holding ACCESS EXCLUSIVE: no ' +
        'reads or writes for the whole copy, and it needs disk space for a second copy. Without a table list ' +
        'it does this to every table in the database. Plain VACUUM reclaims space for reuse without blocking; ' +
        'to shrink a bloated table online use pg_repack or pg_squeeze.',
    check(statement, context) {
        if (statement.kind !== 'VacuumStmt' || statement.node.is_vacuumcmd !== true)
            return [];
        if (!(0,ast/* hasOption */.Kz)(statement.node.options, 'full'))
            return [];
        const rels = (statement.node.rels ?? [])
            .map((r) => (0,ast/* relationOf */.Ke)(r.VacuumRelation?.relation))
            .filter((r) => r !== undefined);
        const existing = rels.filter((r) => !context.isNewRelation(r));
        if (rels.length > 0 && existing.length === 0)
            return [];
        const target = existing.length > 0 ? existing.map(identifiers/* relationSql */.jK).join(', ') : 'every table in the database';
        const plain = existing.length > 0 ? `VACUUM (ANALYZE) ${existing.map(identifiers/* relationSql */.jK).join(', ')};` : 'VACUUM (ANALYZE);';
        return [
            lockHit('ACCESS EXCLUSIVE', {
                message: `VACUUM FULL rewrites ${target} under ACCESS EXCLUSIVE: reads and writes wait for the whole copy.`,
                rewrite: true,
                fix: `${plain}\n` +
                    `-- to give space back to the OS without blocking, use pg_repack instead:\n` +
                    `-- pg_repack --no-order ${existing.length > 0 ? existing.map((r) => `--table=${(0,identifiers/* relationSql */.jK)(r)}`).join(' ') : '--all'}`,
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./core/migrations/rules/schema-change-rules.ts





























const schemaChangeRules = [
    addColumnVolatileDefault,
    addColumnDefaultPre11,
    addColumnAutoIncrement,
    addColumnGeneratedStored,
    addColumnNotNullWithoutDefault,
    addJsonColumn,
    dropNotNull,
    changeColumnType,
    dropTable,
    dropColumn,
    dropSchema,
    dropDatabase,
    renameColumn,
    renameTable,
    renameSchema,
    renameEnumValue,
    vacuumFull,
    cluster,
    truncate,
    truncateCascade,
    refreshMatviewNonConcurrent,
    detachPartitionNonConcurrent,
    setLoggedUnlogged,
    setTablespace,
    banCharType,
    preferBigint,
    preferIdentity,
    preferText,
    preferTimestamptz,
];

;// CONCATENATED MODULE: ./core/migrations/rules/index.ts
/**
 * Every rule the gate knows, by id. Rule ids are public API: users configure and suppress them by
 * id, docs list them, SARIF names them. Besides the statement rules there are findings the engine
 * itself produces (about suppressions and its own failures) and what the shadow run observes on a
 * real server; they are configurable the same way.
 */



/** Findings about `faultline-ignore` comments (see suppress.ts) and about the linter itself. */
const engineRules = [
    {
        id: 'suppression-missing-reason',
        defaultSeverity: 'error',
        summary: 'A faultline-ignore comment without a reason',
        description: 'Every suppression must say why the hazard is acceptable, after a second `--`: ' +
            '`-- faultline-ignore: non-concurrent-index -- table has 200 rows`. The reason is what a reviewer reads.',
    },
    {
        id: 'unused-suppression',
        defaultSeverity: 'warning',
        summary: 'A faultline-ignore comment that suppresses nothing',
        description: 'The rule named in the comment reports nothing on the statement right after it (or, for ' +
            'faultline-ignore-file, anywhere in the file). Remove the comment, or move it to the line(s) ' +
            'directly before the statement it is meant for.',
    },
    {
        id: 'unknown-rule',
        defaultSeverity: 'error',
        summary: 'A faultline-ignore comment names a rule id that does not exist',
        description: 'Check the spelling against the list of rule ids (docs/rules); a misspelt id suppresses nothing.',
    },
    {
        id: 'symlinked-migration',
        defaultSeverity: 'error',
        summary: 'A migration that is a symbolic link was not read',
        description: 'A migration tool runs whatever a link points to, and a pull request can aim a link out of the ' +
            'repository (at the runner\'s credentials, `/proc/self/environ`). The gate does not read it, so ' +
            'nothing from there reaches a report or a log, and it does not let it pass unread: the finding fails ' +
            'the gate. Replace the link with the migration it points to, or exclude it.',
    },
    {
        id: 'file-too-large',
        defaultSeverity: 'error',
        summary: 'A file larger than the size limit was not checked',
        description: 'Files above `migrations.max-file-size` (bytes, default 10 MiB) are refused before they are read, so ' +
            'that one huge file (a data dump, a generated seed) cannot exhaust the runner\'s memory. The finding ' +
            'fails the gate: a file nobody checked must not pass. Exclude the file, split it, or raise the limit.',
    },
    {
        id: 'too-many-statements',
        defaultSeverity: 'error',
        summary: 'A file with more statements than the limit was not checked',
        description: 'Files with more statements than `migrations.max-statements` (default 50,000) are refused, which keeps ' +
            'memory bounded. The finding fails the gate. Split the file, exclude it, or raise the limit.',
    },
    {
        id: 'not-utf8',
        defaultSeverity: 'error',
        summary: 'A file that is not UTF-8 text (binary, NUL bytes, another encoding) was not checked',
        description: 'The gate reads migrations as UTF-8, as PostgreSQL clients send them. A file with NUL bytes or invalid ' +
            'UTF-8 is reported instead of checked, and fails the gate. Convert it (iconv -f latin1 -t utf-8), or ' +
            'exclude it when it is not a migration.',
    },
    {
        id: 'internal-error',
        defaultSeverity: 'error',
        summary: 'A rule, or the linter\'s bookkeeping, failed on a statement (a bug in Faultline: please report it)',
        description: 'The linter never stops on any input: when one rule fails on one statement, or it cannot record what ' +
            'a statement changes (such as a parse tree thousands of levels deep), it reports this finding with the ' +
            'error and carries on with the other rules and statements. It fails the gate, because what failed was ' +
            'not checked; set it to warning in `migrations.rules` to let such a run pass.',
    },
];
const allRules = [...lockingRules, ...schemaChangeRules];

const ruleInfos = [...allRules, ...engineRules, ...shadow_rules/* shadowRules */.G];
const ruleIds = ruleInfos.map((rule) => rule.id);
const byId = new Map(ruleInfos.map((rule) => [rule.id, rule]));
function ruleById(id) {
    return byId.get(id);
}


/***/ }),

/***/ 1680:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ SHADOW_RULES),
/* harmony export */   G: () => (/* binding */ shadowRules)
/* harmony export */ });
const SHADOW_RULES = {
    statementFailed: 'shadow-statement-failed',
    tableRewrite: 'shadow-table-rewrite',
    accessExclusive: 'shadow-access-exclusive',
    blocksWrites: 'shadow-blocks-writes',
    refused: 'shadow-refused',
    deadline: 'shadow-deadline',
};
const SCOPE = 'Only relations that existed before the file started count: tables the same file created are new and empty. ' +
    'A hazard a static rule already reported on the same statement is not reported again.';
const shadowRules = [
    {
        id: SHADOW_RULES.statementFailed,
        defaultSeverity: 'error',
        summary: 'The shadow run could not apply a statement: PostgreSQL refused it',
        description: 'With a database URL, the files are applied in order to a scratch database created for the run. ' +
            'This statement failed there, with the PostgreSQL error and SQLSTATE in the message, so it fails in ' +
            'production too (the statements after it were not applied). Common causes: an object a previous ' +
            'migration was expected to create, a typo, or a statement that cannot run inside a transaction block. ' +
            'Reproduce with `psql -v ON_ERROR_STOP=1 -f FILE` against an empty database.',
    },
    {
        id: SHADOW_RULES.tableRewrite,
        defaultSeverity: 'error',
        summary: 'The shadow run saw a table or index rewritten (its storage file changed)',
        description: 'The relation got a new relfilenode while the statement ran: PostgreSQL copied every row into new ' +
            'storage, holding its lock (usually ACCESS EXCLUSIVE: no reads, no writes) until the copy finished, ' +
            'which on a production-sized table takes minutes. Change the schema without a copy instead: add a new ' +
            'column, backfill it in batches, switch readers and writers over, and drop the old column in a later ' +
            `migration. ${SCOPE}`,
    },
    {
        id: SHADOW_RULES.accessExclusive,
        defaultSeverity: 'warning',
        summary: 'The shadow run saw ACCESS EXCLUSIVE taken on an existing relation with no lock_timeout',
        description: 'Even a catalog-only change (ADD COLUMN without a default, a rename) needs ACCESS EXCLUSIVE for an ' +
            'instant. Without lock_timeout the statement waits behind any long-running query, and every later read ' +
            "and write of the table queues behind it: an outage while nothing seems to happen. Set `SET lock_timeout = '2s';` " +
            `before the statement and retry the migration when it times out. ${SCOPE}`,
    },
    {
        id: SHADOW_RULES.blocksWrites,
        defaultSeverity: 'warning',
        summary: 'The shadow run saw a lock that blocks writes (SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE) on an existing relation',
        description: 'Inserts, updates and deletes on the relation wait for as long as the statement runs, for example a ' +
            'CREATE INDEX without CONCURRENTLY or a foreign key validated in the same statement. Use the ' +
            'non-blocking form where one exists: CREATE INDEX CONCURRENTLY, or ADD CONSTRAINT … NOT VALID followed ' +
            `by VALIDATE CONSTRAINT in its own transaction. ${SCOPE}`,
    },
    {
        id: SHADOW_RULES.refused,
        defaultSeverity: 'error',
        summary: 'The shadow run refused to execute a file that reaches outside the database',
        description: 'The shadow run executes pull-request SQL on your database server, as a role without privileges that it ' +
            'creates for the run. Before that, it refuses files with statements that reach outside the database: ' +
            '`COPY … TO/FROM PROGRAM` (a shell command), `COPY` to or from a server file, `lo_import`/`lo_export` and ' +
            '`pg_read_file`-style functions, `ALTER SYSTEM`, `CREATE EXTENSION`/`CREATE LANGUAGE`, and functions or DO ' +
            'blocks in untrusted languages (plpython3u, plperlu, C…), also inside DO and function bodies. Nothing is ' +
            'applied when a file is refused. Have an administrator apply such changes outside pull-request migrations.',
    },
    {
        id: SHADOW_RULES.deadline,
        defaultSeverity: 'error',
        summary: "A statement ran past the shadow run's deadline and was cancelled",
        description: 'Every statement of the shadow run has a deadline (60 s unless configured) that the file cannot extend: a ' +
            'second connection cancels the statement when it passes (pg_cancel_backend, then pg_terminate_backend), ' +
            'whatever `statement_timeout` the file sets. On production data the statement would take at least as long, ' +
            'holding its locks: batch the work, or build indexes CONCURRENTLY.',
    },
];


/***/ }),

/***/ 365:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $s: () => (/* binding */ dropScratchDatabase),
/* harmony export */   BZ: () => (/* binding */ templateUnavailable),
/* harmony export */   KI: () => (/* binding */ createScratchDatabase),
/* harmony export */   MB: () => (/* binding */ dropShadowRole),
/* harmony export */   UB: () => (/* binding */ handOverScratch),
/* harmony export */   cm: () => (/* binding */ pgError),
/* harmony export */   hU: () => (/* binding */ withoutPsqlCommands),
/* harmony export */   rD: () => (/* binding */ createShadowRole),
/* harmony export */   v4: () => (/* binding */ quoteIdent)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(265);
/**
 * The shadow run's scratch database and the role that applies pull-request SQL to it. The role is
 * created for the run without privileges (no SUPERUSER, CREATEDB, CREATEROLE, REPLICATION,
 * BYPASSRLS), owns the scratch database and everything in it, and is dropped with it. What the
 * connecting user needs: superuser, or CREATEDB and CREATEROLE (and, to copy the URL's database as
 * a template, ownership of that database; otherwise its schema is copied with pg_dump).
 */

function pgError(error) {
    const { code, position } = error;
    return {
        code: typeof code === 'string' ? code : '',
        message: error instanceof Error ? error.message : String(error),
        position: position === undefined || position === null ? undefined : Number(position),
    };
}
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
const OBJECT_IN_USE = '55006';
const INSUFFICIENT_PRIVILEGE = '42501';
/** True when CREATE DATABASE … TEMPLATE failed because the template cannot be copied now (or by this role). */
function templateUnavailable(error) {
    const { code } = pgError(error);
    return code === OBJECT_IN_USE || code === INSUFFICIENT_PRIVILEGE;
}
async function createScratchDatabase(admin, database, template, target) {
    try {
        await admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)}`);
    }
    catch (error) {
        if (template !== 'template0' && templateUnavailable(error))
            throw error;
        const { code, message } = pgError(error);
        if (code === INSUFFICIENT_PRIVILEGE) {
            const { rows } = await admin.query('SELECT current_user AS name').catch(() => ({ rows: [] }));
            const role = rows[0]?.name ? `role "${String(rows[0].name)}"` : 'the role in database-url';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FaultlineError */ .RO(`The shadow run needs to create a scratch database on ${target}, but ${role} may not create databases`, {
                cause: error,
                exitCode: 2,
                hint: 'Grant it (ALTER ROLE ... CREATEDB CREATEROLE) or use a role that has it, e.g. the postgres superuser of a CI service container.',
            });
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FaultlineError */ .RO(`Could not create the shadow run's scratch database on ${target}: ${message}`, {
            cause: error,
            exitCode: 2,
            hint: 'The shadow run creates and drops its own database; check that the server accepts CREATE DATABASE.',
        });
    }
}
async function dropScratchDatabase(admin, database, serverVersion) {
    if (serverVersion >= 130000) {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
        return;
    }
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`);
}
/** Creates the run's login role, without any privilege, and lets a non-superuser admin act for it. */
async function createShadowRole(admin, role, password, superuser, target) {
    try {
        await admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT CONNECTION LIMIT 8`);
        // To hand the scratch database and its objects over, a non-superuser must be able to act as the role.
        if (!superuser)
            await admin.query(`GRANT ${quoteIdent(role)} TO CURRENT_USER`);
    }
    catch (error) {
        const { code, message } = pgError(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FaultlineError */ .RO(`The shadow run could not create its unprivileged role on ${target}: ${message}`, {
            cause: error,
            exitCode: 2,
            hint: code === INSUFFICIENT_PRIVILEGE
                ? 'The role in database-url needs CREATEROLE (and CREATEDB), or be a superuser such as the postgres user of a CI service container: ALTER ROLE ... CREATEDB CREATEROLE;'
                : 'The shadow run applies the migrations as a role it creates and drops; check that the server accepts CREATE ROLE.',
        });
    }
}
async function dropShadowRole(admin, role) {
    await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
}
/**
 * Makes the role the owner of the scratch database and of every object copied into it (schemas,
 * tables, views, sequences, functions, types), so the migrations can change them as they would
 * in production, without being able to do more. Extension members stay with their extension.
 * Runs as the admin, connected to the scratch database.
 */
async function handOverScratch(adminOnScratch, database, role) {
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
function withoutPsqlCommands(text) {
    return text
        .split('\n')
        .map((line) => (/^\s*\\/.test(line) ? '' : line))
        .join('\n');
}


/***/ }),

/***/ 556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q1: () => (/* binding */ dollarTagAt),
/* harmony export */   Xd: () => (/* binding */ splitStatements),
/* harmony export */   m6: () => (/* binding */ identifierTokens),
/* harmony export */   pU: () => (/* binding */ skipTrivia)
/* harmony export */ });
/**
 * A small SQL lexer that finds top-level statement boundaries and comments without building any
 * tree, so a file of any size can be handed to the real parser a bounded chunk at a time. It knows
 * exactly what PostgreSQL's scanner knows about where a `;` cannot end a statement: quotes,
 * dollar quotes, nested block comments, parentheses and `BEGIN ATOMIC … END` function bodies
 * (tracked the way psql does). The parser has the final word on statement boundaries; this only
 * picks safe places to cut.
 */
/** At most how many UTF-8 bytes `text[from, to)` takes: one a unit when ASCII, else three. */
function utf8BytesBound(text, from, to) {
    for (let i = from; i < to; i++)
        if (text.charCodeAt(i) >= 128)
            return 3 * (to - from);
    return to - from;
}
const SEMICOLON = 59;
const QUOTE = 39;
const DQUOTE = 34;
const DOLLAR = 36;
const DASH = 45;
const SLASH = 47;
const STAR = 42;
const LPAREN = 40;
const RPAREN = 41;
const BACKSLASH = 92;
function isIdentStart(code) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 128;
}
function isIdentChar(code) {
    return isIdentStart(code) || (code >= 48 && code <= 57) || code === DOLLAR;
}
function isSpace(code) {
    return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}
/** Index just past a `--` comment starting at `i` (stops before the newline). */
function skipLineComment(text, i) {
    const nl = text.indexOf('\n', i);
    return nl === -1 ? text.length : nl;
}
/** Index just past a (nested) block comment starting at `i`; the end of text when unterminated. */
function skipBlockComment(text, i) {
    let depth = 0;
    const n = text.length;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
            depth++;
            i += 2;
        }
        else if (c === STAR && text.charCodeAt(i + 1) === SLASH) {
            depth--;
            i += 2;
            if (depth === 0)
                return i;
        }
        else {
            i++;
        }
    }
    return n;
}
/** Index just past a quoted string/identifier opened at `i`; `backslash` for E'…' strings. */
function skipQuoted(text, i, quote, backslash) {
    const n = text.length;
    i++;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (backslash && c === BACKSLASH) {
            i += 2;
        }
        else if (c === quote) {
            if (text.charCodeAt(i + 1) === quote)
                i += 2;
            else
                return i + 1;
        }
        else {
            i++;
        }
    }
    return n;
}
/** The `$tag$` opening at `i`, or undefined when `$` starts no dollar quote (e.g. `$1`). */
function dollarTagAt(text, i) {
    let j = i + 1;
    const first = text.charCodeAt(j);
    if (first === DOLLAR)
        return '$$';
    if (!isIdentStart(first))
        return undefined;
    j++;
    while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === DOLLAR)
            return text.slice(i, j + 1);
        if (!isIdentChar(c) || c === DOLLAR)
            return undefined;
        j++;
    }
    return undefined;
}
/** Skips whitespace and comments from `i`; returns the index of the next token (or the end). */
function skipTrivia(text, i, end = text.length) {
    while (i < end) {
        const c = text.charCodeAt(i);
        if (isSpace(c))
            i++;
        else if (c === DASH && text.charCodeAt(i + 1) === DASH)
            i = skipLineComment(text, i);
        else if (c === SLASH && text.charCodeAt(i + 1) === STAR)
            i = skipBlockComment(text, i);
        else
            return i;
    }
    return end;
}
/**
 * Tracks the first words of a statement to recognise `CREATE [OR REPLACE] FUNCTION|PROCEDURE`,
 * whose SQL-standard body (`BEGIN ATOMIC … END`) contains semicolons that do not end it.
 */
class RoutineBodyTracker {
    words = [];
    beginDepth = 0;
    routine = false;
    reset() {
        this.words.length = 0;
        this.beginDepth = 0;
        this.routine = false;
    }
    /** Whether the next word matters: one of the first four, or any word of a routine. */
    get listening() {
        return this.routine || this.words.length < 4;
    }
    isRoutine() {
        const w = this.words;
        if (w[0] !== 'create')
            return false;
        if (w[1] === 'function' || w[1] === 'procedure')
            return true;
        return w[1] === 'or' && w[2] === 'replace' && (w[3] === 'function' || w[3] === 'procedure');
    }
    word(lower) {
        if (this.words.length < 4) {
            this.words.push(lower);
            this.routine = this.isRoutine();
        }
        if (!this.routine)
            return;
        if (lower === 'begin')
            this.beginDepth++;
        else if (lower === 'case' && this.beginDepth > 0)
            this.beginDepth++;
        else if (lower === 'end' && this.beginDepth > 0)
            this.beginDepth--;
    }
}
/** Splits SQL text into top-level statements and collects its `--` comments. */
function splitStatements(text) {
    const segments = [];
    const comments = [];
    const routine = new RoutineBodyTracker();
    const n = text.length;
    let i = 0;
    let start = -1;
    let parens = 0;
    let longestNameBytes = 0;
    const finish = (end) => {
        if (start !== -1)
            segments.push({ start, end, firstWord: routine.words[0] ?? '' });
        start = -1;
        parens = 0;
        routine.reset();
    };
    while (i < n) {
        const c = text.charCodeAt(i);
        if (isSpace(c)) {
            i++;
            continue;
        }
        if (c === DASH && text.charCodeAt(i + 1) === DASH) {
            const end = skipLineComment(text, i);
            comments.push({ start: i, text: text.slice(i + 2, end).replace(/\r$/, '') });
            i = end;
            continue;
        }
        if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
            i = skipBlockComment(text, i);
            continue;
        }
        if (c === SEMICOLON) {
            if (parens === 0 && routine.beginDepth === 0)
                finish(i + 1);
            i++;
            continue;
        }
        if (start === -1)
            start = i;
        if (c === QUOTE) {
            i = skipQuoted(text, i, QUOTE, false);
        }
        else if (c === DQUOTE) {
            const end = skipQuoted(text, i, DQUOTE, false);
            longestNameBytes = Math.max(longestNameBytes, utf8BytesBound(text, i + 1, end - 1));
            i = end;
        }
        else if (c === DOLLAR) {
            const tag = dollarTagAt(text, i);
            if (tag) {
                const close = text.indexOf(tag, i + tag.length);
                i = close === -1 ? n : close + tag.length;
            }
            else {
                i++;
                while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)
                    i++;
            }
        }
        else if (c === LPAREN) {
            parens++;
            i++;
        }
        else if (c === RPAREN) {
            if (parens > 0)
                parens--;
            i++;
        }
        else if (isIdentStart(c)) {
            let j = i + 1;
            while (j < n && isIdentChar(text.charCodeAt(j)))
                j++;
            // E'…' (and e'…') strings honour backslash escapes; U&'…' and B'…' / X'…' do not.
            if (j === i + 1 && (c === 69 || c === 101) && text.charCodeAt(j) === QUOTE) {
                i = skipQuoted(text, j, QUOTE, true);
                continue;
            }
            if (j - i > longestNameBytes / 3)
                longestNameBytes = Math.max(longestNameBytes, utf8BytesBound(text, i, j));
            // Only short words matter (create/or/replace/function/procedure/begin/case/end/do).
            if (routine.listening)
                routine.word(j - i <= 9 ? text.slice(i, j).toLowerCase() : '');
            i = j;
        }
        else {
            i++;
        }
    }
    finish(n);
    return { segments, comments, longestNameBytes };
}
/**
 * Every identifier token of a statement of at least `minLength` characters, untruncated. (The
 * parser truncates identifiers to 63 bytes as it scans, so checks on their length must read the
 * text.) Shorter tokens are skipped before anything is allocated for them.
 */
function identifierTokens(text, minLength = 0) {
    const out = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === DASH && text.charCodeAt(i + 1) === DASH)
            i = skipLineComment(text, i);
        else if (c === SLASH && text.charCodeAt(i + 1) === STAR)
            i = skipBlockComment(text, i);
        else if (c === QUOTE)
            i = skipQuoted(text, i, QUOTE, false);
        else if (c === DQUOTE) {
            const end = skipQuoted(text, i, DQUOTE, false);
            // The raw text is at least as long as the name ("" stands for one ").
            if (end - i - 2 >= minLength) {
                const name = text.slice(i + 1, end - 1).replaceAll('""', '"');
                if (name.length >= minLength)
                    out.push({ name, offset: i });
            }
            i = end;
        }
        else if (c === DOLLAR) {
            const tag = dollarTagAt(text, i);
            if (tag) {
                const close = text.indexOf(tag, i + tag.length);
                i = close === -1 ? n : close + tag.length;
            }
            else
                i++;
        }
        else if (isIdentStart(c)) {
            let j = i + 1;
            while (j < n && isIdentChar(text.charCodeAt(j)))
                j++;
            if (j === i + 1 && (c === 69 || c === 101) && text.charCodeAt(j) === QUOTE) {
                i = skipQuoted(text, j, QUOTE, true);
                continue;
            }
            if (text.charCodeAt(j) === QUOTE && j - i <= 2) {
                // U&'…', B'…', X'…', N'…' literals: not identifiers.
                i = skipQuoted(text, j, QUOTE, false);
                continue;
            }
            if (j - i >= minLength)
                out.push({ name: text.slice(i, j).toLowerCase(), offset: i });
            i = j;
        }
        else if (c >= 48 && c <= 57) {
            // Numbers (and their exponent letters) are not identifiers.
            let j = i + 1;
            while (j < n && isIdentChar(text.charCodeAt(j)))
                j++;
            i = j;
        }
        else
            i++;
    }
    return out;
}


/***/ }),

/***/ 8298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   It: () => (/* binding */ parserError),
/* harmony export */   Tu: () => (/* binding */ parsePlpgsql),
/* harmony export */   eg: () => (/* binding */ parseSql),
/* harmony export */   gZ: () => (/* binding */ TOO_DEEP),
/* harmony export */   is: () => (/* binding */ MAX_TREE_DEPTH),
/* harmony export */   qd: () => (/* binding */ loadParser),
/* harmony export */   vM: () => (/* binding */ isParserLoaded),
/* harmony export */   zp: () => (/* binding */ usePrepared)
/* harmony export */ });
/* unused harmony exports recordParses, parseSqlJson */
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8877);
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_v8__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2627);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(libpg_query__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The one door to libpg-query's parsers. The parse-ahead thread (parse-helper.ts) may already have
 * parsed some of the texts this thread is about to parse, such as the bodies of DO blocks: it hands
 * over what the parser answered, and `usePrepared` makes the calls below return that instead of
 * parsing again. The answer is the parser's own either way, so findings never depend on which thread
 * parsed what.
 */


let loading;
let ready = false;
/**
 * The parser's WebAssembly holds PostgreSQL's generated grammar, one ~100 KB function. Once it is
 * hot (a few thousand statements), V8 recompiles it with TurboFan: 500 ms of a second core and
 * 600 MB of compiler memory (seen with --trace-wasm-compilation-times), for a speed-up the compile
 * never pays back on a migration file. `--liftoff-only` would prevent that but V8 reads it only at
 * start-up, and a GitHub Action cannot pass Node flags. The tier-up filter is read each time a
 * function asks to tier up, so setting it here works in every face: it admits one function index,
 * and no module has this many functions. Process-wide: other WebAssembly stays on baseline code too.
 */
const NO_WASM_FUNCTION = 2 ** 31 - 1;
/** Loads the parser's WebAssembly module once (in this thread); await it before parsing. */
function loadParser() {
    if (!loading) {
        (0,node_v8__WEBPACK_IMPORTED_MODULE_0__.setFlagsFromString)(`--wasm-tier-up-filter=${NO_WASM_FUNCTION}`);
        loading = (0,libpg_query__WEBPACK_IMPORTED_MODULE_1__.loadModule)().then(() => {
            ready = true;
        });
    }
    return loading;
}
function isParserLoaded() {
    return ready;
}
function parserKey(grammar, text) {
    return `${grammar}:${text}`;
}
/**
 * Parse trees are followed this many levels deep (objects and arrays of the parser's JSON: a level
 * of SQL is three or four of them). Deeper statements are refused, the same way every run, before
 * a recursive reader runs out of stack at a depth that varies with the JIT's frames.
 */
const MAX_TREE_DEPTH = 2_000;
/** Why a statement nested deeper than MAX_TREE_DEPTH, or than the parser's own stack, was not checked. */
const TOO_DEEP = 'the statement is nested too deeply to be checked (its parse tree is over 2,000 levels deep; PostgreSQL, too, stops at some depth with "stack depth limit exceeded"): split the expression or build it in steps';
/** Message and cursor (code points into the parsed text) of a libpg-query error. */
function parserError(error) {
    // A parse tree thousands of levels deep (`1+1+…`, nested IFs) exhausts the parser's stack.
    // Deep in that recursion even a regular expression can fail, with a SyntaxError saying "Stack overflow".
    if (error instanceof Error && !('sqlDetails' in error) && /maximum call stack|stack overflow/i.test(error.message))
        return { message: TOO_DEEP };
    const details = error.sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    return { message, cursor: details?.cursorPosition };
}
let prepared;
let recording;
/** Runs `work` with `answers` (from the other thread) consulted before the parser. */
function usePrepared(answers, work) {
    if (!answers || answers.size === 0)
        return work();
    const outer = prepared;
    prepared = answers;
    try {
        return work();
    }
    finally {
        prepared = outer;
    }
}
/** Runs `work` and returns every parser answer it needed (added to `answers`), to hand to another thread. */
function recordParses(work, answers = new Map()) {
    const outer = recording;
    recording = answers;
    try {
        work();
    }
    finally {
        recording = outer;
    }
    return answers;
}
function replay(answer) {
    if ('json' in answer)
        return JSON.parse(answer.json);
    throw Object.assign(new Error(answer.error.message), { sqlDetails: answer.error });
}
/**
 * Runs `parser` while catching the JSON text libpg-query hands to JSON.parse, which it then either
 * parses as usual (`objects`) or not at all: the text is what crosses to another thread.
 */
function withParserJson(parse, objects) {
    const realParse = JSON.parse;
    let json;
    JSON.parse = (source) => {
        json = source;
        return objects ? realParse(source) : undefined;
    };
    try {
        return { tree: parse(), json };
    }
    finally {
        JSON.parse = realParse;
    }
}
function call(grammar, text, parser) {
    if (!prepared && !recording)
        return parser(text);
    const key = parserKey(grammar, text);
    const answer = prepared?.get(key);
    if (answer)
        return replay(answer);
    if (!recording)
        return parser(text);
    const answers = recording;
    try {
        const { tree, json } = withParserJson(() => parser(text), true);
        if (json !== undefined)
            answers.set(key, { json });
        return tree;
    }
    catch (error) {
        const { message, cursor } = parserError(error);
        answers.set(key, { error: cursor === undefined ? { message } : { message, cursorPosition: cursor } });
        throw error;
    }
}
/** `parseSync`: the parse tree of SQL text, or the parser's error. */
function parseSql(text) {
    return call('sql', text, libpg_query__WEBPACK_IMPORTED_MODULE_1__.parseSync);
}
/**
 * The parser's JSON for SQL text, not turned into objects: the cheapest form to send to another
 * thread. Throws the parser's error.
 */
function parseSqlJson(text) {
    return withParserJson(() => parseSync(text), false).json ?? '';
}
/** `parsePlPgSQLSync`: the PL/pgSQL tree of a `CREATE FUNCTION … LANGUAGE plpgsql`, or the error. */
function parsePlpgsql(text) {
    return call('plpgsql', text, libpg_query__WEBPACK_IMPORTED_MODULE_1__.parsePlPgSQLSync);
}


/***/ }),

/***/ 2728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TK: () => (/* binding */ DEPTH_CHECK_CHARS),
  Ss: () => (/* binding */ DYNAMIC_SQL_KIND),
  tg: () => (/* binding */ MAX_DO_DEPTH),
  c6: () => (/* binding */ SYNTAX_ERROR_KIND),
  UT: () => (/* binding */ makeStatement),
  o6: () => (/* binding */ parseHost),
  FE: () => (/* binding */ syntaxErrorStatement)
});

// UNUSED EXPORTS: nodeKind

// EXTERNAL MODULE: ./core/migrations/ast.ts
var ast = __webpack_require__(3580);
// EXTERNAL MODULE: ./core/migrations/positions.ts
var positions = __webpack_require__(7900);
// EXTERNAL MODULE: ./core/migrations/split.ts
var split = __webpack_require__(556);
// EXTERNAL MODULE: ./core/migrations/identifiers.ts
var identifiers = __webpack_require__(8692);
// EXTERNAL MODULE: ./core/migrations/sql-parser.ts
var sql_parser = __webpack_require__(8298);
;// CONCATENATED MODULE: ./core/migrations/constant-sql.ts
/**
 * Evaluates the PL/pgSQL expressions that build dynamic SQL, when their value is fixed by the
 * migration's own text: literals, `||`, casts, `format()` (%s %I %L %%, positional `%n$`),
 * quote_ident/quote_literal/quote_nullable, concat/concat_ws, lower/upper, and variables bound to
 * constants (a CONSTANT declaration, or the variable of a loop over a literal array). Anything else
 * (a variable read at run time, a subquery, another function) is unknown: undefined, never a guess.
 */


const NO_BINDINGS = new Map();
function parseExpression(expression) {
    let parsed;
    try {
        parsed = (0,sql_parser/* parseSql */.eg)(`SELECT ${expression}`);
    }
    catch {
        return undefined;
    }
    const targets = parsed.stmts?.[0]?.stmt?.SelectStmt?.targetList;
    if (parsed.stmts?.length !== 1 || targets?.length !== 1)
        return undefined;
    return targets[0]?.ResTarget?.val;
}
/** The text value of a PL/pgSQL expression, or undefined when it depends on anything not constant. */
function evaluateText(expression, bindings = NO_BINDINGS) {
    const value = evaluate(parseExpression(expression), bindings);
    return typeof value === 'string' ? value : undefined;
}
/**
 * The elements of a constant array expression (`ARRAY['a','b']`, `'{a,b}'::text[]`), or undefined.
 * Used for `FOREACH x IN ARRAY …` and `FOR x IN SELECT unnest(…)` loops.
 */
function evaluateArray(expression, bindings = NO_BINDINGS) {
    return arrayOf(parseExpression(expression), bindings);
}
/**
 * The values a `FOR x IN <query> LOOP` visits when the query only unnests a constant array or lists
 * constant VALUES: `SELECT unnest(ARRAY[…])`, `SELECT * FROM unnest(ARRAY[…]) AS t`, `VALUES ('a'), ('b')`.
 */
function evaluateLoopQuery(query, bindings = NO_BINDINGS) {
    let parsed;
    try {
        parsed = (0,sql_parser/* parseSql */.eg)(query);
    }
    catch {
        return undefined;
    }
    const select = parsed.stmts?.length === 1 ? parsed.stmts[0]?.stmt?.SelectStmt : undefined;
    if (!select || select.whereClause || select.op !== 'SETOP_NONE')
        return undefined;
    if (Array.isArray(select.valuesLists)) {
        const values = [];
        for (const row of select.valuesLists) {
            const items = row.List?.items ?? [];
            if (items.length !== 1)
                return undefined;
            const value = evaluate(items[0], bindings);
            if (value === undefined)
                return undefined;
            values.push(value);
        }
        return values;
    }
    const targets = (select.targetList ?? []);
    const from = (select.fromClause ?? []);
    if (targets.length !== 1)
        return undefined;
    const target = targets[0]?.ResTarget?.val;
    if (from.length === 0)
        return unnestOf(target, bindings);
    if (from.length !== 1 || !from[0]?.RangeFunction)
        return undefined;
    // SELECT * / SELECT t / SELECT t.x FROM unnest(…) t: one column, the array's elements.
    const functions = from[0].RangeFunction.functions;
    const call = functions?.length === 1 ? functions[0]?.List?.items?.[0] : undefined;
    if (!target?.ColumnRef)
        return undefined;
    return unnestOf(call, bindings);
}
function unnestOf(node, bindings) {
    const call = node?.FuncCall;
    if (!call || functionName(call) !== 'unnest')
        return undefined;
    const args = (call.args ?? []);
    return args.length === 1 ? arrayOf(args[0], bindings) : undefined;
}
function functionName(call) {
    const names = (call.funcname ?? []);
    const last = names[names.length - 1]?.String?.sval;
    const schema = names.length === 2 ? names[0]?.String?.sval : undefined;
    if (names.length > 2 || (schema !== undefined && schema !== 'pg_catalog'))
        return undefined;
    return last;
}
function arrayOf(node, bindings) {
    const n = node;
    if (!n)
        return undefined;
    if (n.A_ArrayExpr) {
        const values = [];
        for (const element of (n.A_ArrayExpr.elements ?? [])) {
            const value = evaluate(element, bindings);
            if (value === undefined)
                return undefined;
            values.push(value);
        }
        return values;
    }
    if (n.TypeCast) {
        const inner = n.TypeCast.arg;
        if (inner?.A_ArrayExpr)
            return arrayOf(inner, bindings);
        const literal = evaluate(inner, bindings);
        return typeof literal === 'string' ? arrayLiteral(literal) : undefined;
    }
    return undefined;
}
/** `{a,b,"c d"}` → ['a', 'b', 'c d']; undefined for nested or otherwise unusual literals. */
function arrayLiteral(text) {
    const body = /^\s*\{(.*)\}\s*$/s.exec(text)?.[1];
    if (body === undefined || body.includes('{'))
        return undefined;
    if (body.trim() === '')
        return [];
    const values = [];
    const element = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,"]*?))\s*(,|$)/gy;
    let match;
    let at = 0;
    while (at <= body.length && (match = element.exec(body)) !== null) {
        if (match[1] !== undefined)
            values.push(match[1].replace(/\\(.)/g, '$1'));
        else
            values.push(match[2].toUpperCase() === 'NULL' ? null : match[2]);
        at = element.lastIndex;
        if (match[3] === '')
            break;
    }
    return at >= body.length ? values : undefined;
}
function constantOf(node) {
    if (node.isnull === true)
        return null;
    if (node.sval)
        return node.sval.sval ?? '';
    if (node.ival)
        return String(node.ival.ival ?? 0);
    if ('ival' in node)
        return '0';
    if (node.fval)
        return node.fval.fval;
    if (node.boolval)
        return node.boolval.boolval ? 'true' : 'false';
    return undefined;
}
/** A value, or undefined when not constant. */
function evaluate(node, bindings) {
    const n = node;
    if (!n)
        return undefined;
    if (n.A_Const)
        return constantOf(n.A_Const);
    if (n.TypeCast)
        return evaluate(n.TypeCast.arg, bindings);
    if (n.ColumnRef) {
        const fields = (n.ColumnRef.fields ?? []);
        const name = fields.length === 1 ? fields[0]?.String?.sval : undefined;
        return name !== undefined && bindings.has(name) ? bindings.get(name) : undefined;
    }
    if (n.A_Expr && n.A_Expr.kind === 'AEXPR_OP') {
        const name = n.A_Expr.name?.[0]?.String?.sval;
        if (name !== '||')
            return undefined;
        const left = evaluate(n.A_Expr.lexpr, bindings);
        const right = evaluate(n.A_Expr.rexpr, bindings);
        if (left === undefined || right === undefined)
            return undefined;
        return left === null || right === null ? null : left + right;
    }
    if (n.FuncCall)
        return call(n.FuncCall, bindings);
    return undefined;
}
function call(node, bindings) {
    const name = functionName(node);
    if (!name || node.agg_star || node.over)
        return undefined;
    const args = [];
    for (const arg of (node.args ?? [])) {
        const value = evaluate(arg, bindings);
        if (value === undefined)
            return undefined;
        args.push(value);
    }
    switch (name) {
        case 'format':
            return args.length >= 1 && args[0] !== null ? format(args[0], args.slice(1)) : args.length >= 1 ? null : undefined;
        case 'quote_ident':
            return args.length === 1 ? (args[0] === null ? null : (0,identifiers/* quoteIdent */.v4)(args[0])) : undefined;
        case 'quote_literal':
            return args.length === 1 ? (args[0] === null ? null : quoteLiteralLikePg(args[0])) : undefined;
        case 'quote_nullable':
            return args.length === 1 ? (args[0] === null ? 'NULL' : quoteLiteralLikePg(args[0])) : undefined;
        case 'concat':
            return args.map((a) => a ?? '').join('');
        case 'concat_ws':
            return args.length >= 1 && args[0] !== null ? args.slice(1).filter((a) => a !== null).join(args[0]) : undefined;
        case 'lower':
            return args.length === 1 ? (args[0]?.toLowerCase() ?? null) : undefined;
        case 'upper':
            return args.length === 1 ? (args[0]?.toUpperCase() ?? null) : undefined;
        default:
            return undefined;
    }
}
/** quote_literal: doubled quotes, and an E'' string with doubled backslashes when there are any. */
function quoteLiteralLikePg(value) {
    const quoted = value.replaceAll("'", "''");
    return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}
/**
 * PostgreSQL's format(): %s, %I, %L and %%, with an optional `n$` position; width flags make the
 * result unknown (rare in migrations, and a wrong guess is worse than none).
 */
function format(template, args) {
    let out = '';
    let next = 0;
    const spec = /%(?:(\d+)\$)?([sIL%])?/g;
    let last = 0;
    let match;
    while ((match = spec.exec(template)) !== null) {
        out += template.slice(last, match.index);
        last = spec.lastIndex;
        const [, position, type] = match;
        if (type === undefined)
            return undefined;
        if (type === '%') {
            if (position !== undefined)
                return undefined;
            out += '%';
            continue;
        }
        const index = position !== undefined ? Number(position) - 1 : next;
        if (index < 0 || index >= args.length)
            return undefined;
        next = index + 1;
        const value = args[index];
        if (type === 's')
            out += value ?? '';
        else if (type === 'I') {
            if (value === null)
                return undefined; // PostgreSQL raises an error
            out += (0,identifiers/* quoteIdent */.v4)(value);
        }
        else
            out += value === null ? 'NULL' : quoteLiteralLikePg(value);
    }
    return out + template.slice(last);
}

;// CONCATENATED MODULE: ./core/migrations/do-block.ts
/**
 * DO blocks run at migration time, so the SQL inside them takes the same locks as SQL outside. We
 * parse the body with PL/pgSQL's own parser and lift out what it executes: plain SQL statements,
 * PERFORM, CALL and nested DO, COMMIT/ROLLBACK, and `EXECUTE` of text the migration fixes (literals,
 * `||`, format(), constants, loops over literal arrays: see constant-sql.ts). An EXECUTE whose text
 * is known only at run time becomes a `DynamicSql` pseudo-statement, reported by the dynamic-sql rule.
 */






/** Most loop iterations unrolled per DO block: enough for any list a person writes out. */
const MAX_UNROLLED = 1000;
function expressionOf(node) {
    const expr = node?.PLpgSQL_expr;
    return expr?.query;
}
/** The name a loop assigns to (`FOR x IN …`: x), or undefined for records and several targets. */
function loopVariable(node, walk) {
    if (typeof node.varno === 'number')
        return walk.names[node.varno];
    const target = node.var;
    if (target?.PLpgSQL_var?.refname)
        return target.PLpgSQL_var.refname;
    const fields = target?.PLpgSQL_row?.fields;
    return fields?.length === 1 ? fields[0].name : undefined;
}
function without(bindings, name) {
    if (name === undefined || !bindings.has(name))
        return bindings;
    const next = new Map(bindings);
    next.delete(name);
    return next;
}
/** The values a constant loop visits, or undefined when they are known only at run time. */
function loopValues(key, node, bindings) {
    if (key === 'PLpgSQL_stmt_foreach_a') {
        const query = expressionOf(node.expr);
        return query !== undefined && !node.slice ? evaluateArray(query, bindings) : undefined;
    }
    if (key === 'PLpgSQL_stmt_fors') {
        const query = expressionOf(node.query);
        return query !== undefined ? evaluateLoopQuery(query, bindings) : undefined;
    }
    if (key === 'PLpgSQL_stmt_fori') {
        const bound = (expr) => {
            const text = expressionOf(expr);
            const value = text === undefined ? undefined : evaluateText(text, bindings);
            return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
        };
        const lower = bound(node.lower);
        const upper = bound(node.upper);
        const step = node.step === undefined ? 1 : bound(node.step);
        if (lower === undefined || upper === undefined || step === undefined || step <= 0)
            return undefined;
        if (Math.abs(upper - lower) / step > MAX_UNROLLED)
            return undefined;
        const values = [];
        if (node.reverse)
            for (let i = lower; i >= upper; i -= step)
                values.push(String(i));
        else
            for (let i = lower; i <= upper; i += step)
                values.push(String(i));
        return values;
    }
    return undefined;
}
const LOOPS = new Set(['PLpgSQL_stmt_foreach_a', 'PLpgSQL_stmt_fors', 'PLpgSQL_stmt_fori']);
/**
 * Walks the PL/pgSQL tree in execution order. A loop over constant values is unrolled for the
 * dynamic SQL in its body (each iteration's EXECUTE text is known); its static SQL is the same
 * statement each time and is listed once (`repeat` is set for the later iterations).
 */
function collect(node, walk, bindings, repeat) {
    if (Array.isArray(node)) {
        for (const item of node)
            collect(item, walk, bindings, repeat);
        return;
    }
    if (node === null || typeof node !== 'object')
        return;
    const { out } = walk;
    for (const [key, value] of Object.entries(node)) {
        const v = value;
        const lineno = typeof v?.lineno === 'number' ? v.lineno : 1;
        if (key === 'PLpgSQL_stmt_execsql' || key === 'PLpgSQL_stmt_call') {
            // CALL and DO inside PL/pgSQL are "call" statements: their text is SQL like any other.
            const query = expressionOf(key === 'PLpgSQL_stmt_call' ? v.expr : v.sqlstmt);
            if (query && !repeat)
                out.push({ type: 'sql', query, lineno, needle: query });
        }
        else if (key === 'PLpgSQL_stmt_perform') {
            // PERFORM x is run as SELECT x; the parser hands back the rewritten text.
            const query = expressionOf(v.expr);
            if (query && !repeat)
                out.push({ type: 'sql', query, lineno, needle: query.replace(/^SELECT\s+/i, '') });
        }
        else if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors') {
            const expression = expressionOf(v.query);
            if (expression)
                out.push({ type: 'execute', expression, lineno, bindings });
            if (key === 'PLpgSQL_stmt_dynfors')
                collect(v.body, walk, without(bindings, loopVariable(v, walk)), repeat);
        }
        else if (key === 'PLpgSQL_stmt_commit' || key === 'PLpgSQL_stmt_rollback') {
            if (!repeat)
                out.push({ type: 'transaction', kind: key === 'PLpgSQL_stmt_commit' ? 'TRANS_STMT_COMMIT' : 'TRANS_STMT_ROLLBACK', lineno });
        }
        else if (LOOPS.has(key)) {
            const name = loopVariable(v, walk);
            const values = name === undefined ? undefined : loopValues(key, v, bindings);
            if (name === undefined || values === undefined || values.length === 0 || values.length > walk.budget) {
                collect(v.body, walk, without(bindings, name), repeat);
                continue;
            }
            walk.budget -= values.length;
            values.forEach((loopValue, i) => {
                collect(v.body, walk, new Map(bindings).set(name, loopValue), repeat || i > 0);
            });
        }
        else if (key !== 'datums') {
            collect(value, walk, bindings, repeat);
        }
    }
}
/** Every variable number the body assigns to (`x := …`, INTO, loop targets). */
function assignedVariables(node, out) {
    if (Array.isArray(node)) {
        for (const item of node)
            assignedVariables(item, out);
    }
    else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            if (key === 'varno' && typeof value === 'number')
                out.add(value);
            else if (key !== 'datums')
                assignedVariables(value, out);
        }
    }
    return out;
}
/**
 * Variables whose value is fixed by their declaration: `CONSTANT`, or a constant default the body
 * never assigns to. A name declared twice (in nested blocks) is left unknown.
 */
function constantBindings(datums, action) {
    const assigned = assignedVariables(action, new Set());
    const counts = new Map();
    for (const datum of datums) {
        const name = datum.PLpgSQL_var?.refname ?? datum.PLpgSQL_rec?.refname ?? datum.PLpgSQL_row?.refname;
        if (name)
            counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const bindings = new Map();
    datums.forEach((datum, varno) => {
        const v = datum.PLpgSQL_var;
        const initial = expressionOf(v?.default_val);
        if (!v?.refname || initial === undefined || counts.get(v.refname) !== 1)
            return;
        if (!v.isconst && assigned.has(varno))
            return;
        const value = evaluateText(initial, bindings);
        if (value !== undefined)
            bindings.set(v.refname, value);
    });
    return bindings;
}
/** Where the content of a string literal starts, relative to the literal's first character. */
function literalContentStart(literal) {
    if (literal.startsWith("'"))
        return 1;
    if (/^[eE]'/.test(literal))
        return 2;
    const tag = (0,split/* dollarTagAt */.Q1)(literal, 0);
    return tag ? tag.length : 0;
}
function wrapForPlpgsql(body) {
    let tag = '$faultline_do$';
    for (let n = 1; body.includes(tag); n++)
        tag = `$faultline_do${n}$`;
    return `CREATE FUNCTION faultline_do_block() RETURNS void LANGUAGE plpgsql AS ${tag}${body}${tag}`;
}
/**
 * Expands a DO statement into the statements it runs, or returns undefined when it is not
 * PL/pgSQL (other languages are opaque). A body that does not compile becomes a SyntaxError.
 */
function expandDoBlock(source, host, node, at, depth) {
    const args = (node.args ?? []).map((a) => a.DefElem ?? {});
    const language = args.find((a) => a.defname === 'language')?.arg?.String?.sval ?? 'plpgsql';
    const bodyElem = args.find((a) => a.defname === 'as');
    const body = bodyElem?.arg?.String?.sval;
    if (language.toLowerCase() !== 'plpgsql' || body === undefined)
        return undefined;
    const doFileOffset = host.toFile(at.start);
    const doBlock = host.doBlock ?? { ...source.lines.position(doFileOffset), offset: doFileOffset };
    // Body text maps 1:1 onto the host when dollar-quoted; for '…' literals escapes may shift it a little.
    let bodyHostStart = at.start;
    if (bodyElem?.location !== undefined) {
        const literalStart = at.toChar(bodyElem.location);
        bodyHostStart = literalStart + literalContentStart(host.sql.slice(literalStart, literalStart + 80));
    }
    const bodyToFile = (i) => host.toFile(Math.min(bodyHostStart + i, host.sql.length));
    let tree;
    try {
        tree = (0,sql_parser/* parsePlpgsql */.Tu)(wrapForPlpgsql(body));
    }
    catch (error) {
        const { message } = (0,sql_parser/* parserError */.It)(error);
        const near = /at or near "(.+)"$/.exec(message)?.[1];
        const nearAt = near === undefined ? -1 : body.indexOf(near);
        const errorAt = nearAt === -1 ? doFileOffset : bodyToFile(nearAt);
        return [syntaxErrorStatement(source, at.text, doFileOffset, `in DO block: ${message}`, errorAt, doBlock)];
    }
    if (body.length > DEPTH_CHECK_CHARS && (0,ast/* deeperThan */.ZF)(tree, sql_parser/* MAX_TREE_DEPTH */.is))
        return [syntaxErrorStatement(source, at.text, doFileOffset, `in DO block: ${sql_parser/* TOO_DEEP */.gZ}`, doFileOffset, doBlock)];
    const fn = tree.plpgsql_funcs?.[0]?.PLpgSQL_function;
    const datums = fn?.datums ?? [];
    const walk = {
        out: [],
        names: datums.map((d) => d.PLpgSQL_var?.refname ?? d.PLpgSQL_rec?.refname ?? d.PLpgSQL_row?.refname ?? ''),
        budget: MAX_UNROLLED,
    };
    collect(fn?.action, walk, constantBindings(datums, fn?.action), false);
    const items = walk.out;
    const bodyLines = new positions/* LineIndex */.rr(body);
    const out = [];
    let cursor = 0;
    const locate = (needle, lineno) => {
        const lineStart = bodyLines.lineStart(lineno);
        const nextLine = lineno < bodyLines.lineCount ? bodyLines.lineStart(lineno + 1) : body.length + 1;
        const from = cursor >= lineStart && cursor < nextLine ? cursor : lineStart;
        let found = body.indexOf(needle, from);
        if (found === -1)
            found = body.indexOf(needle);
        if (found === -1)
            found = lineStart + (/^\s*/.exec(body.slice(lineStart))?.[0].length ?? 0);
        else
            cursor = found + needle.length;
        return found;
    };
    for (const item of items) {
        if (item.type === 'transaction') {
            const keyword = item.kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK';
            const at = locate(keyword, item.lineno);
            out.push(makeStatement(source, { TransactionStmt: { kind: item.kind } }, keyword, bodyToFile(at), doBlock));
            continue;
        }
        if (item.type === 'sql') {
            const at = locate(item.needle, item.lineno);
            const exact = body.startsWith(item.query, at);
            const inner = { sql: item.query, toFile: (i) => bodyToFile(exact ? at + i : at), doBlock };
            parseInner(source, inner, depth, out, bodyToFile(at));
            continue;
        }
        const value = evaluateText(item.expression, item.bindings);
        const at = locate(item.expression, item.lineno);
        if (value === undefined || value === null) {
            const node = { expression: item.expression, reason: 'built at run time' };
            out.push(makeStatement(source, { [DYNAMIC_SQL_KIND]: node }, `EXECUTE ${item.expression}`, bodyToFile(at), doBlock));
            continue;
        }
        // A single literal maps character by character; a concatenation maps to the expression.
        const single = /^([eE]?'|\$)/.test(item.expression) && !item.expression.includes('||');
        const contentAt = at + (single ? literalContentStart(item.expression) : 0);
        const inner = { sql: value, toFile: (i) => bodyToFile(single ? contentAt + i : at), doBlock };
        parseInner(source, inner, depth, out, bodyToFile(at));
    }
    return out;
}
function parseInner(source, host, depth, out, fileOffset) {
    try {
        parseHost(source, host, depth + 1, out);
    }
    catch (error) {
        const { message } = (0,sql_parser/* parserError */.It)(error);
        out.push(syntaxErrorStatement(source, host.sql, fileOffset, `in DO block: ${message}`, fileOffset, host.doBlock));
    }
}

;// CONCATENATED MODULE: ./core/migrations/statements.ts
/**
 * Builds Statement objects from parsed SQL that sits somewhere in a migration file: directly in
 * the file, or inside a DO block or an `EXECUTE '…'` string. `hostToFile` maps a character offset of
 * the parsed text back to the file, so every statement gets the line and column a person would look at.
 */





/** Kind of the pseudo-statement standing for text the parser rejected. */
const SYNTAX_ERROR_KIND = 'SyntaxError';
/** Kind of the pseudo-statement standing for SQL executed dynamically whose text cannot be known. */
const DYNAMIC_SQL_KIND = 'DynamicSql';
/**
 * No SQL adds more than two tree levels a character (`- - -1`, `f(f(f(1)))` add one or two), so a
 * statement this short cannot be too deep: nearly all are not walked for their depth.
 */
const DEPTH_CHECK_CHARS = sql_parser/* MAX_TREE_DEPTH */.is / 4;
/** How deep DO blocks (a DO in a DO, or in an EXECUTE in a DO) are followed. */
const MAX_DO_DEPTH = 32;
/** `{ IndexStmt: {...} }` → `['IndexStmt', {...}]`. */
function nodeKind(node) {
    const kind = (0,ast/* firstKey */.CI)(node) ?? 'Unknown';
    return [kind, (node[kind] ?? {})];
}
function makeStatement(source, node, text, fileOffset, doBlock) {
    const [kind, inner] = nodeKind(node);
    const { line, column } = source.lines.position(fileOffset);
    const statement = { node: inner, kind, text, path: source.path, line, column, offset: fileOffset, index: 0 };
    if (doBlock) {
        statement.fromDoBlock = true;
        statement.doBlock = doBlock;
    }
    return statement;
}
/** A `SyntaxError` pseudo-statement: the statement starts at `fileOffset`, the error at `errorOffset`. */
function syntaxErrorStatement(source, text, fileOffset, message, errorOffset, doBlock) {
    const where = source.lines.position(Math.min(errorOffset, source.text.length));
    const node = { message, line: where.line, column: where.column };
    return makeStatement(source, { [SYNTAX_ERROR_KIND]: node }, text, fileOffset, doBlock);
}
/**
 * Parses `host.sql` and appends its statements to `out`, expanding DO blocks (nested DO, or DO inside
 * EXECUTE inside DO, up to MAX_DO_DEPTH; deeper ones stay DoStmt, which dynamic-sql reports). Throws the parser's error when the text does not parse. `parsed` is
 * the parser's tree of `host.sql` when another thread parsed it already (see parse-ahead.ts).
 */
function parseHost(source, host, depth, out, parsed) {
    const { sql } = host;
    const result = (parsed ?? (0,sql_parser/* parseSql */.eg)(sql));
    const toChar = (0,positions/* byteToCharMapper */.ve)(sql);
    for (const raw of result.stmts ?? []) {
        if (!raw.stmt)
            continue;
        const location = raw.stmt_location ?? 0;
        const end = raw.stmt_len ? toChar(location + raw.stmt_len) : sql.length;
        const start = (0,split/* skipTrivia */.pU)(sql, toChar(location), end);
        const text = sql.slice(start, end).trimEnd();
        if (text.length > DEPTH_CHECK_CHARS && (0,ast/* deeperThan */.ZF)(raw.stmt, sql_parser/* MAX_TREE_DEPTH */.is)) {
            out.push(syntaxErrorStatement(source, text, host.toFile(start), sql_parser/* TOO_DEEP */.gZ, host.toFile(start), host.doBlock));
            continue;
        }
        const [kind, inner] = nodeKind(raw.stmt);
        if (kind === 'DoStmt' && depth < MAX_DO_DEPTH) {
            const expanded = expandDoBlock(source, host, inner, { start, text, toChar }, depth);
            if (expanded) {
                out.push(...expanded);
                continue;
            }
        }
        const statement = makeStatement(source, raw.stmt, text, host.toFile(start), host.doBlock);
        statement.textAt = (location) => {
            const at = toChar(location) - start;
            return at >= 0 && at <= text.length ? at : undefined;
        };
        out.push(statement);
    }
}


/***/ }),

/***/ 7290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dw: () => (/* binding */ keyPath),
/* harmony export */   FK: () => (/* binding */ checkAgainstSchema),
/* harmony export */   _2: () => (/* binding */ registerSchemas)
/* harmony export */ });
/* harmony import */ var ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2210);
/* harmony import */ var ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var ajv_formats__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2815);
/* harmony import */ var ajv_formats__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(ajv_formats__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Validates values against our JSON Schemas with ajv, and says where each problem is when the
 * value came from a file (see validate.ts, which parses YAML keeping positions). Kept apart from
 * the YAML parser so that checking a value (a result file) does not load it.
 */


// ajv-formats is CommonJS with a default export; ESM interop hands it over under `.default`.
const addFormats = ((ajv_formats__WEBPACK_IMPORTED_MODULE_0___default()["default"]) ??
    (ajv_formats__WEBPACK_IMPORTED_MODULE_0___default()));
const compiled = new WeakMap();
let sharedAjv;
function ajv() {
    if (!sharedAjv) {
        // Our schemas are checked against the draft 2020-12 meta-schema by a test; compiling the
        // meta-schema at run time cost every action ~50 ms for nothing.
        sharedAjv = new ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_1__.Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false });
        addFormats(sharedAjv);
    }
    return sharedAjv;
}
/** Registers schemas that others `$ref` by `$id` (call before validating against them). */
function registerSchemas(...schemas) {
    for (const schema of schemas) {
        const id = schema.$id;
        if (id && !ajv().getSchema(id))
            ajv().addSchema(schema);
    }
}
function validatorFor(schema) {
    let validate = compiled.get(schema);
    if (!validate) {
        const id = schema.$id;
        validate = (id && ajv().getSchema(id)) || ajv().compile(schema);
        compiled.set(schema, validate);
    }
    return validate;
}
function describeProblem(error) {
    const params = error.params;
    switch (error.keyword) {
        case 'additionalProperties':
            return {
                pointer: `${error.instancePath}/${String(params.additionalProperty)}`,
                message: `unknown key "${String(params.additionalProperty)}"`,
                atKey: true,
            };
        case 'required':
            return { pointer: error.instancePath, message: `missing required key "${String(params.missingProperty)}"` };
        case 'enum':
            return {
                pointer: error.instancePath,
                message: `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
            };
        default:
            return { pointer: error.instancePath, message: error.message ?? 'is invalid' };
    }
}
/** Validates a value; returns problems with positions (empty when valid). */
function checkAgainstSchema(schema, doc) {
    const validate = validatorFor(schema);
    if (validate(doc.value))
        return [];
    const seen = new Set();
    const problems = [];
    for (const error of validate.errors ?? []) {
        // oneOf/anyOf produce a summary error after the branch errors; the branches say more.
        if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if')
            continue;
        const { pointer, message, atKey } = describeProblem(error);
        const key = `${pointer}|${message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        problems.push({ pointer, message, ...doc.locate(pointer, atKey) });
    }
    return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
/** Human-readable key path for a JSON pointer: `/a/0/b` → `a[0].b`. */
function keyPath(pointer) {
    if (pointer === '')
        return '(top level)';
    return pointer
        .split('/')
        .slice(1)
        .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s.replace(/~1/g, '/').replace(/~0/g, '~')}`))
        .join('')
        .replace(/^\./, '');
}


/***/ })

};
;