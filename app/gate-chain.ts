/**
 * Whether anything that produced a workflow run's results differs from the default branch: the
 * workflow file, every local action (`uses: ./…`, its whole directory including a committed
 * `dist/`, and the local actions a composite action uses in turn), every local reusable workflow
 * (`jobs.<id>.uses: ./.github/workflows/…`, recursively) and `.github/faultline.yml`. A pull
 * request can change any of these; then its run's results cannot decide a gate that protects the
 * default branch.
 *
 * Files and directories are compared by their git object SHA (blob or tree) at the run's head
 * commit and at the default branch, read from the git trees API: a tree SHA covers every file
 * below it. Workflow and action files are parsed with `yaml` from the run's own version (what ran).
 */
import { parse } from 'yaml';
import type { GitHubRequester } from './workflow-results.ts';

export const CONFIG_PATH = '.github/faultline.yml';
/** Reusable workflows may call reusable workflows; GitHub allows four levels, composite actions ten. */
const MAX_DEPTH = 10;

interface Repo {
  owner: string;
  repo: string;
}

interface TreeEntry {
  path: string;
  type: string;
  sha: string;
}

/** Git objects never change, so trees are cached by SHA across evaluations (bounded). */
const MAX_CACHED_TREES = 5000;
const treeCache = new Map<string, TreeEntry[]>();

/** Reads paths at commits through the git trees API, caching within one evaluation. */
export class RepoSnapshot {
  readonly #api: GitHubRequester;
  readonly #repo: Repo;
  readonly #roots = new Map<string, Promise<string | undefined>>();
  readonly #texts = new Map<string, Promise<string | undefined>>();

  constructor(api: GitHubRequester, repo: Repo) {
    this.#api = api;
    this.#repo = repo;
  }

  readonly #pending = new Map<string, Promise<TreeEntry[]>>();

  /** A tree by SHA: from the cache, from a read already under way (the default branch and the head often share subtrees), or read now. */
  #tree(sha: string): Promise<TreeEntry[]> {
    const key = `${this.#repo.owner}/${this.#repo.repo}@${sha}`;
    const cached = treeCache.get(key);
    if (cached) return Promise.resolve(cached);
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.#api.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...this.#repo, tree_sha: sha }).then(({ data }) => {
        const entries = (data as { tree: TreeEntry[] }).tree.map(({ path, type, sha: s }) => ({ path, type, sha: s }));
        if (treeCache.size >= MAX_CACHED_TREES) treeCache.delete(treeCache.keys().next().value!);
        treeCache.set(key, entries);
        return entries;
      });
      this.#pending.set(key, pending);
    }
    return pending;
  }

  /** The root tree SHA of a commit or branch (a branch is read once per evaluation: it moves). */
  rootOf(ref: string): Promise<string | undefined> {
    let root = this.#roots.get(ref);
    if (!root) {
      root = this.#api.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...this.#repo, tree_sha: ref }).then(
        ({ data }) => {
          const tree = data as { sha: string; tree: TreeEntry[] };
          if (!treeCache.has(`${this.#repo.owner}/${this.#repo.repo}@${tree.sha}`)) treeCache.set(`${this.#repo.owner}/${this.#repo.repo}@${tree.sha}`, tree.tree.map(({ path, type, sha }) => ({ path, type, sha })));
          return tree.sha;
        },
        (error: { status?: number }) => {
          if (error.status === 404 || error.status === 409) return undefined;
          throw error;
        },
      );
      this.#roots.set(ref, root);
    }
    return root;
  }

  /** The object SHA of `path` (a file's blob, a directory's tree) at `ref`; undefined when absent. */
  async objectSha(ref: string, path: string): Promise<string | undefined> {
    let sha = await this.rootOf(ref);
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    for (const part of parts) {
      if (sha === undefined) return undefined;
      const entry = (await this.#tree(sha)).find((e) => e.path === part);
      if (!entry) return undefined;
      if (entry.type !== 'tree' && part !== parts.at(-1)) return undefined;
      sha = entry.sha;
    }
    return sha;
  }

  /** A small text file at `ref` (workflow, action metadata); undefined when absent. */
  text(ref: string, path: string): Promise<string | undefined> {
    const key = `${ref}:${path}`;
    let text = this.#texts.get(key);
    if (!text) {
      text = this.#api.request('GET /repos/{owner}/{repo}/contents/{path}', { ...this.#repo, path, ref }).then(
        ({ data }) => {
          const file = data as { type?: string; content?: string; encoding?: string };
          if (file.type !== 'file' || typeof file.content !== 'string') return undefined;
          return Buffer.from(file.content, 'base64').toString('utf8');
        },
        (error: { status?: number }) => {
          if (error.status === 404) return undefined;
          throw error;
        },
      );
      this.#texts.set(key, text);
    }
    return text;
  }
}

/**
 * `./actions/x` → `actions/x`; `./` → `` (the repository root, whose tree is the whole commit);
 * `..` is resolved, and a path that leaves the repository becomes `..` (never found: changed).
 */
