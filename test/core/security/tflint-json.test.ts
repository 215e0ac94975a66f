import { findingsOf, readFixture, severities } from './fixtures.ts';

describe('tflint --format json', () => {
  it('reads the bundled ruleset: 6 warnings (medium) with their rule links', () => {
    const findings = findingsOf('tflint/tflint-json-bundled-ruleset-6-warnings.json');
    expect(findings).toHaveLength(6);
    expect(severities(findings)).toEqual({ medium: 6 });
    expect(findings[0]).toMatchObject({
      rule: 'tflint:terraform_typed_variables',
      path: 'main.tf',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 25,
      helpUri: 'https://github.com/terraform-linters/tflint-ruleset-terraform/blob/v0.8.0/docs/rules/terraform_typed_variables.md',
    });
    expect(findings.filter((f) => f.properties.fixable === true)).toHaveLength(3);
  });

  it('maps info to info and warning to medium', () => {
    expect(severities(findingsOf('tflint/tflint-json-info-and-warning.json'))).toEqual({ info: 1, medium: 2 });
  });

  it('keeps the module call chain, and tells apart issues that differ only in their callers or position', () => {
    const findings = findingsOf('tflint/tflint-json-module-issues-with-callers.json');
    expect(findings).toHaveLength(4);
    expect(severities(findings)).toEqual({ high: 4 });
    expect(findings[0]!.properties.callers).toEqual(['module.tf:11', 'module/template.tf:15', 'module/module/instance.tf:9']);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(4);
  });

  it('reads an HCL error as a scan error with its file and line', () => {
    const [report] = readFixture('tflint/tflint-json-hcl-error-with-range.json');
    expect(report!.findings).toEqual([]);
    expect(report!.errors).toEqual([
      expect.objectContaining({ tool: 'tflint', path: 'template.tf', line: 2, message: expect.stringMatching(/^Invalid quoted type constraints: Terraform 0\.11/) }),
    ]);
  });

  it('reads recursive-mode failures without a range as scan errors, without terminal colours', () => {
    const [report] = readFixture('tflint/tflint-json-recursive-errors-no-range.json');
    expect(report!.errors).toHaveLength(2);
    expect(report!.errors.map((e) => e.message.split(';')[0]).sort()).toEqual(['Failed to run in subdir1', 'Failed to run in subdir2']);
    for (const error of report!.errors) expect(error.message).not.toContain('\u001b');
  });

  it('reads a clean run as no findings and no errors', () => {
    expect(readFixture('tflint/tflint-json-empty.json')).toEqual([expect.objectContaining({ tool: 'tflint', findings: [], errors: [] })]);
  });
});
