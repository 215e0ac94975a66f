/**
 * Progress for long waits, on stderr so stdout stays one document. A person at a terminal sees one
 * live line counting down; a CI log gets a plain line when the wait starts and one a minute after,
 * so a 20-minute canary step is never 20 silent minutes.
 */
import type { CliIO } from './io.ts';

const MINUTE_MS = 60_000;

export function formatWait(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes}m${seconds > 0 ? ` ${String(seconds).padStart(2, '0')}s` : ''}` : `${seconds}s`;
}

export interface WaitProgressOptions {
  /** Interval of the plain lines when stderr is not a terminal (default one minute). */
  plainEveryMs?: number;
  now?: () => number;
}

/** Runs `wait` (which resolves after `ms`) while telling `io.stderr` what is awaited and for how long. */
export async function waitWithProgress(io: CliIO, what: string, ms: number, wait: (ms: number) => Promise<void>, options: WaitProgressOptions = {}): Promise<void> {
  const now = options.now ?? Date.now;
  const end = now() + ms;
  const live = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
  const until = new Date(end).toISOString().slice(11, 19);
  const line = () => `${what}: ${formatWait(end - now())} left (until ${until} UTC)`;
  if (live) io.stderr.write(`\r\u001b[2K${line()}`);
  else io.stderr.write(`${what}: waiting ${formatWait(ms)} (until ${until} UTC)\n`);
  const ticker = setInterval(
    () => {
      if (live) io.stderr.write(`\r\u001b[2K${line()}`);
      else io.stderr.write(`${line()}\n`);
    },
    live ? 1000 : (options.plainEveryMs ?? MINUTE_MS),
  );
  try {
    await wait(ms);
  } finally {
    clearInterval(ticker);
    if (live) io.stderr.write('\r\u001b[2K');
  }
}
