/**
 * Reads a drill file (YAML or JSON): schema check with file:line:col for every problem, then the
 * checks a schema cannot express (exactly one writer, one fault, one probe kind; probe arguments
 * as the shared probes validate them; settle shorter than the timeout). All problems are reported
 * in one error, so a user fixes the file in one pass.
 */
import { isAbsolute, resolve } from 'node:path';
import drillSchema from '../../policy/schemas/drill.schema.json' with { type: 'json' };
import { FaultlineError, isFaultlineError } from '../errors.ts';
import { httpProbe } from '../probes/http.ts';
import { postgresProbe } from '../probes/postgres.ts';
import { tcpProbe } from '../probes/tcp.ts';
import { checkAgainstSchema, keyPath, type ParsedDocument, parseYaml } from '../schema/validate.ts';
import { durationMs } from './duration.ts';
import type { Command, Drill, FaultConfig, ProbeConfig, WriterConfig } from './types.ts';

export { drillSchema };

interface Problem {
  pointer: string;
  message: string;
  hint?: boolean;
  line?: number;
  column?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the drill as parsed; read only after the schema has checked its shape (or inside a try)
type Raw = Record<string, any>;

const DEFAULTS = { intervalMs: 100, writerTimeoutMs: 1000, probeIntervalMs: 500, recoveryTimeoutMs: 20 * 60_000, settleMs: 30_000 };

function command(value: string | string[]): Command {
  return typeof value === 'string' ? { argv: ['/bin/sh', '-c', value], shell: true } : { argv: value, shell: false };
}

/** Where the schema says "exactly one of", and which keys: its oneOf branch errors would mislead. */
const ALTERNATIVES: { pattern: RegExp; keys: string[] }[] = [
  { pattern: /^\/writer$/, keys: ['postgres', 'http'] },
  { pattern: /^\/fault$/, keys: ['command', 'experiment', 'manual'] },
  { pattern: /^\/probes\/\d+$/, keys: ['http', 'dns', 'postgres', 'tcp'] },
];

function isBranchError(problem: Problem): boolean {
  const missing = /^missing required key "(\w+)"$/.exec(problem.message)?.[1];
  return missing !== undefined && ALTERNATIVES.some((a) => a.pattern.test(problem.pointer) && a.keys.includes(missing));
}

function exactlyOne(raw: Raw | undefined, keys: string[], pointer: string, problems: Problem[]): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const given = keys.filter((k) => raw[k] !== undefined);
  if (given.length !== 1) problems.push({ pointer, message: given.length === 0 ? `give one of ${keys.join(', ')}` : `give exactly one of ${keys.join(', ')}, not ${given.join(' and ')}` });
  return given.length === 1 ? given[0] : undefined;
}

function ms(value: unknown, fallback: number): number {
  return value === undefined ? fallback : (durationMs(value) ?? fallback);
}

function writerOf(raw: Raw, problems: Problem[]): WriterConfig | undefined {
  const kind = exactlyOne(raw, ['postgres', 'http'], '/writer', problems);
  const intervalMs = ms(raw.interval, DEFAULTS.intervalMs);
  const timeoutMs = ms(raw.timeout, DEFAULTS.writerTimeoutMs);
  if (kind === 'postgres') return { kind, urls: raw.postgres.urls, table: raw.postgres.table ?? 'faultline_heartbeat', intervalMs, timeoutMs };
  if (kind === 'http') {
    return { kind, url: raw.http.url, method: raw.http.method ?? 'POST', headers: raw.http.headers ?? {}, readbackUrl: raw.http.readback.url, intervalMs, timeoutMs };
  }
  return undefined;
}

