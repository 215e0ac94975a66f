/**
 * Real example webhook payloads (@octokit/webhooks-examples) and signed deliveries to the app's
 * HTTP endpoint, as GitHub sends them.
 */
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

interface ExampleSet {
  name: string;
  examples: Record<string, unknown>[];
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as ExampleSet[];

/**
 * A copy of GitHub's example payload for `event` with `action` (the `nth` one when there are several).
 * Deliveries to an App always name the installation; the few examples without one get `id: 1`.
 */
export function examplePayload(event: string, action: string, nth = 0): Record<string, unknown> {
  const set = examples.find((e) => e.name === event);
  const found = set?.examples.filter((e) => e.action === action)[nth];
  if (!found) throw new Error(`no webhooks-examples payload for ${event}.${action} #${nth}`);
  const payload = structuredClone(found);
  payload.installation ??= { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  return payload;
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface DeliveryOptions {
  /** Override the signature (e.g. a wrong one); null sends none. */
  signature?: string | null;
  /** The `x-github-delivery` id (a fresh one by default; GitHub keeps it on a redelivery). */
  deliveryId?: string;
}

/** POSTs a delivery like GitHub does; returns the HTTP status and body. */
export async function deliver(url: string, secret: string, event: string, payload: unknown, options: DeliveryOptions = {}): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': options.deliveryId ?? randomUUID(),
    'user-agent': 'GitHub-Hookshot/test',
  };
  const signature = options.signature === undefined ? sign(secret, body) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const response = await fetch(`${url}/api/github/webhooks`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

/** A throwaway RSA key in the PEM form GitHub issues for Apps. */
export function appPrivateKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}
