/**
 * A heartbeat writer writes small numbered records the way the application writes, and after the
 * drill reads back which of them survived on the side that accepts writes now. The drill's clock
 * — not the writer — records when each write was sent and acknowledged.
 */

export interface WriteAck {
  /** Where the write landed (never with a password). */
  target: string;
}

export interface ReadBack {
  target: string;
  /** Sequence numbers of this run's heartbeats found on the target. */
  survived: Set<number>;
}

export interface DataLossBytes {
  bytes: number | null;
  /** Why bytes is null: never a guess. */
  reason?: string;
}

export interface HeartbeatWriter {
  readonly kind: 'postgres' | 'http';
  /** Rejects when no target acknowledged heartbeat `seq`; must give up when `signal` aborts. */
  write(seq: number, writtenAt: Date, signal: AbortSignal): Promise<WriteAck>;
  /** Which of `seqs` survived, read from the target that accepts writes now. */
  readBack(seqs: number[], signal: AbortSignal): Promise<ReadBack>;
  /** Bytes of data the new primary never received, when the writer can know it. */
  dataLossBytes?(signal: AbortSignal): Promise<DataLossBytes>;
  close(): Promise<void>;
}

/** A URL with its password removed, for logs and the result file. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export function abortable<T>(promise: Promise<T>, signal: AbortSignal, onAbort?: () => void): Promise<T> {
  if (signal.aborted) {
    onAbort?.();
    return Promise.reject(new Error(abortReason(signal)));
  }
  return new Promise<T>((resolve, reject) => {
    const listener = () => {
      onAbort?.();
      reject(new Error(abortReason(signal)));
    };
    signal.addEventListener('abort', listener, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', listener);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', listener);
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): string {
  const reason = signal.reason as { name?: string; message?: string } | string | undefined;
  if (typeof reason === 'object' && reason?.name === 'TimeoutError') return 'timed out';
  if (typeof reason === 'string') return reason;
  return reason?.message ?? 'aborted';
}
