import { strToU8, zipSync } from 'fflate';
import { collectRunResults, type GitHubRequester, isTrustedWorkflow, pullRequestsOfRun, type RunInfo } from '../../app/workflow-results.ts';
import { createResult } from '../../core/result.ts';

type Handler = (params: Record<string, unknown>) => unknown;

function fakeGitHub(routes: Record<string, Handler>) {
  const calls: string[] = [];
  const api: GitHubRequester = {
    async request(route, params) {
      calls.push(route);
      const handler = routes[route];
      if (!handler) throw Object.assign(new Error(`unexpected ${route}`), { status: 500 });
      return { data: handler(params) };
    },
  };
  return { api, calls };
}

const repo = { owner: 'acme', repo: 'shop' };
const run: RunInfo = { id: 99, attempt: 1, path: '.github/workflows/ci.yml', head_sha: 'f'.repeat(40), head_branch: 'feature', head_owner: 'forker', pull_requests: [] };
const notFound = () => {
  throw Object.assign(new Error('Not Found'), { status: 404 });
};

describe('which workflow runs count', () => {
  it('trusts a run whose workflow file is the default branch version', async () => {
    const { api } = fakeGitHub({ 'GET /repos/{owner}/{repo}/contents/{path}': () => ({ sha: 'blob-1' }) });
    expect(await isTrustedWorkflow(api, repo, run, 'main')).toBe(true);
  });

  it('ignores a run whose workflow the pull request changed or added', async () => {
    const changed = fakeGitHub({ 'GET /repos/{owner}/{repo}/contents/{path}': (p) => ({ sha: p.ref === 'main' ? 'blob-1' : 'blob-2' }) });
    expect(await isTrustedWorkflow(changed.api, repo, run, 'main')).toBe(false);
    const added = fakeGitHub({ 'GET /repos/{owner}/{repo}/contents/{path}': (p) => (p.ref === 'main' ? notFound() : { sha: 'blob-3' }) });
    expect(await isTrustedWorkflow(added.api, repo, run, 'main')).toBe(false);
  });
});

describe('collecting results of a run', () => {
  it('downloads only live faultline artifacts and validates what is inside', async () => {
    const at = new Date('2026-11-25T10:00:00Z');
    const result = createResult({ kind: 'migrations', name: 'migration-gate', verdict: 'fail', startedAt: at, finishedAt: at });
    const zip = zipSync({ 'faultline-result.json': strToU8(JSON.stringify(result)) });
    const downloaded: unknown[] = [];
    const { api } = fakeGitHub({
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': () => ({
        total_count: 3,
        artifacts: [
          { id: 1, name: 'faultline-migrations', expired: false },
          { id: 2, name: 'coverage', expired: false },
          { id: 3, name: 'faultline-old', expired: true },
        ],
      }),
      'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': (p) => {
        downloaded.push(p.artifact_id);
        return zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength);
      },
    });
    const collected = await collectRunResults(api, repo, 99);
    expect(downloaded).toEqual([1]);
    expect(collected.results).toEqual([result]);
  });
});

describe('the pull requests a run belongs to', () => {
  it('uses the payload list for same-repository branches', async () => {
    const { api, calls } = fakeGitHub({});
    expect(await pullRequestsOfRun(api, repo, { ...run, pull_requests: [5] })).toEqual([5]);
    expect(calls).toEqual([]);
  });

  it('finds fork pull requests by owner:branch and the exact head commit', async () => {
    const { api } = fakeGitHub({
      'GET /repos/{owner}/{repo}/pulls': (p) => {
        expect(p.head).toBe('forker:feature');
        return [
          { number: 8, head: { sha: run.head_sha } },
          { number: 9, head: { sha: 'e'.repeat(40) } },
        ];
      },
    });
    expect(await pullRequestsOfRun(api, repo, run)).toEqual([8]);
  });
});
