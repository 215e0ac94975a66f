import { findingsOf, readFixture, severities } from './fixtures.ts';

describe('snyk test --json', () => {
  it('reads one project (a top-level object): 11 vulnerable paths are 7 unique vulnerabilities', () => {
    const [report] = readFixture('snyk/snyk-test-json-npm-single-project.json');
    expect(report).toMatchObject({ tool: 'snyk', name: 'Snyk Open Source', format: 'snyk-test-json', errors: [] });
    const findings = findingsOf('snyk/snyk-test-json-npm-single-project.json');
    expect(findings).toHaveLength(7);
    expect(severities(findings)).toEqual({ high: 2, medium: 4, low: 1 });
    expect(new Set(findings.map((f) => f.path))).toEqual(new Set(['package-lock.json']));
  });

  it('keeps every dependency path of a vulnerability in properties, and the package and fix versions', () => {
    const qs = findingsOf('snyk/snyk-test-json-npm-single-project.json').find((f) => f.rule === 'snyk:npm:qs:20170213');
    expect(qs).toMatchObject({
      tool: 'snyk',
      severity: 'high',
      packages: ['qs@0.4.2'],
      fixedIn: ['6.0.4', '6.1.2', '6.2.3', '6.3.2'],
      helpUri: 'https://security.snyk.io/vuln/npm:qs:20170213',
    });
    expect(qs?.properties.paths).toEqual(['cli-grouping@1.0.0 > express@2.5.11 > qs@0.4.2', 'cli-grouping@1.0.0 > express@2.5.11 > connect@1.9.2 > qs@0.4.2']);
    expect(qs?.message).toMatch(/in qs@0\.4\.2 \(2 dependency paths\)$/);
  });

  it('reads the array form of the same results identically', () => {
    const strip = (fs: ReturnType<typeof findingsOf>) => fs.map(({ rule, severity, path, fingerprint }) => ({ rule, severity, path, fingerprint }));
    expect(strip(findingsOf('snyk/snyk-test-results-npm-single-project-array.json'))).toEqual(strip(findingsOf('snyk/snyk-test-json-npm-single-project.json')));
  });

  it('reads --all-projects: one finding per vulnerability per project, with the project file as path', () => {
    const findings = findingsOf('snyk/snyk-test-json-npm-multi-project.json');
    expect(findings).toHaveLength(9);
    expect(findings.filter((f) => f.path === 'app-1/package-lock.json')).toHaveLength(7);
    expect(findings.filter((f) => f.path === 'app-2/package-lock.json')).toHaveLength(2);
    expect(severities(findings)).toEqual({ high: 3, medium: 5, low: 1 });
    // The same vulnerability in two projects is two problems.
    const fingerprints = new Set(findings.map((f) => f.fingerprint));
    expect(fingerprints.size).toBe(9);
  });
});

describe('snyk iac test --json', () => {
  it('reads 4 issues per check per resource per file, and the per-file failure as a scan error', () => {
    const [report] = readFixture('snyk/snyk-iac-json-with-error.json');
    expect(report).toMatchObject({ tool: 'snyk', name: 'Snyk IaC', format: 'snyk-iac-json' });
    expect(report!.errors).toEqual([{ tool: 'snyk', message: 'snyk could not test it (error code 2114)', path: 'invalid_file.txt', code: '2114' }]);
    const findings = findingsOf('snyk/snyk-iac-json-with-error.json');
    expect(findings).toHaveLength(4);
    expect(severities(findings)).toEqual({ medium: 4 });
    expect(findings.map((f) => [f.rule, f.path, f.resource, f.line])).toEqual([
      ['snyk:SNYK-CC-00151', 'plan.json', 'aws_vpc.mainvpc', undefined],
      ['snyk:SNYK-CC-TF-5', 'plan.json', 'aws_default_security_group.default', undefined],
      ['snyk:SNYK-CC-00151', 'vpc_group.tf', 'aws_vpc.mainvpc', 5],
      ['snyk:SNYK-CC-TF-5', 'vpc_group.tf', 'aws_default_security_group.default', 16],
    ]);
    expect(findings[0]!.helpUri).toBe('https://security.snyk.io/rules/cloud/SNYK-CC-00151');
  });
});

describe('snyk container test --json', () => {
  it('reads the vulnerabilities of the image and of each application inside it (shape as snyk documents it)', async () => {
    const { parseSnykJson } = await import('../../../core/security/parsers/snyk-json.ts');
    const vuln = (id: string, name: string, version: string) => ({ id, title: 't', severity: 'high', packageName: name, version, from: ['img', `${name}@${version}`] });
    const parsed = parseSnykJson(
      {
        ok: false,
        displayTargetFile: 'Dockerfile',
        path: 'acme/api:1.2',
        vulnerabilities: [vuln('SNYK-DEBIAN12-ZLIB-1', 'zlib', '1.2.13')],
        applications: [{ displayTargetFile: '/app/package-lock.json', vulnerabilities: [vuln('SNYK-JS-LODASH-1', 'lodash', '4.17.15')] }],
      },
      { root: '/repo' },
    );
    expect(parsed.findings.map((f) => [f.rule, f.path, f.packages])).toEqual([
      // path names the image, not a directory of this repository: the target file alone is kept.
      ['snyk:SNYK-DEBIAN12-ZLIB-1', 'Dockerfile', ['zlib@1.2.13']],
      ['snyk:SNYK-JS-LODASH-1', 'app/package-lock.json', ['lodash@4.17.15']],
    ]);
  });
});
