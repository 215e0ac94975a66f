import { findingsOf, readFixture, severities } from './fixtures.ts';

describe('checkov -o json', () => {
  it('reads one framework (a top-level object): 4 failed checks with their severities', () => {
    const [report] = readFixture('checkov/checkov-json-terraform-4-failed-with-severity.json');
    expect(report).toMatchObject({ tool: 'checkov', name: 'Checkov', version: '2.2.34', format: 'checkov-json', errors: [] });
    const findings = findingsOf('checkov/checkov-json-terraform-4-failed-with-severity.json');
    expect(findings).toHaveLength(4);
    expect(severities(findings)).toEqual({ high: 1, medium: 2, low: 1 });
    expect(findings.find((f) => f.rule === 'checkov:CKV_GCP_28')).toMatchObject({
      severity: 'high',
      path: 'gcs.tf',
      line: 17,
      endLine: 21,
      resource: 'google_storage_bucket_iam_binding.allow_public_read',
      helpUri: expect.stringMatching(/^https:\/\/docs\.bridgecrew\.io\//),
    });
  });

  it('reads several frameworks (a top-level array): 11 terraform and 2 dockerfile checks, paths from the repository root', () => {
    const [report] = readFixture('checkov/checkov-json-multi-framework-terraform-dockerfile.json');
    expect(report!.version).toBe('2.0.209');
    const findings = findingsOf('checkov/checkov-json-multi-framework-terraform-dockerfile.json');
    expect(findings).toHaveLength(13);
    expect(findings.filter((f) => f.properties.checkType === 'terraform')).toHaveLength(11);
    expect(findings.filter((f) => f.properties.checkType === 'dockerfile')).toHaveLength(2);
    expect(new Set(findings.map((f) => f.path))).toEqual(new Set(['infra/terraform/aws/db-app.tf', 'infra/terraform/aws/resources/Dockerfile']));
    // No severity in this output (no platform key): counted as high, as checkov's exit code would.
    expect(severities(findings)).toEqual({ high: 13 });
    expect(findings[0]!.properties.severitySource).toBe('default (checkov printed none)');
    // A line range of [0, 0] (Dockerfile checks) is no line at all.
    expect(findings.find((f) => f.rule === 'checkov:CKV_DOCKER_2')?.line).toBeUndefined();
    // The check without a guideline has no help URL rather than a wrong one.
    expect(findings.filter((f) => f.helpUri === undefined)).toHaveLength(1);
  });

  it('reads the summary-only object checkov prints when nothing was scanned as no findings', () => {
    const [report] = readFixture('checkov/checkov-json-no-resources-summary-only.json');
    expect(report).toMatchObject({ tool: 'checkov', version: '2.1.269', findings: [] });
    // Said as a warning: nothing was checked, but that is not a failed scan.
    expect(report!.errors).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^checkov found nothing to scan/) })]);
  });

  it('keeps in-source skips as findings (a pull request can add a checkov:skip comment) and parse failures as scan errors', async () => {
    const { parseCheckovJson } = await import('../../../core/security/parsers/checkov-json.ts');
    const check = { check_id: 'CKV_AWS_20', check_name: 'S3 public read', repo_file_path: '/s3.tf', file_line_range: [1, 5], resource: 'aws_s3_bucket.logs', severity: 'HIGH', suppress_comment: 'legacy' };
    const parsed = parseCheckovJson({ check_type: 'terraform', results: { failed_checks: [], skipped_checks: [check], parsing_errors: ['/broken.tf'] }, summary: {} }, {});
    expect(parsed.findings).toEqual([expect.objectContaining({ rule: 'checkov:CKV_AWS_20', resource: 'aws_s3_bucket.logs', properties: expect.objectContaining({ skippedInSource: 'legacy' }) })]);
    expect(parsed.errors).toEqual([{ tool: 'checkov', path: 'broken.tf', message: 'checkov could not parse this terraform file, so it checked nothing in it' }]);
  });
});
