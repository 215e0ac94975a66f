/**
 * A small Prometheus HTTP API client (also fine for Thanos, Mimir, VictoriaMetrics: they serve the
 * same `/api/v1/query` and `/api/v1/query_range`). The engines depend on the `PrometheusClient`
 * interface only, so their logic is testable without a server.
 */
import { FaultlineError } from '../errors.ts';

/** One sample of an instant vector; a scalar answer is one sample with no labels. */
export interface PromSample {
  labels: Record<string, string>;
  /** NaN and ±Infinity are kept as such (Prometheus sends "NaN", "+Inf", "-Inf"). */
  value: number;
  /** Unix seconds. */
  timestamp: number;
}

export interface PromRangeSeries {
  labels: Record<string, string>;
  /** [unix seconds, value] pairs in time order. */
  values: [number, number][];
}

export interface PrometheusClient {
  /** Instant query at `time` (default: now at the server). */
  query(expr: string, time?: Date): Promise<PromSample[]>;
  queryRange(expr: string, start: Date, end: Date, stepSeconds: number): Promise<PromRangeSeries[]>;
}

export type PrometheusFailure = 'unreachable' | 'timeout' | 'http' | 'bad_data' | 'query' | 'invalid-response';

/** Every failure to get an answer: `reason` lets a face decide, `message`/`hint` tell the user. */
export class PrometheusError extends FaultlineError {
  readonly reason: PrometheusFailure;
  readonly url: string;
  readonly status?: number;

  constructor(
    reason: PrometheusFailure,
    url: string,
    message: string,
    options: { hint: string; status?: number; cause?: unknown },
  ) {
    super(message, { hint: options.hint, cause: options.cause, exitCode: 2 });
    this.name = 'PrometheusError';
    this.reason = reason;
    this.url = url;
    this.status = options.status;
  }
}

export interface HttpPrometheusClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:9090` or `https://mimir.example/prometheus`. */
  url: string;
  /** Extra request headers (Authorization, X-Scope-OrgID…). Never logged or put in errors. */
  headers?: Record<string, string>;
  /** Per request; default 30 s. Also sent to Prometheus as its own query `timeout`. */
  timeoutMs?: number;
  /** Injected for tests; default: global fetch. */
  fetch?: typeof fetch;
}

interface ApiEnvelope {
  status?: unknown;
  data?: { resultType?: unknown; result?: unknown };
  errorType?: unknown;
  error?: unknown;
  warnings?: unknown;
}

/** Prometheus encodes sample values as strings so NaN and infinities survive JSON. */
export function parseSampleValue(text: unknown): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  const value = typeof text === 'string' ? Number(text) : Number.NaN;
  if (typeof text !== 'string' || text.trim() === '' || Number.isNaN(value)) {
    throw new TypeError(`sample value ${JSON.stringify(text)} is not a number`);
  }
  return value;
}

