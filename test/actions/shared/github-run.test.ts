/**
 * Where a result comes from: the pull request's head SHA from the event payload (GITHUB_SHA is the
 * merge commit on pull_request events), the run id and attempt, and the config's git blob SHA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSource, gitBlobSha, runSource } from '../../../actions/shared/github-run.ts';

const HEAD = '1'.repeat(40);
const MERGE = '2'.repeat(40);
const run = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: MERGE, GITHUB_RUN_ID: '99', GITHUB_RUN_ATTEMPT: '3', GITHUB_WORKFLOW: 'ci' };

describe('runSource', () => {
  it.each(['pull_request', 'pull_request_target'])('records the head SHA from the %s payload as sha, and GITHUB_SHA as mergeSha', (eventName) => {
    const source = runSource({ ...run, GITHUB_EVENT_NAME: eventName }, { pull_request: { number: 5, head: { sha: HEAD } } });
    expect(source).toEqual({
      repository: 'acme/shop',
      sha: HEAD,
      mergeSha: MERGE,
      eventName,
      workflow: 'ci',
      runId: '99',
      runAttempt: '3',
      pullRequest: 5,
    });
  });

  it('records GITHUB_SHA as sha on pushes and schedules, with no mergeSha', () => {
    const source = runSource({ ...run, GITHUB_EVENT_NAME: 'push' }, { after: MERGE });
    expect(source.sha).toBe(MERGE);
    expect(source).not.toHaveProperty('mergeSha');
  });

  it('does not take a head SHA that is not a commit id from the payload', () => {
    const source = runSource({ ...run, GITHUB_EVENT_NAME: 'pull_request' }, { pull_request: { number: 5, head: { sha: 'main; rm -rf /' } } });
    expect(source.sha).toBe(MERGE);
  });

  it('leaves out what the environment does not say', () => {
    expect(runSource({}, undefined)).toEqual({});
  });
});

describe('gitBlobSha', () => {
  it('is what git hash-object prints for the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-blob-'));
    try {
      const bytes = Buffer.from('migrations:\n  pg-version: 15\n  rules:\n    set-not-null: off\n\u00e9\n', 'utf8');
      writeFileSync(join(dir, 'faultline.yml'), bytes);
      const expected = execFileSync('git', ['hash-object', join(dir, 'faultline.yml')], { encoding: 'utf8' }).trim();
      expect(gitBlobSha(bytes)).toBe(expected);
      expect(gitBlobSha(new Uint8Array())).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
      expect(configSource(dir, join(dir, '.github', 'faultline.yml'), bytes)).toEqual({ configPath: '.github/faultline.yml', configSha: expected });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
