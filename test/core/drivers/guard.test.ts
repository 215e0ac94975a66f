/**
 * A TTL guard belongs to its fault: a revert finds it by the fault id even when the undo record
 * does not name it. That is the case when the main step dies after inject started the guard but
 * before the ledger recorded inject's own undo record; the post step then reverts from the record
 * written before inject, and the guard must not outlive the fault.
 */
import type { ChildProcess } from 'node:child_process';
import { startGuard, stopGuardsFor } from '../../../core/drivers/guard.ts';
import { processDriver } from '../../../core/drivers/process.ts';
import { readStat } from '../../../core/drivers/proc.ts';
import { spawnSleeper, testContext, waitFor } from './support.ts';

const gone = (pid: number) => {
  const state = readStat(pid)?.state;
  return state === undefined || state === 'Z';
};

describe('TTL guards are found by their fault id', () => {
  let target: ChildProcess | undefined;
  afterEach(() => {
    if (target?.pid && target.exitCode === null && target.signalCode === null) {
      process.kill(target.pid, 'SIGCONT');
      target.kill('SIGKILL');
    }
  });

  it('a process stop reverted from the record written before inject continues the target and stops the guard', async () => {
    const marker = `faultline-guard-test-${process.pid}-${Date.now().toString(36)}`;
    target = spawnSleeper(marker);
    await waitFor(() => readStat(target!.pid!)?.state !== undefined, 'the target to start');
    const context = testContext();
    const params = processDriver.validate({ action: 'stop', match: marker, ttl: '10m' });
    const before = processDriver.undoBeforeInject!(params, context);
    const injected = await processDriver.inject(params, context);
    const guard = (injected.undo.guard as { pid: number }).pid;
    expect(readStat(guard)).toBeDefined();
    await waitFor(() => readStat(target!.pid!)?.state === 'T', 'the target to stop');

    // The post step only has `before`: no guard pid in it.
    expect(before).not.toHaveProperty('guard');
    await processDriver.revert(before, context);

    await waitFor(() => gone(guard), 'the guard to be stopped');
    expect(readStat(target.pid!)?.state).not.toBe('T');
  });

  it('stops only the guards of the fault it is asked about', async () => {
    const plan = { delayMs: 600_000, commands: [] };
    const mine = startGuard(plan, 'fl-mine');
    const other = startGuard(plan, 'fl-other');
    try {
      expect(stopGuardsFor('fl-mine')).toBe(1);
      await waitFor(() => gone(mine.pid), 'the guard of fl-mine to stop');
      expect(gone(other.pid)).toBe(false);
      expect(stopGuardsFor('fl-none')).toBe(0);
    } finally {
      stopGuardsFor('fl-other');
    }
    await waitFor(() => gone(other.pid), 'the guard of fl-other to stop');
  });
});
