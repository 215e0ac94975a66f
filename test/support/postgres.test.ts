import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import { startPostgres } from './postgres.ts';

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the throwaway PostgreSQL test harness', () => {
  it('serves a real server on a loopback port with password login, and leaves nothing behind on stop', async () => {
    const server = await startPostgres({ settings: { application_name: 'harness-test' } });
    let dataDirectory = '';
    try {
      const client = new pg.Client(server.url);
      await client.connect();
      const { rows } = await client.query(
        "SELECT current_setting('data_directory') AS data, current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen, current_setting('server_version_num')::int / 10000 AS major",
      );
      await client.end();
      dataDirectory = String(rows[0].data);
      expect(rows[0]).toMatchObject({ fsync: 'off', listen: '127.0.0.1', major: server.majorVersion });
      const wrong = new pg.Client(server.urlFor({ password: 'not-it' }));
      await expect(wrong.connect()).rejects.toThrow('password authentication failed');
      await wrong.end().catch(() => {});
    } finally {
      await server.stop();
    }
    await server.stop(); // a second stop is harmless
    expect(await portAccepts(server.port)).toBe(false);
    expect(existsSync(dataDirectory)).toBe(false);
  });
});
