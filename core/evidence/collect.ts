/**
 * Turns the PATH|GLOB arguments of `evidence pack` into the files to copy and their path inside the
 * bundle. Symlinks are refused when they lead outside the paths given (a pull request could
 * otherwise plant `logs/x -> ~/.ssh/id_rsa` and have it packed and published); a symlink to a
 * file inside them is packed as that file's contents. Sockets, FIFOs and devices are refused.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import { FaultlineError } from '../errors.ts';

export interface EvidenceSource {
  /** Absolute path to read from. */
  source: string;
  /** '/'-separated path inside the bundle's files/ folder. */
  path: string;
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/** The part of a glob before its first wildcard segment: what the glob can reach. */
function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (fg.isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/') || '.';
}

function bundlePath(absolute: string, cwd: string, argumentParent: string): string {
  const inCwd = relative(cwd, absolute);
  const rel = !inCwd.startsWith('..') && !isAbsolute(inCwd) ? inCwd : relative(argumentParent, absolute);
  return rel.split(sep).join('/');
}

export function collectEvidence(patterns: string[], cwd: string): EvidenceSource[] {
  if (patterns.length === 0) throw new FaultlineError('give at least one file, folder or glob to pack', { hint: 'e.g. faultline evidence pack faultline-*.json logs/' });
  const found = new Map<string, EvidenceSource>();
  const add = (source: string, path: string) => {
    const earlier = found.get(path);
    if (earlier && earlier.source !== source) {
      throw new FaultlineError(`two files would both be packed as files/${path}: ${earlier.source} and ${source}`, { hint: 'give them from different folders, or pack them in separate bundles' });
    }
    found.set(path, { source, path });
  };

  for (const pattern of patterns) {
    const dynamic = fg.isDynamicPattern(pattern);
    const base = resolve(cwd, dynamic ? globBase(pattern) : pattern);
    let root: string;
    try {
      root = realpathSync(base);
    } catch {
      throw new FaultlineError(`${pattern}: no such file or folder`, { hint: 'check the path (relative paths are from the current folder)' });
    }
    const argumentParent = resolve(base, '..');
    const candidates = dynamic
      ? fg.sync(pattern, { cwd, dot: true, onlyFiles: false, followSymbolicLinks: false, absolute: true }).sort()
      : [base];
    if (dynamic && candidates.length === 0) throw new FaultlineError(`${pattern}: the pattern matches no file`, { hint: 'check the pattern against the folder layout' });

    const visit = (path: string): void => {
      const link = lstatSync(path);
      if (link.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(path);
        } catch {
          throw new FaultlineError(`${path}: symlink to a file that does not exist`, { hint: 'remove the link or give its target' });
        }
        if (!within(target, root)) {
          throw new FaultlineError(`${path}: symlink leads outside ${pattern} (to ${target}); refusing to pack it`, {
            hint: 'give the target itself if it is meant to be evidence, or remove the link',
          });
        }
        if (statSync(target).isDirectory()) throw new FaultlineError(`${path}: symlink to a folder; refusing to follow it`, { hint: 'give the folder itself' });
        add(target, bundlePath(path, cwd, argumentParent));
        return;
      }
      if (link.isDirectory()) {
        for (const entry of readdirSync(path).sort()) visit(join(path, entry));
        return;
      }
      if (!link.isFile()) throw new FaultlineError(`${path}: not a regular file (socket, FIFO or device); refusing to pack it`, { hint: 'give regular files only' });
      add(path, bundlePath(path, cwd, argumentParent));
    };
    for (const candidate of candidates) visit(candidate);
  }
  if (found.size === 0) throw new FaultlineError(`nothing to pack: ${patterns.join(' ')} hold no files`, { hint: 'check that the drill wrote its files before this step' });
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
