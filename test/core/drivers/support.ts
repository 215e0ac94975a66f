/** Shared pieces of the driver tests: a driver context that records its log, and waiting. */
import { type ChildProcess, spawn } from 'node:child_process';
import type { DriverContext } from '../../../core/drivers/types.ts';

export function testContext(faultId = `t${process.pid}-${Date.now().toString(36)}`): DriverContext & { logs: string[] } {
  const logs: string[] = [];
  return { faultId, owner: 'sre-team', signal: new AbortController().signal, log: (m) => logs.push(m), logs };
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A long-running child whose command line carries a unique marker to match on. */
export function spawnSleeper(marker: string): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: 'ignore' });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
