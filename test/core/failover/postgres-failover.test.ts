/**
 * Failover drills against a real streaming pair on loopback: a PostgreSQL primary and a
 * `pg_basebackup -R` standby. The fault is a shell script like a user's: stop the primary, then
 * promote the standby. RTO and RPO are measured, not estimated, so each drill gets a fresh pair.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadDrill } from '../../../core/failover/drill.ts';
import { runDrill } from '../../../core/failover/engine.ts';
import type { DrillOutcome } from '../../../core/failover/types.ts';
import { isFaultlineError } from '../../../core/errors.ts';
import { startPostgres, type TestPostgres } from '../../../cli/demo/support/postgres.ts';
import { promoteScript, startStandby, stopPrimaryScript, stopStreamingScript, type TestStandby } from '../../../cli/demo/support/postgres-standby.ts';
import { refusedPort } from '../../support/refused-port.ts';

const INTERVAL = 0.1;

interface Pair {
  primary: TestPostgres;
  standby: TestStandby;
}

let pairs: Pair[] = [];

async function startPair(): Promise<Pair> {
  // Acknowledged means flushed (the test servers default to synchronous_commit=off, which acknowledges
  // commits up to wal_writer_delay before the WAL exists to stream: a real loss, but not the scripted one).
  const primary = await startPostgres({ settings: { synchronous_commit: 'on' } });
  const standby = await startStandby(primary);
  const pair = { primary, standby };
  pairs.push(pair);
  return pair;
}

afterEach(async () => {
  for (const { primary, standby } of pairs) await Promise.all([standby.stop(), primary.stop()]);
  pairs = [];
});

function drillText(pair: Pair, fault: string, extra = ''): string {
  return JSON.stringify({
    name: 'orders database failover',
    objectives: { rto: '10s', rpo: '500ms' },
    writer: { interval: `${INTERVAL * 1000}ms`, timeout: '1s', postgres: { urls: [pair.primary.url, pair.standby.url] } },
    fault: { command: fault },
    recovery: { timeout: '15s', settle: '1s' },
    ...(extra ? JSON.parse(extra) : {}),
  });
}

function run(text: string): Promise<DrillOutcome> {
  const drill = loadDrill(text, 'drill.json', process.cwd());
  return runDrill(drill, { cwd: process.cwd(), env: process.env });
}

const stopPrimary = stopPrimaryScript;
const promote = promoteScript;

async function rowsOn(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM faultline_heartbeat');
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('failover drill on a real PostgreSQL primary and streaming standby', () => {
  it('measures a clean failover: no acknowledged write lost, RTO close to the scripted delay', async () => {
    const pair = await startPair();
    const delay = 1;
    // The standby's role, watched by the shared postgres probe, marks the promotion on the timeline.
    const probes = JSON.stringify({ probes: [{ name: 'standby-role', interval: '100ms', postgres: { url: pair.standby.url, query: 'select pg_is_in_recovery()' } }] });
    const outcome = await run(drillText(pair, `${stopPrimary(pair.primary.pid)}; sleep ${delay}; ${promote(pair.standby.url)}`, probes));

    expect(outcome.recovered).toBe(true);
    expect(outcome.lostWrites).toBe(0);
    expect(outcome.rpoSeconds).toBe(0);
    expect(outcome.rtoSeconds).toBeGreaterThanOrEqual(delay);
    expect(outcome.rtoSeconds).toBeLessThan(delay + 3);
    expect(outcome.outageSeconds).toBeGreaterThanOrEqual(outcome.rtoSeconds! - 2 * INTERVAL);
    expect(outcome.objectives.rto).toMatchObject({ targetSeconds: 10, status: 'met' });
    expect(outcome.objectives.rpo).toMatchObject({ targetSeconds: 0.5, actualSeconds: 0, status: 'met' });
    expect(outcome.verdict).toBe('met');
    // The fast shutdown shipped every byte before the switch point.
    expect(outcome.rpoBytes).toBe(0);
    expect(outcome.writer.finalTarget).toContain(`:${pair.standby.port}/`);
    const events = outcome.timeline.map((e) => e.event);
    for (const event of ['fault-start', 'last-good-write', 'first-failed-write', 'writer-switch', 'first-good-write', 'fault-end', 'readback']) expect(events).toContain(event);
    const promotion = outcome.timeline.find((e) => e.event === 'probe-change' && e.detail === 'standby-role: true → false');
    const faultStart = outcome.timeline.find((e) => e.event === 'fault-start')!;
    expect(promotion!.offsetMs - faultStart.offsetMs).toBeGreaterThanOrEqual(delay * 1000);
    expect(outcome.probes).toMatchObject([{ name: 'standby-role', kind: 'postgres', lastValue: 'false' }]);
    // Every acknowledged heartbeat is on the promoted standby.
    expect(await rowsOn(pair.standby.url)).toBeGreaterThanOrEqual(outcome.acknowledgedWrites);
  });

  it('measures data loss: streaming stopped for a known time before the failover gives that RPO', async () => {
    const pair = await startPair();
    const lag = 1.5;
    const standby = pair.standby.url;
    const marks = mkdtempSync(join(tmpdir(), 'faultline-marks-'));
    const script = [stopStreamingScript(standby, join(marks, 'cut')), `sleep ${lag}`, stopPrimary(pair.primary.pid, join(marks, 'kill')), promote(standby)].join('; ');
    const outcome = await run(drillText(pair, script));
    // The window the script really made: from the cut to the kill (the sleep plus psql's own time).
    const mark = (name: string) => Number(readFileSync(join(marks, name), 'utf8'));
    const scripted = (mark('kill') - mark('cut')) / 1000;
    rmSync(marks, { recursive: true, force: true });

    expect(outcome.recovered).toBe(true);
    expect(scripted).toBeGreaterThanOrEqual(lag);
    // Within two heartbeat intervals as achieved: on a loaded machine the writer's beats come late
    // (its p99 jitter), so the resolution is the interval plus that. The lost-write count is bounded
    // above by the window and checked exactly against the promoted side below.
    const resolution = INTERVAL + (outcome.writer.jitterP99Ms ?? 0) / 1000;
    expect(Math.abs(outcome.rpoSeconds! - scripted)).toBeLessThanOrEqual(2 * resolution);
    expect(outcome.lostWrites!).toBeGreaterThanOrEqual(1);
    expect(outcome.lostWrites!).toBeLessThanOrEqual(scripted / INTERVAL + 2);
    expect(outcome.objectives.rpo).toMatchObject({ status: 'breached' });
    expect(outcome.verdict).toBe('breached');
    expect(outcome.reasons.join(' ')).toMatch(/RPO .* is over the objective 0.5 s/);
    expect(outcome.rpoBytes).toBeGreaterThan(0);
    // What the drill calls lost is exactly what the promoted side lacks (plus, perhaps, the one
    // write in flight when the drill ended, which is not judged but may have committed).
    const rows = await rowsOn(standby);
    const judged = outcome.acknowledgedWrites - outcome.lostWrites! + outcome.unacknowledgedSurvivors!;
    expect(rows === judged || rows === judged + 1).toBe(true);
  });

  it('breaches with a clear reason when the failover never completes', async () => {
    const pair = await startPair();
    const text = drillText(pair, stopPrimary(pair.primary.pid), JSON.stringify({ recovery: { timeout: '2s', settle: '500ms' } }));
    const outcome = await run(text);

    expect(outcome.recovered).toBe(false);
    expect(outcome.verdict).toBe('breached');
    expect(outcome.rtoSeconds).toBeNull();
    expect(outcome.rpoSeconds).toBeNull();
    expect(outcome.reasons[0]).toMatch(/^never recovered: no acknowledged write for .* past recovery\.timeout \(2 s\); last error: .*read-only/);
    expect(outcome.objectives.rto).toMatchObject({ status: 'breached', actualSeconds: null });
  });

  it('measures a manual fault: measuring starts, then waits for an outage someone else causes', async () => {
    const pair = await startPair();
    const text = JSON.stringify({ ...JSON.parse(drillText(pair, 'true')), objectives: { rto: '60s', rpo: '500ms' }, fault: { manual: true }, recovery: { timeout: '30s', settle: '1s' } });
    const waited = 0.5;
    const delay = 1;
    // The operator outside the drill (a person with a runbook, another system): once the drill says it
    // is waiting, they stop the primary and promote the standby, as the drill file does not.
    let operatorExit: Promise<number | null> | undefined;
    const outcome = await runDrill(loadDrill(text, 'drill.json', process.cwd()), {
      cwd: process.cwd(),
      env: process.env,
      onEvent: (event) => {
        if (event.event !== 'fault-start' || operatorExit) return;
        const operator = spawn('sh', ['-c', `sleep ${waited}; ${stopPrimary(pair.primary.pid)}; sleep ${delay}; ${promote(pair.standby.url)}`], { stdio: 'ignore' });
        operatorExit = new Promise((resolve) => operator.once('exit', resolve));
      },
    });
    expect(await operatorExit).toBe(0);

    expect(outcome.recovered).toBe(true);
    expect(outcome.verdict).toBe('met');
    expect(outcome.lostWrites).toBe(0);
    // From the moment the drill started waiting: the operator's pause, the stop and the promotion.
    expect(outcome.rtoSeconds!).toBeGreaterThanOrEqual(waited + delay);
    expect(outcome.rtoSeconds!).toBeLessThan(60);
    expect(outcome.outageSeconds!).toBeGreaterThanOrEqual(delay - 2 * INTERVAL);
    expect(outcome.timeline.find((e) => e.event === 'fault-start')).toMatchObject({ source: 'fault', detail: 'manual: waiting for the outage' });
    const events = outcome.timeline.map((e) => e.event);
    for (const event of ['first-failed-write', 'writer-switch', 'first-good-write']) expect(events).toContain(event);
    expect(outcome.writer.finalTarget).toContain(`:${pair.standby.port}/`);
  }, 120_000);

  it('breaches with a clear reason when the manual fault never comes', async () => {
    const primary = await startPostgres({ settings: { synchronous_commit: 'on' } });
    try {
      const text = JSON.stringify({
        name: 'nobody pulled the plug',
        objectives: { rto: '5s' },
        writer: { interval: '100ms', timeout: '1s', postgres: { urls: [primary.url] } },
        fault: { manual: true },
        recovery: { timeout: '2s', settle: '500ms' },
      });
      const outcome = await run(text);
      expect(outcome.recovered).toBe(false);
      expect(outcome.verdict).toBe('breached');
      expect(outcome.reasons[0]).toBe('no outage was seen within recovery.timeout (2 s): did the manual fault happen?');
    } finally {
      await primary.stop();
    }
  });

  it('refuses to start (exit 2) when no writer URL accepts a write', async () => {
    const port = await refusedPort();
    const text = JSON.stringify({
      name: 'unreachable',
      objectives: { rto: '5s' },
      writer: { interval: '50ms', timeout: '200ms', postgres: { urls: [`postgres://app:secret@127.0.0.1:${port}/orders`] } },
      fault: { command: 'touch should-not-run' },
      recovery: { timeout: '5s', settle: '1s' },
    });
    const error = await run(text).catch((e: unknown) => e);
    expect(isFaultlineError(error) && error.exitCode).toBe(2);
    expect((error as Error).message).toMatch(/did not accept a heartbeat before the fault \(3 tries\): postgres:\/\/app@127\.0\.0\.1:\d+\/orders: .*refused/i);
    expect((error as Error).message).not.toContain('secret');
  });
});
