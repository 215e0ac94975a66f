import { fingerprintFindings, normaliseMessage } from '../../../core/security/fingerprint.ts';
import type { RawFinding } from '../../../core/security/types.ts';

const issue = (over: Partial<RawFinding> = {}): RawFinding => ({
  tool: 'tflint',
  rule: 'tflint:terraform_unused_declarations',
  severity: 'medium',
  message: 'variable "unused" is declared but not used',
  path: 'main.tf',
  line: 2,
  properties: {},
  ...over,
});

describe('fingerprints', () => {
  it('are the same on every machine and run: a fixed value for a fixed finding', () => {
    const [f] = fingerprintFindings([issue()]);
    expect(f!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    // printf 'faultline-security/v1\0tflint:terraform_unused_declarations\0main.tf\0msg:variable "unused" is declared but not used' | sha256sum
    expect(f!.fingerprint).toBe('5d13d34465e35fc04860de8d689e64b0');
  });

  it('ignore the line and column, but not the path, rule or what the finding is about', () => {
    const [base] = fingerprintFindings([issue()]);
    expect(fingerprintFindings([issue({ line: 40, column: 3 })])[0]!.fingerprint).toBe(base!.fingerprint);
    expect(fingerprintFindings([issue({ path: 'other.tf' })])[0]!.fingerprint).not.toBe(base!.fingerprint);
    expect(fingerprintFindings([issue({ rule: 'tflint:other' })])[0]!.fingerprint).not.toBe(base!.fingerprint);
    expect(fingerprintFindings([issue({ message: 'variable "other" is declared but not used' })])[0]!.fingerprint).not.toBe(base!.fingerprint);
  });

  it('use package@version for dependencies: an upgrade to another vulnerable version is a new finding', () => {
    const vuln = (version: string): RawFinding => ({ tool: 'snyk', rule: 'snyk:SNYK-JS-LODASH-567746', severity: 'high', message: `Prototype Pollution in lodash@${version}`, path: 'package-lock.json', packages: [`lodash@${version}`], properties: {} });
    expect(fingerprintFindings([vuln('4.17.15')])[0]!.fingerprint).not.toBe(fingerprintFindings([vuln('4.17.16')])[0]!.fingerprint);
  });

  it('collapse repeats of one problem and keep how often it was reported', () => {
    const resource = (line: number): RawFinding => ({ tool: 'snyk', rule: 'snyk:SNYK-CC-TF-5', severity: 'medium', message: 'x', path: 'vpc.tf', line, resource: 'aws_default_security_group.default', properties: {} });
    const merged = fingerprintFindings([resource(16), resource(18)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.properties).toMatchObject({ occurrences: 2, lines: [16, 18] });
  });

  it('number identical messages in one file by position, so a second occurrence is the new one', () => {
    const one = fingerprintFindings([issue({ line: 5 })]);
    const two = fingerprintFindings([issue({ line: 5 }), issue({ line: 30 })]);
    expect(two).toHaveLength(2);
    expect(two[0]!.fingerprint).toBe(one[0]!.fingerprint);
    expect(two[1]!.fingerprint).not.toBe(one[0]!.fingerprint);
  });

  it('do not depend on line numbers written inside a message', () => {
    expect(normaliseMessage('Unused  variable on line 12')).toBe(normaliseMessage('Unused variable on line 40'));
  });
});
