/**
 * Failover drills: (1) the heartbeat interval the loop achieves against a real PostgreSQL at
 * 100 ms and 10 ms (spacing jitter p50/p99, writes acknowledged), and (2) the measurement error of
 * RPO on the scripted data-loss drill — a real primary and streaming standby, streaming cut for
 * exactly LAG seconds before the failover — over RUNS runs (measured RPO − scripted RPO).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../core/failover/clock.ts';
import { loadDrill } from '../core/failover/drill.ts';
import { runDrill } from '../core/failover/engine.ts';
import { HeartbeatLoop } from '../core/failover/heartbeats.ts';
import { PostgresHeartbeatWriter } from '../core/failover/writers/postgres.ts';
import { startPostgres } from '../cli/demo/support/postgres.ts';
import { promoteScript, startStandby, stopPrimaryScript, stopStreamingScript } from '../cli/demo/support/postgres-standby.ts';

/** Servers to stop if the bench is interrupted (Ctrl-C would otherwise orphan them). */
const stoppers = new Set<() => Promise<unknown>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([...stoppers].map((stop) => stop())).then(() => process.exit(130));
  });
}

const RUNS = Number(process.env.FAILOVER_BENCH_RUNS ?? 10);
const LAG = 1;
const INTERVAL_MS = 100;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function intervals(): Promise<void> {
  const server = await startPostgres();
  const stop = () => server.stop();
  stoppers.add(stop);
  try {
    for (const [intervalMs, seconds] of [
      [100, 10],
      [10, 5],
    ] as const) {
      const writer = new PostgresHeartbeatWriter({ kind: 'postgres', urls: [server.url], table: 'faultline_heartbeat' }, 1000);
      const loop = new HeartbeatLoop(writer, intervalMs, 1000, systemClock);
      await loop.beat();
      loop.start();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      await loop.stop();
      await writer.close();
      const sent = loop.attempts.map((a) => a.sentAt);
      const achieved = (sent.at(-1)! - sent[0]!) / (sent.length - 1);
      const acked = loop.attempts.filter((a) => a.ackedAt !== undefined).length;
      const { p50, p99 } = loop.jitter();
      console.log(
        `interval ${intervalMs} ms for ${seconds} s: ${loop.attempts.length} beats, mean spacing ${achieved.toFixed(2)} ms, jitter p50 ${p50} ms p99 ${p99} ms, ${acked} acknowledged`,
      );
    }
  } finally {
    await stop();
    stoppers.delete(stop);
  }
}

async function dataLossRuns(): Promise<void> {
  const marks = mkdtempSync(join(tmpdir(), 'faultline-bench-marks-'));
  const errors: number[] = [];
  const lostErrors: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Acknowledged means flushed (the test servers default to synchronous_commit=off, which acknowledges
    // commits up to wal_writer_delay before the WAL exists to stream: a real loss, but not the scripted one).
    const primary = await startPostgres({ settings: { synchronous_commit: 'on' } });
    const standby = await startStandby(primary);
    const stop = () => Promise.all([standby.stop(), primary.stop()]);
    stoppers.add(stop);
    try {
      const script = [stopStreamingScript(standby.url, join(marks, 'cut')), `sleep ${LAG}`, stopPrimaryScript(primary.pid, join(marks, 'kill')), promoteScript(standby.url)].join('; ');
      const text = JSON.stringify({
        name: 'bench',
        objectives: { rpo: '5s' },
        writer: { interval: `${INTERVAL_MS}ms`, timeout: '1s', postgres: { urls: [primary.url, standby.url] } },
        fault: { command: script },
        recovery: { timeout: '20s', settle: '1s' },
      });
      const outcome = await runDrill(loadDrill(text, 'bench.json', process.cwd()), { cwd: process.cwd(), env: process.env });
      const mark = (name: string) => Number(readFileSync(join(marks, name), 'utf8'));
      const scripted = (mark('kill') - mark('cut')) / 1000;
      errors.push((outcome.rpoSeconds ?? Number.NaN) - scripted);
      lostErrors.push((outcome.lostWrites ?? Number.NaN) - Math.round((scripted * 1000) / INTERVAL_MS));
      console.log(`run ${run + 1}: scripted window ${scripted} s (sleep ${LAG} s + psql), RPO ${outcome.rpoSeconds} s, lost ${outcome.lostWrites} writes, RTO ${outcome.rtoSeconds} s, WAL ${outcome.rpoBytes} bytes`);
    } finally {
      await stop();
      stoppers.delete(stop);
    }
  }
  const ms = errors.map((e) => e * 1000);
  rmSync(marks, { recursive: true, force: true });
  console.log(
    `RPO error over ${RUNS} runs (measured − scripted window, interval ${INTERVAL_MS} ms): median ${quantile(ms, 0.5).toFixed(0)} ms, min ${Math.min(...ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms; lost writes − scripted window / interval: median ${quantile(lostErrors, 0.5)}, range ${Math.min(...lostErrors)}..${Math.max(...lostErrors)}`,
  );
}

await intervals();
await dataLossRuns();
