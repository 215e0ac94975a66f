/**
 * What the gate calls new: the pull request's findings against the base branch's, through a real
 * result file (the baseline the gate reads is the result file it wrote on the base branch).
 */
import { baselineFromResult, compareWithBaseline } from '../../../core/security/baseline.ts';
import { evaluateSecurityGate } from '../../../core/security/gate.ts';
import { securityResult } from '../../../core/report/security-json.ts';
import type { RawFinding, ToolReport } from '../../../core/security/types.ts';
import { readFixture } from './fixtures.ts';

function report(findings: RawFinding[], tool = 'checkov'): ToolReport {
  return { tool, name: tool, source: 'test', format: 'test', findings, errors: [], rules: new Map() };
}

function check(id: string, path: string, resource: string, line: number, severity: RawFinding['severity'] = 'high'): RawFinding {
  return { tool: 'checkov', rule: `checkov:${id}`, severity, message: `${id} failed (${resource})`, path, line, resource, properties: {} };
}

/** Runs the gate on the base branch's reports and returns its result file as the baseline. */
function baselineOf(reports: ToolReport[]) {
  const outcome = evaluateSecurityGate({ reports, failOn: 'high' });
  const result = JSON.parse(JSON.stringify(securityResult(outcome, { startedAt: new Date('2026-01-01T00:00:00Z') })));
  return baselineFromResult(result, 'base.json');
}

describe('baseline comparison', () => {
  const base = [check('CKV_AWS_20', 'infra/s3.tf', 'aws_s3_bucket.logs', 10), check('CKV_AWS_3', 'infra/ec2.tf', 'aws_ebs_volume.data', 4, 'medium')];

  it('keeps findings unchanged when lines move (an edit above them)', () => {
    const baseline = baselineOf([report(base)]);
    const shifted = base.map((f) => ({ ...f, line: (f.line ?? 0) + 25 }));
    const outcome = evaluateSecurityGate({ reports: [report(shifted)], baseline, failOn: 'high' });
    expect(outcome.findings.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(outcome.counts).toMatchObject({ new: 0, fixed: 0, unchanged: 2 });
    expect(outcome.verdict).toBe('pass');
  });

  it('follows a renamed file: the finding is unchanged (moved), not one fix and one new problem', () => {
    const baseline = baselineOf([report(base)]);
    const renamed = [{ ...base[0]!, path: 'infra/storage/s3.tf', line: 3 }, base[1]!];
    const outcome = evaluateSecurityGate({ reports: [report(renamed)], baseline, failOn: 'high' });
    expect(outcome.findings[0]).toMatchObject({ status: 'unchanged', movedFrom: 'infra/s3.tf', path: 'infra/storage/s3.tf' });
    expect(outcome.counts).toMatchObject({ new: 0, fixed: 0, unchanged: 2 });
  });

  it('counts a fixed finding and fails only for the new one at or above fail-on', () => {
    const baseline = baselineOf([report(base)]);
    const pr = [base[0]!, check('CKV_AWS_21', 'infra/s3.tf', 'aws_s3_bucket.logs', 10), check('CKV_AWS_18', 'infra/s3.tf', 'aws_s3_bucket.logs', 10, 'low')];
    const outcome = evaluateSecurityGate({ reports: [report(pr)], baseline, failOn: 'high' });
    expect(outcome.findings.map((f) => [f.rule, f.status])).toEqual([
      ['checkov:CKV_AWS_20', 'unchanged'],
      ['checkov:CKV_AWS_21', 'new'],
      ['checkov:CKV_AWS_18', 'new'],
    ]);
    expect(outcome.fixed.map((f) => f.rule)).toEqual(['checkov:CKV_AWS_3']);
    expect(outcome.blocking.map((f) => f.rule)).toEqual(['checkov:CKV_AWS_21']);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.reasons[0]).toBe('1 new high in checkov (fail-on: high)');
    expect(outcome.counts.perTool.checkov).toMatchObject({ new: { high: 1, low: 1 }, fixed: { medium: 1 }, unchanged: 1 });
  });

  it('treats the same resource in another file as a different problem', () => {
    const baseline = baselineOf([report(base)]);
    const copied = [...base, { ...base[0]!, path: 'infra/copy/s3.tf' }];
    const outcome = evaluateSecurityGate({ reports: [report(copied)], baseline, failOn: 'high' });
    expect(outcome.findings.map((f) => f.status)).toEqual(['unchanged', 'unchanged', 'new']);
  });

  it('does not take a rename guess when the path-free key is ambiguous', () => {
    const old = [check('CKV_AWS_20', 'a/s3.tf', 'aws_s3_bucket.logs', 1), check('CKV_AWS_20', 'b/s3.tf', 'aws_s3_bucket.logs', 1)];
    const baseline = baselineOf([report(old)]);
    const moved = [check('CKV_AWS_20', 'c/s3.tf', 'aws_s3_bucket.logs', 1), check('CKV_AWS_20', 'd/s3.tf', 'aws_s3_bucket.logs', 1)];
    const comparison = compareWithBaseline(evaluateSecurityGate({ reports: [report(moved)], failOn: 'high' }).findings, baseline);
    expect([...comparison.status.values()].map((s) => s.status)).toEqual(['new', 'new']);
    expect(comparison.fixed).toHaveLength(2);
  });

  it('judges every finding as new without a baseline, and says so', () => {
    const outcome = evaluateSecurityGate({ reports: readFixture('checkov/checkov-json-terraform-4-failed-with-severity.json'), failOn: 'high' });
    expect(outcome.counts).toMatchObject({ total: 4, new: 4, fixed: 0, unchanged: 0 });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.reasons).toContain('no baseline: every finding is judged as new');
  });

  it('reads a real scan as its own baseline: nothing new, nothing fixed', () => {
    const reports = [...readFixture('snyk/snyk-test-json-npm-multi-project.json'), ...readFixture('tflint/tflint-json-module-issues-with-callers.json'), ...readFixture('snyk/snyk-iac-sarif.json')];
    const baseline = baselineOf(reports);
    const outcome = evaluateSecurityGate({ reports, baseline, failOn: 'info' });
    expect(outcome.counts).toMatchObject({ total: 17, new: 0, fixed: 0, unchanged: 17 });
    expect(outcome.verdict).toBe('pass');
  });

  it('refuses a baseline that is not a security result file', () => {
    expect(() => baselineFromResult({ hello: 'world' }, 'x.json')).toThrow(/not a valid Faultline result file/);
    const slo = { version: 1, kind: 'slo', name: 'slo-gate', verdict: 'pass', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:00Z', tool: { name: 'faultline', version: '0' } };
    expect(() => baselineFromResult(slo, 'x.json')).toThrow(/kind slo, not security/);
  });
});
