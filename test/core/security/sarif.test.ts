import { findingsOf, readFixture, severities } from './fixtures.ts';

describe('SARIF 2.1.0 inputs', () => {
  it('reads Snyk Code: 7 results over 6 rules, error → high, warning → medium', () => {
    const [report] = readFixture('snyk/snyk-code-sarif.json');
    expect(report).toMatchObject({ tool: 'snyk', name: 'SnykCode', version: '1.0.0', format: 'sarif' });
    const findings = findingsOf('snyk/snyk-code-sarif.json');
    expect(findings).toHaveLength(7);
    expect(new Set(findings.map((f) => f.rule)).size).toBe(6);
    expect(severities(findings)).toEqual({ high: 3, medium: 4 });
    expect(findings.find((f) => f.rule === 'snyk:javascript/Sqli')).toMatchObject({ path: 'sample-project/goof/routes/index.js', line: 39, column: 3, endColumn: 11 });
    // Snyk gives every result the same fingerprint; ours tell the two rate-limiting findings apart.
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(7);
  });

  it('reads Snyk IaC: no result level, so the rule default and its problem severity (medium) decide', () => {
    const findings = findingsOf('snyk/snyk-iac-sarif.json');
    expect(findings).toHaveLength(4);
    expect(severities(findings)).toEqual({ medium: 4 });
    expect(findings.map((f) => `${f.path}:${f.line}`)).toEqual(['plan.json:1', 'plan.json:1', 'vpc_group.tf:5', 'vpc_group.tf:16']);
  });

  it('reads Snyk Container: security-severity "6.5" (a string) wins over the level note, and the package is the logical location', () => {
    const findings = findingsOf('snyk/snyk-container-sarif.json');
    expect(findings).toEqual([expect.objectContaining({ rule: 'snyk:SNYK-LINUX-BZIP2-106947', severity: 'medium', packages: ['bzip2@1.0.6-8.1'] })]);
  });

  it('reads checkov SARIF: numeric security-severity 8.9 → high and 6.9 → medium, resources from the snippet', () => {
    const [report] = readFixture('checkov/checkov-sarif-docs-example.json');
    expect(report).toMatchObject({ tool: 'checkov', name: 'Checkov', version: '2.3.55' });
    const findings = findingsOf('checkov/checkov-sarif-docs-example.json');
    expect(findings.map((f) => [f.rule, f.severity, f.path, f.resource])).toEqual([
      ['checkov:CKV_AWS_21', 'high', 's3.tf', 'aws_s3_bucket.operations'],
      ['checkov:CKV_AWS_3', 'medium', 'ec2.tf', 'aws_ebs_volume.web_host_storage'],
    ]);
    expect(findings[0]!.helpUri).toMatch(/^https:\/\/docs\.prismacloud\.io\//);
  });

  it('refuses a run without tool.driver unless the input names the tool; with checkov named it reads all 12 results', () => {
    expect(() => readFixture('checkov/checkov-sarif-openapi-results-only-no-tool.sarif.json')).toThrow(/runs\[0\] has no tool\.driver\.name/);
    const findings = findingsOf('checkov/checkov-sarif-openapi-results-only-no-tool.sarif.json', 'checkov');
    expect(findings).toHaveLength(12);
    expect(severities(findings)).toEqual({ high: 12 });
    const byRule = (id: string) => findings.filter((f) => f.rule === id).length;
    expect([byRule('checkov:CKV_OPENAPI_4'), byRule('checkov:CKV_OPENAPI_1'), byRule('checkov:CKV_OPENAPI_3')]).toEqual([7, 3, 2]);
  });

  it('refuses SARIF from one tool given as another tool\'s output', () => {
    expect(() => readFixture('snyk/snyk-code-sarif.json', 'checkov')).toThrow(/written by SnykCode, not checkov/);
  });

  it('reads tflint SARIF: the tflint run as findings, the tflint-errors run as scan errors', () => {
    const issue = readFixture('tflint/tflint-sarif-issue.json');
    expect(issue.map((r) => [r.name, r.findings.length, r.errors.length])).toEqual([
      ['tflint', 1, 0],
      ['tflint-errors', 0, 0],
    ]);
    expect(issue[0]!.findings[0]).toMatchObject({ rule: 'tflint:test_rule', severity: 'high', path: 'test.tf', line: 1, column: 1, endLine: 1, endColumn: 4, helpUri: 'https://github.com' });

    const joined = readFixture('tflint/tflint-sarif-joined-errors.json');
    expect(joined.flatMap((r) => r.findings)).toEqual([]);
    const errors = joined.flatMap((r) => r.errors);
    expect(errors.map((e) => [e.message, e.severity ?? 'error', e.path])).toEqual([
      ['an error occurred', 'error', undefined],
      ['failed', 'error', undefined],
      ['detail', 'warning', 'filename'],
    ]);

    const noPosition = readFixture('tflint/tflint-sarif-issue-without-position-and-app-error.json');
    const [withoutRegion] = noPosition.flatMap((r) => r.findings);
    expect(withoutRegion).toMatchObject({ rule: 'tflint:test_rule', path: 'test.tf' });
    expect(withoutRegion).not.toHaveProperty('line');
    expect(noPosition.flatMap((r) => r.errors)).toEqual([expect.objectContaining({ message: "Failed to work; I don't feel like working" })]);
  });
});

describe('help links from scanner output', () => {
  it('keeps only http(s) URLs, so a crafted SARIF cannot plant a javascript: link', async () => {
    const { parseSarif } = await import('../../../core/security/parsers/sarif.ts');
    const log = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'Semgrep', rules: [{ id: 'r1', helpUri: 'javascript:alert(1)' }, { id: 'r2', helpUri: 'https://semgrep.dev/r/r2' }] } }, results: [{ ruleId: 'r1', message: { text: 'x' } }, { ruleId: 'r2', message: { text: 'y' } }] }],
    };
    const [report] = parseSarif(log, 'semgrep.sarif', {});
    expect(report!.findings.map((f) => [f.rule, f.helpUri])).toEqual([
      ['semgrep:r1', undefined],
      ['semgrep:r2', 'https://semgrep.dev/r/r2'],
    ]);
  });
});

describe('SARIF results that are not problems', () => {
  it('skips passed and not-applicable checks and results a tool marks absent', async () => {
    const { parseSarif } = await import('../../../core/security/parsers/sarif.ts');
    const result = (ruleId: string, extra: object) => ({ ruleId, message: { text: ruleId }, ...extra });
    const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 'Trivy' } }, results: [result('a', {}), result('b', { kind: 'pass' }), result('c', { kind: 'notApplicable' }), result('d', { baselineState: 'absent' }), result('e', { kind: 'review' })] }] };
    expect(parseSarif(log, 'trivy.sarif', {})[0]!.findings.map((f) => f.rule)).toEqual(['trivy:a', 'trivy:e']);
  });
});
