import { FaultlineError } from '../../../core/errors.ts';
import { commandProbe } from '../../../core/probes/command.ts';
import { httpProbe } from '../../../core/probes/http.ts';
import { processProbe } from '../../../core/probes/process-alive.ts';
import { tcpProbe } from '../../../core/probes/tcp.ts';
import { closedPort } from '../../support/http-server.ts';
import { type LocalService, startLocalService } from '../../support/local-service.ts';

const signal = new AbortController().signal;

describe('probes against a real local service', () => {
  let service: LocalService;
  beforeAll(async () => {
    service = await startLocalService();
  });
  afterAll(() => service.stop());

  it('http: ok when status, body regex, jsonpath and latency all hold; says which failed otherwise', async () => {
    const good = await httpProbe.run(httpProbe.validate({ url: `${service.url}/health`, body_regex: 'ok', jsonpath: { path: '$.status', expect: 'ok' }, max_latency_ms: 5000 }), { signal });
    expect(good).toMatchObject({ ok: true, value: 200, body: { status: 'ok' }, failures: [] });
    const bad = await httpProbe.run(httpProbe.validate({ url: `${service.url}/health`, status: 204, jsonpath: { path: '$.status', expect: 'down' } }), { signal });
    expect(bad.ok).toBe(false);
    expect(bad.failures).toEqual(['status 200 is outside 204-204', '$.status gave ["ok"]']);
  });

  it('http: an unreachable target is an error that names the URL and the cause', async () => {
    const port = await closedPort();
    await expect(httpProbe.run(httpProbe.validate({ url: `http://127.0.0.1:${port}/` }), { signal })).rejects.toThrow(`GET http://127.0.0.1:${port}/: connection refused`);
  });

  it('tcp: connected to a listening port, not connected to a closed one', async () => {
    expect(await tcpProbe.run(tcpProbe.validate({ port: service.port }), { signal })).toMatchObject({ ok: true, connected: true });
    const closed = await tcpProbe.run(tcpProbe.validate({ port: await closedPort() }), { signal });
    expect(closed).toMatchObject({ ok: false, connected: false, error: 'connection refused (nothing listens there)' });
  });

  it('process: alive by pid and pid file; a stopped process is not running', async () => {
    expect((await processProbe.run(processProbe.validate({ pidfile: service.pidfile }), { signal })).ok).toBe(true);
    service.child.kill('SIGSTOP');
    while (service.state() !== 'T') await new Promise((r) => setTimeout(r, 10));
    expect((await processProbe.run(processProbe.validate({ pid: service.pid }), { signal })).ok).toBe(true);
    expect((await processProbe.run(processProbe.validate({ pid: service.pid, running: true }), { signal })).ok).toBe(false);
    service.child.kill('SIGCONT');
  });

  it('command: ok when the exit code is the expected one', async () => {
    expect(await commandProbe.run(commandProbe.validate({ command: 'echo hi; exit 3', expect_exit: 3 }), { signal })).toMatchObject({ ok: true, value: 3, stdout: 'hi\n' });
    expect((await commandProbe.run(commandProbe.validate({ command: ['false'] }), { signal })).ok).toBe(false);
  });
});

describe('probe arguments are checked before anything runs', () => {
  it.each([
    [httpProbe, { url: 'http://x', colour: 1 }, 'probe http: unknown argument "colour"'],
    [httpProbe, { url: 'http://x', status: [500, 200] }, 'argument "status" must be a status code or [lowest, highest]'],
    [tcpProbe, {}, 'probe tcp: argument "port" is required'],
    [processProbe, { pid: 1, match: 'x' }, 'give exactly one of "pid", "pidfile" or "match"'],
    [commandProbe, { command: '' }, 'argument "command" must be a shell command string or a list'],
  ] as const)('%#: %j', (probe, args, message) => {
    expect(() => (probe as { validate(a: unknown): unknown }).validate(args)).toThrow(FaultlineError);
    expect(() => (probe as { validate(a: unknown): unknown }).validate(args)).toThrow(message);
  });
});
