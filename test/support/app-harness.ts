/**
 * The app's HTTP server in-process with GitHub answered by nock: every request the app sends is
 * checked against GitHub's OpenAPI description, and JSON bodies are kept for assertions.
 */
import nock from 'nock';
import { type RunningAppServer, startAppServer } from '../../app/server.ts';
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
  harness.idle = async (timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while ((await harness.server.metrics.handlersInFlight.get()).values[0]!.value > 0) {
      if (Date.now() > deadline) throw new Error(`handlers still running after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return harness;
}
