/**
 * The drill engine's recovery rule with a scripted writer: recovery is only what a write sent after
 * the fault ended, and after the settle window, shows — never the absence of news.
 */
import { loadDrill } from '../../../core/failover/drill.ts';
import { runDrill } from '../../../core/failover/engine.ts';
import type { HeartbeatWriter, ReadBack, WriteAck } from '../../../core/failover/writers/types.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Acknowledges the warm-up, then behaves as `afterWarmup` says for every later heartbeat. */
class ScriptedWriter implements HeartbeatWriter {
  readonly kind = 'postgres' as const;
  readonly written: number[] = [];
  readBacks = 0;
  private readonly afterWarmup: (seq: number) => Promise<WriteAck>;
  private readonly warmupBeats: number;

  constructor(warmupBeats: number, afterWarmup: (seq: number) => Promise<WriteAck>) {
    this.warmupBeats = warmupBeats;
    this.afterWarmup = afterWarmup;
  }

  async write(seq: number): Promise<WriteAck> {
    const ack = seq <= this.warmupBeats ? { target: 'postgres://db-a/' } : await this.afterWarmup(seq);
    this.written.push(seq);
    return ack;
  }

  async readBack(seqs: number[]): Promise<ReadBack> {
    this.readBacks++;
    return { target: 'postgres://db-b/', survived: new Set(seqs.filter((s) => this.written.includes(s))) };
  }

  async close(): Promise<void> {}
}

function drill(recovery: { timeout: string; settle: string }) {
  const text = JSON.stringify({
    name: 'stalled writer',
    objectives: { rto: '10s' },
    writer: { interval: '50ms', timeout: '5s', postgres: { urls: ['postgres://db-a/', 'postgres://db-b/'] } },
    fault: { command: 'true' },
    recovery,
  });
  return loadDrill(text, 'drill.json', process.cwd());
}

describe('the drill engine decides recovery from writes, not from silence', () => {
  it('does not call a stalled writer recovered: its first write after the fault hangs, then fails', async () => {
    const warmup = 3;
    const writer = new ScriptedWriter(warmup + 1, async () => {
      await sleep(1500);
      throw new Error('connection refused');
    });
    const outcome = await runDrill(drill({ timeout: '2500ms', settle: '300ms' }), { cwd: process.cwd(), env: process.env, writer, warmupBeats: warmup });

    expect(outcome.recovered).toBe(false);
    expect(outcome.verdict).toBe('breached');
    expect(outcome.reasons[0]).toMatch(/^never recovered/);
    expect(writer.readBacks).toBe(0);
  });

  it('calls a fault without effect recovered only once a write sent after the settle window is acknowledged', async () => {
    const warmup = 3;
    const writer = new ScriptedWriter(warmup + 1, async () => {
      await sleep(400);
      return { target: 'postgres://db-a/' };
    });
    const outcome = await runDrill(drill({ timeout: '10s', settle: '300ms' }), { cwd: process.cwd(), env: process.env, writer, warmupBeats: warmup });

    expect(outcome.recovered).toBe(true);
    expect(outcome.reasons[0]).toMatch(/^no outage was seen/);
    const faultStart = outcome.timeline.find((e) => e.event === 'fault-start')!;
    const readback = outcome.timeline.find((e) => e.event === 'readback')!;
    // The write that confirmed health was sent at least a settle window after the fault.
    expect(readback.offsetMs - faultStart.offsetMs).toBeGreaterThanOrEqual(300);
    expect(outcome.lostWrites).toBe(0);
  });
});
