/**
 * A small stateful GitHub REST API on loopback, for end-to-end runs of the app as a process
 * (through GHE_HOST) and for the app benchmark. It serves only the routes the app uses, under
 * `/api/v3` like GitHub Enterprise Server, and checks every request against GitHub's OpenAPI
 * description: `problems` lists each request GitHub would have rejected.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGit, gitBlobSha } from './fake-git.ts';
import { checkGitHubRequest } from './github-openapi.ts';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
  created_at: string;
  html_url: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; annotations_count: number };
  app: { id: number };
}

export interface FakePullRequest {
  number: number;
  state: 'open' | 'closed';
  head: { sha: string; ref: string; repo: { owner: { login: string } } };
  base: { sha: string; ref: string };
  labels: { name: string }[];
  files: string[];
}

export interface FakeRun {
  id: number;
  /** GitHub's attempt number; a re-run keeps the id and bumps this. */
  run_attempt: number;
  name?: string;
  html_url?: string;
  updated_at?: string;
  /** When the run's current attempt started (GitHub's `run_started_at`). */
  run_started_at?: string;
  /** `owner/name` of the repository the head commit is in: a fork's for a fork's run (default: this repository). */
  head_full_name?: string;
  path: string;
  head_sha: string;
  head_branch: string;
  event: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  pull_requests: { number: number }[];
  artifacts: { id: number; name: string; zip: Uint8Array }[];
}

