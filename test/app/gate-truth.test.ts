/**
 * Gate truth: no pull request can make a Faultline gate pass that should fail. Each test is an
 * attack a hostile contributor can make (from a fork, or with write access) and checks that the
 * gate now fails closed with the reason. The app's pipeline runs against the stateful fake GitHub
 * (every request checked against GitHub's OpenAPI description) through a real Octokit; the repo's
 * files live in the fake at the default branch and at each pull request's head commit.
 */
import { Octokit } from '@octokit/rest';
import { parse } from 'yaml';
import { RunResultCache, resultsForCommit } from '../../app/commit-results.ts';
import { comparedFiles, type GitHubApi, pullRequestFiles } from '../../app/github-api.ts';
import { evaluateCommit, type FaultlineConfig } from '../../app/pipeline.ts';
import { createResult, type FaultlineResult } from '../../core/result.ts';
import { gitBlobSha } from '../support/fake-git.ts';
import { type FakeCheckRun, type FakeGitHub, startFakeGitHub } from '../support/fake-github.ts';
import { actionSource, addPullRequest, addWorkflowRun, copyDefaultBranch } from '../support/fake-github-events.ts';

const BASE = 'b'.repeat(40);
const WORKFLOW = '.github/workflows/db.yml';
const REUSABLE = '.github/workflows/gate.yml';
const CONFIG = `migrations:
  paths: ['db/**/*.sql']
  rules: { drop-column: error }
chaos:
  paths: ['services/**']
security:
  paths: ['infra/**']
`;
const workflow = `on: pull_request
permissions: { contents: read }
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./actions/gate
  chaos:
    uses: ./${REUSABLE}
`;
const reusable = 'on: workflow_call\njobs:\n  chaos:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./actions/composite\n';
const composite = "name: composite\nruns:\n  using: composite\n  steps:\n    - uses: ./actions/helper\n";
const at = new Date('2026-11-25T10:00:00Z');

let fake: FakeGitHub;
let api: GitHubApi;
let nextPr = 100;
let nextRun = 5000;

beforeAll(async () => {
  fake = await startFakeGitHub({ owner: 'acme', name: 'shop', defaultBranch: 'main' });
  const files = fake.repo.files;
  files.set('main:.github/faultline.yml', CONFIG);
  files.set(`main:${WORKFLOW}`, workflow);
  files.set(`main:${REUSABLE}`, reusable);
  files.set('main:actions/gate/action.yml', "name: gate\nruns:\n  using: node24\n  main: dist/index.js\n");
  files.set('main:actions/gate/dist/index.js', 'runGate();\n');
  files.set('main:actions/composite/action.yml', composite);
  files.set('main:actions/helper/action.yml', "name: helper\nruns:\n  using: node24\n  main: index.js\n");
  files.set('main:actions/helper/index.js', 'help();\n');
  fake.repo.permissions.set('alice', 'write');
  fake.repo.permissions.set('bob', 'write');
  api = new Octokit({ baseUrl: `${fake.url}/api/v3`, auth: 'ghs_fake' }) as unknown as GitHubApi;
});

afterAll(async () => {
  await fake?.stop();
});

afterEach(() => {
  // Every request the app sent must be one GitHub accepts.
  expect(fake.problems).toEqual([]);
});

const repo = { owner: 'acme', repo: 'shop' };

function migrations(verdict: FaultlineResult['verdict'], extra: Partial<FaultlineResult> = {}): FaultlineResult {
  return { ...createResult({ kind: 'migrations', name: 'migration-gate', verdict, summary: verdict === 'fail' ? 'drops orders.note' : 'no findings', startedAt: at, finishedAt: at }), ...extra };
}

