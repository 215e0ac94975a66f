/**
 * Files an action reads from or writes into the checkout. The checkout is the pull request's: it
 * can hold symbolic links (`faultline-result.json -> /home/runner/.bashrc`) and the workflow's path
 * inputs can say `../../x`. Every path an action takes from an input or writes an artefact to is
 * confined here: it must resolve inside the workspace, and no symbolic link on the way may lead
 * out of it. A refusal is a FaultlineError naming the path, so the action still ends with a reason.
 */
import { closeSync, constants, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, realpathSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { FaultlineError } from '../../core/errors.ts';

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realWorkspace(workspace: string): string {
  try {
    return realpathSync(workspace);
  } catch {
    return resolve(workspace);
  }
}

/**
 * `given` (relative to the workspace, or absolute) as an absolute path, when it stays inside the
 * workspace without following links; `what` names it in the error (e.g. "input journal-path").
 */
export function pathInWorkspace(workspace: string, given: string, what: string): string {
  const full = resolve(workspace, given);
  if (!isInside(resolve(workspace), full)) {
    throw new FaultlineError(`${what}: '${given}' is outside the workspace ${workspace}`, {
      hint: 'give a path relative to the workspace (the checked-out repository), without .. leading out of it',
    });
  }
  return full;
}

/** Where a symbolic link points, for messages (the link's own text when it cannot be resolved). */
function linkTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return resolve(dirname(path), readlinkSync(path));
    } catch {
      return '(unreadable link)';
    }
  }
}

function refuseLink(what: string, path: string, workspace: string, via: string): FaultlineError {
  return new FaultlineError(`${what}: refusing ${path}: ${via} is a symbolic link to ${linkTarget(via)}, outside the workspace ${workspace}`, {
    hint: 'the checkout must not redirect Faultline files out of the workspace; remove the link or choose another path',
  });
}

/**
 * The real path of an existing file inside the workspace; refuses a path that is outside it or
 * reaches outside it through a symbolic link.
 */
export function existingFileInWorkspace(workspace: string, given: string, what: string): string {
  const full = pathInWorkspace(workspace, given, what);
  const root = realWorkspace(workspace);
  let real: string;
  try {
    real = realpathSync(full);
  } catch (error) {
    throw new FaultlineError(`${what}: cannot read '${given}' (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      hint: 'the path is relative to the workspace; did the job check out the repository first?',
      cause: error,
    });
  }
  if (!isInside(root, real)) throw refuseLink(what, given, workspace, firstLinkOut(full, root) ?? full);
  return real;
}

/** The first component of `path` that is a symbolic link leading out of `root`, if any. */
function firstLinkOut(path: string, root: string): string | undefined {
  let current = path;
  const chain: string[] = [];
  while (current !== dirname(current)) {
    chain.unshift(current);
    current = dirname(current);
  }
  for (const part of chain) {
    try {
      if (lstatSync(part).isSymbolicLink() && !isInside(root, linkTarget(part))) return part;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Reads a file inside the workspace as bytes (see existingFileInWorkspace). */
export function readWorkspaceBytes(workspace: string, given: string, what: string): Buffer {
  return readFileSync(existingFileInWorkspace(workspace, given, what));
}

/** Strict UTF-8: a file that is not text is refused, not decoded into replacement characters. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FaultlineError('is not UTF-8 text', { file, hint: 'save the file as UTF-8 (it may be binary or in another encoding)' });
  }
}

/**
 * Where a file to be written inside the workspace really goes: refuses when the path or any link
 * on it (a folder, or the file itself) leads outside the workspace. Creates missing folders.
 */
export function outputPathInWorkspace(workspace: string, given: string, what: string): string {
  const full = pathInWorkspace(workspace, given, what);
  const root = realWorkspace(workspace);
  // The deepest folder that exists, by its real path; folders below it are created inside it.
  let existing = dirname(full);
  const missing: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      missing.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
  let realDir: string;
  try {
    realDir = realpathSync(existing);
  } catch {
    throw refuseLink(what, given, workspace, existing);
  }
  if (!isInside(root, realDir)) throw refuseLink(what, given, workspace, firstLinkOut(existing, root) ?? existing);
  const dir = join(realDir, ...missing);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, basename(full));
  try {
    if (!lstatSync(target).isSymbolicLink()) return target;
  } catch {
    return target; // a new file
  }
  const real = linkTarget(target);
  if (real === '(unreadable link)' || !isInside(root, real)) throw refuseLink(what, given, workspace, full);
  return real;
}

/**
 * Writes `text` to `given` inside the workspace (see outputPathInWorkspace); the final open does
 * not follow a link, so a link swapped in after the check is not followed either. Returns the
 * absolute path as given.
 */
export function writeWorkspaceFile(workspace: string, given: string, text: string, what: string): string {
  const target = outputPathInWorkspace(workspace, given, what);
  let fd: number;
  try {
    fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw refuseLink(what, given, workspace, target);
    throw new FaultlineError(`${what}: cannot write ${given} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return pathInWorkspace(workspace, given, what);
}
