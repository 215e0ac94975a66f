import { evaluateSecurityGate } from '../../../core/security/gate.ts';
import { parseSecurityConfig } from '../../../core/security/suppressions.ts';
import { readFixture } from './fixtures.ts';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('security.ignore in .github/faultline.yml', () => {
  const reports = readFixture('checkov/checkov-json-terraform-4-failed-with-severity.json');

  it('accepts a finding by rule (and path glob) with its reason; it no longer fails the gate', () => {
    const ignore = parseSecurityConfig(
      'security:\n  ignore:\n    - rule: checkov:CKV_GCP_28\n      path: "*.tf"\n      reason: public website bucket, reviewed by security\n      expires: 2026-12-31\n',
      '.github/faultline.yml',
    );
    const outcome = evaluateSecurityGate({ reports, suppressions: ignore, failOn: 'high', now: NOW });
    expect(outcome.findings.find((f) => f.rule === 'checkov:CKV_GCP_28')?.suppressed?.reason).toBe('public website bucket, reviewed by security');
    expect(outcome.verdict).toBe('pass');
    expect(outcome.counts.suppressed).toBe(1);
  });

  it('stops applying an expired entry and reports it', () => {
    const ignore = parseSecurityConfig('security:\n  ignore:\n    - rule: checkov:CKV_GCP_28\n      reason: until the migration\n      expires: 2026-06-14\n', 'f.yml');
    const outcome = evaluateSecurityGate({ reports, suppressions: ignore, failOn: 'high', now: NOW });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.suppressions.expired).toEqual([{ rule: 'checkov:CKV_GCP_28', reason: 'until the migration', expires: '2026-06-14' }]);
    expect(outcome.reasons).toContain('suppression of checkov:CKV_GCP_28 expired on 2026-06-14: it no longer applies');
  });

  it('applies an entry through its last day', () => {
    const ignore = parseSecurityConfig('security:\n  ignore:\n    - rule: checkov:CKV_GCP_*\n      reason: legacy project\n      expires: 2026-06-15\n', 'f.yml');
    expect(evaluateSecurityGate({ reports, suppressions: ignore, failOn: 'info', now: NOW }).counts.suppressed).toBe(4);
  });

  it('reports entries that match nothing, and a path glob that does not match leaves the finding', () => {
    const ignore = parseSecurityConfig('security:\n  ignore:\n    - rule: checkov:CKV_GCP_28\n      path: legacy/**\n      reason: old\n', 'f.yml');
    const outcome = evaluateSecurityGate({ reports, suppressions: ignore, failOn: 'high', now: NOW });
    expect(outcome.counts.suppressed).toBe(0);
    expect(outcome.suppressions.unused).toHaveLength(1);
  });

  it('requires a reason, and rejects unknown keys and bad dates with the line', () => {
    expect(() => parseSecurityConfig('security:\n  ignore:\n    - rule: checkov:CKV_GCP_28\n', 'f.yml')).toThrow(/reason/);
    expect(() => parseSecurityConfig('security:\n  ignore:\n    - rule: checkov:CKV_GCP_28\n      reason: "  "\n', 'f.yml')).toThrow(/reason/);
    expect(() => parseSecurityConfig('security:\n  ignore:\n    - rule: x\n      reason: y\n      expires: next week\n', 'f.yml')).toThrow(/f\.yml:5/);
    expect(() => parseSecurityConfig('security:\n  ignores: []\n', 'f.yml')).toThrow(/ignores/);
  });

  it('reads a config without a security section as no suppressions', () => {
    expect(parseSecurityConfig('migrations:\n  pg-version: 15\n', 'f.yml')).toEqual([]);
  });
});
