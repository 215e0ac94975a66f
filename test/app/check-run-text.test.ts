/**
 * Check-run summaries are Markdown that GitHub renders on the pull request's Checks tab. Every
 * string a pull request or its result files control reaches them escaped as in the PR comment.
 */
import { RunResultCache } from '../../app/commit-results.ts';
import type { GitHubApi } from '../../app/github-api.ts';
import { evaluateCommit } from '../../app/pipeline.ts';
import { createResult } from '../../core/result.ts';

const at = new Date('2026-11-25T10:00:00Z');
const HOSTILE = '[approve here](https://evil.example) <img src=x> @acme/admins &commat;acme https://evil.example `x` $math$';

interface Sent {
  route: string;
  params: Record<string, unknown>;
}

function fakeGitHub(comments: unknown[]) {
  const sent: Sent[] = [];
  const api: GitHubApi = {
    async request(route, params) {
      sent.push({ route, params });
      if (route.startsWith('GET /repos/{owner}/{repo}/collaborators/')) return { data: { permission: 'write', role_name: 'write' } };
      if (route.startsWith('GET')) return { data: { total_count: 0, check_runs: [], workflow_runs: [] } };
      return { data: { id: 1 } };
    },
    async paginate<T>() {
      return comments as T[];
    },
  };
  return { api, sent };
}

const summaries = (sent: Sent[]) =>
  sent.filter((s) => s.route === 'POST /repos/{owner}/{repo}/check-runs').map((s) => (s.params.output as { summary: string }).summary);

function assertInert(summary: string) {
  expect(summary).not.toMatch(/(?<!\\)\[approve here\]/);
  expect(summary).not.toContain('https://evil.example');
  expect(summary).not.toMatch(/(?<!\\)<img/);
  expect(summary).not.toContain('@acme/admins');
  expect(summary).not.toContain('&commat;');
  expect(summary).not.toMatch(/(?<!\\)`x(?<!\\)`/);
}

describe('untrusted strings in check-run summaries', () => {
  it('escapes result names and summaries', async () => {
    const hostile = createResult({ kind: 'migrations', name: HOSTILE, verdict: 'fail', summary: HOSTILE, startedAt: at, finishedAt: at });
    const { api, sent } = fakeGitHub([]);
    await evaluateCommit(
      api,
      { appId: 1, botLogin: 'faultline[bot]', cache: new RunResultCache() },
      { repo: { owner: 'acme', repo: 'shop' }, defaultBranch: 'main', headSha: 'a'.repeat(40), config: { ok: true, config: {} } as never, results: { results: [hostile], rejected: [], runsInProgress: 0, runsCompleted: 1, untrustedRuns: [], staleResults: 0, links: [], completed: [] } },
      ['migrations'],
    );
    const [summary] = summaries(sent);
    expect(summary).toContain('\\[approve here\\]');
    assertInert(summary!);
  });

  it('escapes override reasons, pending and approved', async () => {
    const failing = createResult({ kind: 'chaos', name: 'kill-api', verdict: 'fail', startedAt: at, finishedAt: at });
    const comments = [
      { id: 1, body: `/faultline override chaos ${HOSTILE}`, user: { login: 'alice', type: 'User' }, created_at: '2026-11-25T10:01:00Z', updated_at: '2026-11-25T10:01:00Z' },
      { id: 2, body: `/faultline override migrations ${HOSTILE}`, user: { login: 'alice', type: 'User' }, created_at: '2026-11-25T10:02:00Z', updated_at: '2026-11-25T10:02:00Z' },
      { id: 3, body: '/faultline approve chaos', user: { login: 'bob', type: 'User' }, created_at: '2026-11-25T10:03:00Z', updated_at: '2026-11-25T10:03:00Z' },
    ];
    const { api, sent } = fakeGitHub(comments);
    const failingMigration = createResult({ kind: 'migrations', name: 'migration-gate', verdict: 'fail', startedAt: at, finishedAt: at });
    await evaluateCommit(
      api,
      { appId: 1, botLogin: 'faultline[bot]', cache: new RunResultCache() },
      {
        repo: { owner: 'acme', repo: 'shop' },
        defaultBranch: 'main',
        headSha: 'a'.repeat(40),
        config: { ok: true, config: {} } as never,
        pullRequest: { number: 7, labels: [], baseRef: 'main', baseSha: 'b'.repeat(40), files: [] },
        results: { results: [failing, failingMigration], rejected: [], runsInProgress: 0, runsCompleted: 1, untrustedRuns: [], staleResults: 0, links: [], completed: [] },
      },
      ['chaos', 'migrations'],
    );
    const texts = summaries(sent);
    expect(texts).toHaveLength(2);
    for (const summary of texts) assertInert(summary);
    expect(texts.join('\n')).toContain('override reason: \\[approve here\\]');
  });
});