/** A security gate result: two new high findings in snyk (or none) and one already on the base branch, one fixed. */
function security(verdict: FaultlineResult['verdict'], baselineFile?: string): FaultlineResult {
  const findings = verdict === 'fail' ? ['SNYK-JS-A', 'SNYK-JS-B', 'SNYK-JS-OLD'] : ['SNYK-JS-OLD'];
  return createResult({
    kind: 'security',
    name: 'security-gate',
    verdict,
    summary: verdict === 'fail' ? 'fail: 2 new at or above high' : 'pass: no new findings at or above high',
    startedAt: at,
    finishedAt: at,
    findings: findings.map((id, i) => ({
      rule: `snyk:${id}`,
      severity: 'error' as const,
      message: `${id} in lodash`,
      path: 'infra/package.json',
      line: 3 + i,
      properties: { tool: 'snyk', severity: 'high', status: id === 'SNYK-JS-OLD' ? 'unchanged' : 'new' },
    })),
    details: { failOn: 'high', fixed: 1, ...(baselineFile ? { baseline: { source: baselineFile, findings: 2, file: baselineFile } } : {}) },
  });
}

/** A pull request changing `files`, at a fresh head commit holding the default branch's files. */
function pullRequest(files: string[]): { number: number; head: string } {
  const number = nextPr++;
  const head = number.toString(16).padStart(40, 'a');
  addPullRequest(fake, { number, headSha: head, baseSha: BASE, files });
  return { number, head };
}

function run(head: string, number: number, results?: FaultlineResult[], options: { attempt?: number; stamp?: boolean; path?: string } = {}) {
  return addWorkflowRun(fake, { id: nextRun++, headSha: head, headBranch: `feature-${number}`, path: options.path ?? WORKFLOW, pullRequests: [number], results, attempt: options.attempt, stamp: options.stamp });
}

/** What the app publishes for the pull request's head, as the pipeline does after a webhook. */
async function evaluate(number: number, options: { final?: boolean } = {}) {
  const pr = fake.repo.pulls.get(number)!;
  const files = await pullRequestFiles(api, repo, number, pr.files.length);
  const results = await resultsForCommit(api, repo, pr.head.sha, 'main', new RunResultCache());
  await evaluateCommit(
    api,
    { appId: fake.appId, botLogin: 'faultline[bot]', cache: new RunResultCache() },
    {
      repo,
      defaultBranch: 'main',
      headSha: pr.head.sha,
      config: { ok: true, config: parse(fake.repo.files.get('main:.github/faultline.yml')!) as FaultlineConfig, files: [] },
      pullRequest: { number, labels: [], baseRef: 'main', baseSha: BASE, files: files.paths, ...(files.capped ? { filesCapped: files.capped } : {}) },
      results,
      ...(options.final ? { final: true } : {}),
    },
  );
  return results;
}

/** The check run GitHub shows and branch protection reads: the newest of that name on the commit. */
function check(sha: string, name: string): FakeCheckRun {
  const found = fake.repo.checkRuns.filter((r) => r.head_sha === sha && r.name === `faultline/${name}`).sort((a, b) => b.id - a.id)[0];
  if (!found) throw new Error(`no faultline/${name} check run on ${sha}`);
  return found;
}

