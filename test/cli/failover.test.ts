/**
 * `faultline failover` as a user runs it: a drill file on disk, an HTTP service with an async
 * replica, the fault as a command, and the exit codes and result file a CI step relies on.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.ts';
import { validateResult } from '../../core/result.ts';
import { startDnsResponder } from '../support/dns-responder.ts';
import { type HeartbeatService, startHeartbeatService } from '../support/heartbeat-service.ts';

const root = new URL('../..', import.meta.url).pathname;
let dir: string;
let service: HeartbeatService | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-failover-cli-'));
});
afterEach(async () => {
  await service?.close();
  service = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(args, { stdout, stderr, colour: false, cwd: dir, env: process.env });
  return { code, stdout: out, stderr: err };
}

function httpDrill(url: string, fault: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: 'api failover',
    objectives: { rto: '5s', rpo: '1s' },
    writer: { interval: '50ms', timeout: '500ms', http: { url: `${url}/heartbeat`, readback: { url: `${url}/heartbeat/{id}` } } },
    fault: { command: fault },
    recovery: { timeout: '10s', settle: '500ms' },
    ...extra,
  });
}

const readResult = (name = 'faultline-failover-result.json') => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('faultline failover verify', () => {
  it('measures an HTTP service failover with data loss through the readback URL, writes result and report', async () => {
    service = await startHeartbeatService({ lagMs: 300, downMs: 800 });
    // A stand-in for k6: writes a --summary-export file, then runs until the drill stops it.
    const k6 = JSON.stringify({ metrics: { http_req_duration: { 'p(95)': 41.75 }, http_req_failed: { value: 0.012 }, http_reqs: { count: 1000 } } });
    writeFileSync(join(dir, 'fake-k6.sh'), `printf '%s' '${k6}' > k6-summary.json\nexec sleep 60\n`);
    writeFileSync(
      join(dir, 'drill.json'),
      httpDrill(service.url, ['curl', '-sf', '-X', 'POST', `${service.url}/fail`], { load: { command: ['sh', 'fake-k6.sh'], summary: 'k6-summary.json' } }),
    );
    const { code, stdout, stderr } = await cli(['failover', 'verify', '--config', 'drill.json', '--report', 'drill.md']);

    expect(stderr).toMatch(/fault-start/);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^api failover: met \(RTO [\d.]+ s \/ 5 s met, RPO [\d.]+ s \/ 1 s met\)/);
    const result = readResult();
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'failover', name: 'api failover', verdict: 'pass' });
    const details = result.details;
    expect(details.rtoSeconds).toBeGreaterThanOrEqual(0.8);
    expect(details.rtoSeconds).toBeLessThan(2.5);
    // About 300 ms of acknowledged writes had not reached the replica; exactly how much, the
    // service knows from its own acknowledgement times (timers run late on a busy machine).
    const truth = service.loss();
    expect(truth.lostWrites).toBeGreaterThan(0);
    expect(details.lostWrites).toBe(truth.lostWrites);
    // The service shares this process: when the verifier spawns the fault command, its event loop
    // stalls and it reads the in-flight write's acknowledgement late, which can only make the newest
    // lost write look later (a conservative RPO). Hence the wider bound above than below.
    expect(details.rpoSeconds).toBeGreaterThanOrEqual(truth.rpoSeconds - 0.1);
    expect(details.rpoSeconds).toBeLessThanOrEqual(truth.rpoSeconds + 0.5);
    expect(details.rpoBytes).toBeNull();
    expect(details.load).toEqual({ command: 'sh fake-k6.sh', exitCode: null, p95Ms: 41.75, errorRate: 0.012, requests: 1000 });
    expect(result.measurements.map((m: { name: string }) => m.name)).toEqual(['rto', 'outage', 'rpo', 'lost-writes', 'rpo-bytes']);
    const report = readFileSync(join(dir, 'drill.md'), 'utf8');
    expect(report).toContain('```mermaid\ntimeline');
    expect(report).toMatch(/\| RTO \| 5 s \| [\d.]+ s \| ✅ met \|/);
    expect(report).toContain('Load: `sh fake-k6.sh` exited by signal; p95 41.8 ms, error rate 1.20 %, 1000 requests');
  });

  it('runs a chaos experiment as the fault and draws the DNS failover record flipping on the timeline', async () => {
    const dns = await startDnsResponder({ 'api.example.test': ['10.0.0.1'] });
    try {
      service = await startHeartbeatService({ lagMs: 0, downMs: 500, onFailover: () => dns.records.set('api.example.test', ['10.0.1.1']) });
      writeFileSync(
        join(dir, 'fail-api.yaml'),
        `title: The API fails over
description: Asks the service to fail over to its replica.
tags: [owner:dr-team]
method:
  - type: action
    name: fail-over-the-api
    provider: {type: process, path: curl, arguments: [-sf, -X, POST, "${service.url}/fail"], timeout: 5}
`,
      );
      writeFileSync(
        join(dir, 'drill.json'),
        httpDrill(service.url, undefined, {
          fault: { experiment: 'fail-api.yaml' },
          probes: [{ name: 'dns', interval: '50ms', dns: { name: 'api.example.test', server: dns.server } }],
        }),
      );
      const { code, stderr } = await cli(['failover', 'verify', '--config', 'drill.json']);
      expect(stderr).toContain('fault-end  experiment "The API fails over" completed');
      expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' }); // a failure shows why
      const { details } = readResult();
      // Replication is a 0 ms timer: a beat acknowledged just before the failover may still be lost.
      expect(details.lostWrites).toBe(service.loss().lostWrites);
      expect(details.probes).toMatchObject([{ name: 'dns', kind: 'dns', changes: 1, failures: 0, lastValue: '10.0.1.1' }]);
      const flip = details.timeline.find((e: { event: string }) => e.event === 'probe-change');
      const firstGood = details.timeline.find((e: { event: string }) => e.event === 'first-good-write');
      expect(flip.detail).toBe('dns: 10.0.0.1 → 10.0.1.1');
      // The record flips as the service comes back: within a probe interval or two of the first good write.
      expect(Math.abs(flip.offsetMs - firstGood.offsetMs)).toBeLessThan(250);
    } finally {
      await dns.close();
    }
  });

  it('exits 2 listing every problem of a bad drill file with line and column, and still writes an error result', async () => {
    writeFileSync(
      join(dir, 'drill.yaml'),
      `name: bad
objectives: {rto: 15 minutes}
writer:
  interval: 100ms
  postgres: {urls: [mysql://db]}
fault: {command: ./fail.sh, manual: true}
recovery: {timeout: 20m, settle: 1h}
`,
    );
    const { code, stderr } = await cli(['failover', 'verify', '--config', 'drill.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('invalid drill (4 problems)');
    expect(stderr).toMatch(/drill\.yaml:2:19: objectives\.rto: must match pattern/);
    expect(stderr).toMatch(/drill\.yaml:5:21: writer\.postgres\.urls\[0\]: must match pattern/);
    expect(stderr).toMatch(/drill\.yaml:6:8: fault: give exactly one of command, experiment, manual, not command and manual/);
    expect(stderr).toMatch(/drill\.yaml:7:34: recovery\.settle: must be shorter than recovery\.timeout/);
    expect(readResult()).toMatchObject({ kind: 'failover', verdict: 'error', name: 'failover drill' });
  });

  it('reports the checks a schema cannot make (exactly one fault, settle under timeout) all at once', async () => {
    writeFileSync(
      join(dir, 'drill.yaml'),
      `name: bad
objectives: {rto: 15m}
writer: {postgres: {urls: ['postgres://app@db/orders']}}
fault: {command: ./fail.sh, manual: true}
recovery: {timeout: 1m, settle: 2m}
`,
    );
    const { code, stderr } = await cli(['failover', 'validate', '--config', 'drill.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('invalid drill (2 problems)');
    expect(stderr).toMatch(/drill\.yaml:4:8: fault: give exactly one of command, experiment, manual, not command and manual/);
    expect(stderr).toMatch(/drill\.yaml:5:\d+: recovery\.settle: must be shorter than recovery\.timeout/);
  });

  it('rolls an experiment fault back through the chaos engine when SIGTERM arrives mid-drill', async () => {
    service = await startHeartbeatService({ lagMs: 0, downMs: 0 });
    const victim = spawn('sleep', ['60'], { stdio: 'ignore' });
    const state = () => readFileSync(`/proc/${victim.pid}/stat`, 'utf8').split(') ')[1]![0];
    try {
      writeFileSync(
        join(dir, 'freeze.yaml'),
        `title: Freeze the worker
description: SIGSTOP the worker for a long while.
tags: [owner:dr-team]
method:
  - type: action
    name: freeze-worker
    provider: {type: faultline, driver: process, arguments: {action: stop, pid: ${victim.pid}, ttl: 120}}
    pauses: {after: 30}
`,
      );
      writeFileSync(join(dir, 'drill.json'), httpDrill(service.url, undefined, { fault: { experiment: 'freeze.yaml' } }));
      const child = spawn(join(root, 'bin/faultline'), ['failover', 'verify', '--config', 'drill.json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + 20_000;
      while (state() !== 'T' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(state()).toBe('T');
      child.kill('SIGTERM');
      expect(await exited).toBe(1);
      expect(state()).not.toBe('T');
      const ledger = join(dir, '.faultline/failover-ledger.json');
      expect(existsSync(ledger) ? JSON.parse(readFileSync(ledger, 'utf8')).entries : []).toEqual([]);
      expect(readResult()).toMatchObject({ verdict: 'error', summary: expect.stringContaining('interrupted by SIGTERM') });
    } finally {
      victim.kill('SIGKILL');
    }
  });

  it('ends the fault and the load and writes an error result when SIGTERM arrives mid-drill', async () => {
    service = await startHeartbeatService({ lagMs: 0, downMs: 0 });
    const drill = httpDrill(service.url, 'echo $$ > fault.pid; exec sleep 30', { load: { command: ['sh', '-c', 'echo $$ > load.pid; exec sleep 30'] } });
    writeFileSync(join(dir, 'drill.json'), drill);
    const child = spawn(join(root, 'bin/faultline'), ['failover', 'verify', '--config', 'drill.json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!(existsSync(join(dir, 'fault.pid')) && existsSync(join(dir, 'load.pid'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const pids = ['fault.pid', 'load.pid'].map((f) => Number(readFileSync(join(dir, f), 'utf8')));
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(stderr).toContain('SIGTERM — stopping the fault, the load and the writers');
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    expect(readResult()).toMatchObject({ kind: 'failover', verdict: 'error', summary: expect.stringContaining('interrupted by SIGTERM') });
  });
});
