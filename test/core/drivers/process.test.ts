import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildProcess, execFileSync } from 'node:child_process';
import { findTargets, processDriver } from '../../../core/drivers/process.ts';
import { readCmdline, readStat } from '../../../core/drivers/proc.ts';
import { exited, spawnSleeper, testContext, waitFor } from './support.ts';

const state = (pid: number) => readStat(pid)?.state;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('process driver', () => {
  const children: ChildProcess[] = [];
  let dir: string;
  const sleeper = (marker: string) => {
    const child = spawnSleeper(marker);
    children.push(child);
    return child;
  };
  const uniqueMarker = () => `faultline-test-target-${process.pid}-${Math.random().toString(36).slice(2)}`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-process-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) {
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGCONT');
        child.kill('SIGKILL');
      }
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('arguments', () => {
    it('defaults to one target killed with SIGTERM', () => {
      expect(processDriver.validate({ match: 'x' })).toEqual({
        action: 'kill',
        signal: 'SIGTERM',
        selector: { match: 'x' },
        maxTargets: 1,
        ttlSeconds: 0,
      });
    });

    it.each([
      [{}, /exactly one of the arguments "pid", "pid-file", "match" is required, got none/],
      [{ pid: 10, match: 'x' }, /exactly one of .* got pid and match/],
      [{ match: 'x', signal: 'SIGNOPE' }, /argument "signal" must be one of .*SIGKILL.*got "SIGNOPE"/],
      [{ match: '(' }, /argument "match" is not a valid regular expression/],
      [{ match: 'x', 'max-targets': 0 }, /argument "max-targets" must be an integer from 1 to 1000, got 0/],
      [{ match: 'x', action: 'stop', signal: 'SIGKILL' }, /argument "signal" cannot be used with action "stop"/],
      [{ match: 'x', action: 'stop', ttl: '2 days' }, /argument "ttl" must be a duration/],
      [{ match: 'x', target: 'y' }, /argument "target" is not an argument of this driver/],
      [{ pid: 1 }, /argument "pid" must be an integer from 2/],
    ])('rejects %j naming the argument', (args, message) => {
      expect(() => processDriver.validate(args)).toThrow(message);
    });

    it('plans a kill as not undoable and a stop as continued after its TTL', () => {
      expect(processDriver.plan(processDriver.validate({ match: 'api', signal: 'SIGKILL' }))).toMatchObject({
        action: 'kill (SIGKILL)',
        undo: 'not undoable; the supervisor restarts it',
        blastRadius: { limit: 1, unit: 'targets' },
      });
      expect(processDriver.plan(processDriver.validate({ pid: 42, action: 'stop', ttl: '2m' }))).toMatchObject({
        action: 'stop (SIGSTOP)',
        target: 'pid 42',
        ttlSeconds: 120,
      });
    });
  });

  it('kills the process whose command line matches', async () => {
    const marker = uniqueMarker();
    const child = sleeper(marker);
    await waitFor(() => readCmdline(child.pid!).includes(marker), 'the target to start');
    const context = testContext();
    const injected = await processDriver.inject(processDriver.validate({ match: marker }), context);

    expect(await exited(child)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(injected.output).toEqual({ signal: 'SIGTERM', targets: [{ pid: child.pid, cmdline: expect.stringContaining(marker) }] });
    await processDriver.revert(injected.undo, context);
    expect(context.logs.at(-1)).toContain('no-op (not undoable; the supervisor restarts it)');
  });

  it('kills the pid named in a pid file', async () => {
    const child = sleeper(uniqueMarker());
    const pidFile = join(dir, 'service.pid');
    writeFileSync(pidFile, `${child.pid}\n`);
    await processDriver.inject(processDriver.validate({ 'pid-file': pidFile, signal: 'SIGKILL' }), testContext());
    expect(await exited(child)).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('stops a process (state T) and continues it on revert', async () => {
    const child = sleeper(uniqueMarker());
    await waitFor(() => state(child.pid!) === 'S', 'the target to sleep');
    const context = testContext();
    const injected = await processDriver.inject(processDriver.validate({ pid: child.pid, action: 'stop', ttl: 600 }), context);
    await waitFor(() => state(child.pid!) === 'T', 'the target to be stopped');

    const guard = injected.undo.guard as { pid: number };
    expect(state(guard.pid)).toBeDefined();
    await processDriver.revert(injected.undo, context);
    await waitFor(() => state(child.pid!) !== 'T', 'the target to continue');
    await waitFor(() => state(guard.pid) === undefined || state(guard.pid) === 'Z', 'the TTL guard to end');
    // A second revert (the post step after the engine already reverted) is harmless.
    await processDriver.revert(injected.undo, context);
    expect(state(child.pid!)).not.toBe('T');
  });

  it('continues a stopped process by itself when the TTL passes, even if nobody reverts', async () => {
    const child = sleeper(uniqueMarker());
    await waitFor(() => state(child.pid!) === 'S', 'the target to sleep');
    await processDriver.inject(processDriver.validate({ pid: child.pid, action: 'stop', ttl: 1 }), testContext());
    await waitFor(() => state(child.pid!) === 'T', 'the target to be stopped');
    await waitFor(() => state(child.pid!) === 'S' || state(child.pid!) === 'R', 'the guard to send SIGCONT');
  });

  it('reverts from the record written before inject (a crash between inject and the ledger update)', async () => {
    const marker = uniqueMarker();
    const child = sleeper(marker);
    await waitFor(() => state(child.pid!) === 'S', 'the target to sleep');
    const params = processDriver.validate({ match: marker, action: 'stop', ttl: 600 });
    const early = processDriver.undoBeforeInject!(params, { faultId: 'f', owner: 'sre-team' });
    const injected = await processDriver.inject(params, testContext());
    await waitFor(() => state(child.pid!) === 'T', 'the target to be stopped');
    await processDriver.revert(early, testContext());
    await waitFor(() => state(child.pid!) !== 'T', 'the target to continue');
    await processDriver.revert(injected.undo, testContext()); // stops the guard
  });

  it('refuses and touches nothing when more processes match than max-targets allows', async () => {
    const marker = uniqueMarker();
    const [a, b] = [sleeper(marker), sleeper(marker)];
    await waitFor(() => state(a.pid!) === 'S' && state(b.pid!) === 'S', 'both targets to start');
    await expect(
      processDriver.inject(processDriver.validate({ match: marker, action: 'stop' }), testContext()),
    ).rejects.toThrow(/2 processes match .* but "max-targets" is 1; nothing was touched/);
    expect([state(a.pid!), state(b.pid!)]).toEqual(['S', 'S']);
  });

  it('fails clearly when nothing matches', async () => {
    await expect(
      processDriver.inject(processDriver.validate({ match: uniqueMarker() }), testContext()),
    ).rejects.toThrow(/no running process matches processes whose command line matches/);
    const pidFile = join(dir, 'empty.pid');
    writeFileSync(pidFile, 'not a pid');
    await expect(
      processDriver.inject(processDriver.validate({ 'pid-file': pidFile }), testContext()),
    ).rejects.toThrow(/argument "pid-file" names .* which holds no pid/);
  });

  (process.getuid?.() === 0 ? it : it.skip)('says so when the target belongs to another user (run unprivileged)', async () => {
    const child = sleeper(uniqueMarker());
    await waitFor(() => state(child.pid!) === 'S', 'the target to sleep');
    const driverUrl = new URL('../../../core/drivers/process.ts', import.meta.url).href;
    const script = `import { processDriver } from ${JSON.stringify(driverUrl)};
      const context = { faultId: 'f', owner: 'o', signal: new AbortController().signal, log() {} };
      await processDriver.inject(processDriver.validate({ pid: ${child.pid}, action: 'stop' }), context).catch((e) => console.log(e.message));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { uid: 65534, gid: 65534 }).toString();
    expect(output.trim()).toBe(`not permitted to send SIGSTOP to pid ${child.pid}: it belongs to another user`);
    expect(state(child.pid!)).toBe('S');
  });

  it('never selects itself, its parents or pid 1', () => {
    expect(() => findTargets({ pid: process.pid })).toThrow(/refusing to signal pid \d+: it is pid 1, Faultline itself/);
    expect(() => findTargets({ pid: process.ppid })).toThrow(/refusing to signal/);
    const ownCommandLine = `^${escapeRegExp(readCmdline(process.pid))}$`;
    expect(findTargets({ match: ownCommandLine }).map((t) => t.pid)).not.toContain(process.pid);
  });
});
