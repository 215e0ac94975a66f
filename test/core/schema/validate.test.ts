import { FaultlineError } from '../../../core/errors.ts';
import { keyPath, loadValidated, parseYaml } from '../../../core/schema/validate.ts';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    migrations: {
      type: 'object',
      additionalProperties: false,
      properties: { 'pg-version': { type: 'integer', minimum: 11, maximum: 18 } },
    },
  },
};

describe('loading user YAML against a schema', () => {
  it('reports the line and column of a YAML syntax error', () => {
    expect(() => parseYaml('a: [1, 2\nb: 3\n', 'cfg.yml')).toThrow(FaultlineError);
    try {
      parseYaml('a: b: c\n', 'cfg.yml');
    } catch (error) {
      expect((error as FaultlineError).file).toBe('cfg.yml');
      expect((error as FaultlineError).line).toBe(1);
    }
  });

  it('names the file, line and key path of each schema problem', () => {
    const text = 'migrations:\n  pg-version: 9\n  colour: blue\n';
    let caught: FaultlineError | undefined;
    try {
      loadValidated(text, '.github/faultline.yml', schema, 'config');
    } catch (error) {
      caught = error as FaultlineError;
    }
    expect(caught).toBeInstanceOf(FaultlineError);
    expect(caught!.message).toContain('.github/faultline.yml:2:15: migrations.pg-version: must be >= 11');
    expect(caught!.message).toContain('.github/faultline.yml:3:3: migrations.colour: unknown key "colour"');
    expect(caught!.line).toBe(2);
  });

  it('returns the value and can locate keys for later checks', () => {
    const doc = loadValidated<{ migrations: { 'pg-version': number } }>(
      'migrations:\n  pg-version: 16\n',
      'f.yml',
      schema,
      'config',
    );
    expect(doc.value.migrations['pg-version']).toBe(16);
    expect(doc.locate('/migrations/pg-version')).toEqual({ line: 2, column: 15 });
  });

  it('turns JSON pointers into readable key paths', () => {
    expect(keyPath('/method/0/provider/url')).toBe('method[0].provider.url');
    expect(keyPath('')).toBe('(top level)');
  });
});
