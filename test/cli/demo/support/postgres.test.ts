import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { startPostgres } from '../../../../cli/demo/support/postgres.ts';

/** Whether a process runs. (Not "does the port answer": a parallel test may own the port by then.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the throwaway PostgreSQL test harness', () => {
  it('serves a real server on a loopback port with password login, and leaves nothing behind on stop', async () => {
    const server = await startPostgres({ settings: { application_name: 'harness-test' } });
    let dataDirectory = '';
    let postmaster = 0;
    try {
      const client = new pg.Client(server.url);
      await client.connect();
      const { rows } = await client.query(
        "SELECT current_setting('data_directory') AS data, current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen, current_setting('server_version_num')::int / 10000 AS major",
      );
      await client.end();
      dataDirectory = String(rows[0].data);
      postmaster = Number(readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]);
      expect(rows[0]).toMatchObject({ fsync: 'off', listen: '127.0.0.1', major: server.majorVersion });
      const wrong = new pg.Client(server.urlFor({ password: 'not-it' }));
      await expect(wrong.connect()).rejects.toThrow('password authentication failed');
      await wrong.end().catch(() => {});
    } finally {
      await server.stop();
    }
    await server.stop(); // a second stop is harmless
    expect(postmaster).toBeGreaterThan(0);
    expect(alive(postmaster)).toBe(false);
    expect(existsSync(dataDirectory)).toBe(false);
  });
});