/** The URL as it may be shown: no user:password, no query string. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return '<invalid URL>';
  }
}

export class HttpPrometheusClient implements PrometheusClient {
  /** HTTP requests sent so far (the batching tests and the benchmark read it). */
  requests = 0;
  readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: HttpPrometheusClientOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch (cause) {
      throw new FaultlineError(`Prometheus URL "${options.url}" is not a URL`, {
        hint: 'give an absolute http(s) URL such as http://127.0.0.1:9090',
        cause,
      });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FaultlineError(`Prometheus URL must use http or https, not ${url.protocol}`, {
        hint: 'give an absolute http(s) URL such as http://127.0.0.1:9090',
      });
    }
    this.headers = { ...options.headers };
    // fetch refuses URLs with credentials; turn them into the Basic header they stand for.
    if (url.username || url.password) {
      const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`);
      this.headers.authorization ??= `Basic ${basic.toString('base64')}`;
      url.username = '';
      url.password = '';
    }
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    this.baseUrl = url.toString();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async query(expr: string, time?: Date): Promise<PromSample[]> {
    const params: Record<string, string> = { query: expr };
    if (time) params.time = toUnixSeconds(time);
    const data = await this.call('api/v1/query', params);
    return parseInstant(data, this.endpoint('api/v1/query'));
  }

  async queryRange(expr: string, start: Date, end: Date, stepSeconds: number): Promise<PromRangeSeries[]> {
    const data = await this.call('api/v1/query_range', {
      query: expr,
      start: toUnixSeconds(start),
      end: toUnixSeconds(end),
      step: String(stepSeconds),
    });
    return parseRange(data, this.endpoint('api/v1/query_range'));
  }

  private endpoint(path: string): string {
    return new URL(path, this.baseUrl).toString();
  }

  private async call(path: string, params: Record<string, string>): Promise<ApiEnvelope['data']> {
    const url = this.endpoint(path);
    const body = new URLSearchParams({ ...params, timeout: `${Math.max(1, Math.floor(this.timeoutMs / 1000))}s` });
    this.requests++;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw transportError(url, cause, this.timeoutMs);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw transportError(url, cause, this.timeoutMs);
    }
    let envelope: ApiEnvelope | undefined;
    try {
      envelope = JSON.parse(text) as ApiEnvelope;
    } catch {
      envelope = undefined;
    }
    if (envelope?.status === 'error') throw apiError(url, response.status, envelope);
    if (!response.ok) throw httpError(url, response.status, text);
    if (envelope?.status !== 'success' || typeof envelope.data !== 'object' || envelope.data === null) {
      throw new PrometheusError('invalid-response', redactUrl(url), `${redactUrl(url)} did not answer like the Prometheus HTTP API`, {
        hint: `check that --prometheus points at the Prometheus server itself (the answer began with ${JSON.stringify(text.slice(0, 60))})`,
        status: response.status,
      });
    }
    return envelope.data;
  }
}

function toUnixSeconds(time: Date): string {
  return (time.getTime() / 1000).toFixed(3);
}

function transportError(url: string, cause: unknown, timeoutMs: number): PrometheusError {
  const shown = redactUrl(url);
  const name = (cause as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PrometheusError('timeout', shown, `Prometheus at ${shown} did not answer within ${timeoutMs} ms`, {
      hint: 'check that the server is up and not overloaded, or shorten the SLO windows / raise the timeout',
      cause,
    });
  }
  const code = (cause as { cause?: { code?: string } })?.cause?.code ?? (cause as { code?: string })?.code;
  const what =
    code === 'ECONNREFUSED'
      ? 'refused the connection'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'has a host name that does not resolve'
        : `could not be reached (${code ?? (cause as Error)?.message ?? String(cause)})`;
  return new PrometheusError('unreachable', shown, `Prometheus at ${shown} ${what}`, {
    hint: 'check the URL (scheme, host, port) and that the server is running and reachable from here',
    cause,
  });
}

function apiError(url: string, status: number, envelope: ApiEnvelope): PrometheusError {
  const shown = redactUrl(url);
  const errorType = typeof envelope.errorType === 'string' ? envelope.errorType : 'unknown';
  const detail = typeof envelope.error === 'string' ? envelope.error : 'no detail given';
  if (errorType === 'bad_data') {
    return new PrometheusError('bad_data', shown, `Prometheus rejected a query as bad_data: ${detail}`, {
      hint: 'check the PromQL in the SLO spec (good/bad/total queries) for syntax errors and unknown functions',
      status,
    });
  }
  return new PrometheusError('query', shown, `Prometheus at ${shown} failed the query (${errorType}, HTTP ${status}): ${detail}`, {
    hint:
      errorType === 'timeout' || errorType === 'canceled'
        ? 'the query took too long: check the server load, or use recording rules for long windows'
        : 'check the query and the server logs',
    status,
  });
}

function httpError(url: string, status: number, body: string): PrometheusError {
  const shown = redactUrl(url);
  const hint =
    status === 401 || status === 403
      ? 'check the credentials (prometheus-headers, e.g. Authorization) and their permissions'
      : status === 404
        ? 'check the base URL: it must be the server root (add the path prefix if it is served under one, e.g. /prometheus)'
        : status >= 500
          ? 'the server or a proxy in front of it failed: check its health and logs, then retry'
          : 'check the URL and the request headers';
  const excerpt = body.trim().slice(0, 120);
  return new PrometheusError('http', shown, `Prometheus at ${shown} answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`, {
    hint,
    status,
  });
}

function invalid(url: string, what: string): PrometheusError {
  const shown = redactUrl(url);
  return new PrometheusError('invalid-response', shown, `${shown} sent an answer Faultline cannot read: ${what}`, {
    hint: 'check that the URL points at a Prometheus-compatible query API',
  });
}

function labelsOf(value: unknown): Record<string, string> {
  return value && typeof value === 'object' ? { ...(value as Record<string, string>) } : {};
}

function parseInstant(data: ApiEnvelope['data'], url: string): PromSample[] {
  const { resultType, result } = data ?? {};
  try {
    if (resultType === 'scalar') {
      const [t, v] = result as [number, string];
      return [{ labels: {}, timestamp: Number(t), value: parseSampleValue(v) }];
    }
    if (resultType === 'vector' && Array.isArray(result)) {
      return result.map((item: { metric?: unknown; value?: [number, string] }) => ({
        labels: labelsOf(item.metric),
        timestamp: Number(item.value?.[0]),
        value: parseSampleValue(item.value?.[1]),
      }));
    }
  } catch (error) {
    throw invalid(url, (error as Error).message);
  }
  throw invalid(url, `expected a vector or scalar result, got ${JSON.stringify(resultType)}`);
}

function parseRange(data: ApiEnvelope['data'], url: string): PromRangeSeries[] {
  const { resultType, result } = data ?? {};
  if (resultType !== 'matrix' || !Array.isArray(result)) {
    throw invalid(url, `expected a matrix result, got ${JSON.stringify(resultType)}`);
  }
  try {
    return result.map((item: { metric?: unknown; values?: [number, string][] }) => ({
      labels: labelsOf(item.metric),
      values: (item.values ?? []).map(([t, v]) => [Number(t), parseSampleValue(v)] as [number, number]),
    }));
  } catch (error) {
    throw invalid(url, (error as Error).message);
  }
}