describe('a gate that applies must get a trusted verdict, or it fails', () => {
  it('fails migrations when the trusted run finished without a result file, saying what was seen with a link', async () => {
    const { number, head } = pullRequest(['db/V7__drop_note.sql']);
    const r = run(head, number);
    await evaluate(number);
    const migrationsCheck = check(head, 'migrations');
    expect(migrationsCheck).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'No trusted result' } });
    expect(migrationsCheck.output.summary).toContain(`no trusted result: 1 completed workflow run reported no migrations result ([db.yml](${r.html_url}))`);
    expect(migrationsCheck.output.summary).toContain('Applies: `db/V7__drop_note.sql` matches `migrations.paths`');
  });

  it('concludes neutral only when the gate does not apply, and says why', async () => {
    const { number, head } = pullRequest(['README.md']);
    run(head, number);
    await evaluate(number);
    expect(check(head, 'migrations')).toMatchObject({ conclusion: 'neutral', output: { title: 'Does not apply to this change' } });
    expect(check(head, 'migrations').output.summary).toContain('no changed file matches `migrations.paths`');
    expect(check(head, 'chaos').output.summary).toContain('no changed file matches `chaos.paths`');
    expect(check(head, 'slo-budget').output.summary).toContain('there is no `slo:` section');
  });

  it('fails the gate with the reason when its result file is rejected', async () => {
    const { number, head } = pullRequest(['db/V8__add.sql']);
    run(head, number, [{ ...migrations('pass'), verdict: 'pass-please' } as unknown as FaultlineResult]);
    await evaluate(number);
    const migrationsCheck = check(head, 'migrations');
    expect(migrationsCheck.conclusion).toBe('failure');
    expect(migrationsCheck.output.summary).toMatch(/rejected result file `faultline-results\/faultline-result-0\.json`: verdict: must be one of/);
  });

  it('does not conclude a pass while another run for the commit is still going', async () => {
    const { number, head } = pullRequest(['db/V9__add.sql']);
    run(head, number, [migrations('pass')]);
    const going = run(head, number);
    going.status = 'in_progress';
    await evaluate(number);
    expect(check(head, 'migrations')).toMatchObject({ status: 'in_progress', conclusion: null });
    going.status = 'completed';
    await evaluate(number);
    expect(check(head, 'migrations')).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('does not wait for GitHub-managed runs (CodeQL default setup), which cannot report results', async () => {
    const { number, head } = pullRequest(['db/V22__add.sql']);
    run(head, number, [migrations('pass')]);
    const codeql = run(head, number, undefined, { path: 'dynamic/github-code-scanning/codeql' });
    codeql.status = 'in_progress';
    await evaluate(number);
    expect(check(head, 'migrations')).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('waits while no workflow run exists, and fails once someone asks for a verdict', async () => {
    const { number, head } = pullRequest(['db/V10__add.sql']);
    await evaluate(number);
    expect(check(head, 'migrations')).toMatchObject({ status: 'in_progress' });
    expect(check(head, 'migrations').output.summary).toContain('/faultline rerun');
    await evaluate(number, { final: true });
    expect(check(head, 'migrations')).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(check(head, 'migrations').output.summary).toContain('no trusted result: no completed workflow run for this commit');
  });
});

describe('nothing the pull request can change decides the verdict', () => {
  const changesGate = /this pull request changes the gate itself: (.+); ask a maintainer for an override/;

  it.each([
    ['a local action’s committed dist/', 'actions/gate/dist/index.js', 'process.exit(0);\n', 'actions/gate/'],
    ['a local reusable workflow', REUSABLE, 'on: workflow_call\njobs: {}\n', REUSABLE],
    ['a local action a composite action uses', 'actions/helper/index.js', 'pass();\n', 'actions/helper/'],
    ['the config the action reads (turning a rule off)', '.github/faultline.yml', CONFIG.replace('drop-column: error', 'drop-column: off'), '.github/faultline.yml'],
    ['the workflow file', WORKFLOW, `${workflow}# skip\n`, WORKFLOW],
  ])('fails when the pull request changes %s, ignoring the pass that run reported', async (_what, path, text, named) => {
    const { number, head } = pullRequest(['db/V11__drop.sql', path]);
    fake.repo.files.set(`${head}:${path}`, text);
    run(head, number, [migrations('pass')]);
    await evaluate(number);
    const migrationsCheck = check(head, 'migrations');
    expect(migrationsCheck).toMatchObject({ conclusion: 'failure', output: { title: 'This pull request changes the gate itself' } });
    expect(changesGate.exec(migrationsCheck.output.summary!)?.[1]).toContain(`\`${named}\``);
  });

  it('fails when the pull request adds a local action the workflow then runs', async () => {
    const { number, head } = pullRequest(['db/V12__drop.sql', WORKFLOW, 'actions/fake/action.yml']);
    fake.repo.files.set(`${head}:${WORKFLOW}`, workflow.replace('./actions/gate', './actions/fake'));
    fake.repo.files.set(`${head}:actions/fake/action.yml`, 'name: fake\nruns:\n  using: node24\n  main: x.js\n');
    run(head, number, [migrations('pass')]);
    await evaluate(number);
    expect(check(head, 'migrations').output.summary).toMatch(/changes the gate itself: .*`actions\/fake\/`/);
  });

  it('keeps the override path: two people with write access can still let it through', async () => {
    const { number, head } = pullRequest(['db/V13__drop.sql', 'actions/gate/dist/index.js']);
    fake.repo.files.set(`${head}:actions/gate/dist/index.js`, 'runGateFaster();\n');
    run(head, number, [migrations('pass')]);
    const comment = (id: number, login: string, body: string, minute: number) => ({
      id,
      body,
      user: { login, type: 'User' as const },
      created_at: `2026-11-25T10:0${minute}:00Z`,
      html_url: '',
    });
    fake.repo.comments.set(number, [comment(1, 'alice', '/faultline override migrations the gate action is being rewritten in this PR', 1), comment(2, 'bob', '/faultline approve migrations', 2)]);
    await evaluate(number);
    expect(check(head, 'migrations')).toMatchObject({ conclusion: 'success', output: { title: 'Overridden by @alice, approved by @bob' } });
  });

  it('rejects results produced under a config other than the default branch’s', async () => {
    const { number, head } = pullRequest(['db/V14__drop.sql']);
    const relaxed = CONFIG.replace('drop-column: error', 'drop-column: off');
    const source = { ...actionSource(fake, { id: nextRun, headSha: head }), configPath: 'ci/relaxed.yml', configSha: gitBlobSha(relaxed) };
    run(head, number, [migrations('pass', { source })]);
    await evaluate(number);
    expect(check(head, 'migrations').conclusion).toBe('failure');
// The problem quotes the result file's own (untrusted) configPath, so it is shown escaped.
    expect(check(head, 'migrations').output.summary).toContain(
      `produced under ci/relaxed.yml \\(blob ${gitBlobSha(relaxed)}\\), not the default branch’s .github/faultline.yml \\(blob ${gitBlobSha(CONFIG)}\\)`,
    );
  });

  it('rejects results that do not name the config they were judged by while the default branch has one', async () => {
    const { number, head } = pullRequest(['db/V15__drop.sql']);
    const { configSha: _sha, configPath: _path, ...source } = actionSource(fake, { id: nextRun, headSha: head });
    run(head, number, [migrations('pass', { source })]);
    await evaluate(number);
    expect(check(head, 'migrations').output.summary).toContain('source.configSha is missing');
    expect(check(head, 'migrations').conclusion).toBe('failure');
  });
});

describe('results are tied to their run', () => {
  it.each([
    ['another commit', { sha: 'f'.repeat(40) }, /source\.sha is f{40}, but the run is for commit/],
    ['another run', { runId: '1' }, /source\.runId is 1, but the file came from run \d+/],
    ['a later attempt than the run has', { runAttempt: '7' }, /source\.runAttempt is 7, but run \d+ is at attempt 1/],
    ['the merge commit instead of the head', { sha: 'e'.repeat(40), mergeSha: 'e'.repeat(40) }, /source\.sha is e{40}/],
  ])('rejects a result claiming %s', async (_what, claim, problem) => {
    const { number, head } = pullRequest(['db/V16__drop.sql']);
    run(head, number, [migrations('pass', { source: { ...actionSource(fake, { id: nextRun, headSha: head }), ...claim } })]);
    await evaluate(number);
    expect(check(head, 'migrations').conclusion).toBe('failure');
    expect(check(head, 'migrations').output.summary).toMatch(problem);
  });

  it('does not let a forged finishedAt in a second run replace a real failure', async () => {
    const { number, head } = pullRequest(['db/V17__drop.sql']);
    run(head, number, [migrations('fail')]);
    run(head, number, [migrations('pass', { startedAt: '9999-12-31T23:59:58Z', finishedAt: '9999-12-31T23:59:59Z' })]);
    await evaluate(number);
    expect(check(head, 'migrations')).toMatchObject({ conclusion: 'failure', output: { title: '1 of 2 failed' } });
  });

  it('does not let a pass in the same run hide a failure either', async () => {
    const { number, head } = pullRequest(['db/V18__drop.sql']);
    run(head, number, [migrations('fail'), migrations('pass', { finishedAt: '9999-12-31T23:59:59Z' })]);
    await evaluate(number);
    expect(check(head, 'migrations').conclusion).toBe('failure');
  });

  it('counts only the run’s current attempt (GitHub’s run_attempt), not files from an earlier one', async () => {
    const { number, head } = pullRequest(['db/V19__drop.sql']);
    const id = nextRun;
    run(head, number, [migrations('pass', { source: actionSource(fake, { id, headSha: head, attempt: 1 }) })], { attempt: 2 });
    await evaluate(number);
    expect(check(head, 'migrations').conclusion).toBe('failure');
    expect(check(head, 'migrations').output.summary).toContain('1 result file from an earlier attempt of a run');
  });
});

describe('long lists are read to the end', () => {
  it('finds a failure on the second page of a commit’s workflow runs', async () => {
    const { number, head } = pullRequest(['db/V20__drop.sql']);
    for (let i = 0; i < 100; i++) run(head, number, [migrations('pass')]);
    run(head, number, [migrations('fail')]);
    await evaluate(number);
    expect(check(head, 'migrations')).toMatchObject({ conclusion: 'failure', output: { title: '1 of 101 failed' } });
  });

  it('reads a pull request’s files on every page, and says so when GitHub’s 3,000-file cap is hit', async () => {
    const many = Array.from({ length: 250 }, (_, i) => `docs/page-${i}.md`);
    const paged = pullRequest([...many, 'db/V21__drop.sql']);
    run(paged.head, paged.number, [migrations('pass')]);
    await evaluate(paged.number);
    expect(check(paged.head, 'migrations').output.summary).toContain('Applies: `db/V21__drop.sql` matches');

    const huge = pullRequest(Array.from({ length: 3005 }, (_, i) => `docs/page-${i}.md`));
    const files = await pullRequestFiles(api, repo, huge.number, 3005);
    expect(files.paths).toHaveLength(3000);
    expect(files.capped).toBe('GitHub lists only the first 3000 of 3005 changed files');
    run(huge.head, huge.number);
    await evaluate(huge.number);
    // The file list is incomplete, so a path rule cannot be ruled out: the gate applies and fails.
    expect(check(huge.head, 'migrations').conclusion).toBe('failure');
    expect(check(huge.head, 'migrations').output.summary).toContain('the list of changed files is incomplete (GitHub lists only the first 3000 of 3005 changed files)');
  });

  it('marks a merge group’s comparison as capped at GitHub’s 300 files', async () => {
    pullRequest(Array.from({ length: 400 }, (_, i) => `src/module-${i}.ts`));
    const sha = 'c'.repeat(40);
    copyDefaultBranch(fake, sha);
    const compared = await comparedFiles(api, repo, BASE, sha);
    expect(compared.paths.length).toBe(300);
    expect(compared.capped).toContain('GitHub lists at most 300 files of a comparison');
  });
});

describe('the security gate', () => {
  const comment = (id: number, login: string, body: string, minute: number) => ({ id, body, user: { login, type: 'User' as const }, created_at: `2026-11-25T10:0${minute}:00Z`, html_url: '' });
  const sticky = (number: number) => (fake.repo.comments.get(number) ?? []).map((c) => c.body).find((b) => b.includes('resilience report'));

  it('fails faultline/security on a failing trusted result, and the PR comment gives its headline', async () => {
    const { number, head } = pullRequest(['infra/main.tf']);
    run(head, number, [security('fail')]);
    await evaluate(number);
    const securityCheck = check(head, 'security');
    // The title says what matters, not "1 of 1 failed".
    expect(securityCheck).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '2 new high in snyk, 1 fixed' } });
    expect(securityCheck.output.summary).toContain('security-gate: fail');
    // Only the two new findings are annotated, not the one the base branch already had.
    expect(securityCheck.output.annotations_count).toBe(2);
    expect(sticky(number)).toContain('- ❌ security-gate: 2 new high in snyk, 1 fixed');
  });

  it('passes on a passing trusted result', async () => {
    const { number, head } = pullRequest(['infra/main.tf']);
    run(head, number, [security('pass')]);
    await evaluate(number);
    expect(check(head, 'security')).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'no new findings at or above high, 1 fixed' } });
    expect(sticky(number)).toContain('- ✅ security-gate: no new findings at or above high, 1 fixed');
  });

  it('fails when it applies and no trusted result came, and lets a pass from a run that changes the gate not count', async () => {
    const { number, head } = pullRequest(['infra/main.tf']);
    run(head, number, [migrations('pass')]);
    await evaluate(number);
    expect(check(head, 'security')).toMatchObject({ conclusion: 'failure', output: { title: 'No trusted result' } });
    expect(check(head, 'security').output.summary).toContain('reported no security result');
    expect(check(head, 'security').output.summary).toContain('Applies: `infra/main.tf` matches `security.paths`');

    const changed = pullRequest(['infra/vpc.tf', WORKFLOW]);
    fake.repo.files.set(`${changed.head}:${WORKFLOW}`, `${workflow}# skip\n`);
    run(changed.head, changed.number, [security('pass')]);
    await evaluate(changed.number);
    expect(check(changed.head, 'security')).toMatchObject({ conclusion: 'failure', output: { title: 'This pull request changes the gate itself' } });
  });

  it('concludes neutral with the reason when it does not apply', async () => {
    const { number, head } = pullRequest(['docs/README.md']);
    run(head, number, [migrations('pass')]);
    await evaluate(number);
    expect(check(head, 'security')).toMatchObject({ conclusion: 'neutral', output: { title: 'Does not apply to this change' } });
    expect(check(head, 'security').output.summary).toContain('no changed file matches `security.paths`');
  });

  it('rejects a result compared against a committed baseline file the pull request edits', async () => {
    const { number, head } = pullRequest(['infra/main.tf', 'security/baseline.json']);
    run(head, number, [security('pass', 'security/baseline.json')]);
    await evaluate(number);
    expect(check(head, 'security')).toMatchObject({ conclusion: 'failure', output: { title: '1 result file rejected' } });
    expect(check(head, 'security').output.summary).toContain('its baseline security/baseline.json is changed by this pull request: a change cannot choose the findings it is compared against');
    expect(sticky(number)).toContain('### Result files not trusted');
  });

  it('rejects it too when the pull request changes a directory or symlink on the baseline’s path', async () => {
    const { number, head } = pullRequest(['infra/main.tf', 'security']);
    run(head, number, [security('pass', 'security/baseline.json')]);
    await evaluate(number);
    expect(check(head, 'security')).toMatchObject({ conclusion: 'failure', output: { title: '1 result file rejected' } });
    expect(check(head, 'security').output.summary).toContain('through security');
  });

  it('keeps a result whose committed baseline the pull request leaves alone', async () => {
    const { number, head } = pullRequest(['infra/main.tf', 'security/baseline.json.md']);
    run(head, number, [security('pass', 'security/baseline.json')]);
    await evaluate(number);
    expect(check(head, 'security')).toMatchObject({ conclusion: 'success' });
  });

  it('lists the pull request’s files to check a committed baseline even when no config section needed them', async () => {
    const { number, head } = pullRequest(['security/baseline.json']);
    run(head, number, [security('pass', 'security/baseline.json')]);
    const results = await resultsForCommit(api, repo, head, 'main', new RunResultCache());
    await evaluateCommit(
      api,
      { appId: fake.appId, botLogin: 'faultline[bot]', cache: new RunResultCache() },
      {
        repo,
        defaultBranch: 'main',
        headSha: head,
        config: { ok: true, config: parse(fake.repo.files.get('main:.github/faultline.yml')!) as FaultlineConfig, files: [] },
        pullRequest: { number, labels: [], baseRef: 'main', baseSha: BASE, files: [], filesUnread: true },
        results,
      },
    );
    expect(check(head, 'security')).toMatchObject({ conclusion: 'failure', output: { title: '1 result file rejected' } });
  });

  it('can be overridden by two people like the other gates', async () => {
    const { number, head } = pullRequest(['infra/main.tf']);
    run(head, number, [security('fail')]);
    fake.repo.comments.set(number, [comment(1, 'alice', '/faultline override security no fixed lodash yet, tracked in SEC-12', 1), comment(2, 'bob', '/faultline approve security', 2)]);
    await evaluate(number);
    expect(check(head, 'security')).toMatchObject({ conclusion: 'success', output: { title: 'Overridden by @alice, approved by @bob' } });
    expect(sticky(number)).toContain('`security` overridden: requested by @alice, approved by @bob');
  });
});
