/**
 * The app as an HTTP server: `/healthz`, `/metrics` (Prometheus format) and the webhook endpoint.
 * Deliveries are verified here (`x-hub-signature-256`, HMAC-SHA256 with the webhook secret) so an
 * unsigned or wrongly signed one gets 401 and never reaches a handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';
import { createNodeMiddleware, createProbot } from 'probot';
import { HttpPrometheusClient } from '../core/prometheus/client.ts';
import { faultlineOctokit } from './github-client.ts';
import { withHandlerMetrics } from './handler-metrics.ts';
import { faultlineApp } from './index.ts';
import { type AppMetrics, createMetrics } from './metrics.ts';

export const WEBHOOK_PATH = '/api/github/webhooks';
const MAX_BODY_BYTES = 25 * 1024 * 1024; // GitHub caps payloads at 25 MB

export interface AppServerOptions {
  env: NodeJS.ProcessEnv;
  port?: number;
  host?: string;
}

export interface RunningAppServer {
  url: string;
  metrics: AppMetrics;
  close(): Promise<void>;
}

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: ${what}`);
  return value;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('payload too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: string, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

export async function startAppServer(options: AppServerOptions): Promise<RunningAppServer> {
  const { env } = options;
  const appId = Number(required(env, 'APP_ID', 'the GitHub App id (from the app settings page)'));
  const secret = required(env, 'WEBHOOK_SECRET', 'the webhook secret configured for the app');
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) throw new Error('PRIVATE_KEY (or PRIVATE_KEY_PATH) is not set: the app private key (PEM)');
  const metrics = createMetrics();
  const prometheus = env.PROMETHEUS_URL ? new HttpPrometheusClient({ url: env.PROMETHEUS_URL }) : undefined;
  const probot = createProbot({ env, overrides: { Octokit: faultlineOctokit(metrics) } });
  const middleware = await createNodeMiddleware(withHandlerMetrics(faultlineApp({ appId, prometheus }), metrics), { probot, webhooksPath: WEBHOOK_PATH });

  const server: Server = createServer(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/healthz') return send(response, 200, '{"status":"ok"}\n');
    if (request.method === 'GET' && path === '/metrics') return send(response, 200, await metrics.registry.metrics(), metrics.registry.contentType);
    if (request.method !== 'POST' || path !== WEBHOOK_PATH) return send(response, 404, '{"error":"not found"}\n');

    const event = String(request.headers['x-github-event'] ?? 'unknown');
    let body: string;
    try {
      body = await readBody(request);
    } catch {
      metrics.events.inc({ event, outcome: 'rejected' });
      return send(response, 413, '{"error":"payload too large"}\n');
    }
    const signature = request.headers['x-hub-signature-256'];
    if (typeof signature !== 'string' || !(await verify(secret, body, signature).catch(() => false))) {
      metrics.events.inc({ event, outcome: 'rejected' });
      return send(response, 401, '{"error":"signature does not match: check the webhook secret"}\n');
    }
    (request as IncomingMessage & { body?: string }).body = body;
    await middleware(request, response, () => send(response, 404, '{"error":"not found"}\n'));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? Number(env.PORT ?? 3000), options.host ?? env.HOST ?? '0.0.0.0', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? env.HOST ?? '127.0.0.1'}:${port}`,
    metrics,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
