/** The bounded bookkeeping behind the webhook endpoint's refusals. */
import { DeliveryLog, looksSigned, ReadSlots } from '../../app/webhook-intake.ts';

describe('remembering delivery ids', () => {
  it('recognises a replay and forgets the oldest ids first, so memory stays bounded', () => {
    const log = new DeliveryLog(3);
    expect(['a', 'b', 'c'].map((id) => log.firstTime(id))).toEqual([true, true, true]);
    expect(log.firstTime('b')).toBe(false);
    for (let i = 0; i < 10_000; i++) log.firstTime(`flood-${i}`);
    expect(log.size).toBe(3);
    expect(log.firstTime('a')).toBe(true);
  });

  it('forgets a delivery whose handling failed, so GitHub’s Redeliver can retry it', () => {
    const log = new DeliveryLog();
    log.firstTime('failed-once');
    log.forget('failed-once');
    expect(log.firstTime('failed-once')).toBe(true);
  });
});

describe('cheap checks before reading a body', () => {
  it('reads a signature header as worth verifying only in GitHub’s form', () => {
    expect(looksSigned(`sha256=${'ab'.repeat(32)}`)).toBe(true);
    expect(looksSigned(undefined)).toBe(false);
    expect(looksSigned('sha1=abc')).toBe(false);
    expect(looksSigned(`sha256=${'ab'.repeat(32)}x`)).toBe(false);
    expect(looksSigned(['sha256=a', 'sha256=b'])).toBe(false);
  });

  it('hands out at most the configured number of read slots', () => {
    const slots = new ReadSlots(2);
    expect([slots.tryEnter(), slots.tryEnter(), slots.tryEnter()]).toEqual([true, true, false]);
    slots.leave();
    expect(slots.tryEnter()).toBe(true);
  });
});
