import { withinTolerance } from '../../../core/experiment/tolerance.ts';

const http = { status: 200, headers: {}, body: { status: 'ok', items: [1, 2] } };

describe("tolerances follow Chaos Toolkit's rules", () => {
  it('compares a number with the output status, or with the value itself', async () => {
    expect((await withinTolerance(200, http)).met).toBe(true);
    expect(await withinTolerance(503, http)).toEqual({ met: false, reason: 'expected 503, got 200' });
    expect((await withinTolerance(3, 3)).met).toBe(true);
  });

  it('treats a list as allowed statuses, and [lo, hi] as a range for a plain number', async () => {
    expect((await withinTolerance([200, 204], http)).met).toBe(true);
    expect((await withinTolerance([201, 204], http)).met).toBe(false);
    expect((await withinTolerance([0, 10], 7)).met).toBe(true);
    expect((await withinTolerance([0, 10], 11)).reason).toBe('11 is outside [0, 10]');
    expect((await withinTolerance(['a', 'b', 'c'], 'b')).met).toBe(true);
  });

  it("compares true with our probes' ok and with plain booleans", async () => {
    expect((await withinTolerance(true, { ok: true, value: 200 })).met).toBe(true);
    expect((await withinTolerance(true, { ok: false, value: 503 })).met).toBe(false);
    expect((await withinTolerance(false, false)).met).toBe(true);
  });

  it('matches a regex against the target, or the body/stdout by default', async () => {
    expect((await withinTolerance({ type: 'regex', pattern: 'ok' }, http)).met).toBe(true);
    expect((await withinTolerance({ type: 'regex', pattern: '^hel', target: 'stdout' }, { status: 0, stdout: 'hello' })).met).toBe(true);
    expect((await withinTolerance({ type: 'regex', pattern: 'nope' }, 'text')).met).toBe(false);
  });

  it('evaluates jsonpath with expect and count, parsing JSON text', async () => {
    expect((await withinTolerance({ type: 'jsonpath', path: '$.status', expect: 'ok', target: 'body' }, http)).met).toBe(true);
    expect((await withinTolerance({ type: 'jsonpath', path: '$.items[*]', count: 2, target: 'body' }, http)).met).toBe(true);
    expect((await withinTolerance({ type: 'jsonpath', path: '$.a', expect: 1 }, '{"a": 1}')).met).toBe(true);
    expect((await withinTolerance({ type: 'jsonpath', path: '$.a', expect: 2 }, '{"a": 1}')).reason).toBe('$.a found [1]');
  });

  it('checks a range on the primary value or a named target', async () => {
    expect((await withinTolerance({ type: 'range', range: [0, 0.5] }, { ok: true, value: 0.2 })).met).toBe(true);
    expect((await withinTolerance({ type: 'range', range: [0, 100], target: 'latency_ms' }, { ok: true, value: 200, latency_ms: 150 })).met).toBe(false);
    expect((await withinTolerance({ type: 'range', range: [0, 1] }, { ok: true, value: null })).reason).toBe('expected a number in [0, 1], got null');
  });

  it('asks a probe tolerance with the observed value', async () => {
    const seen: unknown[] = [];
    const verdict = await withinTolerance({ type: 'probe', name: 'judge', provider: { type: 'process', path: 'true' } }, http, async (_activity, value) => {
      seen.push(value);
      return false;
    });
    expect(verdict).toEqual({ met: false, reason: 'tolerance probe "judge" said no' });
    expect(seen).toEqual([http]);
  });
});
