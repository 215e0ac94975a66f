/**
 * changed-only: on a pull request the gate lints only the migrations the PR adds or modifies, as
 * listed by the GitHub API. nock cannot reach the built action in a child process, so this runs
 * src/run.ts in-process against nock, and checks every request against GitHub's OpenAPI description.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import nock from 'nock';
import { envInputReader, lintsEveryFile, readSettings } from '../../actions/migration-gate/src/inputs.ts';
import { run, runGate } from '../../actions/migration-gate/src/run.ts';
import { expectValidGitHubRequests } from '../support/github-openapi.ts';

const API = 'https://api.github.com';
const FILES_PATH = '/repos/acme/shop/pulls/7/files';
const TOKEN = 'ghs_migrationgatetesttoken';
const HEAD_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MERGE_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const SAFE = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";

let workspace: string;
let runnerDir: string;
let printed: string[];
const savedEnv = { ...process.env };

function prFile(filename: string, status: string) {
  return { sha: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391', filename, status, additions: 3, deletions: 0, changes: 3, blob_url: '', raw_url: '', contents_url: '' };
}

function env(inputs: Record<string, string> = {}): NodeJS.ProcessEnv {
  const eventPath = join(runnerDir, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: HEAD_SHA } } }));
  return {
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: MERGE_SHA,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_API_URL: API,
    'INPUT_GITHUB-TOKEN': TOKEN,
    'INPUT_CHANGED-ONLY': 'auto',
    'INPUT_FAIL-ON': 'error',
    'INPUT_SARIF-FILE': '',
    INPUT_CONFIG: '.github/faultline.yml',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
}

// One runner directory for the file: @actions/core's summary remembers its file after first use.
beforeAll(() => {
  nock.disableNetConnect();
  runnerDir = mkdtempSync(join(tmpdir(), 'faultline-runner-'));
});
afterAll(() => {
  nock.enableNetConnect();
  rmSync(runnerDir, { recursive: true, force: true });
});

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
  for (const name of ['V1__orders.sql', 'V2__status.sql', 'V3__gone.sql', 'V4__renamed.sql', 'V5__untouched.sql']) {
    mkdirSync(join(workspace, 'db/migrations'), { recursive: true });
    writeFileSync(join(workspace, 'db/migrations', name), SAFE);
  }
  // @actions/core writes outputs and the summary to the files these name, like on a runner.
  process.env.GITHUB_OUTPUT = join(runnerDir, 'output');
  process.env.GITHUB_STEP_SUMMARY = join(runnerDir, 'summary.md');
  writeFileSync(process.env.GITHUB_OUTPUT, '');
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
  printed = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  nock.cleanAll();
  process.env = { ...savedEnv };
  process.exitCode = undefined;
  rmSync(workspace, { recursive: true, force: true });
});

describe('migration gate changed-only on a pull request', () => {
  it('lints only files the PR adds, modifies or renames, following every page of pulls.listFiles', async () => {
    const scope = nock(API, { reqheaders: { authorization: `token ${TOKEN}` } })
      .get(FILES_PATH)
      .query({ per_page: '100' })
      .reply(200, [prFile('db/migrations/V1__orders.sql', 'added'), prFile('README.md', 'modified'), prFile('db/migrations/V3__gone.sql', 'removed')], {
        link: `<${API}${FILES_PATH}?per_page=100&page=2>; rel="next", <${API}${FILES_PATH}?per_page=100&page=2>; rel="last"`,
      })
      .get(FILES_PATH)
      .query({ per_page: '100', page: '2' })
      .reply(200, [prFile('db/migrations/V2__status.sql', 'modified'), prFile('db/migrations/V4__renamed.sql', 'renamed')]);
    const github = expectValidGitHubRequests(scope);

    const outcome = await runGate(readSettings(envInputReader(env()), env()));

    expect(outcome.files).toEqual(['db/migrations/V1__orders.sql', 'db/migrations/V2__status.sql', 'db/migrations/V4__renamed.sql']);
    expect(outcome.report.files.map((f) => f.path)).toEqual(outcome.files);
    expect(scope.isDone()).toBe(true);
    github.verify();
    expect(printed.join('')).toContain('changed-only: 3 matching files of 5 changed in #7');
  });

  it('passes with a notice when the PR changes no migration', async () => {
    const scope = nock(API).get(FILES_PATH).query(true).reply(200, [prFile('src/app.ts', 'modified')]);
    const github = expectValidGitHubRequests(scope);
    const outcome = await runGate(readSettings(envInputReader(env()), env()));
    expect(outcome).toMatchObject({ files: [], verdict: 'neutral', failed: false });
    expect(printed.join('')).toContain('::notice::the pull request changes no migration file matching the paths input; nothing to check');
    github.verify();
  });

  it('lints every matching file when GitHub truncates the list at 3000 files', async () => {
    const page = (n: number) => Array.from({ length: 100 }, (_, i) => prFile(`src/file-${n}-${i}.ts`, 'modified'));
    let scope = nock(API);
    for (let n = 1; n <= 30; n++) {
      const next: Record<string, string> = n < 30 ? { link: `<${API}${FILES_PATH}?per_page=100&page=${n + 1}>; rel="next"` } : {};
      scope = scope
        .get(FILES_PATH)
        .query(n === 1 ? { per_page: '100' } : { per_page: '100', page: String(n) })
        .reply(200, page(n), next);
    }
    const github = expectValidGitHubRequests(scope);
    const outcome = await runGate(readSettings(envInputReader(env()), env()));
    expect(outcome.files).toHaveLength(5);
    expect(printed.join('')).toContain('::warning::pull request #7 changes more files than GitHub lists (3000); linting every matching file instead');
    github.verify();
  });

  it('does not call the API when changed-only is false', async () => {
    const outcome = await runGate(readSettings(envInputReader(env({ 'changed-only': 'false' })), env({ 'changed-only': 'false' })));
    expect(outcome.files).toHaveLength(5);
  });

  it('falls back to linting every matching file, in one warning line, when GitHub keeps failing', async () => {
    const scope = nock(API).get(FILES_PATH).query(true).times(3).reply(502, { message: 'Server Error' });
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
    const consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const outcome = await runGate(readSettings(envInputReader(env()), env()));
    expect(scope.isDone()).toBe(true);
    expect(outcome.files).toHaveLength(5);
    const log = printed.join('');
    expect(log).toMatch(/^::warning::could not list the files of pull request #7 \(HTTP 502 Server Error\); linting every matching file instead$/m);
    expect(log.match(/^::(warning|error)/gm)).toHaveLength(1);
    // Octokit's own request lines stay out of the log.
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
  }, 30_000);

  it('says GitHub could not be reached, not "HTTP 500", when the connection is refused, and lints every file', async () => {
    const { closedPort } = await import('../support/http-server.ts');
    const port = await closedPort();
    nock.enableNetConnect('127.0.0.1');
    const unreachable = env({});
    unreachable.GITHUB_API_URL = `http://127.0.0.1:${port}`;
    const outcome = await runGate(readSettings(envInputReader(unreachable), unreachable));
    expect(outcome.files).toHaveLength(5);
    const warnings = printed.join('').match(/^::warning::.*$/gm) ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`could not list the files of pull request #7 (GitHub could not be reached: 127.0.0.1:${port}: connection refused`);
    expect(warnings[0]).toContain('linting every matching file instead');
    expect(warnings[0]).not.toContain('HTTP 500');
    nock.disableNetConnect();
  }, 30_000);

  it('fails the step asking for pull-requests: read when GitHub refuses the listing, and still leaves a result file (verdict error) tied to the run', async () => {
    const scope = nock(API).get(FILES_PATH).query(true).reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    await run(env());
    expect(scope.isDone()).toBe(true);
    const errors = printed.join('').match(/^::error::.*$/gm) ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('cannot list the files of pull request #7 in acme/shop: HTTP 403 Resource not accessible by integration');
    expect(errors[0]).toContain('permissions: pull-requests: read');
    expect(process.exitCode).toBe(1);
    const resultFile = join(workspace, 'faultline-migrations-result.json');
    expect(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8')).toContain(resultFile);
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    expect(result).toMatchObject({
      kind: 'migrations',
      verdict: 'error',
      summary: expect.stringContaining('could not decide: cannot list the files of pull request #7'),
      findings: [expect.objectContaining({ rule: 'migration-gate-error', severity: 'error' })],
      // The pull request's head from the payload, not the merge commit the runner checked out.
      source: { sha: HEAD_SHA, mergeSha: MERGE_SHA, runId: '4242', runAttempt: '2', pullRequest: 7, eventName: 'pull_request' },
    });
  });
});

describe('lintsEveryFile (whether the action starts its parser thread before loading the gate)', () => {
  it('is true where every matching file is linted: pushes, schedules, changed-only: false', () => {
    expect(lintsEveryFile({ GITHUB_EVENT_NAME: 'push' })).toBe(true);
    expect(lintsEveryFile({ GITHUB_EVENT_NAME: 'schedule', 'INPUT_CHANGED-ONLY': 'auto' })).toBe(true);
    expect(lintsEveryFile({ GITHUB_EVENT_NAME: 'pull_request', 'INPUT_CHANGED-ONLY': 'false' })).toBe(true);
  });

  it('is false on pull requests that lint only their changed files, and for input readSettings rejects', () => {
    expect(lintsEveryFile({ GITHUB_EVENT_NAME: 'pull_request' })).toBe(false);
    expect(lintsEveryFile({ GITHUB_EVENT_NAME: 'push', 'INPUT_CHANGED-ONLY': 'true' })).toBe(false);
    expect(lintsEveryFile({ GITHUB_EVENT_NAME: 'push', 'INPUT_CHANGED-ONLY': 'sometimes' })).toBe(false);
  });
});
