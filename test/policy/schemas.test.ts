import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

// At run time the validator trusts our schemas (it skips the meta-schema, which cost every action
// ~50 ms); this is where they are checked against JSON Schema draft 2020-12 itself.
const dir = new URL('../../policy/schemas/', import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith('.schema.json'));

describe('policy/schemas', () => {
  it('holds the schemas the faces validate against', () => {
    expect(files).toEqual(expect.arrayContaining(['result.schema.json', 'config.schema.json', 'experiment.schema.json']));
  });

  it.each(files)('%s is a valid JSON Schema (draft 2020-12)', (name) => {
    const schema = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as object;
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
  });
});
