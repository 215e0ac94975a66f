/** The drill's clocks: monotonic milliseconds for every interval, wall time for display only. */
export interface Clock {
  now(): number;
  wall(): Date;
}

export const systemClock: Clock = { now: () => performance.now(), wall: () => new Date() };

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
