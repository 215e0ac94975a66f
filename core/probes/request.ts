/**
 * One HTTP request with a deadline, shared by the http probe and Chaos Toolkit's http provider.
 * node:http rather than fetch because Chaos Toolkit's `verify_tls: false` needs a per-request
 * TLS option, and the latency we report should not include body parsing.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { describeNetworkError } from './arguments.ts';

export interface HttpCall {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  verifyTls?: boolean;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the server says it is JSON, text otherwise. */
  body: unknown;
  /** Time to the response headers, in milliseconds. */
  latency_ms: number;
}

/** A probe or provider could not get an answer at all (as opposed to getting a bad one). */
export class ProbeFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeFailed';
  }
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (contentType && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export function sendHttp(call: HttpCall): Promise<HttpAnswer> {
  let url: URL;
  try {
    url = new URL(call.url);
  } catch {
    return Promise.reject(new ProbeFailed(`"${call.url}" is not a valid URL`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new ProbeFailed(`${call.url}: only http and https URLs are supported`));
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const started = performance.now();
  return new Promise<HttpAnswer>((resolve, reject) => {
    const signals = [AbortSignal.timeout(call.timeoutMs), ...(call.signal ? [call.signal] : [])];
    const req = send(
      url,
      {
        method: call.method,
        headers: call.headers,
        signal: AbortSignal.any(signals),
        ...(url.protocol === 'https:' ? { rejectUnauthorized: call.verifyTls !== false } : {}),
      },
      (res) => {
        const latency = performance.now() - started;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(new ProbeFailed(`${call.method} ${call.url}: ${describeNetworkError(error)}`)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: flatten(res.headers),
            body: parseBody(text, res.headers['content-type']),
            latency_ms: Math.round(latency * 100) / 100,
          });
        });
      },
    );
    req.on('error', (error) => {
      const why = error.name === 'AbortError' && !call.signal?.aborted ? `no answer within ${call.timeoutMs} ms` : describeNetworkError(error);
      reject(new ProbeFailed(`${call.method} ${call.url}: ${why}`));
    });
    req.end(call.body);
  });
}
