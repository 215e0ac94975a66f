import { renderSloMarkdown } from '../../../core/report/slo-markdown.ts';
import { toSloJson } from '../../../core/report/slo-json.ts';
import { formatDuration, formatPercent } from '../../../core/report/slo-format.ts';
import { renderSloText } from '../../../core/report/slo-text.ts';
import { DEFAULT_BUDGET_POLICY, evaluateBudgetPolicy } from '../../../core/slo/budget-policy.ts';
import type { SloStatusReport } from '../../../core/slo/engine.ts';
import { sloStatus } from '../slo/status-fixture.ts';

const report: SloStatusReport = {
  evaluatedAt: new Date('2025-03-01T00:00:00Z'),
  requests: 9,
  statuses: [
    sloStatus(),
    sloStatus({
      name: 'payments|api',
      service: 'payments',
      errorRatio: 0.0015,
      budgetRemaining: -0.5,
      burnRates: { '5m': 50, '30m': 50, '1h': 50, '2h': 20, '6h': 8, '1d': 2, '3d': 1.5 },
      timeToExhaustionSeconds: 0,
      alert: 'page',
      firingConditions: ['1h and 5m burn ≥ 14.4'],
    }),
    sloStatus({
      name: 'ghost',
      errorRatio: null,
      budgetRemaining: null,
      burnRates: { '5m': null, '30m': null, '1h': null, '2h': null, '6h': null, '1d': null, '3d': null },
      timeToExhaustionSeconds: null,
      problems: [
        { window: 'slo', kind: 'no-series', message: 'no data over the 28d SLO window: the queries returned no series' },
        { window: '5m', kind: 'no-series', message: 'no data over the last 5m: the queries returned no series' },
      ],
    }),
  ],
};
const outcome = evaluateBudgetPolicy(report.statuses, DEFAULT_BUDGET_POLICY);

describe('SLO JSON', () => {
  it('has exactly the documented keys, fractions and nulls', () => {
    const json = toSloJson(report.statuses, outcome, report.evaluatedAt);
    expect(Object.keys(json)).toEqual(['version', 'evaluatedAt', 'verdict', 'slos']);
    expect(json).toMatchObject({ evaluatedAt: report.evaluatedAt.toISOString(), verdict: 'fail' });
    expect(json.slos[2]).toEqual({
      name: 'ghost',
      service: 'checkout',
      target: 0.999,
      window: '28d',
      errorRatio: null,
      budgetRemaining: null,
      burnRates: { '5m': null, '30m': null, '1h': null, '2h': null, '6h': null, '1d': null, '3d': null },
      alert: 'none',
      firingConditions: [],
      timeToExhaustionSeconds: null,
      verdict: 'no-data',
      reasons: ['no data over the 28d SLO window: the queries returned no series'],
      problems: ['no data over the 28d SLO window: the queries returned no series', 'no data over the last 5m: the queries returned no series'],
    });
    expect(json.slos.map((s) => s.verdict)).toEqual(['pass', 'fail', 'no-data']);
  });
});

describe('SLO text report', () => {
  it('shows each SLO’s numbers, its verdict and why', () => {
    const text = renderSloText(report, outcome);
    expect(text).toContain('SLO status at 2025-03-01T00:00:00.000Z (3 SLOs, 9 Prometheus requests)');
    expect(text).toContain('✗ payments|api (payments): 99.9 % over 28d  FAIL');
    expect(text).toContain('    error ratio 0.15 %   budget remaining -50 %   budget already exhausted');
    expect(text).toContain('    burn rate 5m 50.0  30m 50.0  1h 50.0  2h 20.0  6h 8.00  1d 2.00  3d 1.50');
    expect(text).toContain('    alert page: 1h and 5m burn ≥ 14.4');
    expect(text).toContain('? ghost (checkout): 99.9 % over 28d  NO-DATA');
    expect(text).toContain('    ! no data over the last 5m: the queries returned no series');
    expect(text.trimEnd().endsWith('Verdict: fail (1 SLO breaches the error-budget policy)')).toBe(true);
  });
});

describe('SLO job summary', () => {
  const markdown = renderSloMarkdown(report, outcome, 14.4);

  it('has one row per SLO with what people act on, cells escaped, and the rest folded in details', () => {
    expect(markdown).toContain('## SLO gate: ❌ fail');
    expect(markdown).toContain('| SLO | Budget left<br><sub>at the current burn rate</sub> | Burn now (1h) | Alert | Verdict |');
    expect(markdown).toContain('| payments&#124;api<br><sub>payments</sub> | -50 %<br><sub>budget already exhausted</sub> | 50.0 | 🚨 page | ❌ fail |');
    expect(markdown).toContain('| ghost<br><sub>checkout</sub> | no data | – | none | ⚠️ no-data |');
    const details = markdown.slice(markdown.indexOf('<details><summary>Objective, window, error ratio and burn rate per window</summary>'), markdown.indexOf('</details>'));
    expect(details).toContain('| payments&#124;api | 99.9 % | 28d | 0.15 % | 50.0 | 50.0 | 50.0 | 20.0 | 8.00 | 2.00 | 1.50 |');
    expect(details).toContain('| ghost | 99.9 % | 28d | no data | – | – | – | – | – | – | – |');
  });

  it('draws a burn-rate chart only where it helps (failing, alerting or burning fast), worst first, with the page threshold as a line', () => {
    const charts = markdown.split('```mermaid').slice(1);
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain('title "payments|api: burn rate by window"');
    expect(charts[0]).toContain('x-axis ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]');
    expect(charts[0]).toContain('bar [50, 50, 50, 20, 8, 2, 1.5]');
    expect(charts[0]).toContain('line [14.4, 14.4, 14.4, 14.4, 14.4, 14.4, 14.4]');
    expect(charts[0]).toContain('y-axis "burn rate (1 = spends the budget in exactly one window)" 0 --> 55');
    expect(charts[1]).toContain('ghost: burn rate by window (– = no data, drawn as 0)');
    expect(markdown).toContain('_1 more SLO in the table above, healthy or beyond the 6 charts shown._');
  });
});

describe('SLO job summary charts with the policy’s alert conditions', () => {
  it('draws each window against its own condition’s threshold', () => {
    const markdown = renderSloMarkdown(report, outcome, DEFAULT_BUDGET_POLICY.alerting);
    const chart = markdown.split('```mermaid')[1]!;
    expect(chart).toContain('x-axis ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]');
    expect(chart).toContain('line [14.4, 6, 14.4, 3, 6, 3, 1]');
    expect(markdown).toContain("Line: each window's alert threshold (page 14.4× over 1h and 5m; page 6× over 6h and 30m; ticket 3× over 1d and 2h; ticket 1× over 3d and 6h)");
  });

  it('leaves out the windows no alert uses, so no threshold is drawn where none applies', () => {
    const markdown = renderSloMarkdown(report, outcome, { page: [{ long: '1h', short: '5m', burnRate: 10 }], ticket: [] });
    const chart = markdown.split('```mermaid')[1]!;
    expect(chart).toContain('x-axis ["5m", "1h"]');
    expect(chart).toContain('bar [50, 50]');
    expect(chart).toContain('line [10, 10]');
    expect(markdown).toContain('windows no alert uses are left out');
  });
});

describe('formats', () => {
  it('writes percentages and durations people can read', () => {
    expect(formatPercent(0.00166)).toBe('0.166 %');
    expect(formatPercent(-0.6621)).toBe('-66.2 %');
    expect(formatDuration(93784)).toBe('1d 2h');
    expect(formatDuration(90)).toBe('1m 30s');
  });
});
