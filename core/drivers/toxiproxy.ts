/**
 * Faults through a toxiproxy in front of a service (Shopify/toxiproxy's HTTP API): a toxic
 * (latency, bandwidth, timeout, reset_peer, slicer, limit_data, slow_close) added under a name
 * derived from the fault id, or the proxy taken down with `enabled: false`. Undo deletes exactly
 * that toxic, and re-enables the proxy only if it was enabled before we took it down. Toxiproxy
 * has no TTL of its own, so the plan's TTL is enforced by the engine's watchdog.
 */
import { FaultlineError } from '../errors.ts';
import { ArgumentReader, describe, safeName } from './arguments.ts';
import type { FaultDriver, FaultPlan, UndoRecord } from './types.ts';

export const TOXIC_ATTRIBUTES = {
  latency: { required: ['latency'], optional: ['jitter'] },
  bandwidth: { required: ['rate'], optional: [] },
  timeout: { required: ['timeout'], optional: [] },
  reset_peer: { required: [], optional: ['timeout'] },
  slicer: { required: ['average_size'], optional: ['size_variation', 'delay'] },
  limit_data: { required: ['bytes'], optional: [] },
  slow_close: { required: ['delay'], optional: [] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;

export type ToxicType = keyof typeof TOXIC_ATTRIBUTES;

export interface ToxiproxyParams {
  url: string;
  proxy: string;
  toxic: ToxicType | 'down';
  stream: 'upstream' | 'downstream';
  toxicity: number;
  attributes: Record<string, number>;
  ttlSeconds: number;
}

interface ToxiproxyUndo {
  url: string;
  proxy: string;
  toxics: string[];
  reenable: boolean;
}

const ARGUMENTS = ['url', 'proxy', 'toxic', 'stream', 'toxicity', 'attributes', 'ttl'] as const;
const TOXICS = [...(Object.keys(TOXIC_ATTRIBUTES) as ToxicType[]), 'down'] as const;
const UNITS: Record<string, string> = {
  latency: 'ms',
  jitter: 'ms',
  rate: 'KB/s',
  timeout: 'ms',
  delay: 'ms (µs for slicer)',
  average_size: 'bytes',
  size_variation: 'bytes',
  bytes: 'bytes',
};

function validate(args: unknown): ToxiproxyParams {
  const reader = new ArgumentReader('toxiproxy', args, ARGUMENTS);
  const url = reader.string('url', { pattern: /^https?:\/\/[^\s/]+(\/.*)?$/, patternText: 'the API address, e.g. http://127.0.0.1:8474' }) ?? 'http://127.0.0.1:8474';
  const proxy = reader.string('proxy', { required: true });
  const toxic = reader.oneOf('toxic', TOXICS);
  const ttlSeconds = reader.seconds('ttl', { min: 1, max: 86_400, fallback: 60 });
  if (toxic === 'down') {
    reader.forbid(['stream', 'toxicity', 'attributes'], 'with toxic "down" (it disables the whole proxy)');
    return { url: url.replace(/\/+$/, ''), proxy, toxic, stream: 'downstream', toxicity: 1, attributes: {}, ttlSeconds };
  }
  const stream = reader.oneOf('stream', ['upstream', 'downstream'] as const, 'downstream');
  const toxicity = reader.number('toxicity', { min: 0, max: 1, fallback: 1 });
  const given = reader.object('attributes') ?? {};
  const spec = TOXIC_ATTRIBUTES[toxic];
  const known: readonly string[] = [...spec.required, ...spec.optional];
  const attributes: Record<string, number> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!known.includes(key)) {
      throw reader.error('attributes', `has "${key}", which toxic "${toxic}" does not take (it takes: ${known.join(', ') || 'nothing'})`);
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw reader.error('attributes', `"${key}" must be a whole number >= 0 (${UNITS[key] ?? ''}), got ${describe(value)}`);
    }
    attributes[key] = value;
  }
  for (const key of spec.required) {
    if (attributes[key] === undefined) {
      throw reader.error('attributes', `needs "${key}" (${UNITS[key]}) for toxic "${toxic}"`);
    }
  }
  return { url: url.replace(/\/+$/, ''), proxy, toxic, stream, toxicity, attributes, ttlSeconds };
}

function plan(params: ToxiproxyParams): FaultPlan {
  const detail = Object.entries(params.attributes)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return {
    driver: 'toxiproxy',
    action:
      params.toxic === 'down'
        ? 'take the proxy down (enabled: false)'
        : `toxic ${params.toxic}${detail ? ` (${detail})` : ''} on the ${params.stream} stream, toxicity ${params.toxicity}`,
    target: `proxy "${params.proxy}" at ${params.url}`,
    ttlSeconds: params.ttlSeconds,
    undo:
      params.toxic === 'down'
        ? 're-enable the proxy if it was enabled before (watchdog after the TTL)'
        : 'delete the toxic this fault added (watchdog after the TTL)',
  };
}

export function toxicName(faultId: string): string {
  return `faultline-${safeName(faultId, 100)}`;
}

