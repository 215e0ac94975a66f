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

/** A reporter for work counted in steps (files linted, statements applied). */
export interface WorkProgress {
  /** `done` steps of the total are finished; `detail` names what is being worked on. Cheap: call it often. */
  update(done: number, detail?: string): void;
  /** Clears the live line (if drawn) before something else is written to the terminal; the next update redraws it. */
  hide(): void;
  /** The work is over: clears the live line; in a log, a last line only when earlier ones were printed. */
  done(): void;
}

export interface WorkProgressOptions {
  now?: () => number;
  /** Least time between redraws of the live line on a terminal (default 100 ms: at most ~10 a second). */
  liveEveryMs?: number;
  /** Least time between plain lines when stderr is not a terminal (default 10 s). */
  plainEveryMs?: number;
  /** Nothing is shown before the work has run this long (default 2 s in a log, 0.5 s on a terminal), so short runs stay quiet. */
  quietUnderMs?: number;
}

/**
 * FAULTLINE_PROGRESS_EVERY_MS (for tests only): plain lines at most that often and no quiet start,
 * so a test can see progress from a run that takes a fraction of a second.
 */
export function workProgressOptionsFrom(env: NodeJS.ProcessEnv): WorkProgressOptions {
  const every = Number(env.FAULTLINE_PROGRESS_EVERY_MS);
  if (env.FAULTLINE_PROGRESS_EVERY_MS === undefined || env.FAULTLINE_PROGRESS_EVERY_MS === '' || !Number.isFinite(every) || every < 0) return {};
  return { plainEveryMs: every, liveEveryMs: every, quietUnderMs: 0 };
}

/**
 * Progress of long work on stderr (stdout stays one document). It needs no timer: `update` looks at
 * the clock and draws only when enough time has passed, so work that never yields to the event loop
 * (the linter) still shows progress. On a terminal one live line is redrawn at most every
 * `liveEveryMs` and cleared at the end; in a log a plain line at most every `plainEveryMs`. Nothing
 * at all when the work ends within `quietUnderMs`.
 */
export function workProgress(io: CliIO, what: string, total?: number, options: WorkProgressOptions = {}): WorkProgress {
  const now = options.now ?? Date.now;
  const stderr = io.stderr as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  const live = Boolean(stderr.isTTY);
  const every = live ? (options.liveEveryMs ?? 100) : (options.plainEveryMs ?? 10_000);
  const quiet = options.quietUnderMs ?? (live ? 500 : 2_000);
  const start = now();
  let shown = false;
  let visible = false;
  let last = start;
  let finished = false;
  let latest = 0;
  const line = (done: number, detail: string | undefined) => {
    const count = total === undefined ? `${done}` : `${done}/${total}${total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : ''}`;
    const text = `${what}: ${count}${detail ? ` — ${detail}` : ''}`;
    // A live line longer than the terminal would wrap, and `\r` would then clear only its last row.
    return live && stderr.columns ? text.slice(0, Math.max(1, stderr.columns - 1)) : text;
  };
  const hide = () => {
    if (!visible) return;
    visible = false;
    stderr.write('\r\u001b[2K');
  };
  return {
    update(done, detail) {
      if (finished) return;
      latest = done;
      const at = now();
      if (at - start < quiet || (shown && at - last < every)) return;
      shown = true;
      visible = live;
      last = at;
      stderr.write(live ? `\r\u001b[2K${line(done, detail)}` : `${line(done, detail)}\n`);
    },
    hide,
    done() {
      if (finished) return;
      finished = true;
      if (!shown) return;
      if (live) hide();
      else stderr.write(`${line(latest, `${total === undefined || latest >= total ? 'done in' : 'stopped after'} ${formatWait(now() - start)}`)}\n`);
    },
  };
}
