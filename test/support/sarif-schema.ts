/** Validates SARIF we write against the OASIS SARIF 2.1.0 schema (draft-07) kept in test/fixtures. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const sarifSchema = JSON.parse(readFileSync(new URL('../fixtures/schemas/sarif-2.1.0.json', import.meta.url), 'utf8'));
const validateSarif = addFormats(new Ajv({ allErrors: true, strict: false })).compile(sarifSchema);

/** Fails the test with ajv's errors when `log` is not valid SARIF 2.1.0. */
export function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(valid ? [] : validateSarif.errors).toEqual([]);
}
