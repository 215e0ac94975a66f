"use strict";
exports.id = 219;
exports.ids = [219];
exports.modules = {

/***/ 3219:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  closestRuleId: () => (/* binding */ closestRuleId),
  configSchema: () => (/* reexport */ config_schema_namespaceObject),
  loadConfigFile: () => (/* binding */ loadConfigFile),
  parseConfig: () => (/* binding */ parseConfig)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./policy/schemas/config-slo.schema.json
const config_slo_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"config-slo.schema.json","title":"`slo:` section of .github/faultline.yml","description":"Which SLO specs the app evaluates for pull requests, which paths belong to which service, and the error-budget policy (the same keys as the slo-gate policy, policy/schemas/slo-policy.schema.json).","type":"object","additionalProperties":false,"properties":{"specs":{"description":"Files or folders (on the default branch) holding OpenSLO v1 or Sloth prometheus/v1 specs.","type":"array","items":{"type":"string","minLength":1},"default":[".slo"]},"services":{"description":"Service name → path globs. A pull request touching a matching path is subject to that service\'s error budget.","type":"object","additionalProperties":{"type":"array","items":{"type":"string","minLength":1},"minItems":1}},"min-budget-remaining":{"$ref":"slo-policy.schema.json#/properties/min-budget-remaining"},"max-burn-rate":{"$ref":"slo-policy.schema.json#/properties/max-burn-rate"},"burn-rate-window":{"$ref":"slo-policy.schema.json#/properties/burn-rate-window"},"fail-on-alert":{"$ref":"slo-policy.schema.json#/properties/fail-on-alert"},"exception-labels":{"$ref":"slo-policy.schema.json#/properties/exception-labels"},"alerting":{"$ref":"slo-policy.schema.json#/properties/alerting"}}}');
;// CONCATENATED MODULE: ./policy/schemas/config.schema.json
const config_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"config.schema.json","title":".github/faultline.yml","description":"Repository configuration for Faultline. Each section configures one part; unknown keys are errors so a typo never silently disables a gate.","type":["object","null"],"additionalProperties":false,"properties":{"_extends":{"description":"Inherit from another repository\'s .github/faultline.yml (Probot convention: `org/.github` or `repo:path`). Read by the app only.","type":"string","minLength":1},"migrations":{"$ref":"#/$defs/migrations"},"slo":{"$ref":"config-slo.schema.json"},"chaos":{"$ref":"#/$defs/chaos"},"security":{"$ref":"#/$defs/security"},"failover":{"$ref":"#/$defs/failover"}},"$defs":{"failover":{"title":"`failover:` — failover drills (faultline failover verify, actions/failover-verify) in the app","description":"With this section the PR comment shows the default branch\'s newest trusted drill (docs/app.md#failover-drills).","type":["object","null"],"additionalProperties":false,"properties":{"max-age":{"description":"Longest a drill may be old, e.g. `7d`, `36h`: the check run faultline/dr-drill fails every pull request while the default branch\'s newest trusted drill breached, could not decide, or started longer ago than this (the app; docs/app.md#failover-drills). Omitted: no faultline/dr-drill check run.","type":"string","pattern":"^([0-9]+(ms|s|m|h|d))+$"}}},"security":{"title":"`security:` — the security and IaC gate (faultline scan, actions/security-gate)","type":"object","additionalProperties":false,"properties":{"required":{"description":"Every pull request needs a trusted security result: faultline/security fails without one (the app; docs/app.md#when-a-gate-applies). Default false.","type":"boolean"},"paths":{"description":"Globs of files whose change needs a trusted security result (the app; docs/app.md#when-a-gate-applies). A leading `!` excludes.","type":"array","items":{"type":"string","minLength":1}},"ignore":{"description":"Findings accepted on purpose. Each entry needs a reason; an entry past its expiry date stops applying and is reported.","type":"array","items":{"type":"object","required":["rule","reason"],"additionalProperties":false,"properties":{"rule":{"type":"string","minLength":1,"description":"Rule id with its tool prefix (snyk:SNYK-JS-LODASH-567746, checkov:CKV_AWS_20, tflint:terraform_unused_declarations); * matches any characters."},"path":{"type":"string","minLength":1,"description":"Glob of repository-relative paths it applies to (e.g. infra/legacy/**). Omitted: every path."},"reason":{"type":"string","minLength":1,"pattern":"\\\\S","description":"Why the finding is accepted; shown in the report."},"expires":{"type":"string","format":"date","description":"Last day (YYYY-MM-DD, UTC) the entry applies."}}}}}},"migrations":{"title":"`migrations:` — the migration safety gate","type":"object","additionalProperties":false,"properties":{"paths":{"description":"Globs of migration files, relative to the repository root (e.g. `db/migrations/**/*.sql`). Empty: the gate\'s default layouts.","type":"array","items":{"type":"string","minLength":1}},"exclude":{"description":"Globs of files to skip even when `paths` matches them (e.g. generated or already-applied archives).","type":"array","items":{"type":"string","minLength":1}},"pg-version":{"description":"PostgreSQL major version the migrations run on; rules whose hazard depends on the version use it.","type":"integer","minimum":11,"maximum":18},"assume-transaction":{"description":"The migration tool runs each file inside one transaction (Flyway, golang-migrate, Rails, Django…): statements count as in a transaction even without BEGIN.","type":"boolean"},"shadow-from":{"description":"What the shadow run\'s scratch database starts from: template (a copy of the database the URL names; the default), empty (the migration history is replayed first), or dump:FILE (a schema dump loaded first, path relative to the repository).","type":"string","pattern":"^(template|empty|dump:.+)$"},"schema-dump":{"description":"A schema dump of the database the migrations run on (`pg_dump --schema-only`), relative to the repository root: the gate reads the old column types from it, so a type change of a column the linted files did not create is judged on its real old type instead of being reported as a possible rewrite (\\"old type unknown\\").","type":"string","minLength":1},"max-file-size":{"description":"Largest migration file the gate reads, in bytes (default 10485760, 10 MiB). Larger files are reported as file-too-large, which fails the gate, instead of exhausting the runner\'s memory.","type":"integer","minimum":1},"max-statements":{"description":"Most statements one file may have (default 50000). Files with more are reported as too-many-statements, which fails the gate.","type":"integer","minimum":1},"profile":{"description":"`strict` raises the rules that have a stricter severity (dynamic-sql: SQL built at run time, which no rule can check, becomes an error). Default `default`.","enum":["default","strict"]},"rules":{"description":"Severity per rule id: `error` blocks the gate, `warning` reports, `off` disables the rule.","type":"object","additionalProperties":{"enum":["error","warning","off"]}}}},"chaos":{"title":"`chaos:` — the policy chaos experiments are checked against (faultline chaos, actions/chaos-inject)","description":"Applies to experiments that use Faultline\'s fault drivers; plain Chaos Toolkit experiments (http and process providers only) pass unchanged. Omitted keys keep the built-in defaults (docs/chaos.md#the-chaos-policy). Defined here rather than in its own file so every reader of this schema (the app, the migration gate) compiles it without registering more schemas. An empty section (every key commented out) is the built-in policy.","type":["object","null"],"additionalProperties":false,"properties":{"required":{"description":"Every pull request needs a trusted chaos result: faultline/chaos fails without one (the app; docs/app.md#when-a-gate-applies). Default false.","type":"boolean"},"paths":{"description":"Globs of files whose change needs a trusted chaos result (the app; docs/app.md#when-a-gate-applies). A leading `!` excludes.","type":"array","items":{"type":"string","minLength":1}},"require-owner":{"description":"Experiments that inject faults must carry an `owner:<team>` tag. Default true.","type":"boolean"},"allowed-drivers":{"description":"The only fault drivers experiments may use. Omitted: every driver.","type":"array","items":{"enum":["process","network","stress","toxiproxy","kubernetes","aws-fis"]},"uniqueItems":true},"max-ttl":{"description":"Longest time-to-live one fault may have: seconds, or a duration such as `90s`, `30m`, `2h`. Default 1h.","type":["number","string"],"exclusiveMinimum":0,"pattern":"^\\\\s*\\\\d+(\\\\.\\\\d+)?\\\\s*(ms|s|m|h)?\\\\s*$"},"max-faults":{"description":"Most faults (driver actions in the method and rollbacks) one experiment may inject. Default 20.","type":"integer","minimum":1},"max-blast-radius":{"description":"Largest blast radius one fault may declare: `default` for every driver, then per driver for the drivers that count targets (process, kubernetes); a driver\'s entry overrides `default` key by key. Default 25 targets or 50 percent.","type":"object","additionalProperties":false,"properties":{"default":{"$ref":"#/$defs/blast-radius-limit"},"process":{"$ref":"#/$defs/blast-radius-limit"},"kubernetes":{"$ref":"#/$defs/blast-radius-limit"}}}}},"blast-radius-limit":{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"targets":{"description":"Most targets (processes, pods) one fault may touch.","type":"integer","minimum":1},"percent":{"description":"Most of the matching targets, in percent, one fault may touch (Kubernetes percentage modes).","type":"number","exclusiveMinimum":0,"maximum":100}}}}}');
;// CONCATENATED MODULE: ./policy/schemas/slo-policy.schema.json
const slo_policy_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"slo-policy.schema.json","title":"Faultline error-budget policy (slo-gate `policy` input, `faultline slo status --policy`)","description":"When a change or a deploy may go ahead given the SLOs\' error budgets. Keys match the `slo:` section of .github/faultline.yml. Ratios are fractions (0.25 = 25 %).","type":"object","additionalProperties":false,"properties":{"$schema":{"type":"string"},"min-budget-remaining":{"description":"Fraction of the error budget that must remain; 0 means the budget must not be spent.","type":"number","minimum":0,"maximum":1,"default":0},"max-burn-rate":{"description":"Fail when the burn rate over burn-rate-window is above this (unset: burn rate alone never fails).","type":"number","exclusiveMinimum":0},"burn-rate-window":{"description":"Window of the burn rate that max-burn-rate limits and that time to exhaustion uses.","enum":["5m","30m","1h","2h","6h","1d","3d"],"default":"1h"},"fail-on-alert":{"description":"Fail while a multi-window burn-rate alert of this severity or worse is firing (none: alerts never fail the gate).","enum":["none","ticket","page"],"default":"none"},"exception-labels":{"description":"Pull-request labels that let a change through a spent budget or a high burn rate (it fixes reliability or security). Missing data is never excused.","type":"array","items":{"type":"string","minLength":1},"default":["reliability-fix","security-fix"]},"alerting":{"description":"Multi-window multi-burn-rate thresholds (Google SRE Workbook defaults when unset).","type":"object","additionalProperties":false,"properties":{"page":{"$ref":"#/$defs/conditions"},"ticket":{"$ref":"#/$defs/conditions"}}}},"$defs":{"window":{"enum":["5m","30m","1h","2h","6h","1d","3d"]},"conditions":{"type":"array","items":{"type":"object","required":["long","short","burn-rate"],"additionalProperties":false,"properties":{"long":{"$ref":"#/$defs/window"},"short":{"$ref":"#/$defs/window"},"burn-rate":{"type":"number","exclusiveMinimum":0}}}}}}');
// EXTERNAL MODULE: ./core/errors.ts
var errors = __webpack_require__(265);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./core/schema/check.ts
var check = __webpack_require__(7290);
;// CONCATENATED MODULE: ./core/schema/validate.ts
/**
 * Loads YAML or JSON a user wrote and validates it against one of our JSON Schemas, turning ajv's
 * instance paths back into the file's line and column so every error says where to look.
 */




