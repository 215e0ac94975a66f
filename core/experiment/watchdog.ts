/**
 * Time-to-live enforcement by the engine: when a fault's TTL passes and it is still in force, the
 * watchdog reverts it. Drivers whose backend enforces a TTL itself (stress-ng --timeout, Chaos
 * Mesh duration, FIS) are covered twice, which is harmless because revert is idempotent; drivers
 * whose backend cannot (SIGSTOP, iptables rules) rely on it.
 */
export class Watchdog {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  arm(faultId: string, ttlMs: number, expire: () => Promise<unknown>): void {
    this.disarm(faultId);
    const timer = setTimeout(
      () => {
        this.timers.delete(faultId);
        // The revert reports its own failure into the journal; nothing to add here.
        expire().catch(() => undefined);
      },
      Math.max(0, ttlMs),
    );
    this.timers.set(faultId, timer);
  }

  disarm(faultId: string): void {
    const timer = this.timers.get(faultId);
    if (timer) clearTimeout(timer);
    this.timers.delete(faultId);
  }

  disarmAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  get armed(): number {
    return this.timers.size;
  }
}
