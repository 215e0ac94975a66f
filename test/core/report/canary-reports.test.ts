/** The canary reports agree with each other and with the analysis, including its edge values. */
import { canaryFindings, canaryMeasurements, toCanaryJson } from '../../../core/report/canary-json.ts';
import { renderCanaryMarkdown } from '../../../core/report/canary-markdown.ts';
import { renderCanaryText } from '../../../core/report/canary-text.ts';
import type { CanaryReport } from '../../../core/slo/canary/gate.ts';
import type { MetricJudgement } from '../../../core/slo/canary/types.ts';

const judgement = (overrides: Partial<MetricJudgement>): MetricJudgement => ({
  name: 'latency',
  verdict: 'pass',
  reasons: [],
  canary: { count: 10, mean: 0.121, median: 0.12 },
  baseline: { count: 10, mean: 0.12, median: 0.12 },
  u: 52,
  pValue: 0.4271,
  method: 'exact',
  shift: 0.0012,
  relativeShift: 0.01,
  weight: 1,
  critical: false,
  ...overrides,
});

const errorsFromZero = judgement({
  name: 'errors',
  verdict: 'fail',
  critical: true,
  reasons: ['errors: significant increase: canary median 0.01 vs baseline 0 (shift up from 0, …)'],
  canary: { count: 10, mean: 0.01, median: 0.01 },
  baseline: { count: 10, mean: 0, median: 0 },
  u: 100,
  pValue: 0.0000054,
  method: 'normal',
  shift: 0.01,
  relativeShift: Number.POSITIVE_INFINITY,
});

const report: CanaryReport = {
  result: {
    decision: 'rollback',
    reasons: ['step at 25 %: critical metric errors failed', errorsFromZero.reasons[0]!.replace(/^/, 'step at 25 %: ')],
    finalWeight: 0,
    steps: [
      { weight: 10, start: new Date('2025-03-01T10:00:00Z'), end: new Date('2025-03-01T10:05:00Z'), score: 100, classification: 'pass', reasons: [], metrics: [judgement({}), judgement({ name: 'errors' })] },
      { weight: 25, start: new Date('2025-03-01T10:05:00Z'), end: new Date('2025-03-01T10:10:00Z'), score: 50, classification: 'fail', reasons: ['critical metric errors failed'], metrics: [judgement({}), errorsFromZero] },
    ],
  },
  canarySelector: 'app="api",track=`canary`',
  baselineSelector: 'app="api",track="baseline"',
  steps: [10, 25, 50, 100],
  stepWaitSeconds: 300,
  confidence: 0.95,
  weightControl: { kind: 'command', target: './set-weight.sh {weight}' },
  changes: [{ weight: 10 }, { weight: 25 }, { weight: 0 }],
};

describe('canary reports', () => {
  it('markdown: decision, plan, how weights moved, a table per step with U and p, and the steps not reached', () => {
    const markdown = renderCanaryMarkdown(report);
    expect(markdown).toContain('## Canary analysis: ❌ rollback');
    // A backtick in a selector gets a longer code fence instead of breaking the line.
    expect(markdown).toContain('Canary `` app="api",track=`canary` `` against baseline `app="api",track="baseline"`; steps 10 % → 25 % → 50 % → 100 %, 5m each, confidence 95 %.');
    expect(markdown).toContain('Weights set via command ./set-weight.sh {weight}: 10 % → 25 % → 0 %.');
    expect(markdown).toContain('| latency | ✅ pass | 0.12 (10) | 0.12 (10) | 0.0012 (+1 %) | 52 | 0.427 (exact) |');
    expect(markdown).toContain('| errors (critical) | ❌ fail | 0.01 (10) | 0 (10) | 0.01 (up from 0) | 100 | 5.4e-6 (normal) |');
    expect(markdown).toContain('Not reached: 50 %, 100 %.');
    expect(markdown).not.toContain('[!CAUTION]');
  });

  it('text: the same figures, one line per metric', () => {
    const text = renderCanaryText(report);
    expect(text.split('\n').slice(0, 3)).toEqual(['Canary analysis: ROLLBACK', '  canary app="api",track=`canary`  vs  baseline app="api",track="baseline"', '  steps 10 % → 25 % → 50 % → 100 %, 5m each, confidence 95 %']);
    expect(text).toContain('step 25 %: fail (score 50)  2025-03-01T10:05:00.000Z → 2025-03-01T10:10:00.000Z');
    expect(text).toContain('  ✗ errors   canary 0.01 (n=10)  baseline 0 (n=10)  shift up from 0  U=100  p=5.4e-6 (normal)');
    expect(text).toContain('not reached: 50 %, 100 %');
  });

  it('JSON: valid JSON (an infinite shift becomes null), with the plan and the weight changes', () => {
    const document = JSON.parse(JSON.stringify(toCanaryJson(report)));
    expect(document).toMatchObject({ version: 1, decision: 'rollback', finalWeight: 0, plannedSteps: [10, 25, 50, 100], weightChanges: report.changes });
    expect(document.steps[1].metrics[1]).toMatchObject({ name: 'errors', u: 100, relativeShift: null, shift: 0.01 });
    expect(canaryMeasurements(report)).toContainEqual({ name: 'relative-shift', value: null, unit: 'ratio', subject: '25%/errors' });
    expect(canaryFindings(report)).toEqual([{ rule: 'canary-fail', severity: 'error', message: `step at 25 %: ${errorsFromZero.reasons[0]}` }]);
  });

  it('a failed rollback is a caution in markdown, a line in text and a finding of its own', () => {
    const failed: CanaryReport = { ...report, changes: [{ weight: 10 }, { weight: 25 }, { weight: 0, error: 'exit 3' }], rollbackFailure: 'exit 3' };
    expect(renderCanaryMarkdown(failed)).toContain('> [!CAUTION]\n> Moving traffic back to the baseline failed, so the canary may still take traffic: exit 3');
    expect(renderCanaryMarkdown(failed)).toContain('10 % → 25 % → 0 % (failed).');
    expect(renderCanaryText(failed)).toContain('! moving traffic back to the baseline failed; the canary may still take traffic: exit 3');
    expect(canaryFindings(failed).at(-1)).toEqual({ rule: 'canary-rollback-failed', severity: 'error', message: 'moving traffic back to the baseline failed: exit 3' });
  });
});
