/**
 * Tools name files in their own ways: relative to the scanned directory (snyk displayTargetFile),
 * with a leading slash relative to the repository (checkov repo_file_path), as file: URIs or
 * against a uriBaseId (SARIF). Everything becomes a repository-relative path with forward slashes,
 * so a finding has the same path on every machine and in every run.
 */
import { isAbsolute, posix, win32 } from 'node:path';

export interface PathContext {
  /** Absolute path of the repository root (the workspace); paths under it are made relative. */
  root?: string;
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Absolute paths under the root become relative; a leading slash alone (checkov) means the repository root. */
export function repoPath(raw: string | undefined, context: PathContext): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  let path = toPosix(String(raw).trim());
  if (path === '') return undefined;
  if (path.startsWith('file://')) path = fileUriPath(path);
  const root = context.root ? toPosix(context.root).replace(/\/+$/, '') : undefined;
  if (root && (path === root || path.startsWith(`${root}/`))) return posix.normalize(path.slice(root.length + 1) || '.');
  if (/^[A-Za-z]:\//.test(path) && root && win32.isAbsolute(root)) {
    return toPosix(win32.relative(root, path));
  }
  const normalized = posix.normalize(path.replace(/^\/+/, ''));
  return normalized === '.' ? undefined : normalized.replace(/^(\.\/)+/, '');
}

export function fileUriPath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri.replace(/^file:\/\//, '');
  }
}

/** Joins a base (scan directory, SARIF uriBaseId) and a relative path, then makes it repository-relative. */
export function joinedRepoPath(base: string | undefined, path: string | undefined, context: PathContext): string | undefined {
  if (path === undefined) return undefined;
  const slashed = toPosix(path);
  if (!base || isAbsolute(slashed) || slashed.startsWith('file://')) return repoPath(slashed, context);
  const joined = posix.join(toPosix(base.startsWith('file://') ? fileUriPath(base) : base), slashed);
  // A base outside the repository (a scan of another machine's checkout) says nothing about where
  // the file sits in this one: keep the tool's relative path.
  const root = context.root ? toPosix(context.root).replace(/\/+$/, '') : undefined;
  if (root && (joined === root || joined.startsWith(`${root}/`))) return repoPath(joined, context);
  return repoPath(slashed, context);
}

