/**
 * The `chaos:` section of .github/faultline.yml becomes the policy every experiment is checked
 * against; keys left out keep the built-in values, and every mistake names file, line and key.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chaosPolicyFromConfig, loadChaosPolicy } from '../../../core/experiment/chaos-config.ts';
import { DEFAULT_CHAOS_POLICY } from '../../../core/experiment/policy.ts';
import { FaultlineError } from '../../../core/errors.ts';

const FILE = '.github/faultline.yml';

function refusal(text: string): FaultlineError {
  try {
    chaosPolicyFromConfig(text, FILE);
  } catch (error) {
    if (error instanceof FaultlineError) return error;
    throw error;
  }
  throw new Error(`accepted:\n${text}`);
}

describe('the chaos policy from .github/faultline.yml', () => {
  it('is the built-in policy when the file has no chaos: section, or is empty', () => {
    for (const text of ['', 'migrations:\n  pg-version: 15\n', 'chaos:\n']) {
      expect(chaosPolicyFromConfig(text, FILE)).toEqual({ ...DEFAULT_CHAOS_POLICY, source: FILE });
    }
  });

  it('takes every key, durations in any unit, and keeps the built-in value for keys left out', () => {
    const policy = chaosPolicyFromConfig(
      'chaos:\n  require-owner: false\n  allowed-drivers: [process, toxiproxy]\n  max-ttl: 15m\n  max-faults: 3\n',
      FILE,
    );
    expect(policy).toEqual({
      requireOwner: false,
      allowedDrivers: ['process', 'toxiproxy'],
      maxTtlSeconds: 900,
      maxBlastRadius: DEFAULT_CHAOS_POLICY.maxBlastRadius,
      maxFaults: 3,
      source: FILE,
    });
    expect(chaosPolicyFromConfig('chaos:\n  max-ttl: 90\n', FILE).maxTtlSeconds).toBe(90);
    expect(chaosPolicyFromConfig('chaos:\n  max-ttl: "1.5h"\n', FILE).maxTtlSeconds).toBe(5400);
    expect(chaosPolicyFromConfig('chaos:\n  max-faults: 2\n', FILE)).toMatchObject({ requireOwner: true, maxTtlSeconds: 3600 });
  });

  it('merges a driver’s own blast-radius limit over the default, key by key', () => {
    const policy = chaosPolicyFromConfig(
      'chaos:\n  max-blast-radius:\n    default: { targets: 10 }\n    kubernetes: { percent: 10 }\n    process: { targets: 2, percent: 100 }\n',
      FILE,
    );
    expect(policy.maxBlastRadius).toEqual({ targets: 10, percent: 50 });
    expect(policy.driverBlastRadius).toEqual({
      kubernetes: { targets: 10, percent: 10 },
      process: { targets: 2, percent: 100 },
    });
  });

  it.each([
    ['an unknown key under chaos:', 'chaos:\n  max-ttl: 10m\n  allowed-driver: [process]\n', `${FILE}:3:3: chaos.allowed-driver: unknown key "allowed-driver"`],
    ['a driver that does not exist', 'chaos:\n  allowed-drivers: [process, chaos-monkey]\n', `${FILE}:2:30: chaos.allowed-drivers[1]: must be one of "process", "network", "stress", "toxiproxy", "kubernetes", "aws-fis"`],
    ['a duration in days', 'chaos:\n  max-ttl: 1d\n', `${FILE}:2:12: chaos.max-ttl: must be seconds (a number above 0) or a duration such as "90s", "30m" or "2h"`],
    ['a zero duration', 'chaos:\n  max-ttl: 0s\n', `${FILE}:2:12: chaos.max-ttl: must be seconds (a number above 0) or a duration such as "90s", "30m" or "2h"`],
    ['a negative number of seconds', 'chaos:\n  max-ttl: -5\n', `${FILE}:2:12: chaos.max-ttl: must be seconds (a number above 0) or a duration such as "90s", "30m" or "2h"`],
    ['require-owner as text', 'chaos:\n  require-owner: "no"\n', `${FILE}:2:18: chaos.require-owner: must be boolean`],
    ['zero faults', 'chaos:\n  max-faults: 0\n', `${FILE}:2:15: chaos.max-faults: must be >= 1`],
    ['a blast radius over 100 percent', 'chaos:\n  max-blast-radius:\n    kubernetes: { percent: 150 }\n', `${FILE}:3:28: chaos.max-blast-radius.kubernetes.percent: must be <= 100`],
    ['a blast radius for a driver that counts no targets', 'chaos:\n  max-blast-radius:\n    network: { targets: 1 }\n', `${FILE}:3:5: chaos.max-blast-radius.network: unknown key "network"`],
    ['an empty blast-radius limit', 'chaos:\n  max-blast-radius:\n    default: {}\n', `${FILE}:3:14: chaos.max-blast-radius.default: must NOT have fewer than 1 properties`],
    ['a typo in another section (the whole file is checked)', 'chaos:\n  max-faults: 3\nslo:\n  servces: {}\n', `${FILE}:4:3: slo.servces: unknown key "servces"`],
  ])('refuses %s, naming file, line, column and key', (_case, text, line) => {
    const error = refusal(text);
    expect(error.message).toContain(`\n  ${line}`);
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(Number(line.split(':')[1]));
    expect(error.exitCode).toBe(2);
    expect(error.hint).toContain('docs/chaos.md#the-chaos-policy');
  });

  it('refuses YAML it cannot parse, at the position of the mistake', () => {
    const error = refusal('chaos:\n  allowed-drivers: [process\n');
    expect(error.message).toMatch(/^cannot parse/);
    expect(error.file).toBe(FILE);
    expect(error.line).toBeGreaterThanOrEqual(2);
  });

  it('accepts the example in docs/chaos.md and gives the policy the docs describe', () => {
    const docs = readFileSync(new URL('../../../docs/chaos.md', import.meta.url), 'utf8');
    const example = /## The chaos policy[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    expect(chaosPolicyFromConfig(example!, FILE)).toEqual({
      requireOwner: true,
      allowedDrivers: ['process', 'network', 'toxiproxy'],
      maxTtlSeconds: 900,
      maxBlastRadius: { targets: 10, percent: 25 },
      driverBlastRadius: { kubernetes: { targets: 10, percent: 10 } },
      maxFaults: 5,
      source: FILE,
    });
  });

  describe('from a file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'faultline-chaos-config-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads it and shows the path as the face gave it', () => {
      writeFileSync(join(dir, 'faultline.yml'), 'chaos:\n  max-ttl: 2m\n');
      expect(loadChaosPolicy(join(dir, 'faultline.yml'), 'ci/faultline.yml')).toMatchObject({ maxTtlSeconds: 120, source: 'ci/faultline.yml' });
    });

    it('names a file it cannot read, once', () => {
      const error = captureError(() => loadChaosPolicy(join(dir, 'missing.yml'), 'ci/missing.yml'));
      expect(error.format()).toMatch(/^ci\/missing\.yml: cannot read the config file \(ENOENT\)\n/);
    });
  });
});

function captureError(fn: () => unknown): FaultlineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FaultlineError) return error;
    throw error;
  }
  throw new Error('expected a FaultlineError');
}
