/**
 * A small HTTP service with a primary store and an asynchronously replicated one, for HTTP-writer
 * drills. POST /heartbeat stores `{id}` (acknowledged at once, copied to the replica `lagMs` later,
 * at once when it is 0); GET /heartbeat/:id answers 200 or 404. POST /fail takes it down for
 * `downMs` and then "fails over" to the replica: whatever had not been replicated yet is lost, like
 * an async standby. `onFailover` runs when it is back (e.g. to flip a DNS record, as Route 53 would).
 */
import { json, startTestServer, type TestServer } from './http-server.ts';

export interface HeartbeatService {
  url: string;
  failovers: number;
  /** Ids acknowledged, and ids present now. */
  acknowledged: Set<string>;
  stored(): Set<string>;
  /**
   * The loss as the service itself knows it, from its own acknowledgement times: acknowledged ids
   * missing now, and the newest missing one's ack against the newest surviving one acked before it.
   */
  loss(): { lostWrites: number; rpoSeconds: number };
  close(): Promise<void>;
}

export async function startHeartbeatService(options: { lagMs: number; downMs: number; onFailover?: () => void }): Promise<HeartbeatService> {
  let primary = new Set<string>();
  let replica = new Set<string>();
  let down = false;
  const timers = new Set<NodeJS.Timeout>();
  const acknowledged = new Set<string>();
  const ackedAt = new Map<string, number>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const service: HeartbeatService = {
    url: '',
    failovers: 0,
    acknowledged,
    stored: () => new Set(primary),
    loss: () => {
      let rpoMs = 0;
      let lostWrites = 0;
      let lastSurvivor: number | undefined;
      // A Map iterates in insertion order: the order of acknowledgement.
      for (const [id, at] of ackedAt) {
        if (primary.has(id)) lastSurvivor = at;
        else {
          lostWrites++;
          rpoMs = Math.max(rpoMs, at - (lastSurvivor ?? at));
        }
      }
      return { lostWrites, rpoSeconds: rpoMs / 1000 };
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await server.close();
    },
  };
  const server: TestServer = await startTestServer((request, response) => {
    if (request.method === 'POST' && request.path === '/fail') {
      down = true;
      service.failovers++;
      // The replica becomes the primary as it is now: copies still in flight are lost.
      const promoted = new Set(replica);
      replica = new Set();
      later(options.downMs, () => {
        primary = new Set(promoted);
        replica = new Set(promoted);
        down = false;
        options.onFailover?.();
      });
      json(response, 202, { failing: true });
      return;
    }
    if (down) {
      json(response, 503, { error: 'failing over' });
      return;
    }
    if (request.method === 'POST' && request.path === '/heartbeat') {
      const { id } = JSON.parse(request.body) as { id: string };
      primary.add(id);
      const target = replica;
      // No lag is a synchronous replica: even a timer of 0 ms lets a failover on a loaded machine
      // slip in between, losing a write that a drill expecting none then reports.
      if (options.lagMs === 0) target.add(id);
      else later(options.lagMs, () => target.add(id));
      acknowledged.add(id);
      ackedAt.set(id, performance.now());
      json(response, 201, { id });
      return;
    }
    const match = /^\/heartbeat\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && match) {
      json(response, primary.has(decodeURIComponent(match[1]!)) ? 200 : 404, {});
      return;
    }
    json(response, 404, { error: 'no such route' });
  });
  service.url = server.url;
  return service;
}