function probeOf(raw: Raw, index: number, problems: Problem[]): ProbeConfig | undefined {
  const pointer = `/probes/${index}`;
  const kind = exactlyOne(raw, ['http', 'dns', 'postgres', 'tcp'], pointer, problems);
  const intervalMs = ms(raw.interval, DEFAULTS.probeIntervalMs);
  const seconds = (v: unknown) => (v === undefined ? undefined : (durationMs(v) ?? 0) / 1000);
  const base = { name: raw.name as string, intervalMs };
  try {
    switch (kind) {
      case 'http': {
        const h = raw.http as Raw;
        const args = { url: h.url, method: h.method, headers: h.headers, status: h.expect, timeout: seconds(h.timeout) };
        return { ...base, kind, args: httpProbe.validate(stripUndefined(args)) };
      }
      case 'tcp': {
        const t = raw.tcp as Raw;
        return { ...base, kind, args: tcpProbe.validate(stripUndefined({ host: t.host, port: t.port, timeout: seconds(t.timeout) })) };
      }
      case 'postgres': {
        const p = raw.postgres as Raw;
        return { ...base, kind, args: postgresProbe.validate(stripUndefined({ connection: p.url, query: p.query, timeout: seconds(p.timeout) })) };
      }
      case 'dns': {
        const d = raw.dns as Raw;
        return { ...base, kind, dns: { name: d.name, type: d.type ?? 'A', server: d.server, timeoutMs: ms(d.timeout, 2000) } };
      }
    }
  } catch (error) {
    if (!isFaultlineError(error)) throw error;
    problems.push({ pointer: `${pointer}/${kind}`, message: error.message });
  }
  return undefined;
}

function stripUndefined(value: Raw): Raw {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function faultOf(raw: Raw, baseDir: string, problems: Problem[]): FaultConfig | undefined {
  const kind = exactlyOne(raw, ['command', 'experiment', 'manual'], '/fault', problems);
  if (kind === 'command') return { kind, command: command(raw.command) };
  if (kind === 'experiment') return { kind, path: isAbsolute(raw.experiment) ? raw.experiment : resolve(baseDir, raw.experiment) };
  if (kind === 'manual') return { kind };
  return undefined;
}

/**
 * `${NAME}` in the writer's and probes' strings comes from the environment, so passwords live in
 * CI secrets, not in the drill file. Returns the values substituted (the faces mask them).
 */
function expandEnv(value: unknown, pointer: string, env: NodeJS.ProcessEnv, problems: Problem[], used: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        problems.push({ pointer, message: `\${${name}} is not set in the environment`, hint: true });
        return '';
      }
      if (found) used.add(found);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, `${pointer}/${i}`, env, problems, used));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, `${pointer}/${k}`, env, problems, used)]));
  return value;
}

/** Checks a schema cannot make; each adds a problem, none builds anything. */
function checkSemantics(raw: Raw, problems: Problem[]): void {
  if (raw.writer && typeof raw.writer === 'object') {
    exactlyOne(raw.writer, ['postgres', 'http'], '/writer', problems);
    const interval = durationMs(raw.writer.interval ?? '100ms');
    const timeout = durationMs(raw.writer.timeout ?? '1s');
    if (interval !== undefined && interval < 5) problems.push({ pointer: '/writer/interval', message: 'must be at least 5ms (the timer cannot hold a finer beat)' });
    if (interval !== undefined && timeout !== undefined && timeout < interval) problems.push({ pointer: '/writer/timeout', message: 'must be at least the heartbeat interval' });
  }
  if (raw.fault && typeof raw.fault === 'object') exactlyOne(raw.fault, ['command', 'experiment', 'manual'], '/fault', problems);
  if (Array.isArray(raw.probes)) {
    const names = new Set<string>();
    raw.probes.forEach((p: Raw, i: number) => {
      if (!p || typeof p !== 'object') return;
      exactlyOne(p, ['http', 'dns', 'postgres', 'tcp'], `/probes/${i}`, problems);
      if (names.has(p.name)) problems.push({ pointer: `/probes/${i}/name`, message: `probe name "${p.name}" is used twice; names label the timeline` });
      names.add(p.name);
    });
  }
  const timeout = durationMs(raw.recovery?.timeout ?? '20m');
  const settle = durationMs(raw.recovery?.settle ?? '30s');
  if (timeout !== undefined && settle !== undefined && settle >= timeout) problems.push({ pointer: '/recovery/settle', message: 'must be shorter than recovery.timeout' });
}

