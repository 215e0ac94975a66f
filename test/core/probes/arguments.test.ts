/**
 * Every probe checks its arguments when the experiment loads, before anything runs: each mistake
 * gives one FaultlineError (exit 2) naming the probe, the argument and what it accepts, and the
 * experiment loader adds the file, line and key path.
 */
import { FaultlineError } from '../../../core/errors.ts';
import { readExperiment } from '../../../core/experiment/engine.ts';
import { probes } from '../../../core/probes/index.ts';
import type { ProbeKind } from '../../../core/experiment/model.ts';

function failure(kind: ProbeKind, args: unknown): FaultlineError {
  try {
    probes[kind].validate(args);
  } catch (error) {
    if (error instanceof FaultlineError) return error;
    throw error;
  }
  throw new Error(`probe ${kind} accepted ${JSON.stringify(args)}`);
}

const PG = 'postgres://monitor@127.0.0.1:5432/app';

describe.each([
  // http
  ['http', 'a list instead of a mapping', ['http://x'], 'probe http: arguments must be a mapping'],
  ['http', 'an unknown argument', { url: 'http://x', colour: 1 }, 'probe http: unknown argument "colour"'],
  ['http', 'no url', {}, 'probe http: argument "url" must be a non-empty string'],
  ['http', 'a url without a scheme', { url: '127.0.0.1:8080/health' }, 'probe http: argument "url" must be an absolute http or https URL, got "127.0.0.1:8080/health"'],
  ['http', 'a reversed status range', { url: 'http://x', status: [500, 200] }, 'argument "status" must be a status code or [lowest, highest], got [500,200]'],
  ['http', 'a broken body regex', { url: 'http://x', body_regex: '(' }, 'probe http: argument "body_regex" is not a valid regular expression'],
  ['http', 'a jsonpath without a path', { url: 'http://x', jsonpath: { expect: 1 } }, 'probe http: argument "jsonpath" must be a path string or {path, expect}'],
  ['http', 'a negative latency threshold', { url: 'http://x', max_latency_ms: -1 }, 'probe http: argument "max_latency_ms" must be a number >= 0, got -1'],
  ['http', 'a latency threshold as text', { url: 'http://x', max_latency_ms: '200ms' }, 'probe http: argument "max_latency_ms" must be a number >= 0, got "200ms"'],
  ['http', 'verify_tls as text', { url: 'https://x', verify_tls: 'no' }, 'probe http: argument "verify_tls" must be true or false, got "no"'],
  ['http', 'headers with a number', { url: 'http://x', headers: { 'x-try': 1 } }, 'probe http: argument "headers" must be a mapping of header names to strings'],
  ['http', 'a zero timeout', { url: 'http://x', timeout: 0 }, 'probe http: argument "timeout" must be a number >= 0.001 <= 3600, got 0'],
  // tcp
  ['tcp', 'no port', {}, 'probe tcp: argument "port" is required (1-65535)'],
  ['tcp', 'a port out of range', { port: 70000 }, 'probe tcp: argument "port" must be an integer >= 1 <= 65535, got 70000'],
  ['tcp', 'a port as text', { port: '5432' }, 'probe tcp: argument "port" must be an integer >= 1 <= 65535, got "5432"'],
  ['tcp', 'an empty host', { host: '', port: 80 }, 'probe tcp: argument "host" must be a non-empty string'],
  // prometheus
  ['prometheus', 'no url', { query: 'up' }, 'probe prometheus: argument "url" must be a non-empty string'],
  ['prometheus', 'a url without a scheme', { url: 'prometheus:9090', query: 'up' }, 'probe prometheus: argument "url" must be an absolute http or https URL, got "prometheus:9090"'],
  ['prometheus', 'no query', { url: 'http://127.0.0.1:9090' }, 'probe prometheus: argument "query" must be a non-empty string'],
  ['prometheus', 'a blank query', { url: 'http://127.0.0.1:9090', query: '  ' }, 'probe prometheus: argument "query" must be a non-empty string'],
  ['prometheus', 'an unknown argument (time)', { url: 'http://127.0.0.1:9090', query: 'up', time: 'now' }, 'probe prometheus: unknown argument "time"'],
  ['prometheus', 'headers as a list', { url: 'http://127.0.0.1:9090', query: 'up', headers: ['X-Scope-OrgID: a'] }, 'probe prometheus: argument "headers" must be a mapping of header names to strings'],
  ['prometheus', 'a timeout over an hour', { url: 'http://127.0.0.1:9090', query: 'up', timeout: 7200 }, 'probe prometheus: argument "timeout" must be a number >= 0.001 <= 3600, got 7200'],
  // postgres
  ['postgres', 'no connection', { query: 'SELECT 1' }, 'probe postgres: argument "connection" must be a non-empty string'],
  ['postgres', 'a connection that is not a postgres URL', { connection: 'mysql://root:pw@db/app', query: 'SELECT 1' }, 'probe postgres: argument "connection" must be an absolute postgres or postgresql URL'],
  ['postgres', 'no query', { connection: PG }, 'probe postgres: argument "query" must be a non-empty string'],
  ['postgres', 'a query as a list', { connection: PG, query: ['SELECT 1'] }, 'probe postgres: argument "query" must be a non-empty string'],
  ['postgres', 'an unknown argument (database)', { connection: PG, query: 'SELECT 1', database: 'app' }, 'probe postgres: unknown argument "database"'],
  ['postgres', 'a negative timeout', { connection: PG, query: 'SELECT 1', timeout: -5 }, 'probe postgres: argument "timeout" must be a number >= 0.001 <= 3600, got -5'],
  // process
  ['process', 'none of pid, pidfile, match', {}, 'probe process: give exactly one of "pid", "pidfile" or "match"'],
  ['process', 'both pid and match', { pid: 1, match: 'x' }, 'probe process: give exactly one of "pid", "pidfile" or "match"'],
  ['process', 'pid zero', { pid: 0 }, 'probe process: argument "pid" must be an integer >= 1, got 0'],
  ['process', 'a broken match regex', { match: '[' }, 'probe process: argument "match" is not a valid regular expression'],
  ['process', 'running as text', { pid: 1, running: 'yes' }, 'probe process: argument "running" must be true or false, got "yes"'],
  // command
  ['command', 'an empty command', { command: '' }, 'probe command: argument "command" must be a shell command string or a list [program, args...]'],
  ['command', 'a list with a number', { command: ['sleep', 1] }, 'probe command: argument "command" must be a shell command string or a list [program, args...]'],
  ['command', 'an exit code over 255', { command: 'true', expect_exit: 256 }, 'probe command: argument "expect_exit" must be an integer >= 0 <= 255, got 256'],
  ['command', 'an unknown argument (cwd)', { command: 'true', cwd: '/' }, 'probe command: unknown argument "cwd"'],
] as const)('probe %s with %s', (kind, _case, args, message) => {
  it('is refused with one clear error', () => {
    const error = failure(kind, args);
    expect(error.message).toContain(message);
    expect(error.exitCode).toBe(2);
  });
});

