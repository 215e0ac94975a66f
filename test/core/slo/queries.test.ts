import type { FaultlineError } from '../../../core/errors.ts';
import { badSliceFractionExpr, batchExprs, checkQueryable, errorRatioExpr, resetsExpr } from '../../../core/slo/queries.ts';
import { calendarPeriodStart, promDuration, sloRangeSeconds } from '../../../core/slo/windows.ts';
import { requestSlo } from './fixtures.ts';

describe('SLO queries', () => {
  it('divides bad by total, or total minus good by total, each summed to one series', () => {
    expect(errorRatioExpr({ kind: 'ratio', bad: 'rate(e[{{window}}])', total: 'rate(t[{{ window }}])' }, '5m')).toBe(
      'sum(rate(e[5m])) / sum(rate(t[5m]))',
    );
    expect(errorRatioExpr({ kind: 'ratio', good: 'rate(g[{{.window}}])', total: 'rate(t[{{window}}])' }, '1h')).toBe(
      '(sum(rate(t[1h])) - sum(rate(g[1h]))) / sum(rate(t[1h]))',
    );
  });

  it('counts bad slices with a subquery of exactly window ÷ slice points', () => {
    const slo = requestSlo('s', 'x', 0.95, { budgetingMethod: 'Timeslices', timeslice: { target: 0.95, window: '1m', seconds: 60 } });
    expect(badSliceFractionExpr(slo, 3600)).toBe(
      'avg_over_time(((sum(sum(rate(http_requests_total{service="x",code=~"5.."}[1m]))) / sum(sum(rate(http_requests_total{service="x"}[1m])))) > bool 0.05)[3599s:1m])',
    );
  });

  it('counts counter resets through the total query', () => {
    expect(resetsExpr({ kind: 'ratio', bad: 'x', total: 'sum(rate(t{a="b"}[{{window}}]))' }, '28d')).toBe('sum(sum(resets(t{a="b"}[28d])))');
    expect(resetsExpr({ kind: 'ratio', bad: 'x', total: 'sum(t_ratio{w="{{window}}"})' }, '28d')).toBeUndefined();
    // Sloth's raw error ratio arrives as `(ratio) >= bool 0`: resets() inside it would count nothing.
    expect(resetsExpr({ kind: 'ratio', bad: 'x', total: '((sum(rate(a[{{window}}])) / sum(rate(b[{{window}}]))) >= bool 0)' }, '28d')).toBeUndefined();
  });

  it('joins labelled ratios with `or` and splits them to stay under the size bound', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ slo: `slo-${i}`, expr: `vector(${i})` }));
    const one = batchExprs(items, 100_000);
    expect(one).toHaveLength(1);
    expect(one[0].startsWith('label_replace(vector(0), "slo", "slo-0", "", "") or label_replace(vector(1)')).toBe(true);
    const split = batchExprs(items, 200);
    expect(split.length).toBeGreaterThan(1);
    expect(split.every((q) => Buffer.byteLength(q) <= 200)).toBe(true);
    expect(split.join(' or ')).toBe(one[0]);
  });

  it('escapes SLO names inside the PromQL string', () => {
    expect(batchExprs([{ slo: 'a"b\\c', expr: 'vector(1)' }], 1000)[0]).toBe('label_replace(vector(1), "slo", "a\\"b\\\\c", "", "")');
  });
});

describe('checks before querying', () => {
  const failure = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return error as FaultlineError;
    }
    throw new Error('expected a failure');
  };

  it('refuses a query without a window placeholder, naming the spec file and line', () => {
    const slo = requestSlo('a', 'x', 0.999);
    slo.indicator.total = 'sum(http_requests:rate5m)';
    const error = failure(() => checkQueryable([slo]));
    expect(error.where).toBe('slos/a.yaml:1');
    expect(error.message).toBe('SLO "a": the total query has no {{window}} placeholder');
  });

  it('refuses duplicate names and targets given in percent', () => {
    expect(failure(() => checkQueryable([requestSlo('a', 'x', 0.999), requestSlo('a', 'y', 0.99)])).message).toMatch(/used twice/);
    expect(failure(() => checkQueryable([requestSlo('a', 'x', 99.9)])).hint).toMatch(/target: 0.999/);
  });
});

describe('windows', () => {
  it('writes the shortest exact PromQL duration', () => {
    expect(promDuration(28 * 86400)).toBe('4w');
    expect(promDuration(30 * 86400)).toBe('30d');
    expect(promDuration(5400)).toBe('90m');
    expect(promDuration(61)).toBe('61s');
  });

  it('measures a calendar window from the start of the period (UTC, weeks from Monday)', () => {
    const at = new Date('2025-05-15T12:00:00Z'); // a Thursday
    expect(calendarPeriodStart('Week', at).toISOString()).toBe('2025-05-12T00:00:00.000Z');
    expect(calendarPeriodStart('Quarter', at).toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(sloRangeSeconds({ kind: 'calendar', duration: '1M', seconds: 31 * 86400, unit: 'Month' }, at)).toBe(14.5 * 86400);
  });
});
