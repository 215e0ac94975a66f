/**
 * The app's HTTP server in-process with GitHub answered by nock: every request the app sends is
 * checked against GitHub's OpenAPI description, and JSON bodies are kept for assertions.
 */
import nock from 'nock';
import { type RunningAppServer, startAppServer } from '../../app/server.ts';
import { FakeGit } from './fake-git.ts';
import { expectValidGitHubRequests, type GitHubRequestWatch } from './github-openapi.ts';
import { appPrivateKey } from './webhook-delivery.ts';

export const SECRET = 'webhook-secret-for-tests';
export const APP_ID = 4242;
export const API = 'https://api.github.com';

export interface AppHarness {
  server: RunningAppServer;
  github: nock.Scope;
  watch: GitHubRequestWatch;
  /** JSON bodies sent for `METHOD /path`, in order. */
  bodies(line: string): Record<string, unknown>[];
  /** No `.github/faultline.yml` in the repository nor in the organisation's `.github`. */
  noConfig(owner: string, repo: string): void;
  /** A config file in the repository (read raw, as Probot's config plugin asks for it). */
  config(owner: string, repo: string, yaml: string): void;
  /**
   * The repository's files (`ref:path` → text) as the git trees API and the contents API (JSON,
   * with content) serve them, for the trust check of workflow runs. `.github/faultline.yml` is left
   * to noConfig/config, which answer it as Probot's config loader asks.
   */
  gitFiles(owner: string, repo: string, files: Record<string, string>): void;
  /**
   * Resolves once no handler runs. On a busy machine a delivery may be answered `202 still
   * processing` (after 9 s) while its handler goes on: its effects are complete only then.
   */
  idle(timeoutMs?: number): Promise<void>;
}

/** Call at the top of a describe: starts the server once, a fresh nock scope per test. */
export function useAppHarness(env: Record<string, string> = {}): AppHarness {
  const harness = {} as AppHarness;
  let sent = new Map<string, Record<string, unknown>[]>();
  harness.bodies = (line) => sent.get(line) ?? [];

  beforeAll(async () => {
    if (process.env.APP_LOG_LEVEL) nock.emitter.on('no match', (req: { method?: string; url?: string }) => process.stderr.write(`nock: no match for ${req.method} ${req.url}\n`));
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    harness.server = await startAppServer({
      env: { APP_ID: String(APP_ID), PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: SECRET, LOG_LEVEL: (process.env.APP_LOG_LEVEL ?? 'fatal') as 'fatal', ...env },
      port: 0,
      host: '127.0.0.1',
    });
  });

  afterAll(async () => {
    await harness.server.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  beforeEach(() => {
    const github = nock(API);
    // persist() applies to a whole scope, so the app's own auth routes get a scope of their own.
    const auth = nock(API).persist();
    harness.github = github;
    harness.watch = expectValidGitHubRequests(github, auth);
    sent = new Map();
    github.on('request', (request: Request, _interceptor: unknown, body: string) => {
      if (!body) return;
      const line = `${request.method} ${new URL(request.url).pathname}`;
      sent.set(line, [...harness.bodies(line), JSON.parse(body) as Record<string, unknown>]);
    });
    auth
      .post(/\/app\/installations\/\d+\/access_tokens/)
      .reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} })
      .get('/app')
      .reply(200, { id: APP_ID, slug: 'faultline' });
  });

  afterEach(() => nock.cleanAll());

  harness.noConfig = (owner, repo) => {
    harness.github.get(`/repos/${owner}/${repo}/contents/.github%2Ffaultline.yml`).reply(404, { message: 'Not Found' });
    harness.github.get(`/repos/${owner}/.github/contents/.github%2Ffaultline.yml`).reply(404, { message: 'Not Found' });
  };
  harness.config = (owner, repo, yaml) => {
    harness.github.get(`/repos/${owner}/${repo}/contents/.github%2Ffaultline.yml`).query(true).times(10).reply(200, yaml);
  };
  harness.gitFiles = (owner, repo, files) => {
    const git = new FakeGit(new Map(Object.entries(files)));
    const prefix = `/repos/${owner}/${repo}`;
    harness.github
      .get((uri) => uri.startsWith(`${prefix}/git/trees/`))
      .times(100)
      // nock 15 hands reply functions the fetch Request.
      .reply((request: unknown) => {
        const { pathname } = new URL((request as unknown as Request).url);
        const tree = git.tree(decodeURIComponent(pathname.slice(`${prefix}/git/trees/`.length)));
        return tree ? [200, { sha: tree.sha, url: '', truncated: false, tree: tree.tree.map((e) => ({ ...e, url: '' })) }] : [404, { message: 'Not Found' }];
      })
      .get((uri) => uri.startsWith(`${prefix}/contents/`) && uri.includes('ref=') && !uri.includes('faultline.yml'))
      .times(100)
      .reply((request: unknown) => {
        const url = new URL((request as unknown as Request).url);
        const path = decodeURIComponent(url.pathname.slice(`${prefix}/contents/`.length));
        const text = files[`${url.searchParams.get('ref')}:${path}`];
        if (text === undefined) return [404, { message: 'Not Found' }];
        return [200, { type: 'file', path, name: path.split('/').pop(), sha: '', encoding: 'base64', content: Buffer.from(text).toString('base64') }];
      });
  };
  harness.idle = async (timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while ((await harness.server.metrics.handlersInFlight.get()).values[0]!.value > 0) {
      if (Date.now() > deadline) throw new Error(`handlers still running after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return harness;
}
