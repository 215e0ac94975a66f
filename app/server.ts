/**
 * The app as an HTTP server: `/healthz`, `/metrics` (Prometheus format) and the webhook endpoint.
 * Deliveries are verified here (`x-hub-signature-256`, HMAC-SHA256 with the webhook secret) so an
 * unsigned or wrongly signed one gets 401 and never reaches a handler; what else the endpoint
 * refuses, and why, is in webhook-intake.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';
import { createNodeMiddleware, createProbot } from 'probot';
import { FaultlineError } from '../core/errors.ts';
import { HttpPrometheusClient } from '../core/prometheus/client.ts';
import { faultlineOctokit } from './github-client.ts';
import { withHandlerMetrics } from './handler-metrics.ts';
import { faultlineApp } from './index.ts';
import { type AppMetrics, createMetrics } from './metrics.ts';
import { readAppSettings } from './settings.ts';
import { BodyTooLarge, DeliveryLog, declaredTooLarge, looksSigned, ReadSlots, readBody } from './webhook-intake.ts';

export const WEBHOOK_PATH = '/api/github/webhooks';
/** The metric label of every delivery refused before its signature was verified. */
const UNVERIFIED = 'unverified';

export interface AppServerOptions {
  env: NodeJS.ProcessEnv;
  port?: number;
  host?: string;
}

export interface RunningAppServer {
  /** Where the server listens, as bound (`http://0.0.0.0:3000` when on every interface). */
  url: string;
  metrics: AppMetrics;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: string, type = 'application/json', headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, ...headers });
  response.end(body);
}

/** Answers and closes the connection without reading what the sender still has to send. */
function refuse(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  send(response, status, body, 'application/json', { connection: 'close', ...headers });
}

function urlOf(address: AddressInfo): string {
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      const why =
        error.code === 'EADDRINUSE'
          ? `${where} is already in use by another process: stop it or choose another --port (or PORT)`
          : error.code === 'EACCES'
            ? `no permission to listen on ${where}: ports below 1024 need privileges; choose another --port (or PORT)`
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? `${host} is not an address of this machine: choose another --host (or HOST)`
              : `cannot listen on ${where}: ${error.message}`;
      reject(new FaultlineError(why, { exitCode: 2, hint: "see 'faultline app --help' and docs/app.md" }));
    });
    server.listen(port, host, resolve);
  });
}

export async function startAppServer(options: AppServerOptions): Promise<RunningAppServer> {
  const { env } = options;
  const read = readAppSettings(env, { port: options.port, host: options.host });
  if (!read.ok) {
    throw new FaultlineError(`the app cannot start: its configuration has ${read.problems.length} problem(s):\n${read.problems.map((p) => `  - ${p}`).join('\n')}`, {
      exitCode: 2,
      hint: "see 'faultline app --help' and docs/app.md",
    });
  }
  const { settings } = read;
  const metrics = createMetrics();
  const prometheus = settings.prometheusUrl ? new HttpPrometheusClient({ url: settings.prometheusUrl }) : undefined;
  const probot = createProbot({
    env,
    overrides: { Octokit: faultlineOctokit(metrics), appId: settings.appId, privateKey: settings.privateKey, secret: settings.secret },
  });
  const middleware = await createNodeMiddleware(withHandlerMetrics(faultlineApp({ appId: settings.appId, prometheus }), metrics), { probot, webhooksPath: WEBHOOK_PATH });
  const slots = new ReadSlots();
  const deliveries = new DeliveryLog();

  async function webhook(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const signature = request.headers['x-hub-signature-256'];
    if (!looksSigned(signature)) {
      metrics.events.inc({ event: UNVERIFIED, outcome: 'rejected' });
      return refuse(response, 401, '{"error":"x-hub-signature-256 is missing or malformed: deliveries must be signed with the webhook secret"}\n');
    }
    if (declaredTooLarge(request)) {
      metrics.events.inc({ event: UNVERIFIED, outcome: 'rejected' });
      return refuse(response, 413, '{"error":"payload too large: GitHub sends at most 25 MB"}\n');
    }
    if (!slots.tryEnter()) {
      metrics.events.inc({ event: UNVERIFIED, outcome: 'rejected' });
      return refuse(response, 503, '{"error":"too many deliveries being read at once; try again"}\n', { 'retry-after': '1' });
    }
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      metrics.events.inc({ event: UNVERIFIED, outcome: 'rejected' });
      return error instanceof BodyTooLarge ? refuse(response, 413, '{"error":"payload too large: GitHub sends at most 25 MB"}\n') : refuse(response, 400, '{"error":"could not read the body"}\n');
    } finally {
      slots.leave();
    }
    if (!(await verify(settings.secret, body, signature).catch(() => false))) {
      metrics.events.inc({ event: UNVERIFIED, outcome: 'rejected' });
      return send(response, 401, '{"error":"signature does not match: check the webhook secret"}\n');
    }
    // Signed from here on: the event name may become a label.
    const event = String(request.headers['x-github-event'] ?? 'unknown');
    // A replay under the same id is answered and not handled again. (The id header is not covered
    // by the signature; a replay under a new id only re-evaluates the current state, which writes
    // to the same check runs and the same comment: handling is idempotent.)
    const id = request.headers['x-github-delivery'];
    if (typeof id === 'string' && id !== '') {
      if (!deliveries.firstTime(id)) {
        metrics.events.inc({ event, outcome: 'duplicate' });
        return send(response, 200, '{"status":"duplicate delivery: already handled"}\n');
      }
    }
    (request as IncomingMessage & { body?: string }).body = body;
    await middleware(request, response, () => send(response, 404, '{"error":"not found"}\n'));
    // A delivery that failed may be redelivered (GitHub's "Redeliver" keeps the id).
    if (typeof id === 'string' && response.statusCode >= 400) deliveries.forget(id);
  }

  const server: Server = createServer(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/healthz') return send(response, 200, '{"status":"ok"}\n');
    if (request.method === 'GET' && path === '/metrics') return send(response, 200, await metrics.registry.metrics(), metrics.registry.contentType);
    if (request.method !== 'POST' || path !== WEBHOOK_PATH) return send(response, 404, '{"error":"not found"}\n');
    await webhook(request, response);
  });
  // A sender that trickles its headers or body ties up a slot; GitHub sends a delivery in well under this.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;

  await listen(server, settings.port, settings.host);
  return {
    url: urlOf(server.address() as AddressInfo),
    metrics,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
