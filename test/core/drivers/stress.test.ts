import { existsSync } from 'node:fs';
import { listPids, readCmdline, readStat } from '../../../core/drivers/proc.ts';
import { stressDriver } from '../../../core/drivers/stress.ts';
import { testContext, waitFor } from './support.ts';

/** Live (non-zombie) processes in a process group. */
function groupMembers(pgid: number): number[] {
  return listPids().filter((pid) => {
    const stat = readStat(pid);
    return stat !== undefined && stat.pgrp === pgid && stat.state !== 'Z';
  });
}

describe('stress driver (real stress-ng)', () => {
  const started: number[] = [];
  afterAll(() => {
    for (const pgid of started) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
  });

  it('starts stress-ng bounded by its own --timeout and revert kills the whole process group', async () => {
    const context = testContext();
    const params = stressDriver.validate({ cpu: 1, 'cpu-load': 20, ttl: 600 });
    const injected = await stressDriver.inject(params, context);
    const { pid } = injected.output as { pid: number };
    started.push(pid);

    expect(readCmdline(pid)).toMatch(/^stress-ng --cpu 1 --cpu-load 20 --timeout 600s /);
    await waitFor(() => groupMembers(pid).length >= 2, 'stress-ng to fork its CPU worker');

    await stressDriver.revert(injected.undo, context);
    expect(groupMembers(pid)).toEqual([]);
    expect(listPids().filter((p) => readCmdline(p).includes(injected.undo.logFile as string))).toEqual([]);
    expect(existsSync(injected.undo.logFile as string)).toBe(false);
    // A second revert, e.g. from the post step, is harmless.
    await stressDriver.revert(injected.undo, context);
    expect(context.logs.at(-1)).toBe('stress: stress-ng had already finished');
  });

  it('ends by itself when the TTL passes', async () => {
    const injected = await stressDriver.inject(stressDriver.validate({ vm: 1, 'vm-bytes': '16m', ttl: 1 }), testContext());
    const { pid } = injected.output as { pid: number };
    started.push(pid);
    await waitFor(() => groupMembers(pid).length === 0, 'stress-ng to stop at its --timeout');
    await stressDriver.revert(injected.undo, testContext());
  });

  it('finds the processes again from the record written before inject', async () => {
    const context = testContext();
    const params = stressDriver.validate({ io: 1, ttl: 600 });
    const early = stressDriver.undoBeforeInject!(params, context);
    const injected = await stressDriver.inject(params, context);
    const { pid } = injected.output as { pid: number };
    started.push(pid);
    await stressDriver.revert(early, context);
    expect(groupMembers(pid)).toEqual([]);
  });

  it('reports a stress-ng that refuses its arguments, with its own message', async () => {
    // Bypasses validate() on purpose: a value only stress-ng itself can reject.
    const params = { ...stressDriver.validate({ vm: 1, ttl: 5 }), vmBytes: '0x10' };
    await expect(stressDriver.inject(params, testContext())).rejects.toThrow(/driver "stress": stress-ng --vm 1 --vm-bytes 0x10 .* exited at once/);
  });

  it.each([
    [{}, /argument "cpu" or one of "vm", "io", "hdd" is required/],
    [{ cpu: -1 }, /argument "cpu" must be an integer from 0 to 1024, got -1/],
    [{ 'cpu-load': 50, vm: 1 }, /argument "cpu-load" needs "cpu"/],
    [{ vm: 1, 'vm-bytes': 'lots' }, /argument "vm-bytes" must be a size like "256m"/],
    [{ cpu: 1, ttl: 0 }, /argument "ttl" must be a duration from 1s to 86400s/],
    [{ cpu: 1, timeout: 5 }, /argument "timeout" is not an argument of this driver/],
  ])('rejects %j naming the argument', (args, message) => {
    expect(() => stressDriver.validate(args)).toThrow(message);
  });

  it('plans the pressure and how it ends', () => {
    expect(stressDriver.plan(stressDriver.validate({ cpu: 0, vm: 2, 'vm-bytes': '50%', ttl: '2m' }))).toEqual({
      driver: 'stress',
      action: 'stress-ng: one CPU worker per CPU, 2 memory worker(s) of 50%',
      target: 'this machine (the runner)',
      ttlSeconds: 120,
      undo: "kill stress-ng's process group; stress-ng stops by itself after 120s (--timeout)",
    });
  });
});
