import { strToU8, zipSync } from 'fflate';
import { checkGateChain, RepoSnapshot } from '../../app/gate-chain.ts';
import { collectRunResults, type GitHubRequester, pullRequestsOfRun, type RunInfo } from '../../app/workflow-results.ts';
import { bindResult } from '../../core/gates/result-binding.ts';
import { createResult } from '../../core/result.ts';
import { FakeGit } from '../support/fake-git.ts';

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

/** The git trees and contents APIs over `ref:path` → text, as GitHub answers them. */
function gitApi(files: Record<string, string>) {
  const git = new FakeGit(new Map(Object.entries(files)));
  return fakeGitHub({
    'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': (p) => git.tree(String(p.tree_sha)) ?? notFound(),
    'GET /repos/{owner}/{repo}/contents/{path}': (p) => {
      const text = files[`${p.ref}:${p.path}`];
      return text === undefined ? notFound() : { type: 'file', content: Buffer.from(text).toString('base64'), encoding: 'base64' };
    },
  });
}

const head = run.head_sha;
const ci = 'jobs:\n  a:\n    steps:\n      - uses: ./actions/gate\n      - uses: actions/checkout@v4\n  b:\n    uses: ./.github/workflows/reuse.yml\n';
const reuse = 'on: workflow_call\njobs:\n  c:\n    steps:\n      - uses: ./actions/gate/\n';
const both = (path: string, text: string) => ({ [`main:${path}`]: text, [`${head}:${path}`]: text });
const chain = {
  ...both('.github/workflows/ci.yml', ci),
  ...both('.github/workflows/reuse.yml', reuse),
  ...both('actions/gate/action.yml', 'runs:\n  using: node24\n  main: dist/index.js\n'),
  ...both('actions/gate/dist/index.js', 'gate()'),
  ...both('.github/faultline.yml', 'migrations: {}\n'),
  ...both('src/app.ts', 'app()'),
};

describe('which workflow runs count', () => {
  it('trusts a run whose workflow, local actions, reusable workflows and config are the default branch’s', async () => {
    const { api } = gitApi({ ...chain, [`${head}:src/app.ts`]: 'changed by the PR' });
    const checked = await checkGateChain(new RepoSnapshot(api, repo), '.github/workflows/ci.yml', head, 'main');
    expect(checked).toEqual({ changed: [], checked: ['.github/faultline.yml', '.github/workflows/ci.yml', '.github/workflows/reuse.yml', 'actions/gate/'] });
  });

  it('names every part of the chain the pull request changed, added or removed', async () => {
    const { api } = gitApi({ ...chain, [`${head}:actions/gate/dist/index.js`]: 'pass()', [`${head}:.github/workflows/reuse.yml`]: `${reuse}# edited\n`, [`${head}:.github/faultline.yml`]: 'migrations:\n  rules: { drop-column: off }\n' });
    const checked = await checkGateChain(new RepoSnapshot(api, repo), '.github/workflows/ci.yml', head, 'main');
    expect(checked.changed).toEqual(['.github/faultline.yml', '.github/workflows/reuse.yml', 'actions/gate/']);
    const { [`main:.github/workflows/ci.yml`]: _removed, ...added } = chain;
    const onlyAtHead = await checkGateChain(new RepoSnapshot(gitApi(added).api, repo), '.github/workflows/ci.yml', head, 'main');
    expect(onlyAtHead.changed).toEqual(['.github/workflows/ci.yml']);
  });

  it('also compares the files an action’s main names outside its directory', async () => {
    const files = { ...chain, ...both('actions/gate/action.yml', 'runs:\n  using: node24\n  main: ../../lib/gate.js\n'), ...both('lib/gate.js', 'gate()'), [`${head}:lib/gate.js`]: 'pass()' };
    expect((await checkGateChain(new RepoSnapshot(gitApi(files).api, repo), '.github/workflows/ci.yml', head, 'main')).changed).toEqual(['lib/gate.js']);
  });

  it('counts a local action that is missing, or outside the repository, as changed', async () => {
    const escaping = { ...chain, ...both('.github/workflows/ci.yml', 'jobs:\n  a:\n    steps:\n      - uses: ./actions/../../outside\n      - uses: ./actions/none\n') };
    expect((await checkGateChain(new RepoSnapshot(gitApi(escaping).api, repo), '.github/workflows/ci.yml', head, 'main')).changed).toEqual(['../', 'actions/none/']);
  });

  it('counts a workflow it cannot parse as changed (fail closed)', async () => {
    const { api } = gitApi({ ...chain, ...both('.github/workflows/ci.yml', 'jobs: [unclosed') });
    expect((await checkGateChain(new RepoSnapshot(api, repo), '.github/workflows/ci.yml', head, 'main')).changed).toEqual(['.github/workflows/ci.yml']);
  });
});

describe('tying results to their run', () => {
  const at = new Date('2026-11-25T10:00:00Z');
  const result = createResult({ kind: 'chaos', name: 'kill-api', verdict: 'pass', startedAt: at, finishedAt: at });
  const identity = { id: 99, attempt: 2, headSha: head };
  const source = { sha: head, runId: '99', runAttempt: '2', configSha: 'c0ffee' };

  it('accepts a result of the run’s current attempt judged by the default branch’s config', () => {
    expect(bindResult({ ...result, source }, identity, 'c0ffee')).toEqual({ ok: true });
    const { configSha: _, ...withoutConfig } = source;
    expect(bindResult({ ...result, source: withoutConfig }, identity, undefined)).toEqual({ ok: true });
  });

  it('sets aside a result of an earlier attempt, and rejects one claiming a later attempt', () => {
    expect(bindResult({ ...result, source: { ...source, runAttempt: '1' } }, identity, 'c0ffee')).toMatchObject({ ok: false, stale: true });
    expect(bindResult({ ...result, source: { ...source, runAttempt: '3' } }, identity, 'c0ffee')).toMatchObject({ ok: false, stale: false });
    expect(bindResult({ ...result, source: { ...source, runAttempt: 'two' } }, identity, 'c0ffee')).toMatchObject({ ok: false, stale: false });
  });

  it('rejects a result produced under a config the default branch does not have', () => {
    expect(bindResult({ ...result, source }, identity, undefined)).toMatchObject({ ok: false, problem: expect.stringContaining('the default branch has no .github/faultline.yml') });
    expect(bindResult(result, identity, undefined)).toMatchObject({ ok: false, problem: expect.stringContaining('source is missing') });
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
