/**
 * Runs one activity through its provider and records it as Chaos Toolkit does (status, output,
 * exception, start/end/duration). Providers: Chaos Toolkit's http and process (unchanged
 * semantics), our probes, and our drivers through the FaultManager (ledger first).
 */
import { accessSync, constants } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ProbeRegistry } from '../probes/index.ts';
import { sendHttp } from '../probes/request.ts';
import { runProgram } from '../probes/spawn.ts';
import type { FaultManager } from './faults.ts';
import type { ActivityRun } from './journal.ts';
import {
  type Activity,
  type HttpProvider,
  isDriverProvider,
  isProbeProvider,
  type LocatedActivity,
  type ProcessProvider,
} from './model.ts';
import type { Redactor } from './redact.ts';

export interface ActivityContext {
  faults: FaultManager;
  probes: ProbeRegistry;
  redactor: Redactor;
  /** Directories to look up a process provider's `path` in (the face passes PATH). */
  searchPath: string[];
  cwd: string;
  signal: AbortSignal;
}

/** Resolves after `ms`, or at once when the signal aborts (a breach must not wait out a pause). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function timeoutSeconds(timeout: HttpProvider['timeout'], fallback: number): number {
  if (Array.isArray(timeout)) return timeout[0] + timeout[1];
  return timeout ?? fallback;
}

async function runHttpProvider(provider: HttpProvider, signal: AbortSignal): Promise<unknown> {
  const method = (provider.method ?? 'GET').toUpperCase();
  const headers = { ...(provider.headers ?? {}) };
  let url = provider.url;
  let body: string | undefined;
  const args = provider.arguments ?? {};
  if (method === 'GET') {
    const target = new URL(url);
    for (const [key, value] of Object.entries(args)) target.searchParams.append(key, String(value));
    url = target.toString();
  } else if (Object.keys(args).length > 0) {
    const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    if (contentType && /json/i.test(contentType)) {
      body = JSON.stringify(args);
    } else {
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      body = new URLSearchParams(Object.entries(args).map(([k, v]): [string, string] => [k, String(v)])).toString();
    }
  }
  const answer = await sendHttp({
    url,
    method,
    headers,
    body,
    timeoutMs: timeoutSeconds(provider.timeout, 30) * 1000,
    verifyTls: provider.verify_tls,
    signal,
  });
  if (provider.expected_status !== undefined && answer.status !== provider.expected_status) {
    throw new Error(`${method} ${provider.url} answered ${answer.status}, expected ${provider.expected_status}`);
  }
  return { status: answer.status, headers: answer.headers, body: answer.body };
}

function findProgram(path: string, context: ActivityContext): string {
  const candidates = isAbsolute(path) || path.includes('/') ? [join(context.cwd, path)] : context.searchPath.map((dir) => join(dir, path));
  if (isAbsolute(path)) candidates.unshift(path);
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next directory
    }
  }
  throw new Error(`process provider: "${path}" is not an executable program${isAbsolute(path) ? '' : ' on PATH'}`);
}

async function runProcessProvider(provider: ProcessProvider, context: ActivityContext, signal: AbortSignal, input?: string) {
  const program = findProgram(provider.path, context);
  const timeoutMs = (provider.timeout ?? 600) * 1000;
  const args = provider.arguments;
  // Chaos Toolkit: a string of arguments goes through the shell, a list or mapping does not.
  const run =
    typeof args === 'string'
      ? await runProgram(`${JSON.stringify(program)} ${args}`, [], { shell: true, timeoutMs, signal, input, cwd: context.cwd })
      : await runProgram(
          program,
          (Array.isArray(args) ? args : Object.entries(args ?? {}).flat())
            .filter((a) => a !== null && a !== undefined && a !== '')
            .map((a) => (typeof a === 'string' ? a : JSON.stringify(a))),
          { timeoutMs, signal, input, cwd: context.cwd },
        );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What the provider returns, or throws when the activity could not run. */
async function execute(entry: LocatedActivity, context: ActivityContext, signal: AbortSignal): Promise<unknown> {
  const provider = entry.activity.provider;
  if (isDriverProvider(provider)) {
    const record = await context.faults.inject(entry, signal);
    return { fault_id: record.fault_id, target: record.target, ttl_seconds: record.ttl_seconds, undo: record.undo, injected: record.output };
  }
  if (isProbeProvider(provider)) {
    const probe = context.probes[provider.probe];
    return probe.run(entry.probeArgs ?? probe.validate(provider.arguments ?? {}), { signal });
  }
  if (provider.type === 'http') return runHttpProvider(provider, signal);
  if (provider.type === 'process') return runProcessProvider(provider, context, signal);
  throw new Error(`activity "${entry.activity.name}": the ${provider.type} provider is not supported (we do not run Python)`);
}

function seconds(from: number, to: number): number {
  return Math.round(to - from) / 1000;
}

export async function runActivity(entry: LocatedActivity, context: ActivityContext, signal = context.signal): Promise<ActivityRun> {
  const startMs = Date.now();
  const start = new Date(startMs).toISOString();
  try {
    const output = await execute(entry, context, signal);
    const endMs = Date.now();
    return context.redactor.value({
      activity: entry.activity,
      status: 'succeeded',
      output,
      start,
      end: new Date(endMs).toISOString(),
      duration: seconds(startMs, endMs),
    });
  } catch (error) {
    const endMs = Date.now();
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return context.redactor.value({
      activity: entry.activity,
      status: 'failed',
      exception: [message],
      start,
      end: new Date(endMs).toISOString(),
      duration: seconds(startMs, endMs),
    });
  }
}

/**
 * Runs a `{type: probe}` tolerance with the observed value: our probes say yes when `ok`; a
 * process gets the value as JSON on stdin and says yes with exit 0; http gets it as argument
 * `value` (Chaos Toolkit's convention) and says yes with a 2xx answer.
 */
export async function runToleranceProbe(activity: Activity, value: unknown, context: ActivityContext): Promise<boolean> {
  const provider = activity.provider;
  try {
    if (isProbeProvider(provider)) {
      const probe = context.probes[provider.probe];
      return (await probe.run(probe.validate(provider.arguments ?? {}), { signal: context.signal })).ok;
    }
    if (provider.type === 'process') {
      const run = await runProcessProvider(provider, context, context.signal, JSON.stringify(value));
      return run.status === 0;
    }
    if (provider.type === 'http') {
      const answer = (await runHttpProvider(
        { ...provider, arguments: { ...(provider.arguments ?? {}), value: JSON.stringify(value) } },
        context.signal,
      )) as { status: number };
      return answer.status >= 200 && answer.status < 300;
    }
  } catch {
    return false;
  }
  return false;
}