async function call(url: string, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(10_000);
  try {
    return await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    throw new FaultlineError(`driver "toxiproxy": cannot reach the toxiproxy API at ${url} (${method} ${path}): ${(error as Error).message}`, {
      hint: 'start toxiproxy (e.g. a service container ghcr.io/shopify/toxiproxy) and point "url" at its API port (8474)',
      exitCode: 1,
      cause: error,
    });
  }
}

async function failure(response: Response, what: string, params: { url: string; proxy: string }): Promise<FaultlineError> {
  const text = (await response.text().catch(() => '')).trim().slice(0, 300);
  if (response.status === 404) {
    let known = '';
    const list = await call(params.url, 'GET', '/proxies').catch(() => undefined);
    if (list?.ok) known = ` (known: ${Object.keys((await list.json()) as object).join(', ') || 'none'})`;
    return new FaultlineError(`driver "toxiproxy": there is no proxy "${params.proxy}" at ${params.url}${known}`, {
      hint: 'create the proxy first (toxiproxy-cli create, or a config file) or fix the "proxy" argument',
      exitCode: 1,
    });
  }
  return new FaultlineError(`driver "toxiproxy": ${what} failed with HTTP ${response.status}: ${text}`, { exitCode: 1 });
}

function parseUndo(undo: UndoRecord): ToxiproxyUndo {
  if (typeof undo.url !== 'string' || typeof undo.proxy !== 'string' || !Array.isArray(undo.toxics)) {
    throw new FaultlineError('driver "toxiproxy": the undo record is damaged (expected "url", "proxy", "toxics")', { exitCode: 1 });
  }
  return undo as unknown as ToxiproxyUndo;
}

const proxyPath = (proxy: string) => `/proxies/${encodeURIComponent(proxy)}`;

export const toxiproxyDriver: FaultDriver<ToxiproxyParams> = {
  name: 'toxiproxy',
  validate,
  plan,
  undoBeforeInject: (params, context) => ({
    url: params.url,
    proxy: params.proxy,
    toxics: params.toxic === 'down' ? [] : [toxicName(context.faultId)],
    reenable: params.toxic === 'down',
  }),
  async inject(params, context) {
    if (params.toxic === 'down') {
      const current = await call(params.url, 'GET', proxyPath(params.proxy), undefined, context.signal);
      if (!current.ok) throw await failure(current, `reading proxy "${params.proxy}"`, params);
      const wasEnabled = ((await current.json()) as { enabled?: boolean }).enabled !== false;
      if (wasEnabled) {
        const update = await call(params.url, 'POST', proxyPath(params.proxy), { enabled: false }, context.signal);
        if (!update.ok) throw await failure(update, `disabling proxy "${params.proxy}"`, params);
      }
      context.log(`toxiproxy: proxy ${params.proxy} ${wasEnabled ? 'taken down' : 'was already down; left as it was'}`);
      const undo: ToxiproxyUndo = { url: params.url, proxy: params.proxy, toxics: [], reenable: wasEnabled };
      return { undo: undo as unknown as UndoRecord, output: { proxy: params.proxy, disabled: wasEnabled } };
    }
    const toxic = {
      name: toxicName(context.faultId),
      type: params.toxic,
      stream: params.stream,
      toxicity: params.toxicity,
      attributes: params.attributes,
    };
    const created = await call(params.url, 'POST', `${proxyPath(params.proxy)}/toxics`, toxic, context.signal);
    if (created.status === 409) {
      throw new FaultlineError(`driver "toxiproxy": proxy "${params.proxy}" already has a toxic named "${toxic.name}"`, {
        hint: 'a previous run with the same fault id left it: run the rollback (faultline chaos run reverts its ledger) or delete the toxic',
        exitCode: 1,
      });
    }
    if (!created.ok) throw await failure(created, `adding toxic ${toxic.type} to proxy "${params.proxy}"`, params);
    context.log(`toxiproxy: added ${toxic.type} toxic "${toxic.name}" to proxy ${params.proxy}`);
    const undo: ToxiproxyUndo = { url: params.url, proxy: params.proxy, toxics: [toxic.name], reenable: false };
    return { undo: undo as unknown as UndoRecord, output: { proxy: params.proxy, toxic: await created.json() } };
  },
  async revert(undo, context) {
    const record = parseUndo(undo);
    for (const name of record.toxics) {
      const deleted = await call(record.url, 'DELETE', `${proxyPath(record.proxy)}/toxics/${encodeURIComponent(name)}`);
      // 404: already gone (a second revert, or the proxy itself was removed).
      if (!deleted.ok && deleted.status !== 404) throw await failure(deleted, `deleting toxic "${name}"`, record);
    }
    if (record.reenable) {
      const update = await call(record.url, 'POST', proxyPath(record.proxy), { enabled: true });
      if (!update.ok && update.status !== 404) throw await failure(update, `re-enabling proxy "${record.proxy}"`, record);
    }
    context.log(
      `toxiproxy: removed ${record.toxics.length} toxic(s)${record.reenable ? ` and re-enabled proxy ${record.proxy}` : ''}`,
    );
  },
};
