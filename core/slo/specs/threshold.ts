/**
 * An OpenSLO `thresholdMetric` SLI (one metric compared with the objective's `op` and `value`) as
 * the ratio of events the engine and the rules work with. OpenSLO counts each data point of the
 * metric as an event, good when `metric <op> value` holds. Prometheus keeps no "data points" of an
 * expression, so Faultline samples it: a subquery evaluates the query every `step` over the window
 * (`[<window>:<step>]`), and
 *
 *   good  = sum_over_time(((<query>) <op> bool <value>)[<window>:<step>])
 *   total = sum_over_time(((<query>) >= bool -Inf)[<window>:<step>])
 *
 * `bool` turns each sampled point into 1 (holds) or 0, so a window where the metric never meets
 * the objective still returns 0 good instead of no series; `>= bool -Inf` is 1 for every number and
 * 0 for NaN (e.g. a quantile with no traffic), which is therefore neither good nor bad. Each series
 * the query returns counts at each step (several series = several events per step). The engine and
 * the rules evaluate the very same expressions, so status and dashboards agree; windows are
 * rendered one second short (see `sampleStep`) so a 5m window holds exactly five 1m points.
 *
 * Subqueries over a 28-day window evaluate the query 40 320 times per rule evaluation: correct, and
 * cheap for a selector or a small aggregation; for an expensive query, record it with a recording
 * rule and use the recorded series as the thresholdMetric query.
 */
import type { RatioIndicator } from '../types.ts';
import { promDuration } from '../windows.ts';

export const THRESHOLD_OPERATORS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
export type ThresholdOperator = keyof typeof THRESHOLD_OPERATORS;

/** One point a minute, or one per slice when slices are shorter. */
export const DEFAULT_SAMPLE_STEP_SECONDS = 60;

export function thresholdIndicator(query: string, op: ThresholdOperator, value: number, stepSeconds = DEFAULT_SAMPLE_STEP_SECONDS): RatioIndicator {
  const step = promDuration(stepSeconds);
  const metric = query.trim();
  const points = (expr: string) => `sum_over_time((${expr})[{{window}}:${step}])`;
  return {
    kind: 'ratio',
    good: points(`(${metric}) ${THRESHOLD_OPERATORS[op]} bool ${formatValue(value)}`),
    total: points(`(${metric}) >= bool -Inf`),
    sampleStep: step,
  };
}

/** A PromQL number literal: 12 significant digits, exponent form as PromQL reads it. */
function formatValue(value: number): string {
  return String(Number(value.toPrecision(12)));
}
