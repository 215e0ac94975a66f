/** Long waits say what they wait for: a live countdown on a terminal, plain lines in a CI log. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { startPostgres } from '../../cli/demo/support/postgres.ts';
import { formatWait, waitWithProgress, workProgress, workProgressOptionsFrom } from '../../cli/progress.ts';

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

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('progress of long work', () => {
  it('in a log: nothing in the first 2 s, then a plain line at most every 10 s, and a last line', () => {
    const out = io(false);
    const clock = fakeClock();
    const progress = workProgress(out.io, 'lint files', 100, { now: clock.now });
    for (let done = 1; done <= 100; done++) {
      clock.advance(500);
      progress.update(done, `${done * 3} statements`);
    }
    progress.done();
    const lines = out.text().trimEnd().split('\n');
    // 50 s of work: at 2 s, then every 10 s (12, 22, 32, 42), and the last line.
    expect(lines).toEqual([
      'lint files: 4/100 (4%) — 12 statements',
      'lint files: 24/100 (24%) — 72 statements',
      'lint files: 44/100 (44%) — 132 statements',
      'lint files: 64/100 (64%) — 192 statements',
      'lint files: 84/100 (84%) — 252 statements',
      'lint files: 100/100 (100%) — done in 50s',
    ]);
    expect(out.text()).not.toContain('\r');
  });

  it('in a log: says when the work stopped short of the total', () => {
    const out = io(false);
    const clock = fakeClock();
    const progress = workProgress(out.io, 'shadow run statements', 10, { now: clock.now });
    clock.advance(3_000);
    progress.update(3, 'V2__a.sql:4');
    progress.done();
    expect(out.text()).toBe('shadow run statements: 3/10 (30%) — V2__a.sql:4\nshadow run statements: 3/10 (30%) — stopped after 3s\n');
  });

  it('prints nothing at all for work that ends quickly, in a log or on a terminal', () => {
    for (const tty of [false, true]) {
      const out = io(tty);
      const clock = fakeClock();
      const progress = workProgress(out.io, 'lint files', 1000, { now: clock.now });
      for (let done = 1; done <= 1000; done++) {
        clock.advance(0.4);
        progress.update(done);
      }
      progress.done();
      expect(out.text()).toBe('');
    }
  });

  it('on a terminal: one live line redrawn at most ~10 times a second, cleared at the end', () => {
    const out = io(true);
    const clock = fakeClock();
    const progress = workProgress(out.io, 'lint files', undefined, { now: clock.now });
    // 3 s of updates every 5 ms: 600 updates.
    for (let done = 1; done <= 600; done++) {
      clock.advance(5);
      progress.update(done, 'V1.sql');
    }
    progress.done();
    const draws = out.text().split('\r\u001b[2K').filter((part) => part !== '');
    // Quiet for the first 0.5 s, then at most one draw per 100 ms over the remaining 2.5 s.
    expect(draws.length).toBeGreaterThanOrEqual(20);
    expect(draws.length).toBeLessThanOrEqual(26);
    expect(draws.every((draw) => /^lint files: \d+ — V1\.sql$/.test(draw))).toBe(true);
    expect(out.text().endsWith('\r\u001b[2K')).toBe(true);
    expect(out.text()).not.toContain('\n');
  });

  it('on a terminal: cuts the line to the width and clears it for other output (hide)', () => {
    const out = io(true);
    Object.assign(out.io.stderr, { columns: 20 });
    const clock = fakeClock();
    const progress = workProgress(out.io, 'lint files', 10, { now: clock.now });
    clock.advance(1_000);
    progress.update(1, 'a/very/long/path/to/V1__first.sql');
    expect(out.text()).toBe('\r\u001b[2Klint files: 1/10 (1');
    progress.hide();
    progress.hide();
    progress.done();
    expect(out.text()).toBe('\r\u001b[2Klint files: 1/10 (1\r\u001b[2K');
  });

  it('takes a test-only interval from FAULTLINE_PROGRESS_EVERY_MS', () => {
    expect(workProgressOptionsFrom({})).toEqual({});
    expect(workProgressOptionsFrom({ FAULTLINE_PROGRESS_EVERY_MS: 'x' })).toEqual({});
    expect(workProgressOptionsFrom({ FAULTLINE_PROGRESS_EVERY_MS: '0' })).toEqual({ plainEveryMs: 0, liveEveryMs: 0, quietUnderMs: 0 });
  });
});

describe('faultline migrations lint progress', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-progress-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function lint(args: string[]): Promise<{ out: string; err: string }> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    stderr.on('data', (chunk) => {
      err += String(chunk);
    });
    const cliIO: CliIO = { stdout, stderr, colour: false, cwd: dir, env: { FAULTLINE_PROGRESS_EVERY_MS: '0' } };
    await main(['migrations', 'lint', '--format', 'json', '--fail-on', 'never', ...args], cliIO);
    return { out, err };
  }

  it('counts the files linted and the statements of a shadow run (--database-url) on stderr, stdout staying JSON', async () => {
    writeFileSync(join(dir, 'V1__a.sql'), 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n');
    const server = await startPostgres();
    try {
      const { out, err } = await lint(['--database-url', server.url, join(dir, 'V1__a.sql')]);
      expect(JSON.parse(out)).toMatchObject({ files: [expect.anything()] });
      const lines = err.trimEnd().split('\n');
      // The static lint first, then the shadow run.
      expect(lines[0]).toBe('lint files: 1/1 (100%) — 2 statements');
      expect(lines[1]).toMatch(/^lint files: 1\/1 \(100%\) — done in \d+s$/);
      expect(lines).toContain('shadow run statements: 0/2 (0%) — V1__a.sql:1');
      expect(lines).toContain('shadow run statements: 1/2 (50%) — V1__a.sql:2');
      expect(lines.at(-1)).toMatch(/^shadow run statements: 2\/2 \(100%\) — done in \d+s$/);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('prints plain progress lines to a non-terminal stderr while stdout stays one JSON document', async () => {
    for (let n = 1; n <= 40; n++) {
      writeFileSync(join(dir, `V${n}__step.sql`), `CREATE TABLE t${n} (id int);\nCREATE INDEX t${n}_idx ON t${n} (id);\n`);
    }
    const { out, err } = await lint([dir]);
    const report = JSON.parse(out) as { files: unknown[] };
    expect(report.files).toHaveLength(40);
    const lines = err.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(lines.every((line) => /^lint files: \d+\/40 \(\d+%\) — /.test(line))).toBe(true);
    expect(lines).toContain('lint files: 40/40 (100%) — 80 statements');
    expect(lines.at(-1)).toMatch(/^lint files: 40\/40 \(100%\) — done in \d+s$/);
    expect(err).not.toContain('\r');
  });
});
