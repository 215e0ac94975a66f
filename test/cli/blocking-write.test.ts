/**
 * A report streamed to a pipe whose reader is slower than the linter waits for the reader instead
 * of queueing the report in memory, delivers every byte in order, and stops quietly when the reader
 * goes away (`| head`).
 */
import { spawn } from 'node:child_process';
import { bufferedBlockingWriter } from '../../cli/blocking-write.ts';

const WRITER = `
import { blockingWriter } from ${JSON.stringify(new URL('../../cli/blocking-write.ts', import.meta.url).pathname)};
const write = blockingWriter(process.stdout);
let queued = 0;
for (let i = 0; i < 400; i++) {
  write(String(i % 10).repeat(64 * 1024));
  queued = Math.max(queued, process.stdout.writableLength);
}
process.stderr.write(JSON.stringify({ queued }));
`;

function runWriter(readSlowly: boolean, stopAfterBytes?: number): Promise<{ bytes: Buffer; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', WRITER]);
  const chunks: Buffer[] = [];
  let received = 0;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
    if (stopAfterBytes !== undefined && received >= stopAfterBytes) child.stdout.destroy();
    else if (readSlowly) {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 1);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ bytes: Buffer.concat(chunks), stderr, code })));
}

describe('blockingWriter on a pipe', () => {
  it('waits for a slow reader: nothing piles up in the stream, every byte arrives in order', async () => {
    const { bytes, stderr, code } = await runWriter(true);
    expect(code).toBe(0);
    expect(JSON.parse(stderr)).toEqual({ queued: 0 });
    expect(bytes.length).toBe(400 * 64 * 1024);
    for (let i = 0; i < 400; i += 37) expect(bytes[i * 64 * 1024]).toBe('0'.charCodeAt(0) + (i % 10));
  }, 120_000);

  it('ends normally when the reader closes the pipe early', async () => {
    const { code, stderr } = await runWriter(false, 1024 * 1024);
    expect(code).toBe(0);
    expect(JSON.parse(stderr)).toEqual({ queued: 0 });
  }, 120_000);
});

describe('bufferedBlockingWriter', () => {
  function sink(isTTY: boolean): { stream: NodeJS.WritableStream; writes: string[] } {
    const writes: string[] = [];
    const stream = { isTTY, write: (chunk: string) => writes.push(chunk) } as unknown as NodeJS.WritableStream;
    return { stream, writes };
  }

  it('collects small chunks into 64 KiB writes and hands over the rest on flush, in order', () => {
    const { stream, writes } = sink(false);
    const { write, flush } = bufferedBlockingWriter(stream);
    for (let i = 0; i < 3000; i++) write(`${String(i).padStart(40, '.')}\n`);
    expect(writes.length).toBe(1);
    expect(writes[0]!.length).toBeGreaterThanOrEqual(64 * 1024);
    flush();
    flush();
    expect(writes.length).toBe(2);
    expect(writes.join('').split('\n').slice(0, -1)).toEqual(Array.from({ length: 3000 }, (_, i) => String(i).padStart(40, '.')));
  });

  it('writes through on a terminal, where progress lines share the screen', () => {
    const { stream, writes } = sink(true);
    const { write } = bufferedBlockingWriter(stream);
    write('a');
    write('b');
    expect(writes).toEqual(['a', 'b']);
  });
});
