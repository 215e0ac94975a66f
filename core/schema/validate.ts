/**
 * Loads YAML or JSON a user wrote and validates it against one of our JSON Schemas, turning ajv's
 * instance paths back into the file's line and column so every error says where to look.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { FaultlineError } from '../errors.ts';

// ajv-formats is CommonJS with a default export; ESM interop hands it over under `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export interface SchemaProblem {
  /** JSON pointer of the offending value, e.g. `/migrations/rules/drop-table`. */
  pointer: string;
  message: string;
  line?: number;
  column?: number;
}

export interface ParsedDocument<T> {
  value: T;
  /**
   * Line and column (1-based) of the value at a JSON pointer (of its key with `atKey`), for
   * later semantic errors.
   */
  locate(pointer: string, atKey?: boolean): { line: number; column: number } | undefined;
}

const compiled = new WeakMap<object, ValidateFunction>();
let sharedAjv: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  if (!sharedAjv) {
    // Our schemas are checked against the draft 2020-12 meta-schema by a test; compiling the
    // meta-schema at run time cost every action ~50 ms for nothing.
    sharedAjv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false });
    addFormats(sharedAjv);
  }
  return sharedAjv;
}

/** Registers schemas that others `$ref` by `$id` (call before validating against them). */
export function registerSchemas(...schemas: object[]): void {
  for (const schema of schemas) {
    const id = (schema as { $id?: string }).$id;
    if (id && !ajv().getSchema(id)) ajv().addSchema(schema);
  }
}

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const id = (schema as { $id?: string }).$id;
    validate = (id && ajv().getSchema(id)) || ajv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Parses YAML (JSON is YAML) keeping positions; a syntax error names file, line and column. */
export function parseYaml<T = unknown>(text: string, file: string): ParsedDocument<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new FaultlineError(`cannot parse: ${first.message.split('\n')[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
      hint: 'fix the YAML/JSON syntax at that position',
    });
  }
  return {
    value: doc.toJS({ maxAliasCount: 100 }) as T,
    locate: (pointer, atKey) => locateInDocument(doc, lineCounter, pointer, atKey),
  };
}

function locateInDocument(
  doc: Document,
  lineCounter: LineCounter,
  pointer: string,
  atKey = false,
): { line: number; column: number } | undefined {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      keyNode = undefined;
      node = item;
    } else {
      break;
    }
  }
  const target = ((atKey && keyNode) || node || keyNode) as Node | undefined;
  const offset = target?.range?.[0] ?? (keyNode as Node | undefined)?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function describeProblem(error: ErrorObject): { pointer: string; message: string; atKey?: boolean } {
  const params = error.params as Record<string, unknown>;
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
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { pointer: error.instancePath, message: error.message ?? 'is invalid' };
  }
}

/** Validates a value; returns problems with positions (empty when valid). */
export function checkAgainstSchema(schema: object, doc: ParsedDocument<unknown>): SchemaProblem[] {
  const validate = validatorFor(schema);
  if (validate(doc.value)) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of validate.errors ?? []) {
    // oneOf/anyOf produce a summary error after the branch errors; the branches say more.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const { pointer, message, atKey } = describeProblem(error);
    const key = `${pointer}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ pointer, message, ...doc.locate(pointer, atKey) });
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Human-readable key path for a JSON pointer: `/a/0/b` → `a[0].b`. */
export function keyPath(pointer: string): string {
  if (pointer === '') return '(top level)';
  return pointer
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
}

/** Parses and validates in one step, throwing one FaultlineError that lists every problem. */
export function loadValidated<T>(text: string, file: string, schema: object, what: string): ParsedDocument<T> {
  const doc = parseYaml<T>(text, file);
  const problems = checkAgainstSchema(schema, doc as ParsedDocument<unknown>);
  if (problems.length > 0) {
    const first = problems[0]!;
    const lines = problems.map(
      (p) => `  ${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${keyPath(p.pointer)}: ${p.message}`,
    );
    throw new FaultlineError(`invalid ${what} (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
      file,
      line: first.line,
      column: first.column,
      hint: `see the schema in policy/schemas/ and docs/ for the ${what} format`,
    });
  }
  return doc;
}