function localPath(uses: string): string {
  const parts: string[] = [];
  for (const part of uses.replace(/^\.\//, '').split('/')) {
    if (part === '..') {
      if (parts.length === 0) return '..';
      parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function isLocal(uses: unknown): uses is string {
  return typeof uses === 'string' && uses.trim().startsWith('./');
}

function parsed(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = parse(text, { maxAliasCount: 100 }) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Local `uses:` of a workflow: reusable workflows (job level) and actions (step level). */
function workflowUses(doc: Record<string, unknown>): { workflows: string[]; actions: string[] } {
  const workflows: string[] = [];
  const actions: string[] = [];
  const jobs = doc.jobs && typeof doc.jobs === 'object' ? Object.values(doc.jobs as Record<string, unknown>) : [];
  for (const job of jobs) {
    if (!job || typeof job !== 'object') continue;
    const { uses, steps } = job as { uses?: unknown; steps?: unknown };
    if (isLocal(uses)) workflows.push(localPath(uses.trim().replace(/@.*$/, '')));
    if (Array.isArray(steps)) for (const step of steps) if (step && isLocal((step as { uses?: unknown }).uses)) actions.push(localPath(String((step as { uses: string }).uses).trim()));
  }
  return { workflows, actions };
}

/**
 * Files a JavaScript action's `main`/`pre`/`post` name outside its own directory (`../lib/x.js`):
 * its directory's tree does not cover them, so they are compared on their own.
 */
function entryPointsOutside(dir: string, doc: Record<string, unknown>): string[] {
  const runs = doc.runs as Record<string, unknown> | undefined;
  const out: string[] = [];
  for (const key of ['main', 'pre', 'post']) {
    const entry = runs?.[key];
    if (typeof entry !== 'string' || !entry.includes('..')) continue;
    out.push(localPath(dir ? `${dir}/${entry}` : entry));
  }
  return out;
}

/** Local actions a composite action's steps use. */
function compositeUses(doc: Record<string, unknown>): string[] {
  const runs = doc.runs as { using?: unknown; steps?: unknown } | undefined;
  if (runs?.using !== 'composite' || !Array.isArray(runs.steps)) return [];
  return runs.steps.filter((s) => s && isLocal((s as { uses?: unknown }).uses)).map((s) => localPath(String((s as { uses: string }).uses).trim()));
}

export interface ChainCheck {
  /** Paths of the chain that differ from the default branch (empty: the run is trusted). */
  changed: string[];
  /** Every path the chain consists of, for the summary. */
  checked: string[];
}

/**
 * Compares the chain that produced a run at `headSha` with `defaultRef`. Anything that cannot be
 * read at the head (a missing local action, an unparsable workflow) counts as changed: fail closed.
 */
export async function checkGateChain(snapshot: RepoSnapshot, workflowPath: string, headSha: string, defaultRef: string): Promise<ChainCheck> {
  const changed = new Set<string>();
  const checked = new Set<string>();
  /** `mustExist`: a workflow or action that is not there cannot be vouched for. */
  const compare = async (path: string, label = path, mustExist = true): Promise<boolean> => {
    checked.add(label);
    const [onDefault, atHead] = await Promise.all([snapshot.objectSha(defaultRef, path), snapshot.objectSha(headSha, path)]);
    const same = onDefault === atHead && (atHead !== undefined || !mustExist);
    if (!same) changed.add(label);
    return same;
  };
  const tooDeep = (label: string) => changed.add(`${label} (nested too deep to check)`);

  const visitAction = async (dir: string, depth: number): Promise<void> => {
    const label = dir === '' ? './ (the repository root)' : `${dir}/`;
    if (checked.has(label)) return;
    const same = await compare(dir, label);
    if (depth >= MAX_DEPTH) return void tooDeep(label);
    const metadata = parsed((await snapshot.text(headSha, `${dir ? `${dir}/` : ''}action.yml`)) ?? (await snapshot.text(headSha, `${dir ? `${dir}/` : ''}action.yaml`)));
    if (!metadata) {
      if (same) return;
      changed.add(label);
      return;
    }
    for (const file of entryPointsOutside(dir, metadata)) await compare(file);
    for (const inner of compositeUses(metadata)) await visitAction(inner, depth + 1);
  };

  const visitWorkflow = async (path: string, depth: number): Promise<void> => {
    if (checked.has(path)) return;
    await compare(path);
    const doc = parsed(await snapshot.text(headSha, path));
    if (!doc) {
      changed.add(path);
      return;
    }
    if (depth >= MAX_DEPTH) return void tooDeep(path);
    const { workflows, actions } = workflowUses(doc);
    for (const action of actions) await visitAction(action, depth + 1);
    for (const workflow of workflows) await visitWorkflow(workflow, depth + 1);
  };

  await visitWorkflow(workflowPath, 0);
  await compare(CONFIG_PATH, CONFIG_PATH, false);
  return { changed: [...changed].sort(), checked: [...checked].sort() };
}
