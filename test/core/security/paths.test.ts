import { joinedRepoPath, repoPath } from '../../../core/security/paths.ts';

const ctx = { root: '/home/runner/work/shop/shop' };

describe('repository-relative paths', () => {
  it('makes absolute paths and file: URIs under the checkout relative to it', () => {
    expect(repoPath('/home/runner/work/shop/shop/infra/main.tf', ctx)).toBe('infra/main.tf');
    expect(repoPath('file:///home/runner/work/shop/shop/src/app%20v2.js', ctx)).toBe('src/app v2.js');
  });

  it('reads checkov\'s leading slash as the repository root, and normalises ./ and backslashes', () => {
    expect(repoPath('/infra/terraform/aws/db-app.tf', ctx)).toBe('infra/terraform/aws/db-app.tf');
    expect(repoPath('./modules\\vpc\\main.tf', ctx)).toBe('modules/vpc/main.tf');
  });

  it('joins a scan directory inside the checkout with the file the tool names in it', () => {
    expect(joinedRepoPath('/home/runner/work/shop/shop/services/api', 'package-lock.json', ctx)).toBe('services/api/package-lock.json');
    expect(joinedRepoPath('file:///home/runner/work/shop/shop/', 'vpc_group.tf', ctx)).toBe('vpc_group.tf');
  });

  it('keeps the tool\'s relative path when the scan directory is another machine\'s', () => {
    expect(joinedRepoPath('/Users/someone/snyk/cli', 'plan.json', ctx)).toBe('plan.json');
  });
});
