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

describe('schema identifiers', () => {
  const schemas = new Map(files.map((name) => [name, JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Record<string, unknown>]));

  function refs(value: unknown, found: string[] = []): string[] {
    if (Array.isArray(value)) for (const item of value) refs(item, found);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref' && typeof item === 'string') found.push(item);
        else refs(item, found);
      }
    }
    return found;
  }

  // A placeholder domain is neither a place an editor can fetch from nor ours; an id relative to
  // where the schema is served (the raw GitHub URL of a tagged release) is both.
  it.each(files)('%s is identified by its own file name, relative to where it is published', (name) => {
    expect(schemas.get(name)!.$id).toBe(name);
  });

  it.each(files)('%s refers to other schemas by file names that exist here', (name) => {
    for (const ref of refs(schemas.get(name))) {
      if (ref.startsWith('#')) continue;
      expect(ref).not.toMatch(/^[a-z]+:/i);
      expect(files).toContain(ref.split('#')[0]);
    }
  });

  it('the docs point editors at the published schemas that exist', () => {
    const docs = new URL('../../docs/', import.meta.url);
    const pages = ['config.md', 'chaos.md', 'slo-specs.md', 'failover.md'].map((page) => readFileSync(new URL(page, docs), 'utf8'));
    const named = pages.flatMap((text) => [...text.matchAll(/yaml-language-server: \$schema=([^\s`]+)/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const url of named) {
      expect(url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/<owner>\/faultline\/v1\/policy\/schemas\/[\w.-]+\.schema\.json$/);
      expect(files).toContain(url.split('/').pop());
    }
  });
});
