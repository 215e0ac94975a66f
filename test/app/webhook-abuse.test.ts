/**
 * The webhook endpoint is public. Each case is something an unauthenticated sender (or a replay of
 * a captured delivery) tries, and what the app refuses, before any handler runs.
 */
import { connect, type Socket } from 'node:net';
import { MAX_CONCURRENT_BODY_READS } from '../../app/webhook-intake.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { appPrivateKey } from '../support/webhook-delivery.ts';

// The app in a child process as operators run it (in-process, nock would intercept the sockets).
let app: AppProcess;
beforeAll(async () => {
  app = await startAppProcess({ APP_ID: '4242', PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: 'webhook-secret-for-tests', LOG_LEVEL: 'fatal' });
}, 60_000);
afterAll(() => app.stop());
const LOOKS_SIGNED = `sha256=${'0'.repeat(64)}`;

interface OpenRequest {
  socket: Socket;
  /** Resolves with the HTTP status once the app answers (0 when it closed without one). */
  status: Promise<number>;
  write(data: string | Buffer): Promise<void>;
}

/**
 * A raw HTTP request over a socket (nock intercepts Node's HTTP clients and would buffer the body
 * until it ends): sends the headers and `bodyStart`, then keeps the request open.
 */
function openRequest(headers: Record<string, string>, bodyStart = ''): OpenRequest {
  const url = new URL(app.url);
  const socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => {}); // the app may drop the connection once it has answered
  const head = Object.entries({ host: url.host, 'content-type': 'application/json', 'x-github-event': 'push', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`POST /api/github/webhooks HTTP/1.1\r\n${head}\r\n${bodyStart}`);
  let received = '';
  const status = new Promise<number>((resolve) => {
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (match) resolve(Number(match[1]));
    });
    socket.on('close', () => resolve(0));
  });
  const write = (data: string | Buffer) =>
    new Promise<void>((resolve) => {
      if (socket.destroyed || !socket.write(data)) socket.once('drain', resolve).once('close', resolve);
      else resolve();
      if (socket.destroyed) resolve();
    });
  return { socket, status, write };
}

/** One unsigned request on its own connection, as a flood would send it. */
async function unsigned(event: string): Promise<number> {
  const { socket, status } = openRequest({ 'x-github-event': event, 'x-github-delivery': event, 'content-length': '2' }, '{}');
  const code = await status;
  socket.destroy();
  return code;
}

describe('the webhook endpoint under abuse', () => {
  it('refuses an unsigned delivery without waiting for its body', async () => {
    // The body never ends: an answer proves the app did not wait to buffer it.
    const { socket, status } = openRequest({ 'transfer-encoding': 'chunked' }, '8\r\n{"zen":"');
    expect(await status).toBe(401);
    socket.destroy();
  });

  it('refuses a body declared over GitHub’s 25 MB limit before reading it', async () => {
    const { socket, status } = openRequest({ 'x-hub-signature-256': LOOKS_SIGNED, 'content-length': String(26 * 1024 * 1024) }, '{');
    expect(await status).toBe(413);
    socket.destroy();
  });

  it('stops reading a chunked body once it passes 25 MB', async () => {
    const sending = openRequest({ 'x-hub-signature-256': LOOKS_SIGNED, 'transfer-encoding': 'chunked' });
    const chunk = Buffer.concat([Buffer.from('100000\r\n'), Buffer.alloc(1024 * 1024, 0x20), Buffer.from('\r\n')]);
    let answered = false;
    void sending.status.then(() => (answered = true));
    for (let i = 0; i < 30 && !answered && !sending.socket.destroyed; i++) await sending.write(chunk);
    // The app answers 413 and drops the connection. The client sees that answer, or (when the drop's
    // reset overtakes it, as TCP allows while the sender is still writing) only the reset. A server
    // that kept reading would do neither: the body never ends, so the test would time out waiting.
    expect([413, 0]).toContain(await sending.status);
    sending.socket.destroy();
  });

  it(`reads at most ${MAX_CONCURRENT_BODY_READS} bodies at once and turns the next sender away`, async () => {
    const held = Array.from({ length: MAX_CONCURRENT_BODY_READS }, () => openRequest({ 'x-hub-signature-256': LOOKS_SIGNED, 'transfer-encoding': 'chunked' }, '5\r\n{"a":\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the server start reading all of them
    const next = openRequest({ 'x-hub-signature-256': LOOKS_SIGNED, 'transfer-encoding': 'chunked' }, '5\r\n{"a":\r\n');
    expect(await next.status).toBe(503);
    next.socket.destroy();
    for (const { write } of held) await write('2\r\n1}\r\n0\r\n\r\n');
    // Each held body then fails verification (its signature is made up): 401, and the slots are free again.
    expect(await Promise.all(held.map((h) => h.status))).toEqual(held.map(() => 401));
    for (const { socket } of held) socket.destroy();
  });

  it('keeps /metrics the same size after 50,000 unsigned requests with made-up event names', async () => {
    await unsigned('push');
    const before = await (await fetch(`${app.url}/metrics`)).text();
    let sent = 0;
    const worker = async () => {
      while (sent < 50_000) expect(await unsigned(`made-up-${sent++}`)).toBe(401);
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const after = await (await fetch(`${app.url}/metrics`)).text();
    expect(after).not.toContain('made-up-');
    const lines = (text: string) => text.split('\n').map((l) => l.replace(/ [\d.e+]+$/, ''));
    expect(lines(after)).toEqual(lines(before));
    const rejected = Number(/faultline_app_webhook_events_total\{event="unverified",outcome="rejected"\} (\d+)/.exec(after)?.[1]);
    expect(rejected).toBeGreaterThan(50_000);
  }, 300_000);
});
