import { replayClock } from '../../../../core/slo/canary/replay-clock.ts';

describe('the replay clock', () => {
  it('jumps through waits that end in the past, and waits for real only for the part in the future', async () => {
    const realNow = new Date('2025-03-01T12:00:00Z');
    const slept: number[] = [];
    const clock = replayClock(new Date('2025-03-01T11:40:00Z'), () => realNow, async (ms) => {
      slept.push(ms);
    });
    await clock.sleep(10 * 60_000);
    expect(clock.now().toISOString()).toBe('2025-03-01T11:50:00.000Z');
    await clock.sleep(15 * 60_000);
    expect(clock.now().toISOString()).toBe('2025-03-01T12:05:00.000Z');
    expect(slept).toEqual([5 * 60_000]);
  });
});
