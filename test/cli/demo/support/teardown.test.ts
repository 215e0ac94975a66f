/** The demo's teardown: everything registered is stopped once, in order within a group, groups side by side. */
import { Teardown } from '../../../../cli/demo/support/teardown.ts';

describe('Teardown', () => {
  it('stops a group last-added first, and lets groups stop at the same time', async () => {
    const events: string[] = [];
    let releaseRgw!: () => void;
    const teardown = new Teardown();
    teardown.add('primary', 'p', () => void events.push('stop primary'), 'database');
    teardown.add('standby', 's', () => void events.push('stop standby'), 'database');
    teardown.add('Ceph RGW', 'r', async () => {
      events.push('stop rgw begins');
      await new Promise<void>((resolve) => (releaseRgw = resolve));
      events.push('stop rgw ends');
    });
    teardown.add('orders service', 'o', () => void events.push('stop orders'), 'database');
    const done = teardown.run();
    // The database group finishes while RGW is still stopping.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.filter((e) => !e.includes('rgw'))).toEqual(['stop orders', 'stop standby', 'stop primary']);
    expect(events).toContain('stop rgw begins');
    expect(events).not.toContain('stop rgw ends');
    releaseRgw();
    expect(await done).toEqual([]);
    expect(events.at(-1)).toBe('stop rgw ends');
  });

  it('runs each stop once, reports the ones that fail and still runs the rest', async () => {
    let stops = 0;
    const teardown = new Teardown();
    teardown.add('prometheus', 1, () => {
      stops++;
    });
    teardown.add('postgres', 2, () => {
      throw new Error('pg_ctl: server does not shut down');
    });
    expect(await teardown.run()).toEqual(['postgres: pg_ctl: server does not shut down']);
    expect(await teardown.run()).toEqual(['postgres: pg_ctl: server does not shut down']);
    expect(stops).toBe(1);
  });

  it('stops at once what is registered after the teardown began (a start under way at Ctrl-C)', async () => {
    const teardown = new Teardown();
    await teardown.run();
    let stopped = false;
    teardown.add('late standby', 's', async () => {
      stopped = true;
    });
    await teardown.run();
    expect(stopped).toBe(true);
  });
});