export interface LoadDrillOptions {
  /** For `${NAME}` in writer and probe settings; without it nothing is substituted. */
  env?: NodeJS.ProcessEnv;
  /** Receives every substituted value, to be masked in logs. */
  secrets?: Set<string>;
}

/** Throws one FaultlineError (exit 2) listing every problem with file:line:col and key. */
export function loadDrill(text: string, file: string, baseDir: string, options: LoadDrillOptions = {}): Drill {
  const doc = parseYaml<Raw>(text, file);
  const problems: Problem[] = checkAgainstSchema(drillSchema, doc as ParsedDocument<unknown>).filter((p) => !isBranchError(p));
  const raw = doc.value;
  if (options.env && raw && typeof raw === 'object') {
    const used = options.secrets ?? new Set<string>();
    for (const key of ['writer', 'probes']) if (raw[key] !== undefined) raw[key] = expandEnv(raw[key], `/${key}`, options.env, problems, used);
    for (const p of problems) if (p.hint) Object.assign(p, doc.locate(p.pointer));
  }
  const schemaClean = problems.length === 0;
  // The checks below read values the schema may have rejected: on a broken file they only add
  // what the schema cannot say, and never build a drill.
  if (raw && typeof raw === 'object') {
    const semantic: Problem[] = [];
    try {
      checkSemantics(raw, semantic);
    } catch {
      // a shape the schema already reports
    }
    for (const p of semantic) problems.push({ ...p, ...doc.locate(p.pointer) });
  }
  if (schemaClean && problems.length === 0) {
    const semantic: Problem[] = [];
    const writer = writerOf(raw.writer, semantic);
    const probes = ((raw.probes ?? []) as Raw[]).map((p, i) => probeOf(p, i, semantic));
    const fault = faultOf(raw.fault, baseDir, semantic);
    const recovery = { timeoutMs: ms(raw.recovery?.timeout, DEFAULTS.recoveryTimeoutMs), settleMs: ms(raw.recovery?.settle, DEFAULTS.settleMs) };
    for (const p of semantic) problems.push({ ...p, ...doc.locate(p.pointer) });
    if (problems.length === 0 && writer && fault) {
      return {
        name: raw.name,
        file,
        objectives: {
          ...(raw.objectives.rto !== undefined ? { rtoMs: durationMs(raw.objectives.rto) } : {}),
          ...(raw.objectives.rpo !== undefined ? { rpoMs: durationMs(raw.objectives.rpo) } : {}),
        },
        writer,
        probes: probes.filter((p): p is ProbeConfig => p !== undefined),
        ...(raw.load ? { load: { command: command(raw.load.command), ...(raw.load.summary ? { summaryPath: resolve(baseDir, raw.load.summary) } : {}) } } : {}),
        fault,
        recovery,
        baseDir,
      };
    }
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const first = problems[0];
  const lines = problems.map((p) => `  ${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${keyPath(p.pointer)}: ${p.message}`);
  throw new FaultlineError(`invalid drill (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, {
    file,
    line: first?.line,
    column: first?.column,
    // Each problem at its own place: an action annotates every one on the drill file's line.
    problems: problems.map((p) => ({ file, ...(p.line ? { line: p.line, column: p.column } : {}), message: `${keyPath(p.pointer)}: ${p.message}` })),
    hint: problems.some((p) => p.hint)
      ? 'set the missing variables (in a workflow, from secrets.* under env:), or see docs/failover.md for the drill format'
      : 'see policy/schemas/drill.schema.json and docs/failover.md for the drill format',
  });
}
