/**
 * Runs a drill: heartbeats start and must be acknowledged (else the drill is bad input, exit 2),
 * probes and load start, the fault starts, and the drill watches until writes have recovered and
 * stayed healthy for `settle` — or `recovery.timeout` passes. Then it stops everything, reads the
 * heartbeats back from the side that accepts writes now, and judges each objective. Whatever
 * happens (an error, an abort on SIGINT/SIGTERM), everything it started is ended before it returns.
 */
import { FaultlineError } from '../errors.ts';
import { type Clock, sleep, systemClock } from './clock.ts';
import { formatSeconds } from './duration.ts';
import { type FaultContext, type FaultEnd, type RunningFault, startFault } from './fault.ts';
import { HeartbeatLoop } from './heartbeats.ts';
import { readK6Summary } from './load.ts';
import { dataLoss, judge, recoveryFigures, recoveryState } from './measure.ts';
import { type RunningProcess, startProcess } from './processes.ts';
import type { Drill, DrillOutcome, HeartbeatAttempt, LoadSummary, ObjectiveVerdict, TimelineEvent, TimelineSource } from './types.ts';
import { ProbeWatch } from './watch.ts';
import { HttpHeartbeatWriter } from './writers/http.ts';
import { PostgresHeartbeatWriter } from './writers/postgres.ts';
import type { HeartbeatWriter } from './writers/types.ts';

export interface DrillProgress {
  phase: 'warm-up' | 'fault' | 'recovered' | 'readback';
  elapsedMs: number;
  writesPerSecond: number;
  target: string | null;
  /** How long writes have been failing, when they are. */
  outageMs: number | null;
}

export interface RunDrillOptions extends FaultContext {
  clock?: Clock;
  /** Aborted on SIGINT/SIGTERM or cancellation: the drill stops, cleans up and throws. */
  signal?: AbortSignal;
  onProgress?: (progress: DrillProgress) => void;
  onEvent?: (event: TimelineEvent) => void;
  /** Tests swap the writer; the faces pass nothing. */
  writer?: HeartbeatWriter;
  /** Heartbeats before the fault, so there is a last good write to measure from (default 5). */
  warmupBeats?: number;
}

export function createWriter(drill: Drill): HeartbeatWriter {
  const config = drill.writer;
  return config.kind === 'postgres' ? new PostgresHeartbeatWriter(config, config.timeoutMs) : new HttpHeartbeatWriter(config, config.timeoutMs);
}

const START_ATTEMPTS = 3;

