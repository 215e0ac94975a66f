import { securityHeadline, securityResult } from '../../../core/report/security-json.ts';
import { renderSecurityMarkdown } from '../../../core/report/security-markdown.ts';
import { securityToSarif } from '../../../core/report/security-sarif.ts';
import { validateResult } from '../../../core/result.ts';
import { evaluateSecurityGate } from '../../../core/security/gate.ts';
import { expectValidSarif } from '../../support/sarif-schema.ts';
import { readFixture } from '../security/fixtures.ts';

const ALL = [
  'snyk/snyk-test-json-npm-multi-project.json',
  'snyk/snyk-iac-json-with-error.json',
  'snyk/snyk-code-sarif.json',
  'snyk/snyk-iac-sarif.json',
  'snyk/snyk-container-sarif.json',
  'checkov/checkov-json-multi-framework-terraform-dockerfile.json',
  'checkov/checkov-sarif-docs-example.json',
  'tflint/tflint-json-module-issues-with-callers.json',
  'tflint/tflint-json-info-and-warning.json',
];

describe('security SARIF output', () => {
  const reports = ALL.flatMap((name) => readFixture(name));
  const outcome = evaluateSecurityGate({ reports, failOn: 'high' });
  const sarif = securityToSarif(outcome, reports);

  it('validates against SARIF 2.1.0', () => {
    expectValidSarif(sarif);
  });

  it('has one run per tool with its real name and version, and a category per run', () => {
    expect(sarif.runs.map((r) => [r.tool.driver.name, r.tool.driver.version, r.automationDetails.id, r.results.length])).toEqual([
      ['Snyk Open Source', undefined, 'faultline-security/snyk-open-source/', 9],
      // snyk iac test --json and Snyk IaC SARIF of the same scan: one run; the JSON names resources, the SARIF does not.
      ['Snyk IaC', '1.0.0-monorepo', 'faultline-security/snyk-iac/', 8],
      ['SnykCode', '1.0.0', 'faultline-security/snykcode/', 7],
      ['Snyk Container', '1.0.0-monorepo', 'faultline-security/snyk-container/', 1],
      ['Checkov', '2.0.209', 'faultline-security/checkov/', 15],
      ['tflint', undefined, 'faultline-security/tflint/', 7],
    ]);
    expect(sarif.runs.reduce((n, r) => n + r.results.length, 0)).toBe(outcome.findings.length);
  });

  it('gives rules their help URIs and a security-severity, and results our fingerprint and baseline state', () => {
    const checkov = sarif.runs.find((r) => r.tool.driver.name === 'Checkov')!;
    const rule = checkov.tool.driver.rules.find((r) => r.id === 'checkov:CKV_AWS_21')!;
    expect(rule).toMatchObject({ helpUri: expect.stringMatching(/^https:\/\/docs\.prismacloud\.io\//), properties: { 'security-severity': '8.9', tags: ['security', 'checkov'] } });
    const result = checkov.results.find((r) => r.ruleId === 'checkov:CKV_AWS_21')!;
    const finding = outcome.findings.find((f) => f.rule === 'checkov:CKV_AWS_21')!;
    expect(result).toMatchObject({ level: 'error', baselineState: 'new', partialFingerprints: { 'faultline/v1': finding.fingerprint } });
    expect(checkov.tool.driver.rules[result.ruleIndex]!.id).toBe('checkov:CKV_AWS_21');
  });

  it('writes accepted suppressions as SARIF suppressions with the reason', () => {
    const suppressed = evaluateSecurityGate({ reports, failOn: 'high', suppressions: [{ rule: 'tflint:*', reason: 'linting only' }] });
    const log = securityToSarif(suppressed, reports);
    expectValidSarif(log);
    const tflint = log.runs.find((r) => r.tool.driver.name === 'tflint')!;
    expect(tflint.results[0]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'linting only' }]);
  });
});

describe('security result file', () => {
  const reports = ALL.flatMap((name) => readFixture(name));
  const outcome = evaluateSecurityGate({ reports, failOn: 'high' });
  const result = securityResult(outcome, { startedAt: new Date('2026-01-01T00:00:00Z') });

  it('is a valid result of kind security with counts per tool and severity', () => {
    expect(validateResult(JSON.parse(JSON.stringify(result)))).toEqual([]);
    expect(result).toMatchObject({ kind: 'security', name: 'security-gate', verdict: 'error' });
    expect(result.findings).toHaveLength(47);
    const perTool = (result.details as { perTool: Record<string, { total: Record<string, number> }> }).perTool;
    expect(perTool.checkov!.total).toEqual({ critical: 0, high: 14, medium: 1, low: 0, info: 0 });
    expect(perTool.tflint!.total).toEqual({ critical: 0, high: 4, medium: 2, low: 0, info: 1 });
    expect(result.tool.components).toMatchObject({ checkov: '2.0.209' });
  });

  it('keeps each finding\'s tool severity and fingerprint, which the next run reads as its baseline', () => {
    expect(result.findings![0]!.properties).toMatchObject({ tool: 'snyk', severity: expect.any(String), status: 'new', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('renders a job summary with new and fixed per tool, escaping scanner text', () => {
    const markdown = renderSecurityMarkdown(outcome);
    expect(markdown).toMatch(/^## ⚠️ Security gate: error/);
    expect(markdown).toContain('| Tool | critical | high | medium | low | info | unchanged | suppressed |');
    expect(markdown).toContain('| tflint | · | +4 | +2 | · | +1 | 0 | 0 |');
    expect(markdown).toContain('### Scan errors');
  });
});

describe('security headline (PR comment line, check run title)', () => {
  it('says what is new at or above fail-on per tool and severity, and how many were fixed', () => {
    const base = evaluateSecurityGate({ reports: readFixture('checkov/checkov-json-terraform-4-failed-with-severity.json'), failOn: 'high' });
    const baseline = { source: 'base', findings: base.findings.map((f) => ({ fingerprint: f.fingerprint, movedKey: f.movedKey, rule: f.rule, tool: f.tool, severity: f.severity, message: f.message })) };
    const reports = readFixture('snyk/snyk-test-json-npm-multi-project.json');
    const outcome = evaluateSecurityGate({ reports, baseline, failOn: 'high' });
    const result = JSON.parse(JSON.stringify(securityResult(outcome, { startedAt: new Date() })));
    expect(securityHeadline(result)).toBe('3 new high in snyk, 6 new below high, 4 fixed');
  });

  it('says when the gate could not decide', () => {
    const outcome = evaluateSecurityGate({ reports: readFixture('tflint/tflint-json-hcl-error-with-range.json'), failOn: 'high' });
    expect(securityHeadline(securityResult(outcome, { startedAt: new Date() }))).toMatch(/^could not decide: 1 scan error/);
  });
});