describe('a bad probe argument inside an experiment file', () => {
  it('names the file, line and activity, and keeps the connection password out of the message', () => {
    const text = [
      'title: t',
      'description: d',
      'secrets:',
      '  db:',
      '    password: { type: env, key: DB_PASSWORD }',
      'steady-state-hypothesis:',
      '  title: h',
      '  probes:',
      '    - type: probe',
      '      name: replication-lag',
      '      provider:',
      '        type: faultline',
      '        probe: postgres',
      `        arguments: { connection: "monitor:\${password}@db:5432/app", query: "SELECT 1" }`,
      '      tolerance: 1',
      'method:',
      '  - { type: action, name: noop, provider: { type: process, path: "true" } }',
    ].join('\n');
    let error: FaultlineError | undefined;
    try {
      readExperiment(text, 'chaos/lag.yaml', { drivers: {}, env: { DB_PASSWORD: 'hunter2-secret' } });
    } catch (caught) {
      error = caught as FaultlineError;
    }
    expect(error).toBeInstanceOf(FaultlineError);
    expect(error!.file).toBe('chaos/lag.yaml');
    expect(error!.line).toBe(9);
    expect(error!.message).toMatch(/steady-state-hypothesis\.probes\[0\].*replication-lag/);
    expect(error!.message).toContain('argument "connection" must be an absolute postgres or postgresql URL');
    expect(error!.message).not.toContain('hunter2-secret');
  });
});