export async function runDrill(drill: Drill, options: RunDrillOptions): Promise<DrillOutcome> {
  const clock = options.clock ?? systemClock;
  const signal = options.signal ?? new AbortController().signal;
  const origin = clock.now();
  const startedAt = clock.wall();
  const timeline: TimelineEvent[] = [];
  const note = (source: TimelineSource, event: string, detail?: string, at = clock.now()) => {
    const entry: TimelineEvent = { offsetMs: Math.round(at - origin), wall: new Date(startedAt.getTime() + (at - origin)).toISOString(), source, event, ...(detail ? { detail } : {}) };
    timeline.push(entry);
    options.onEvent?.(entry);
  };
  const writer = options.writer ?? createWriter(drill);
  let lastTarget: string | undefined;
  const loop = new HeartbeatLoop(writer, drill.writer.intervalMs, drill.writer.timeoutMs, clock, (attempt) => {
    if (attempt.target && attempt.target !== lastTarget) {
      if (lastTarget) note('writer', 'writer-switch', `${lastTarget} → ${attempt.target}`, attempt.ackedAt);
      lastTarget = attempt.target;
    }
  });
  const watches = drill.probes.map((p) => new ProbeWatch(p, clock, origin, (name, before, now) => note('probe', before ? 'probe-change' : 'probe-first', `${name}: ${before ? `${before.value} → ` : ''}${now.value}`)));
  let load: RunningProcess | undefined;
  let fault: RunningFault | undefined;
  let faultEnd: FaultEnd | undefined;
  let loadSummary: LoadSummary | null = null;
  try {
    // 1. The writer must accept writes before anything is broken.
    let first: HeartbeatAttempt | undefined;
    for (let i = 0; i < START_ATTEMPTS && first?.ackedAt === undefined && !signal.aborted; i++) {
      first = await loop.beat();
      if (first.ackedAt === undefined) await sleep(drill.writer.intervalMs, signal);
    }
    throwIfAborted(signal);
    if (first?.ackedAt === undefined) {
      throw new FaultlineError(`the ${drill.writer.kind} writer did not accept a heartbeat before the fault (${START_ATTEMPTS} tries): ${first?.error ?? 'no answer'}`, {
        file: drill.file,
        hint: 'the drill measures from a healthy start: check the writer URLs, credentials and that the primary accepts writes',
      });
    }
    note('writer', 'first-write', lastTarget);
    loop.start();
    for (const watch of watches) watch.start();
    if (drill.load) {
      load = startProcess(drill.load.command, { cwd: drill.baseDir, env: options.env, what: 'load', list: options.processes });
      note('load', 'load-start');
    }

    // 2. Warm up: a few healthy beats so the outage has a last good write before it.
    const warmup = options.warmupBeats ?? 5;
    options.onProgress?.({ phase: 'warm-up', elapsedMs: clock.now() - origin, writesPerSecond: rate(loop.attempts, clock.now()), target: lastTarget ?? null, outageMs: null });
    while (loop.attempts.filter((a) => a.ackedAt !== undefined).length < warmup + 1 && !signal.aborted) await sleep(drill.writer.intervalMs / 2, signal);
    throwIfAborted(signal);

    // 3. The fault.
    const faultAt = clock.now();
    note('fault', 'fault-start', drill.fault.kind === 'command' ? (drill.fault.command.shell ? drill.fault.command.argv[2] : drill.fault.command.argv.join(' ')) : drill.fault.kind === 'experiment' ? drill.fault.path : 'manual: waiting for the outage');
    fault = startFault(drill.fault, { ...options, cwd: drill.baseDir });
    let faultEndAt: number | undefined;
    void fault.ended.then((end) => {
      faultEnd = end;
      faultEndAt = clock.now();
      note('fault', 'fault-end', end.detail);
    });

    // 4. Watch until recovered and settled, or the timeout.
    const tick = Math.min(drill.writer.intervalMs, 50);
    let recovered = false;
    let lastProgress = 0;
    while (!signal.aborted) {
      const now = clock.now();
      const state = recoveryState(loop.attempts, faultAt);
      if (faultEnd && !faultEnd.ok) throw new FaultlineError(`the fault did not run: ${faultEnd.detail}`, { file: drill.file, exitCode: 2, hint: 'fix the fault so that it runs to the end; nothing was measured' });
      const faultOver = drill.fault.kind === 'manual' ? state.firstFailure !== undefined : faultEnd !== undefined;
      // Healthy means a write sent after the fault ended and after the settle window was acknowledged:
      // a writer stalled by a busy machine has seen nothing yet, however long ago its last failure was.
      const lastAcked = state.healthySince === undefined ? undefined : loop.attempts.findLast((a) => a.ackedAt !== undefined);
      const confirmedFrom = Math.max((state.healthySince ?? 0) + drill.recovery.settleMs, faultEndAt ?? 0);
      if (faultOver && lastAcked && lastAcked.sentAt >= confirmedFrom) {
        recovered = true;
        break;
      }
      if (now - faultAt >= drill.recovery.timeoutMs) break;
      if (now - lastProgress >= 1000) {
        lastProgress = now;
        const outageMs = state.lastFailure && state.healthySince === undefined ? now - (state.lastGoodBefore?.ackedAt ?? faultAt) : null;
        options.onProgress?.({ phase: 'fault', elapsedMs: now - origin, writesPerSecond: rate(loop.attempts, now), target: lastTarget ?? null, outageMs });
      }
      await sleep(tick, signal);
    }
    throwIfAborted(signal);

    // 5. Stop everything, then read back.
    await loop.stop();
    await Promise.all([fault.stop(), ...watches.map((w) => w.stop())]);
    if (load) loadSummary = await finishLoad(load, drill);
    const state = recoveryState(loop.attempts, faultAt);
    if (state.lastGoodBefore) note('writer', 'last-good-write', state.lastGoodBefore.target, state.lastGoodBefore.ackedAt);
    if (state.firstFailure) note('writer', 'first-failed-write', state.firstFailure.error?.slice(0, 200), state.firstFailure.sentAt);
    if (recovered && state.firstGoodAfter) note('writer', 'first-good-write', state.firstGoodAfter.target, state.firstGoodAfter.ackedAt);
    const figures = recoveryFigures(state, faultAt, recovered);
    const reasons: string[] = [];
    if (!recovered) reasons.push(neverRecovered(state, drill, faultAt, clock.now()));
    else if (!state.firstFailure) reasons.push(`no outage was seen: every write after the fault was acknowledged (is recovery.settle, ${formatSeconds(drill.recovery.settleMs / 1000)}, long enough for the fault to take effect?)`);

    let loss: ReturnType<typeof dataLoss> | undefined;
    let readbackTarget: string | undefined;
    let rpoBytes: { bytes: number | null; reason?: string } = { bytes: null, reason: 'not measured: writes never recovered' };
    if (recovered) {
      options.onProgress?.({ phase: 'readback', elapsedMs: clock.now() - origin, writesPerSecond: 0, target: lastTarget ?? null, outageMs: null });
      const acked = loop.attempts.filter((a) => a.ackedAt !== undefined).map((a) => a.seq);
      const asked = writer.kind === 'postgres' ? loop.attempts.map((a) => a.seq) : acked;
      const back = await writer.readBack(asked, AbortSignal.any([signal, AbortSignal.timeout(Math.max(30_000, drill.writer.timeoutMs * 10))]));
      readbackTarget = back.target;
      loss = dataLoss(loop.attempts, back.survived, writer.kind === 'postgres');
      note('writer', 'readback', `${back.survived.size} of ${loop.attempts.length} heartbeats found on ${back.target}; ${loss.lostWrites} acknowledged write(s) lost`);
      rpoBytes = writer.dataLossBytes ? await writer.dataLossBytes(signal) : { bytes: null, reason: `the ${writer.kind} writer cannot see WAL positions` };
    }

    const objectives: DrillOutcome['objectives'] = {};
    if (drill.objectives.rtoMs !== undefined) objectives.rto = judge(drill.objectives.rtoMs, figures.rtoMs, 'RTO');
    if (drill.objectives.rpoMs !== undefined) objectives.rpo = judge(drill.objectives.rpoMs, loss ? loss.rpoMs : null, 'RPO');
    if (!recovered) for (const o of Object.values(objectives) as ObjectiveVerdict[]) o.reason = reasons[0];
    for (const [name, o] of Object.entries(objectives) as [string, ObjectiveVerdict][]) {
      if (o.status === 'breached' && recovered) reasons.push(`${name.toUpperCase()} ${formatSeconds(o.actualSeconds)} is over the objective ${formatSeconds(o.targetSeconds)}`);
    }
    const verdict = recovered && Object.values(objectives).every((o) => o?.status === 'met') ? 'met' : 'breached';
    const jitter = loop.jitter();
    timeline.sort((a, b) => a.offsetMs - b.offsetMs);
    return {
      name: drill.name,
      verdict,
      reasons,
      recovered,
      rtoSeconds: seconds(figures.rtoMs),
      outageSeconds: seconds(figures.outageMs),
      rpoSeconds: loss ? seconds(loss.rpoMs) : null,
      lostWrites: loss ? loss.lostWrites : null,
      acknowledgedWrites: loop.attempts.filter((a) => a.ackedAt !== undefined).length,
      unacknowledgedSurvivors: loss && writer.kind === 'postgres' ? loss.unacknowledgedSurvivors : null,
      rpoBytes: rpoBytes.bytes,
      ...(rpoBytes.reason ? { rpoBytesReason: rpoBytes.reason } : {}),
      objectives,
      timeline,
      probes: await Promise.all(watches.map((w) => w.stop())),
      load: loadSummary,
      writer: { kind: writer.kind, intervalMs: drill.writer.intervalMs, attempts: loop.attempts.length, finalTarget: readbackTarget ?? lastTarget ?? null, jitterP50Ms: jitter.p50, jitterP99Ms: jitter.p99 },
      startedAt: startedAt.toISOString(),
      finishedAt: clock.wall().toISOString(),
    };
  } finally {
    // Idempotent: after a normal run these are already stopped.
    await loop.stop();
    await Promise.allSettled([fault?.stop(), load?.stop(), ...watches.map((w) => w.stop())]);
    await writer.close();
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    const reason = typeof signal.reason === 'string' ? signal.reason : 'the drill was interrupted';
    throw new FaultlineError(`drill stopped: ${reason}; the fault, the load and the writers were stopped`, { exitCode: 1 });
  }
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms) / 1000;
}

