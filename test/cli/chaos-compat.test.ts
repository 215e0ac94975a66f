/**
 * `faultline chaos validate` on Chaos Toolkit files: what `run` will need is checked (programs),
 * warnings name the key, and controls are refused unless --ignore-controls says so loudly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;

describe('faultline chaos validate on Chaos Toolkit experiments', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-ctk-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const validate = (body: string, ...args: string[]) => {
    writeFileSync(join(dir, 'exp.yaml'), `title: t\ndescription: d\n${body}`);
    const result = spawnSync(BIN, ['chaos', 'validate', 'exp.yaml', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('refuses a process program that cannot be found, as Chaos Toolkit validate does', () => {
    const { code, stderr } = validate('method:\n  - type: action\n    name: a\n    provider: { type: process, path: no-such-program-here }\n  - type: action\n    name: b\n    provider: { type: process, path: ./bin/missing.sh }\n');
    expect(code).toBe(2);
    expect(stderr).toContain('exp.yaml:6:38: method[0].provider.path ("a"): program "no-such-program-here" is not found on PATH or not executable');
    expect(stderr).toContain('exp.yaml:9:38: method[1].provider.path ("b"): program "./bin/missing.sh" is not found or not executable');
  });

  it('accepts a program on PATH and warns about keys Chaos Toolkit ignores', () => {
    const { code, stdout, stderr } = validate('dry_run: true\nmethod:\n  - type: action\n    name: a\n    provider: { type: process, path: "true" }\n');
    expect(code).toBe(0);
    expect(stdout).toContain('exp.yaml: valid experiment "t"');
    expect(stderr).toContain('warning: exp.yaml:3:1: dry_run: unknown key "dry_run" is ignored (as Chaos Toolkit does)');
  });

  it('warns, naming file, line and key, about configuration from environment variables that are not set', () => {
    const body = 'configuration:\n  api_url:\n    type: env\n    key: FAULTLINE_TEST_SURELY_UNSET_URL\n  region:\n    type: env\n    key: FAULTLINE_TEST_SURELY_UNSET_REGION\n    default: eu\nmethod: []\n';
    const { code, stderr } = validate(body);
    expect(code).toBe(0);
    expect(stderr).toContain(
      'warning: exp.yaml:5: configuration.api_url: environment variable FAULTLINE_TEST_SURELY_UNSET_URL is not set and has no default: run will refuse to start without it',
    );
    expect(stderr).not.toContain('FAULTLINE_TEST_SURELY_UNSET_REGION');
  });

  it('refuses controls, and with --ignore-controls validates with a loud warning', () => {
    const body = 'controls:\n  - name: safeguards\n    provider: { type: python, module: chaosaddons.controls.safeguards }\nmethod: []\n';
    const refused = validate(body);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('control "safeguards" uses the python provider (chaosaddons.controls.safeguards); we do not run Python');
    const ignored = validate(body, '--ignore-controls');
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toContain('control "safeguards" is IGNORED (--ignore-controls): whatever it does, e.g. a safeguard, will NOT run');
  });
});
