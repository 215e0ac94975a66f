/**
 * The measurement rules on hand-written heartbeat records (monotonic ms), so each rule reads as a
 * specification: where the outage starts and ends, when recovery counts, and what was lost.
 */
import { dataLoss, judge, recoveryFigures, recoveryState } from '../../../core/failover/measure.ts';
import type { HeartbeatAttempt } from '../../../core/failover/types.ts';

/** 'ok' or 'x' per beat, every 100 ms from t=0, each taking 10 ms. */
function beats(pattern: string): HeartbeatAttempt[] {
  return [...pattern].map((c, i) => ({
    seq: i + 1,
    sentAt: i * 100,
    sentWall: new Date(i * 100).toISOString(),
    ...(c === '+' ? { ackedAt: i * 100 + 10 } : { endedAt: i * 100 + 10, error: 'refused' }),
  }));
}

describe('recovery', () => {
  it('measures RTO from the fault to the first good write after the last failure, and the outage from the last good write before', () => {
    const attempts = beats('+++++xxxx+++');
    const state = recoveryState(attempts, 450);
    expect(state.firstFailure?.seq).toBe(6);
    expect(state.lastGoodBefore?.seq).toBe(5);
    expect(state.firstGoodAfter?.seq).toBe(10);
    expect(state.healthySince).toBe(910);
    expect(recoveryFigures(state, 450, true)).toEqual({ rtoMs: 460, outageMs: 500 });
  });

  it('restarts the healthy run after a flap: the outage runs from before the first failure to after the last', () => {
    const state = recoveryState(beats('+++xx++x+++'), 250);
    expect(state.firstGoodAfter?.seq).toBe(9);
    expect(recoveryFigures(state, 250, true)).toEqual({ rtoMs: 560, outageMs: 600 });
  });

  it('is not healthy while the newest write failed', () => {
    expect(recoveryState(beats('+++xx'), 250).healthySince).toBeUndefined();
  });

  it('ignores failures that ended before the fault started', () => {
    const state = recoveryState(beats('+x++++'), 300);
    expect(state.firstFailure).toBeUndefined();
    expect(state.healthySince).toBe(300);
    expect(recoveryFigures(state, 300, true)).toEqual({ rtoMs: 0, outageMs: 0 });
  });

  it('has no figures when writes never recovered', () => {
    expect(recoveryFigures(recoveryState(beats('++xxxx'), 150), 150, false)).toEqual({ rtoMs: null, outageMs: null });
  });
});

describe('data loss', () => {
  it('counts acknowledged writes missing after recovery and measures the newest against the newest survivor before it', () => {
    const attempts = beats('++++++xx++');
    // Beats 4-6 were acknowledged by the old primary but never reached the new one.
    const survived = new Set([1, 2, 3, 9, 10]);
    expect(dataLoss(attempts, survived)).toEqual({ lostWrites: 3, rpoMs: 300, lostSeqs: [4, 5, 6], unacknowledgedSurvivors: 0 });
  });

  it('is zero when every acknowledged write survived, and counts failed writes that committed anyway', () => {
    const attempts = beats('+++x++');
    expect(dataLoss(attempts, new Set([1, 2, 3, 4, 5, 6]))).toEqual({ lostWrites: 0, rpoMs: 0, lostSeqs: [], unacknowledgedSurvivors: 1 });
  });

  it('measures from the first write when nothing older survived', () => {
    expect(dataLoss(beats('+++'), new Set()).rpoMs).toBe(210);
  });
});

describe('objective verdicts', () => {
  it('is met at or under the target, breached over it or when unmeasured', () => {
    expect(judge(5000, 5000, 'RTO')).toEqual({ targetSeconds: 5, actualSeconds: 5, status: 'met' });
    expect(judge(5000, 5001, 'RTO')).toEqual({ targetSeconds: 5, actualSeconds: 5.001, status: 'breached' });
    expect(judge(0, null, 'RPO')).toEqual({ targetSeconds: 0, actualSeconds: null, status: 'breached', reason: 'RPO could not be measured' });
  });
});