function rate(attempts: readonly HeartbeatAttempt[], now: number): number {
  return attempts.filter((a) => a.ackedAt !== undefined && now - a.ackedAt <= 1000).length;
}

function neverRecovered(state: ReturnType<typeof recoveryState>, drill: Drill, faultAt: number, now: number): string {
  const limit = formatSeconds(drill.recovery.timeoutMs / 1000);
  if (drill.fault.kind === 'manual' && !state.firstFailure) return `no outage was seen within recovery.timeout (${limit}): did the manual fault happen?`;
  if (state.healthySince === undefined) {
    const since = state.lastGoodBefore?.ackedAt ?? faultAt;
    return `never recovered: no acknowledged write for ${formatSeconds((now - since) / 1000)} since the last good one, past recovery.timeout (${limit}); last error: ${state.lastFailure?.error ?? 'none'}`;
  }
  return `never settled: writes did not stay healthy for recovery.settle (${formatSeconds(drill.recovery.settleMs / 1000)}) within recovery.timeout (${limit})`;
}

async function finishLoad(load: RunningProcess, drill: Drill): Promise<LoadSummary> {
  const exit = await load.stop();
  const command = drill.load!.command.shell ? drill.load!.command.argv[2]! : drill.load!.command.argv.join(' ');
  const summary = drill.load!.summaryPath ? readK6Summary(drill.load!.summaryPath) : { p95Ms: null, errorRate: null, requests: null };
  return { command, exitCode: exit.code, ...summary };
}