/** Parses YAML (JSON is YAML) keeping positions; a syntax error names file, line and column. */
function parseYaml(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
        const pos = lineCounter.linePos(first.pos[0]);
        throw new errors/* FaultlineError */.RO(`cannot parse: ${first.message.split('\n')[0]}`, {
            file,
            line: pos.line,
            column: pos.col,
            hint: 'fix the YAML/JSON syntax at that position',
        });
    }
    return {
        value: doc.toJS({ maxAliasCount: 100 }),
        locate: (pointer, atKey) => locateInDocument(doc, lineCounter, pointer, atKey),
    };
}
function locateInDocument(doc, lineCounter, pointer, atKey = false) {
    const segments = pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = doc.contents;
    let keyNode;
    for (const segment of segments) {
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === segment);
            if (!pair)
                break;
            keyNode = pair.key;
            node = pair.value;
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            const item = node.items[Number(segment)];
            if (item === undefined)
                break;
            keyNode = undefined;
            node = item;
        }
        else {
            break;
        }
    }
    const target = ((atKey && keyNode) || node || keyNode);
    const offset = target?.range?.[0] ?? keyNode?.range?.[0];
    if (offset === undefined)
        return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
}
/** Parses and validates in one step, throwing one FaultlineError that lists every problem. */
function loadValidated(text, file, schema, what) {
    const doc = parseYaml(text, file);
    const problems = (0,check/* checkAgainstSchema */.FK)(schema, doc);
    if (problems.length > 0) {
        const first = problems[0];
        const lines = problems.map((p) => `  ${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${(0,check/* keyPath */.Dw)(p.pointer)}: ${p.message}`);
        throw new errors/* FaultlineError */.RO(`invalid ${what} (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
            file,
            line: first.line,
            column: first.column,
            problems: problems.map((p) => ({ file, line: p.line, column: p.column, message: `${(0,check/* keyPath */.Dw)(p.pointer)}: ${p.message}` })),
            hint: `see the schema in policy/schemas/ and docs/ for the ${what} format`,
        });
    }
    return doc;
}

// EXTERNAL MODULE: ./core/migrations/config.ts
var config = __webpack_require__(9292);
// EXTERNAL MODULE: ./core/migrations/rules/index.ts + 63 modules
var rules = __webpack_require__(1555);
;// CONCATENATED MODULE: ./core/migrations/config-file.ts
/**
 * Reads `.github/faultline.yml`: the whole file is validated against
 * policy/schemas/config.schema.json (unknown keys anywhere are errors). Rule ids under
 * `migrations.rules` must exist; a misspelt id would otherwise silently leave a rule at its default.
 * Kept apart from config.ts so that runs without a config file never load the validator.
 */









let registered = false;
function registerReferencedSchemas() {
    if (registered)
        return;
    (0,check/* registerSchemas */._2)(slo_policy_schema_namespaceObject, config_slo_schema_namespaceObject);
    registered = true;
}
/** Parses and validates config text; FaultlineError (exit 2) with file:line:column on any problem. */
function parseConfig(text, file) {
    registerReferencedSchemas();
    const doc = loadValidated(text, file, config_schema_namespaceObject, 'Faultline config');
    const value = doc.value ?? {};
    const unknown = Object.keys(value.migrations?.rules ?? {}).filter((id) => !(0,rules/* ruleById */.BD)(id));
    if (unknown.length > 0) {
        const first = doc.locate(`/migrations/rules/${unknown[0].replace(/~/g, '~0').replace(/\//g, '~1')}`, true);
        // Each unknown id at its own place, so an action annotates every one on its line.
        const problems = unknown.map((id) => {
            const at = doc.locate(`/migrations/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`, true);
            const suggestion = closestRuleId(id);
            return { file, ...(at ? { line: at.line, column: at.column } : {}), message: `migrations.rules.${id}: unknown rule id${suggestion ? ` (did you mean "${suggestion}"?)` : ''}` };
        });
        const lines = problems.map((p) => `  ${file}${p.line !== undefined ? `:${p.line}:${p.column}` : ''}: ${p.message}`);
        throw new errors/* FaultlineError */.RO(`invalid Faultline config (${unknown.length} unknown rule id${unknown.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
            file,
            line: first?.line,
            column: first?.column,
            problems,
            hint: 'use rule ids from docs/rules (for example non-concurrent-index, set-not-null)',
        });
    }
    return value;
}
/** Reads and validates a config file; a missing or unreadable file is an input error naming it. */
function loadConfigFile(file) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (error) {
        throw new errors/* FaultlineError */.RO(`cannot read the config file (${error.code ?? String(error)})`, {
            file,
            hint: `check the path; without --config, ${config/* CONFIG_FILE */.g2} is used when it exists`,
            cause: error,
        });
    }
    return parseConfig(text, file);
}
/** The known rule id nearest to a misspelt one (edit distance ≤ 3), for "did you mean". */
function closestRuleId(id) {
    let best;
    let bestDistance = 4;
    for (const candidate of rules/* ruleIds */.Zl) {
        const d = editDistance(id, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}


/***/ })

};
;