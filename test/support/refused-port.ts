/**
 * A loopback TCP port that refuses connections for the whole test, even while other test files
 * open and close servers in parallel.
 *
 * A port freed after `listen(0)` sits in the ephemeral range, so any other server (or the
 * kernel, as a connection's source port) may take it a moment later and the "closed" port answers.
 * Privileged ports (below 1024) are never handed out by `listen(0)` nor used as source ports:
 * one that nothing listens on now stays refused.
 */
import { readFileSync } from 'node:fs';

/** Ports in LISTEN state (st 0A) on any address, from /proc/net/tcp and tcp6. */
function listeningPorts(): Set<number> {
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== '0A') continue;
      const port = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
      if (Number.isInteger(port)) ports.add(port);
    }
  }
  return ports;
}

export function refusedPort(): number {
  const taken = listeningPorts();
  // Start high in the privileged range: well-known services live at the bottom of it.
  for (let port = 1000; port > 600; port--) {
    if (!taken.has(port)) return port;
  }
  throw new Error('no unused privileged port between 601 and 1000');
}
