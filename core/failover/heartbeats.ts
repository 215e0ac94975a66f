/**
 * The heartbeat loop: one write every interval on a fixed schedule (not "interval after the last
 * write", which would drift by the write's latency), one write in flight at a time, each bounded
 * by the writer timeout. A beat whose slot passed while a slow write was in flight is skipped,
 * not queued: a burst of catch-up writes after an outage would fake a healthy rate.
 */
import { type Clock, sleep } from './clock.ts';
import type { HeartbeatAttempt } from './types.ts';
import type { HeartbeatWriter } from './writers/types.ts';

export class HeartbeatLoop {
  readonly attempts: HeartbeatAttempt[] = [];
  private readonly stopper = new AbortController();
  private running?: Promise<void>;
  private seq = 0;

  private readonly writer: HeartbeatWriter;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly clock: Clock;
  private readonly onAttempt: (attempt: HeartbeatAttempt) => void;

  constructor(writer: HeartbeatWriter, intervalMs: number, timeoutMs: number, clock: Clock, onAttempt: (attempt: HeartbeatAttempt) => void = () => undefined) {
    this.writer = writer;
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
    this.onAttempt = onAttempt;
  }

  /** One beat now, outside the schedule (the start-up check). */
  async beat(): Promise<HeartbeatAttempt> {
    const seq = ++this.seq;
    const attempt: HeartbeatAttempt = { seq, sentAt: this.clock.now(), sentWall: this.clock.wall().toISOString() };
    this.attempts.push(attempt);
    const signal = AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.stopper.signal]);
    try {
      const ack = await this.writer.write(seq, new Date(attempt.sentWall), signal);
      attempt.ackedAt = this.clock.now();
      attempt.ackedWall = this.clock.wall().toISOString();
      attempt.target = ack.target;
    } catch (error) {
      attempt.endedAt = this.clock.now();
      attempt.error = (error as Error).message.slice(0, 500);
      if (this.stopper.signal.aborted) {
        // Cut short by the end of the drill, not by the system: it says nothing either way.
        this.attempts.splice(this.attempts.indexOf(attempt), 1);
        return attempt;
      }
    }
    this.onAttempt(attempt);
    return attempt;
  }

  start(): void {
    this.running ??= this.loop();
  }

  private async loop(): Promise<void> {
    const origin = this.clock.now();
    let slot = 0;
    while (!this.stopper.signal.aborted) {
      await this.beat();
      const elapsed = this.clock.now() - origin;
      slot = Math.max(slot + 1, Math.ceil(elapsed / this.intervalMs));
      await sleep(origin + slot * this.intervalMs - this.clock.now(), this.stopper.signal);
    }
  }

  /** Stops the schedule and waits for the write in flight to end. */
  async stop(): Promise<void> {
    this.stopper.abort('the drill is over');
    await this.running;
  }

  /** How far each beat's spacing strayed from the interval: p50 and p99 in ms. */
  jitter(): { p50: number | null; p99: number | null } {
    const gaps: number[] = [];
    for (let i = 1; i < this.attempts.length; i++) gaps.push(Math.abs(this.attempts[i]!.sentAt - this.attempts[i - 1]!.sentAt - this.intervalMs));
    gaps.sort((a, b) => a - b);
    const at = (q: number) => (gaps.length === 0 ? null : Math.round(gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]! * 100) / 100);
    return { p50: at(0.5), p99: at(0.99) };
  }
}
