/** Long waits say what they wait for: a live countdown on a terminal, plain lines in a CI log. */
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { formatWait, waitWithProgress } from '../../cli/progress.ts';

function io(tty: boolean) {
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let text = '';
  stderr.on('data', (c: Buffer) => {
    text += c.toString();
  });
  return { io: { stdout: new PassThrough(), stderr, colour: false, cwd: tmpdir(), env: {} }, text: () => text };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('progress while waiting', () => {
  it('formats what is left in minutes and seconds', () => {
    expect(formatWait(300_000)).toBe('5m');
    expect(formatWait(192_000)).toBe('3m 12s');
    expect(formatWait(9_400)).toBe('9s');
    expect(formatWait(-5)).toBe('0s');
  });

  it('prints plain lines in a log: one at the start and one per interval', async () => {
    const out = io(false);
    await waitWithProgress(out.io, 'canary step', 250, sleep, { plainEveryMs: 100 });
    const lines = out.text().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^canary step: waiting 0s \(until \d\d:\d\d:\d\d UTC\)$/);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.slice(1).every((line) => /^canary step: \d+s left \(until \d\d:\d\d:\d\d UTC\)$/.test(line))).toBe(true);
    expect(out.text()).not.toContain('\r');
  });

  it('keeps one live line on a terminal and clears it when the wait is over', async () => {
    const out = io(true);
    await waitWithProgress(out.io, 'canary step', 50, sleep);
    expect(out.text()).toMatch(/^\r\u001b\[2Kcanary step: 0s left \(until \d\d:\d\d:\d\d UTC\)/);
    expect(out.text().endsWith('\r\u001b[2K')).toBe(true);
    expect(out.text()).not.toContain('\n');
  });
});
