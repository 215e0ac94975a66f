/**
 * `faultline chaos` reads its policy from the repository's `.github/faultline.yml` (found from a subfolder too), or from
 * `--config FILE`; run, dry run and validate all apply it before anything is touched.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;

function faultline(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(BIN, args, { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// Stops at most three processes whose command line starts with a name nothing here runs; a dry
// run or validate never looks for them.
const EXPERIMENT = `title: freeze the workers
description: policy test
tags: [owner:sre]
method:
  - type: action
    name: freeze-workers
    provider: { type: faultline, driver: process, arguments: { action: stop, match: "^faultline-no-such-worker ", max-targets: 3, ttl: 5m } }
`;

describe('faultline chaos with a configured policy', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cli-policy-'));
    writeFileSync(join(dir, 'freeze.yaml'), EXPERIMENT);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  };

  it('uses the built-in policy when there is no .github/faultline.yml', async () => {
    const result = await faultline(['chaos', 'validate', 'freeze.yaml'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('1 fault(s), owner sre; policy built-in');
  });

  it('applies .github/faultline.yml from the current directory to validate, dry run and run', async () => {
    write('.github/faultline.yml', 'chaos:\n  max-ttl: 1m\n  max-blast-radius:\n    process: { targets: 2 }\n');
    for (const args of [['validate', 'freeze.yaml'], ['run', 'freeze.yaml', '--dry-run'], ['run', 'freeze.yaml']]) {
      const result = await faultline(['chaos', ...args], dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('experiment breaks the chaos policy:');
      expect(result.stderr).toContain('freeze.yaml:5: method[0] ("freeze-workers"): time-to-live 300 s is over the policy\'s 60 s');
      expect(result.stderr).toContain("blast radius 3 targets is over the policy's 2 targets for process");
      expect(result.stderr).toContain('change the policy (chaos: in .github/faultline.yml)');
    }
  });

  it('finds the repository’s .github/faultline.yml when run from a subfolder', async () => {
    mkdirSync(join(dir, '.git'));
    write('.github/faultline.yml', 'chaos:\n  max-ttl: 1m\n');
    write('chaos/freeze.yaml', EXPERIMENT);
    const result = await faultline(['chaos', 'validate', 'freeze.yaml'], join(dir, 'chaos'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("time-to-live 300 s is over the policy's 60 s");
    expect(result.stderr).toContain(`change the policy (chaos: in ${join('..', '.github', 'faultline.yml')})`);
  });

  it('reads --config FILE instead, relative to the current directory', async () => {
    write('.github/faultline.yml', 'chaos:\n  max-ttl: 1m\n');
    write('ci/chaos-lab.yml', 'chaos:\n  max-ttl: 10m\n  allowed-drivers: [process]\n');
    const result = await faultline(['chaos', 'validate', 'freeze.yaml', '--config', 'ci/chaos-lab.yml'], dir);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('policy ci/chaos-lab.yml');
  });

  it('refuses an invalid config with file, line, column and key, and a --config that does not exist', async () => {
    write('.github/faultline.yml', '# lab policy\nchaos:\n  max-ttl: 1d\n  allowed-drivers: [process, ssh]\n');
    const invalid = await faultline(['chaos', 'run', 'freeze.yaml', '--dry-run'], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('.github/faultline.yml:3:12: chaos.max-ttl: must be seconds (a number above 0) or a duration such as "90s", "30m" or "2h"');
    expect(invalid.stderr).toContain('.github/faultline.yml:4:30: chaos.allowed-drivers[1]: must be one of "process", "network", "stress", "toxiproxy", "kubernetes", "aws-fis"');
    const missing = await faultline(['chaos', 'validate', 'freeze.yaml', '--config', 'ci/nope.yml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ci/nope.yml: cannot read the config file (ENOENT)');
  });
});
