/**
 * What an operator installs: the GitHub App manifest (app.yml) must ask for exactly the events the
 * code handles and the permissions they need, and the Dockerfile must run the app unprivileged with
 * a health check and ship every file the app imports. There is no Docker engine here, so the image
 * itself is not built; these checks read the files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Probot } from 'probot';
import { parse } from 'yaml';
import { faultlineApp } from '../../app/index.ts';
import { WEBHOOK_PATH } from '../../app/server.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const manifest = parse(readFileSync(join(ROOT, 'app.yml'), 'utf8')) as {
  name: string;
  url: string;
  hook_attributes: { url: string };
  default_permissions: Record<string, string>;
  default_events: string[];
};
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** `event.action` names the app registers handlers for. */
function subscribedEvents(): string[] {
  const names: string[] = [];
  const recorder = { on: (events: string | string[]) => names.push(...[events].flat()) };
  faultlineApp({ appId: 1 })(recorder as unknown as Probot);
  return names;
}

/** The permission GitHub requires before it sends an app each event. */
const PERMISSION_FOR_EVENT: Record<string, string> = {
  pull_request: 'pull_requests',
  workflow_run: 'actions',
  check_suite: 'checks',
  check_run: 'checks',
  merge_group: 'merge_queues',
  issue_comment: 'issues',
};

describe('app.yml, the GitHub App manifest', () => {
  it('subscribes to exactly the events the app handles', () => {
    const handled = [...new Set(subscribedEvents().map((name) => name.split('.')[0]!))].sort();
    expect([...manifest.default_events].sort()).toEqual(handled);
  });

  it('asks for the permissions the app uses and no others', () => {
    expect(manifest.default_permissions).toEqual({
      checks: 'write',
      pull_requests: 'write',
      issues: 'write',
      actions: 'read',
      contents: 'read',
      metadata: 'read',
      merge_queues: 'read',
    });
  });

  it('grants each subscribed event the permission GitHub requires to deliver it', () => {
    for (const event of manifest.default_events) {
      expect({ event, permission: manifest.default_permissions[PERMISSION_FOR_EVENT[event] ?? 'unknown'] }).toEqual({ event, permission: expect.stringMatching(/^(read|write)$/) });
    }
  });

  it('points the webhook at the path the server listens on', () => {
    expect(new URL(manifest.hook_attributes.url).pathname).toBe(WEBHOOK_PATH);
    expect(manifest.name).toBe('Faultline');
  });
});

/** Relative imports reachable from `entries`, statically (what `faultline app` loads). */
function importClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = entries.map((e) => join(ROOT, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) queue.push(resolve(dirname(file), match[1]!));
  }
  return [...seen].map((f) => relative(ROOT, f));
}

describe('Dockerfile', () => {
  const lines = dockerfile.split('\n').filter((l) => !l.startsWith('#'));
  const instruction = (name: string) => lines.filter((l) => l.startsWith(`${name} `));

  it('builds on Node 24 and installs production dependencies only, from the lockfile', () => {
    expect(instruction('FROM')).toEqual([expect.stringMatching(/^FROM node:24[-.\w]*$/)]);
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev\b/);
  });

  it('runs `bin/faultline app` as a non-root user, with a health check on /healthz', () => {
    expect(instruction('CMD')).toEqual(['CMD ["bin/faultline", "app"]']);
    const [user] = instruction('USER');
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(dockerfile).toMatch(/HEALTHCHECK [^\n]*\\\n\s+CMD [^\n]*\/healthz/);
  });

  it('copies every file the app loads', () => {
    const copied = instruction('COPY').map((l) => l.split(/\s+/)[1]!);
    for (const path of copied) expect({ path, exists: existsSync(join(ROOT, path)) }).toEqual({ path, exists: true });
    const loaded = importClosure(['cli/main.ts', 'cli/commands/app.ts', 'app/server.ts']);
    expect(loaded.length).toBeGreaterThan(20);
    const missing = loaded.filter((file) => !copied.some((path) => file === path || file.startsWith(`${path.replace(/\/$/, '')}/`)));
    expect(missing).toEqual([]);
  });
});
