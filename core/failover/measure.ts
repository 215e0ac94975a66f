/**
 * The measurement, as pure functions of the heartbeat record so every rule is testable without a
 * database: where the outage began and ended as clients saw it, when recovery counts as settled,
 * and which acknowledged writes the surviving side lost.
 */
import type { HeartbeatAttempt, ObjectiveVerdict } from './types.ts';

export interface RecoveryState {
  /** The first write that failed at or after the fault started. */
  firstFailure?: HeartbeatAttempt;
  lastFailure?: HeartbeatAttempt;
  /** The last acknowledged write before the outage. */
  lastGoodBefore?: HeartbeatAttempt;
  /** The first acknowledged write of the healthy run that follows the last failure. */
  firstGoodAfter?: HeartbeatAttempt;
  /** Since when writes have been healthy without a break (monotonic ms), if they are now. */
  healthySince?: number;
}

function endOf(attempt: HeartbeatAttempt): number {
  return attempt.ackedAt ?? attempt.endedAt ?? attempt.sentAt;
}

/** Reads the record at any moment during the drill (it is called live, then once at the end). */
export function recoveryState(attempts: readonly HeartbeatAttempt[], faultAt: number): RecoveryState {
  const done = attempts.filter((a) => a.ackedAt !== undefined || a.error !== undefined);
  const failures = done.filter((a) => a.error !== undefined && endOf(a) >= faultAt);
  const firstFailure = failures[0];
  const lastFailure = failures.at(-1);
  const lastGoodBefore = firstFailure ? done.filter((a) => a.ackedAt !== undefined && a.seq < firstFailure.seq).at(-1) : undefined;
  const after = done.filter((a) => a.ackedAt !== undefined && (lastFailure ? a.seq > lastFailure.seq : a.ackedAt >= faultAt));
  const firstGoodAfter = lastFailure ? after[0] : undefined;
  const last = done.at(-1);
  let healthySince: number | undefined;
  if (last?.ackedAt !== undefined) healthySince = lastFailure ? firstGoodAfter?.ackedAt : faultAt;
  return { firstFailure, lastFailure, lastGoodBefore, firstGoodAfter, healthySince };
}

export interface RecoveryFigures {
  rtoMs: number | null;
  outageMs: number | null;
}

/** RTO from the fault to the first good write after the outage; the outage from the last good write before it. */
export function recoveryFigures(state: RecoveryState, faultAt: number, recovered: boolean): RecoveryFigures {
  if (!recovered) return { rtoMs: null, outageMs: null };
  if (!state.firstFailure) return { rtoMs: 0, outageMs: 0 };
  const firstGood = state.firstGoodAfter?.ackedAt;
  if (firstGood === undefined) return { rtoMs: null, outageMs: null };
  return {
    rtoMs: Math.max(0, firstGood - faultAt),
    outageMs: state.lastGoodBefore?.ackedAt === undefined ? null : firstGood - state.lastGoodBefore.ackedAt,
  };
}

export interface DataLoss {
  lostWrites: number;
  /** The newest lost write's acknowledgement against the newest surviving write acknowledged before it. */
  rpoMs: number;
  lostSeqs: number[];
  /** Writes never acknowledged (the client saw an error) that were committed anyway. */
  unacknowledgedSurvivors: number;
}

export function dataLoss(attempts: readonly HeartbeatAttempt[], survived: ReadonlySet<number>, includeUnacknowledged = true): DataLoss {
  const acked = attempts.filter((a) => a.ackedAt !== undefined).sort((a, b) => a.seq - b.seq);
  const lost = acked.filter((a) => !survived.has(a.seq));
  let rpoMs = 0;
  for (const write of lost) {
    const before = acked.filter((a) => a.seq < write.seq && survived.has(a.seq)).at(-1);
    // Nothing older survived: everything since the first write is gone.
    const reference = before?.ackedAt ?? attempts[0]?.sentAt ?? write.ackedAt!;
    rpoMs = Math.max(rpoMs, write.ackedAt! - reference);
  }
  const unacknowledgedSurvivors = includeUnacknowledged ? attempts.filter((a) => a.ackedAt === undefined && survived.has(a.seq)).length : 0;
  return { lostWrites: lost.length, rpoMs, lostSeqs: lost.map((a) => a.seq), unacknowledgedSurvivors };
}

export function judge(targetMs: number, actualMs: number | null, what: string): ObjectiveVerdict {
  const targetSeconds = targetMs / 1000;
  if (actualMs === null) return { targetSeconds, actualSeconds: null, status: 'breached', reason: `${what} could not be measured` };
  const actualSeconds = Math.round(actualMs) / 1000;
  return { targetSeconds, actualSeconds, status: actualMs <= targetMs ? 'met' : 'breached' };
}
