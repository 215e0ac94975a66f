import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintOptionsFrom, migrationConfig } from '../../../core/migrations/config.ts';
import { closestRuleId, loadConfigFile, parseConfig } from '../../../core/migrations/config-file.ts';
import { FaultlineError } from '../../../core/errors.ts';

function problem(text: string): FaultlineError {
  try {
    parseConfig(text, '.github/faultline.yml');
  } catch (error) {
    if (error instanceof FaultlineError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('.github/faultline.yml: migrations section', () => {
  it('reads every key into lint options', () => {
    const config = parseConfig(
      `migrations:
  paths: ['db/migrations/**/*.sql']
  exclude: ['db/migrations/archive/**']
  pg-version: 13
  assume-transaction: true
  rules:
    missing-lock-timeout: off
    prefer-text: error
`,
      'faultline.yml',
    );
    const section = migrationConfig(config);
    expect(section).toEqual({
      paths: ['db/migrations/**/*.sql'],
      exclude: ['db/migrations/archive/**'],
      pgVersion: 13,
      assumeTransaction: true,
      rules: { 'missing-lock-timeout': 'off', 'prefer-text': 'error' },
    });
    expect(lintOptionsFrom(section, { pgVersion: 16, rules: { 'prefer-text': 'warning' } })).toEqual({
      pgVersion: 16,
      rules: { 'missing-lock-timeout': 'off', 'prefer-text': 'warning' },
      exclude: ['db/migrations/archive/**'],
      assumeTransaction: true,
    });
  });

  it('accepts an empty file and a file without a migrations section', () => {
    expect(migrationConfig(parseConfig('', 'f.yml'))).toEqual({ paths: [], exclude: [], assumeTransaction: false, rules: {} });
    expect(migrationConfig(parseConfig('slo:\n  specs: [.slo]\n', 'f.yml')).rules).toEqual({});
  });

  it('accepts the shadow run\'s rule ids like the static ones', () => {
    const config = parseConfig('migrations:\n  rules:\n    shadow-blocks-writes: off\n    shadow-table-rewrite: warning\n', 'f.yml');
    expect(migrationConfig(config).rules).toEqual({ 'shadow-blocks-writes': 'off', 'shadow-table-rewrite': 'warning' });
  });

  it('rejects an unknown rule id, naming key and line, with a suggestion', () => {
    const error = problem('migrations:\n  rules:\n    non-concurrent-index: warning\n    set-not-nul: off\n');
    expect(error.exitCode).toBe(2);
    expect(error.line).toBe(4);
    expect(error.message).toContain('.github/faultline.yml:4:5: migrations.rules.set-not-nul: unknown rule id (did you mean "set-not-null"?)');
  });

  it('rejects a bad severity with the allowed values and the line', () => {
    const error = problem('migrations:\n  rules:\n    drop-table: fatal\n');
    expect(error.message).toMatch(/faultline\.yml:3:\d+: migrations\.rules\.drop-table: must be one of "error", "warning", "off"/);
  });

  it('rejects a pg-version outside 11–18 and unknown keys, at any level', () => {
    expect(problem('migrations:\n  pg-version: 10\n').message).toContain('migrations.pg-version');
    expect(problem('migrations:\n  path: [db]\n').message).toContain(':2:3: migrations.path: unknown key "path"');
    expect(problem('migration:\n  paths: [db]\n').message).toContain('unknown key "migration"');
  });

  it('reports YAML syntax errors with a position', () => {
    const error = problem('migrations:\n  rules: [\n');
    expect(error.line).toBeDefined();
    expect(error.message).toContain('cannot parse');
  });

  it('names a missing config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-config-'));
    try {
      const missing = join(dir, 'nope.yml');
      expect(() => loadConfigFile(missing)).toThrow(expect.objectContaining({ file: missing, message: 'cannot read the config file (ENOENT)' }));
      writeFileSync(join(dir, 'ok.yml'), 'migrations:\n  pg-version: 12\n');
      expect(migrationConfig(loadConfigFile(join(dir, 'ok.yml'))).pgVersion).toBe(12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('suggests only close rule ids', () => {
    expect(closestRuleId('drop-tabel')).toBe('drop-table');
    expect(closestRuleId('completely-different')).toBeUndefined();
  });
});
