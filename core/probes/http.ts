/**
 * HTTP probe: one request; `ok` when the status is expected, the body matches the optional regex
 * and JSONPath expectation, and the answer came within the optional latency threshold.
 */
import { JSONPath } from 'jsonpath-plus';
import { FaultlineError } from '../errors.ts';
import {
  asArgs,
  optionalHeaders,
  optionalBoolean,
  optionalNumber,
  optionalString,
  rejectUnknown,
  requiredUrl,
  timeoutMs,
} from './arguments.ts';
import { sendHttp } from './request.ts';
import type { Probe, ProbeOutput } from './types.ts';

export interface HttpProbeArgs {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Inclusive status range. */
  status: [number, number];
  bodyRegex?: RegExp;
  jsonpath?: { path: string; expect?: unknown };
  maxLatencyMs?: number;
  verifyTls: boolean;
}

const KNOWN = ['url', 'method', 'headers', 'body', 'timeout', 'status', 'body_regex', 'jsonpath', 'max_latency_ms', 'verify_tls'];

function readStatus(value: unknown): [number, number] {
  if (value === undefined) return [200, 399];
  if (typeof value === 'number' && Number.isInteger(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => Number.isInteger(v)) && value[0] <= value[1]) {
    return [value[0], value[1]];
  }
  throw new FaultlineError(`probe http: argument "status" must be a status code or [lowest, highest], got ${JSON.stringify(value)}`);
}

function readJsonPath(value: unknown): { path: string; expect?: unknown } | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { path: value };
  if (typeof value === 'object' && value !== null && typeof (value as { path?: unknown }).path === 'string') {
    return value as { path: string; expect?: unknown };
  }
  throw new FaultlineError('probe http: argument "jsonpath" must be a path string or {path, expect}');
}

export function jsonPathValues(path: string, json: unknown): unknown[] {
  return JSONPath({ path, json: json as object, wrap: true }) as unknown[];
}

export const httpProbe: Probe<HttpProbeArgs> = {
  kind: 'http',
  tolerances: ['boolean', 'number', 'string', 'list', 'regex', 'jsonpath', 'range', 'probe'],
  validate(raw) {
    const args = asArgs(raw, 'http');
    rejectUnknown(args, 'http', KNOWN);
    const body = args.body;
    const bodyRegex = optionalString(args, 'body_regex', 'http');
    let regex: RegExp | undefined;
    if (bodyRegex !== undefined) {
      try {
        regex = new RegExp(bodyRegex);
      } catch (error) {
        throw new FaultlineError(`probe http: argument "body_regex" is not a valid regular expression: ${(error as Error).message}`);
      }
    }
    return {
      url: requiredUrl(args, 'url', 'http', { schemes: ['http', 'https'], example: 'http://127.0.0.1:8080/health' }),
      method: (optionalString(args, 'method', 'http') ?? 'GET').toUpperCase(),
      headers: optionalHeaders(args, 'headers', 'http'),
      body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
      timeoutMs: timeoutMs(args, 'http', 5),
      status: readStatus(args.status),
      bodyRegex: regex,
      jsonpath: readJsonPath(args.jsonpath),
      maxLatencyMs: optionalNumber(args, 'max_latency_ms', 'http', { min: 0 }),
      verifyTls: optionalBoolean(args, 'verify_tls', 'http') ?? true,
    };
  },
  describe: (args) => `${args.method} ${args.url} answers ${args.status[0] === args.status[1] ? args.status[0] : `${args.status[0]}-${args.status[1]}`}`,
  async run(args, context): Promise<ProbeOutput> {
    const answer = await sendHttp({
      url: args.url,
      method: args.method,
      headers: args.headers,
      body: args.body,
      timeoutMs: args.timeoutMs,
      verifyTls: args.verifyTls,
      signal: context.signal,
    });
    const failures: string[] = [];
    if (answer.status < args.status[0] || answer.status > args.status[1]) {
      failures.push(`status ${answer.status} is outside ${args.status[0]}-${args.status[1]}`);
    }
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    if (args.bodyRegex && !args.bodyRegex.test(text)) failures.push(`body does not match /${args.bodyRegex.source}/`);
    if (args.jsonpath) {
      const found = jsonPathValues(args.jsonpath.path, answer.body);
      const met =
        'expect' in args.jsonpath
          ? JSON.stringify(found) === JSON.stringify(Array.isArray(args.jsonpath.expect) ? args.jsonpath.expect : [args.jsonpath.expect])
          : found.length > 0;
      if (!met) failures.push(`${args.jsonpath.path} gave ${JSON.stringify(found)}`);
    }
    if (args.maxLatencyMs !== undefined && answer.latency_ms > args.maxLatencyMs) {
      failures.push(`latency ${answer.latency_ms} ms is over ${args.maxLatencyMs} ms`);
    }
    return { ok: failures.length === 0, value: answer.status, ...answer, failures };
  },
};
