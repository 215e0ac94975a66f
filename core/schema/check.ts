/**
 * Validates values against our JSON Schemas with ajv, and says where each problem is when the
 * value came from a file (see validate.ts, which parses YAML keeping positions). Kept apart from
 * the YAML parser so that checking a value (a result file) does not load it.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

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
