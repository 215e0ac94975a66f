/**
 * Writes to a stream that the caller cannot wait on (a report written while a file is linted,
 * synchronously). Node queues what a pipe does not take at once, so a slow reader (`| less`, a CI
 * log collector) would make the whole report pile up in memory; writing to the file descriptor
 * directly, waiting briefly while the pipe is full, keeps memory bounded by one chunk.
 */
import { writeSync } from 'node:fs';

const nap = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
const FULL_PIPE_WAIT_MS = 2;

/** A write function for `stream`: blocking on its descriptor when it has one, else the stream's own write. */
export function blockingWriter(stream: NodeJS.WritableStream): (chunk: string) => void {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== 'number') {
    return (chunk) => {
      stream.write(chunk);
    };
  }
  let closed = false;
  return (chunk) => {
    let pending = Buffer.from(chunk);
    while (!closed && pending.length > 0) {
      try {
        pending = pending.subarray(writeSync(fd, pending));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // The reader went away (`| head`): the rest has nowhere to go, as with any CLI.
        if (code === 'EPIPE') closed = true;
        else if (code === 'EAGAIN') Atomics.wait(nap, 0, 0, FULL_PIPE_WAIT_MS);
        else throw error;
      }
    }
  };
}

// A pipe takes 64 KiB at once: one write a buffer full, rather than three small ones a linted file.
const BUFFER_CHARS = 64 * 1024;

/**
 * blockingWriter with the chunks collected up to BUFFER_CHARS before each write: a report of a
 * thousand small files was thousands of system calls. On a terminal it writes through, so that
 * progress lines on the same screen stay in order with it. Call `flush` when done, also after an error.
 */
export function bufferedBlockingWriter(stream: NodeJS.WritableStream): { write: (chunk: string) => void; flush: () => void } {
  const write = blockingWriter(stream);
  if ((stream as { isTTY?: boolean }).isTTY) return { write, flush: () => {} };
  let pending: string[] = [];
  let chars = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    chars = 0;
    write(chunk);
  };
  return {
    write: (chunk) => {
      pending.push(chunk);
      chars += chunk.length;
      if (chars >= BUFFER_CHARS) flush();
    },
    flush,
  };
}
