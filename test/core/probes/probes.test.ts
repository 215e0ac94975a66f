/**
 * The http, tcp, process and command probes against real local targets: the demo service in a
 * child process, a deliberately slow HTTP server, real programs. (Prometheus and PostgreSQL have
 * their own files; argument checks are in arguments.test.ts.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { commandProbe } from '../../../core/probes/command.ts';
import { httpProbe } from '../../../core/probes/http.ts';
import { processProbe } from '../../../core/probes/process-alive.ts';
import { tcpProbe } from '../../../core/probes/tcp.ts';
import { startTestServer, type TestServer } from '../../support/http-server.ts';
import { type LocalService, startLocalService } from '../../support/local-service.ts';
import { refusedPort } from '../../support/refused-port.ts';

const signal = new AbortController().signal;
const SLOW_MS = 400;

// test/support/jest-nock.ts loads nock into every test file, and nock's socket interception makes
// a connect to a port nothing listens on "succeed". These probes must see the real network stack.
beforeAll(() => nock.restore());

describe('probes against a real local service', () => {
  let service: LocalService;
  let slow: TestServer;
  let dir: string;
  beforeAll(async () => {
    service = await startLocalService();
    // Answers /slow only after SLOW_MS, and /never not at all (the test's timeout ends the wait).
    slow = await startTestServer((request, response) => {
      if (request.path === '/never') return;
      setTimeout(() => response.end('late'), SLOW_MS);
    });
    dir = mkdtempSync(join(tmpdir(), 'faultline-probes-'));
  });
  afterAll(async () => {
    await service.stop();
    await slow.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('http', () => {
    it('is ok when status, body regex, jsonpath and latency all hold; says which failed otherwise', async () => {
      const good = await httpProbe.run(httpProbe.validate({ url: `${service.url}/health`, body_regex: 'ok', jsonpath: { path: '$.status', expect: 'ok' }, max_latency_ms: 5000 }), { signal });
      expect(good).toMatchObject({ ok: true, value: 200, body: { status: 'ok' }, failures: [] });
      const bad = await httpProbe.run(httpProbe.validate({ url: `${service.url}/health`, status: 204, jsonpath: { path: '$.status', expect: 'down' } }), { signal });
      expect(bad.ok).toBe(false);
      expect(bad.failures).toEqual(['status 200 is outside 204-204', '$.status gave ["ok"]']);
    });

    it('fails an answer slower than max_latency_ms, and passes it under a looser threshold', async () => {
      const tight = await httpProbe.run(httpProbe.validate({ url: `${slow.url}/slow`, max_latency_ms: 50 }), { signal });
      expect(tight.ok).toBe(false);
      expect(tight.value).toBe(200);
      expect(tight.latency_ms).toBeGreaterThanOrEqual(SLOW_MS - 5);
      expect(tight.failures).toEqual([expect.stringMatching(/^latency \d+(\.\d+)? ms is over 50 ms$/)]);
      const loose = await httpProbe.run(httpProbe.validate({ url: `${slow.url}/slow`, max_latency_ms: 30_000 }), { signal });
      expect(loose).toMatchObject({ ok: true, failures: [] });
    });

    it('is an error, not a slow answer, when nothing arrives within the timeout', async () => {
      await expect(httpProbe.run(httpProbe.validate({ url: `${slow.url}/never`, timeout: 0.2 }), { signal })).rejects.toThrow(`GET ${slow.url}/never: no answer within 200 ms`);
    });

    it('is an error that names the URL and the cause when nothing listens', async () => {
      const port = refusedPort();
      await expect(httpProbe.run(httpProbe.validate({ url: `http://127.0.0.1:${port}/` }), { signal })).rejects.toThrow(`GET http://127.0.0.1:${port}/: connection refused`);
    });
  });

  describe('tcp', () => {
    it('is connected to a listening port and not connected, with the reason, to a closed one', async () => {
      expect(await tcpProbe.run(tcpProbe.validate({ port: service.port }), { signal })).toMatchObject({ ok: true, value: true, connected: true });
      expect(await tcpProbe.run(tcpProbe.validate({ host: 'localhost', port: service.port }), { signal })).toMatchObject({ ok: true });
      const closed = await tcpProbe.run(tcpProbe.validate({ port: refusedPort() }), { signal });
      expect(closed).toMatchObject({ ok: false, value: false, connected: false, error: 'connection refused (nothing listens there)' });
    });
  });

  describe('process', () => {
    it('finds a process by pid, pid file and command line; a stopped one is alive but not running', async () => {
      expect((await processProbe.run(processProbe.validate({ pidfile: service.pidfile }), { signal })).ok).toBe(true);
      const byCommandLine = await processProbe.run(processProbe.validate({ match: `hello-service\\.mjs .*${service.pidfile.replace(/[.]/g, '\\.')}` }), { signal });
      expect(byCommandLine).toMatchObject({ ok: true, processes: [{ pid: service.pid }] });
      service.child.kill('SIGSTOP');
      try {
        while (service.state() !== 'T') await new Promise((r) => setTimeout(r, 10));
        expect((await processProbe.run(processProbe.validate({ pid: service.pid }), { signal })).ok).toBe(true);
        expect((await processProbe.run(processProbe.validate({ pid: service.pid, running: true }), { signal })).ok).toBe(false);
      } finally {
        service.child.kill('SIGCONT');
      }
    });

    it('is down for an exited process, a missing pid file and a pid file that holds no pid', async () => {
      const child = spawn('true');
      await new Promise((resolve) => child.once('exit', resolve));
      const garbage = join(dir, 'garbage.pid');
      writeFileSync(garbage, 'not a pid\n');
      for (const args of [{ pid: child.pid }, { pidfile: join(dir, 'missing.pid') }, { pidfile: garbage }, { match: '^no-such-program-anywhere ' }]) {
        expect(await processProbe.run(processProbe.validate(args), { signal })).toMatchObject({ ok: false, alive: false, processes: [] });
      }
    });
  });

  describe('command', () => {
    it('is ok when the exit code is the expected one, through the shell or as a program list', async () => {
      expect(await commandProbe.run(commandProbe.validate({ command: 'echo hi; echo oops >&2; exit 3', expect_exit: 3 }), { signal })).toMatchObject({ ok: true, value: 3, stdout: 'hi\n', stderr: 'oops\n' });
      // A list is not split by a shell: the argument with a space stays one argument.
      expect(await commandProbe.run(commandProbe.validate({ command: ['printf', '%s|', 'a b', 'c'] }), { signal })).toMatchObject({ ok: true, value: 0, stdout: 'a b|c|' });
      expect((await commandProbe.run(commandProbe.validate({ command: ['false'] }), { signal })).ok).toBe(false);
    });

    it('is an error when the program does not exist or outlives its timeout', async () => {
      await expect(commandProbe.run(commandProbe.validate({ command: ['no-such-program-anywhere'] }), { signal })).rejects.toThrow('cannot run "no-such-program-anywhere": no such program');
      await expect(commandProbe.run(commandProbe.validate({ command: ['sleep', '30'], timeout: 0.2 }), { signal })).rejects.toThrow('"sleep" did not finish within 200 ms and was killed');
    });
  });
});
