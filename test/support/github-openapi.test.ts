import nock from 'nock';
import { checkGitHubRequest, expectValidGitHubRequests } from './github-openapi.ts';

const API = 'https://api.github.com';

describe("checking requests against GitHub's OpenAPI description", () => {
  afterEach(() => nock.cleanAll());

  it('accepts a request GitHub documents, with coerced query parameters', () => {
    expect(checkGitHubRequest('GET', `${API}/repos/acme/shop/pulls/12/files?per_page=100&page=2`)).toEqual([]);
  });

  it('rejects an unknown route and a method the route does not have', () => {
    expect(checkGitHubRequest('GET', `${API}/repos/acme/shop/pulls/12/changed-files`)).toEqual([
      "GET /repos/acme/shop/pulls/12/changed-files: no such route in GitHub's REST API",
    ]);
    expect(checkGitHubRequest('DELETE', `${API}/repos/acme/shop/pulls/12/files`)).toEqual([
      'DELETE /repos/acme/shop/pulls/12/files: /repos/{owner}/{repo}/pulls/{pull_number}/files has no DELETE operation',
    ]);
  });

  it('rejects invalid path and query parameters and unknown query parameters', () => {
    const problems = checkGitHubRequest('GET', `${API}/repos/acme/shop/pulls/twelve/files?per_page=many&sort=name`);
    expect(problems).toEqual([
      expect.stringContaining('path parameter "pull_number"="twelve"'),
      expect.stringContaining('query parameter "per_page"="many"'),
      expect.stringContaining('unknown query parameter "sort"'),
    ]);
  });

  it('prefers a literal route segment over a parameter', () => {
    expect(checkGitHubRequest('GET', `${API}/repos/acme/shop/pulls/comments`)).toEqual([]);
  });

  it('validates a JSON body against the operation schema', () => {
    const url = `${API}/repos/acme/shop/check-runs`;
    expect(checkGitHubRequest('POST', url, JSON.stringify({ name: 'faultline', head_sha: 'abc' }))).toEqual([]);
    expect(checkGitHubRequest('POST', url, JSON.stringify({ head_sha: 'abc', conclusion: 'great' }))).toEqual([
      expect.stringMatching(/^POST \/repos\/acme\/shop\/check-runs \(checks\/create\): body does not match the API: .*name/),
    ]);
    expect(checkGitHubRequest('POST', url)).toEqual([expect.stringContaining('request body is required')]);
  });

  it('strips the /api/v3 prefix of GitHub Enterprise Server', () => {
    expect(checkGitHubRequest('GET', 'https://ghe.example.test/api/v3/repos/acme/shop/pulls/3/files')).toEqual([]);
  });

  it('watches nock scopes and lists every rejected request on verify', async () => {
    const scope = nock(API).get('/repos/acme/shop/pulls/1/files').query(true).reply(200, []).get('/repos/acme/shop/pull/1').reply(200, {});
    const github = expectValidGitHubRequests(scope);
    await fetch(`${API}/repos/acme/shop/pulls/1/files?per_page=100`);
    expect(() => github.verify()).not.toThrow();
    await fetch(`${API}/repos/acme/shop/pull/1`);
    expect(github.requests).toHaveLength(2);
    expect(() => github.verify()).toThrow(/GET \/repos\/acme\/shop\/pull\/1: no such route/);
  });
});
