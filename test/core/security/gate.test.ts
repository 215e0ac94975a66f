import { evaluateSecurityGate } from '../../../core/security/gate.ts';
import { readFixture } from './fixtures.ts';

describe('the security gate verdict', () => {
  it('is error when a scanner could not check a file, even with no finding above the threshold', () => {
    const outcome = evaluateSecurityGate({ reports: readFixture('tflint/tflint-json-hcl-error-with-range.json'), failOn: 'high' });
    expect(outcome.verdict).toBe('error');
    expect(outcome.reasons[0]).toMatch(/^1 scan error: the scanners could not check everything, so the gate cannot pass \(tflint: template\.tf: Invalid quoted type constraints/);
  });

  it('is error for snyk iac\'s per-file failure entry, and still counts the findings it did read', () => {
    const outcome = evaluateSecurityGate({ reports: readFixture('snyk/snyk-iac-json-with-error.json'), failOn: 'high' });
    expect(outcome.verdict).toBe('error');
    expect(outcome.counts.total).toBe(4);
  });

  it('treats a tflint warning diagnostic as a warning, not a failed scan', () => {
    const reports = readFixture('tflint/tflint-sarif-joined-errors.json');
    const outcome = evaluateSecurityGate({ reports, failOn: 'high' });
    expect(outcome.errors).toHaveLength(2);
    expect(outcome.warnings).toHaveLength(1);
  });

  it('is error when nothing was scanned', () => {
    expect(evaluateSecurityGate({ reports: [], failOn: 'high' }).verdict).toBe('error');
  });

  it('passes a clean scan, and applies fail-on to new findings only', () => {
    expect(evaluateSecurityGate({ reports: readFixture('tflint/tflint-json-empty.json'), failOn: 'high' }).verdict).toBe('pass');
    const warnings = readFixture('tflint/tflint-json-bundled-ruleset-6-warnings.json');
    expect(evaluateSecurityGate({ reports: warnings, failOn: 'high' }).verdict).toBe('pass');
    const medium = evaluateSecurityGate({ reports: warnings, failOn: 'medium' });
    expect(medium.verdict).toBe('fail');
    expect(medium.reasons[0]).toBe('6 new medium in tflint (fail-on: medium)');
  });

  it('says what fails per tool and severity, worst first', () => {
    const reports = [...readFixture('snyk/snyk-test-json-npm-multi-project.json'), ...readFixture('checkov/checkov-json-terraform-4-failed-with-severity.json')];
    const outcome = evaluateSecurityGate({ reports, failOn: 'medium' });
    expect(outcome.reasons[0]).toBe('1 new high in checkov, 3 new high in snyk, 2 new medium in checkov, 5 new medium in snyk (fail-on: medium)');
  });
});
