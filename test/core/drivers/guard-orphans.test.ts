/**
 * What the TTL guard leaves behind on purpose, and why it survives the job: the Actions runner ends
 * a job by killing every process whose environment carries the job's RUNNER_TRACKING_ID. A guard
 * is started without it (and without the job's other variables, secrets included), so on a
 * persistent self-hosted runner it still ends its fault when the post step could not.
 */
import { readFileSync } from 'node:fs';
import { guardEnvironment, startGuard, stopGuardsFor } from '../../../core/drivers/guard.ts';
import { readStat } from '../../../core/drivers/proc.ts';
import { waitFor } from './support.ts';

describe('the TTL guard and the runner\'s orphan cleanup', () => {
  it('carries no RUNNER_TRACKING_ID and none of the job\'s variables, only PATH', async () => {
    expect(guardEnvironment({ PATH: '/usr/bin', RUNNER_TRACKING_ID: 'github_1234', GITHUB_TOKEN: 'ghs_secret' })).toEqual({ PATH: '/usr/bin' });
    const saved = process.env.RUNNER_TRACKING_ID;
    process.env.RUNNER_TRACKING_ID = 'github_orphan_test';
    const guard = startGuard({ delayMs: 600_000, commands: [] }, 'fl-orphan-test');
    try {
      const environ = readFileSync(`/proc/${guard.pid}/environ`, 'utf8').split('\0').filter(Boolean);
      expect(environ.some((entry) => entry.startsWith('RUNNER_TRACKING_ID='))).toBe(false);
      expect(environ.map((entry) => entry.split('=')[0])).toEqual(['PATH']);
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TRACKING_ID;
      else process.env.RUNNER_TRACKING_ID = saved;
      stopGuardsFor('fl-orphan-test');
    }
    await waitFor(() => {
      const state = readStat(guard.pid)?.state;
      return state === undefined || state === 'Z';
    }, 'the guard to stop');
  });
});
