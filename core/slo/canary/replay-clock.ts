/**
 * A clock for replaying a canary over recorded history: it starts at a past instant and each
 * step's wait moves it forward at once, but never past the real present: a step that reaches
 * into the future waits for real until its end has happened, so nothing is judged on data that
 * does not exist yet.
 */
export interface ReplayClock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export function replayClock(
  start: Date,
  realNow: () => Date = () => new Date(),
  realSleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): ReplayClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    async sleep(ms) {
      now += ms;
      const ahead = now - realNow().getTime();
      if (ahead > 0) await realSleep(ahead);
    },
  };
}