export interface FakeRepo {
  owner: string;
  name: string;
  defaultBranch: string;
  /** `ref:path` → text (a ref is a branch name or a commit SHA). */
  files: Map<string, string>;
  pulls: Map<number, FakePullRequest>;
  comments: Map<number, FakeComment[]>;
  checkRuns: FakeCheckRun[];
  runs: FakeRun[];
  permissions: Map<string, string>;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:port` — GHE_HOST is `127.0.0.1:port` with GHE_PROTOCOL=http. */
  url: string;
  host: string;
  appId: number;
  repo: FakeRepo;
  /** `METHOD /path` of every request, in order. */
  requests: string[];
  problems: string[];
  /** Most writes (non-GET requests) GitHub was working on at the same moment. */
  peakConcurrentWrites(): number;
  /** Makes the next N requests matching `pattern` fail with `status` (and headers). */
  failNext(pattern: RegExp, times: number, status: number, headers?: Record<string, string>): void;
  stop(): Promise<void>;
}

type Handler = (match: RegExpMatchArray, body: Record<string, unknown>, query: URLSearchParams, request: IncomingMessage) => [number, unknown, Record<string, string>?];

let nextId = 1000;
const now = () => new Date().toISOString();

function json(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (value instanceof Uint8Array) {
    response.writeHead(status, { 'content-type': 'application/zip', ...headers });
    response.end(Buffer.from(value));
    return;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  response.writeHead(status, { 'content-type': typeof value === 'string' ? 'text/plain' : 'application/json', ...headers });
  response.end(text);
}

/** GitHub's caps: a pull request lists at most 3,000 files, a comparison 300. */
const PULL_FILES_CAP = 3000;
const COMPARE_FILES_CAP = 300;

/** One page of a list as GitHub serves it (`per_page`, `page`, a `Link: rel="next"` header). */
function paged<T>(items: T[], q: URLSearchParams, url: string): [T[], Record<string, string>] {
  const perPage = Math.min(Number(q.get('per_page') ?? 30), 100);
  const page = Number(q.get('page') ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (page * perPage >= items.length) return [slice, {}];
  const next = new URL(url);
  next.searchParams.set('page', String(page + 1));
  return [slice, { link: `<${next}>; rel="next"` }];
}

function routes(state: FakeRepo, appId: number, base: () => string): [RegExp, string, Handler][] {
  const git = new FakeGit(state.files);
  const here = (req: IncomingMessage) => `${base()}${req.url}`;
  const repoPath = `/repos/${state.owner}/${state.name}`;
  const r = (path: string) => new RegExp(`^${repoPath.replace(/\//g, '\\/')}${path}$`);
  const notFound: [number, unknown] = [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
  return [
    [/^\/app\/installations\/(\d+)\/access_tokens$/, 'POST', () => [201, { token: 'ghs_fake', expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} }]],
    [/^\/app$/, 'GET', () => [200, { id: appId, slug: 'faultline', name: 'Faultline' }]],
    [
      r('/contents/(.+)'),
      'GET',
      (m, _b, q, req) => {
        const path = decodeURIComponent(m[1]!);
        const ref = q.get('ref') ?? state.defaultBranch;
        const text = state.files.get(`${ref}:${path}`);
        if (text !== undefined) {
          if (String(req.headers.accept ?? '').includes('raw')) return [200, text];
          return [200, { type: 'file', path, name: path.split('/').pop(), sha: gitBlobSha(text), encoding: 'base64', content: Buffer.from(text).toString('base64') }];
        }
        const children = [...state.files.keys()].filter((k) => k.startsWith(`${ref}:${path}/`)).map((k) => k.slice(ref.length + 1));
        if (children.length === 0) return notFound;
        const direct = new Map<string, 'file' | 'dir'>();
        for (const child of children) {
          const rest = child.slice(path.length + 1);
          direct.set(rest.includes('/') ? `${path}/${rest.split('/')[0]}` : child, rest.includes('/') ? 'dir' : 'file');
        }
        return [
          200,
          [...direct].map(([p, type]) => ({ type, path: p, name: p.split('/').pop(), sha: type === 'dir' ? git.dirSha(ref, p) : gitBlobSha(state.files.get(`${ref}:${p}`)!) })),
        ];
      },
    ],
    [
      r('/git/trees/([^/]+)'),
      'GET',
      (m) => {
        const tree = git.tree(decodeURIComponent(m[1]!));
        return tree ? [200, { sha: tree.sha, url: `${base()}/git/trees/${tree.sha}`, tree: tree.tree.map((e) => ({ ...e, url: '' })), truncated: false }] : notFound;
      },
    ],
    [
      r('/pulls/(\\d+)'),
      'GET',
      (m) => {
        const pr = state.pulls.get(Number(m[1]));
        return pr ? [200, { ...pr, changed_files: pr.files.length }] : notFound;
      },
    ],
    [
      r('/pulls/(\\d+)/files'),
      'GET',
      (m, _b, q, req) => {
        const files = (state.pulls.get(Number(m[1]))?.files ?? []).slice(0, PULL_FILES_CAP).map((filename) => ({ filename, status: 'modified' }));
        const [page, headers] = paged(files, q, here(req));
        return [200, page, headers];
      },
    ],
    [r('/pulls'), 'GET', (_m, _b, q) => [200, [...state.pulls.values()].filter((p) => p.state === 'open' && `${p.head.repo.owner.login}:${p.head.ref}` === q.get('head'))]],
    [r('/issues/(\\d+)/comments'), 'GET', (m) => [200, state.comments.get(Number(m[1])) ?? []]],
    [
      r('/issues/(\\d+)/comments'),
      'POST',
      (m, b) => {
        const comment: FakeComment = { id: nextId++, body: String(b.body), user: { login: 'faultline[bot]', type: 'Bot' }, created_at: now(), html_url: `${base()}/c` };
        state.comments.set(Number(m[1]), [...(state.comments.get(Number(m[1])) ?? []), comment]);
        return [201, comment];
      },
    ],
    [
      r('/issues/comments/(\\d+)'),
      'PATCH',
      (m, b) => {
        const found = [...state.comments.values()].flat().find((c) => c.id === Number(m[1]));
        if (!found) return notFound;
        found.body = String(b.body);
        return [200, found];
      },
    ],
    [
      r('/issues/comments/(\\d+)'),
      'DELETE',
      (m) => {
        for (const [n, list] of state.comments) {
          if (list.some((c) => c.id === Number(m[1]))) {
            state.comments.set(n, list.filter((c) => c.id !== Number(m[1])));
            return [204, ''];
          }
        }
        return notFound;
      },
    ],
    [r('/issues/comments/(\\d+)/reactions'), 'POST', () => [201, { id: nextId++, content: 'eyes' }]],
    [
      r('/collaborators/([^/]+)/permission'),
      'GET',
      (m) => {
        const role = state.permissions.get(decodeURIComponent(m[1]!)) ?? 'none';
        return [200, { permission: role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role, role_name: role, user: { login: m[1] } }];
      },
    ],
    [
      r('/commits/([^/]+)/check-runs'),
      'GET',
      (m, _b, q) => {
        const runs = state.checkRuns.filter((c) => c.head_sha === m[1] && (!q.get('check_name') || c.name === q.get('check_name')));
        return [200, { total_count: runs.length, check_runs: runs }];
      },
    ],
    [
      r('/check-runs'),
      'POST',
      (_m, b) => {
        const run: FakeCheckRun = {
          id: nextId++,
          name: String(b.name),
          head_sha: String(b.head_sha),
          status: String(b.status ?? 'queued'),
          conclusion: (b.conclusion as string) ?? null,
          output: { ...(b.output as object), annotations_count: ((b.output as { annotations?: unknown[] })?.annotations ?? []).length },
          app: { id: appId },
        };
        state.checkRuns.push(run);
        return [201, run];
      },
    ],
    [
      r('/check-runs/(\\d+)'),
      'PATCH',
      (m, b) => {
        const run = state.checkRuns.find((c) => c.id === Number(m[1]));
        if (!run) return notFound;
        const output = b.output as { title?: string; summary?: string; annotations?: unknown[] } | undefined;
        // Like GitHub: a run moved back to queued/in_progress has no conclusion any more.
        const status = String(b.status ?? (b.conclusion ? 'completed' : run.status));
        Object.assign(run, { status, conclusion: status === 'completed' ? ((b.conclusion as string) ?? run.conclusion) : null });
        if (output) run.output = { title: output.title, summary: output.summary, annotations_count: run.output.annotations_count + (output.annotations?.length ?? 0) };
        return [200, run];
      },
    ],
    [
      r('/actions/runs'),
      'GET',
      (_m, _b, q, req) => {
        const runs = state.runs.filter(
          (run) =>
            (!q.get('head_sha') || run.head_sha === q.get('head_sha')) &&
            (!q.get('branch') || run.head_branch === q.get('branch')) &&
            (!q.get('event') || run.event === q.get('event')) &&
            (!q.get('status') || run.status === q.get('status')),
        );
        const [page, headers] = paged(runs, q, here(req));
        return [
          200,
          { total_count: runs.length, workflow_runs: page.map(({ artifacts: _, head_full_name, ...run }) => {
            const head = head_full_name ?? `${state.owner}/${state.name}`;
            return { ...run, repository: { owner: { login: state.owner }, full_name: `${state.owner}/${state.name}` }, head_repository: { owner: { login: head.split('/')[0] }, full_name: head } };
          }) },
          headers,
        ];
      },
    ],
    [
      r('/actions/runs/(\\d+)/artifacts'),
      'GET',
      (m) => {
        const run = state.runs.find((x) => x.id === Number(m[1]));
        const artifacts = (run?.artifacts ?? []).map((a) => ({ id: a.id, name: a.name, expired: false, size_in_bytes: a.zip.length }));
        return [200, { total_count: artifacts.length, artifacts }];
      },
    ],
    // Like GitHub, the archive URL redirects to blob storage.
    [r('/actions/artifacts/(\\d+)/zip'), 'GET', (m) => [302, '', { location: `${base()}/blobs/artifact-${m[1]}.zip` }]],
    [
      r('/compare/([^.]+)\\.\\.\\.(.+)'),
      'GET',
      () => [200, { files: [...new Set([...state.pulls.values()].flatMap((p) => p.files))].slice(0, COMPARE_FILES_CAP).map((filename) => ({ filename, status: 'modified' })) }],
    ],
  ];
}

export interface FakeGitHubOptions {
  appId?: number;
  /**
   * Delay before each answer. GitHub answers in tens to hundreds of milliseconds; with a delay,
   * replicas racing on one pull request overlap the way they do against the real API.
   */
  latencyMs?: number;
}

export async function startFakeGitHub(repo: Partial<FakeRepo> & { owner: string; name: string }, options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const appId = options.appId ?? 4242;
  const state: FakeRepo = {
    defaultBranch: 'main',
    files: new Map(),
    pulls: new Map(),
    comments: new Map(),
    checkRuns: [],
    runs: [],
    permissions: new Map(),
    ...repo,
  };
  const requests: string[] = [];
  const problems: string[] = [];
  const failures: { pattern: RegExp; times: number; status: number; headers: Record<string, string> }[] = [];
  let url = '';
  let writesInFlight = 0;
  let peakWrites = 0;
  const table = routes(state, appId, () => url);

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const write = request.method !== 'GET';
      if (write) peakWrites = Math.max(peakWrites, ++writesInFlight);
      setTimeout(() => {
        if (write) writesInFlight--;
        answer(request, response, Buffer.concat(chunks).toString('utf8'));
      }, options.latencyMs ?? 0);
    });
  });
  function answer(request: IncomingMessage, response: ServerResponse, raw: string): void {
    const full = new URL(request.url ?? '/', url);
    if (full.pathname.startsWith('/blobs/artifact-')) {
      const id = Number(/artifact-(\d+)/.exec(full.pathname)![1]);
      const artifact = state.runs.flatMap((x) => x.artifacts).find((a) => a.id === id);
      if (artifact) json(response, 200, artifact.zip);
      else json(response, 404, { message: 'Not Found' });
      return;
    }
    const path = full.pathname.replace(/^\/api\/v3/, '');
    const line = `${request.method} ${path}`;
    requests.push(line);
    problems.push(...checkGitHubRequest(request.method ?? 'GET', full.toString(), raw || undefined));
    const failure = failures.find((f) => f.times > 0 && f.pattern.test(line));
    if (failure) {
      failure.times--;
      json(response, failure.status, { message: `injected ${failure.status}` }, failure.headers);
      return;
    }
    const route = table.find(([pattern, method]) => method === request.method && pattern.test(path));
    if (!route) {
      json(response, 404, { message: `fake GitHub has no route for ${line}` });
      return;
    }
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      json(response, 400, { message: 'Problems parsing JSON' });
      return;
    }
    const [status, value, headers] = route[2](path.match(route[0])!, body, full.searchParams, request);
    json(response, status, value, headers);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    host: `127.0.0.1:${port}`,
    appId,
    repo: state,
    requests,
    problems,
    peakConcurrentWrites: () => peakWrites,
    failNext(pattern, times, status, headers = {}) {
      failures.push({ pattern, times, status, headers });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
