/**
 * Git objects for a set of files at several refs, as GitHub's git trees and contents APIs return
 * them: blob SHAs are git's own (`sha1("blob <size>\0<content>")`), and tree SHAs are git's too
 * (entries sorted as git sorts them), so a directory's SHA changes exactly when a file below it
 * does. Files are `ref:path` → text, where a ref is a branch name or a commit SHA.
 */
import { createHash } from 'node:crypto';

export interface GitTreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
  size?: number;
}

export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function treeSha(entries: GitTreeEntry[]): string {
  const sortKey = (e: GitTreeEntry) => (e.type === 'tree' ? `${e.path}/` : e.path);
  const body = Buffer.concat(
    [...entries]
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))
      .map((e) => Buffer.concat([Buffer.from(`${e.mode} ${e.path}\0`), Buffer.from(e.sha, 'hex')])),
  );
  return createHash('sha1').update(`tree ${body.length}\0`).update(body).digest('hex');
}

export class FakeGit {
  readonly files: Map<string, string>;
  /** Tree SHA → its entries, for every tree computed so far. */
  readonly #trees = new Map<string, GitTreeEntry[]>();

  constructor(files: Map<string, string>) {
    this.files = files;
  }

  /** Paths (relative to `dir`) of the files at `ref` below `dir` ('' for the root). */
  #below(ref: string, dir: string): Map<string, string> {
    const prefix = `${ref}:${dir ? `${dir}/` : ''}`;
    const found = new Map<string, string>();
    for (const [key, text] of this.files) if (key.startsWith(prefix)) found.set(key.slice(prefix.length), text);
    return found;
  }

  #build(ref: string, dir: string): string {
    const children = new Map<string, GitTreeEntry>();
    for (const [rest, text] of this.#below(ref, dir)) {
      const [name, ...deeper] = rest.split('/');
      if (deeper.length === 0) children.set(name!, { path: name!, mode: '100644', type: 'blob', sha: gitBlobSha(text), size: Buffer.byteLength(text) });
      else if (!children.has(name!)) children.set(name!, { path: name!, mode: '040000', type: 'tree', sha: this.#build(ref, dir ? `${dir}/${name}` : name!) });
    }
    const entries = [...children.values()];
    const sha = treeSha(entries);
    this.#trees.set(sha, entries);
    return sha;
  }

  /** `GET /git/trees/{tree_sha}`: a tree by SHA, or the root tree of a ref; undefined when unknown. */
  tree(treeShaOrRef: string): { sha: string; tree: GitTreeEntry[] } | undefined {
    const known = this.#trees.get(treeShaOrRef);
    if (known) return { sha: treeShaOrRef, tree: known };
    if (this.#below(treeShaOrRef, '').size === 0) return undefined;
    const sha = this.#build(treeShaOrRef, '');
    return { sha, tree: this.#trees.get(sha)! };
  }

  /** The SHA of a directory's tree at `ref` (what GitHub's contents listing shows for a dir). */
  dirSha(ref: string, dir: string): string {
    return this.#build(ref, dir);
  }
}
