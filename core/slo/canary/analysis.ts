/**
 * Progressive canary analysis: for each traffic weight (e.g. 10 → 25 → 50 → 100) set the weight,
 * wait, then compare canary and baseline over that step's interval. A failing step rolls back at
 * once; a marginal step may continue, but the last step must pass to promote.
 */
import { FaultlineError } from '../../errors.ts';
import type { PrometheusClient, PromRangeSeries } from '../../prometheus/client.ts';
import { judgeMetric } from './judge.ts';
import { KAYENTA_THRESHOLDS, scoreJudgements } from './score.ts';
import type { CanaryMetric, CanaryScore, MetricJudgement, ScoreThresholds } from './types.ts';

export interface CanaryAnalysisOptions {
  client: Pick<PrometheusClient, 'queryRange'>;
  metrics: CanaryMetric[];
  /** Label matchers that select the canary, e.g. `deployment="api-canary"`. */
  canarySelector: string;
  baselineSelector: string;
  /** Canary traffic weights in percent, increasing, e.g. [10, 25, 50, 100]. */
  steps: number[];
  stepWaitSeconds: number;
  /** Moves traffic (service mesh, ingress, Argo Rollouts...); called with 0 on rollback. */
  setWeight?: (weight: number) => Promise<void> | void;
  /** Default: a real timer. Tests inject a clock that advances `now`. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Mann-Whitney confidence level; default 0.95. */
  confidence?: number;
  thresholds?: ScoreThresholds;
  /**
   * Resolution of the range queries; default 60 s. Samples much closer than the metric's own
   * rate window overlap and are not independent, which the U test assumes.
   */
  queryStepSeconds?: number;
  /** Told each step's judgement as soon as it is made (faces log progress through it). */
  onStep?: (step: CanaryStepResult) => void;
}

export interface CanaryStepResult extends CanaryScore {
  weight: number;
  start: Date;
  end: Date;
  metrics: MetricJudgement[];
}

export interface CanaryAnalysisResult {
  decision: 'promote' | 'rollback';
  reasons: string[];
  steps: CanaryStepResult[];
  /** Weight left in place: the last step's on promote, 0 on rollback. */
  finalWeight: number;
}

const SELECTOR = /\{\{\s*selector\s*\}\}/g;

export function renderSelector(query: string, selector: string): string {
  return query.replace(SELECTOR, selector);
}

/** Refuses a configuration that cannot be judged, before any traffic moves. */
export function checkCanaryOptions(options: CanaryAnalysisOptions): void {
  const problem = (message: string, hint: string): never => {
    throw new FaultlineError(`canary analysis: ${message}`, { hint });
  };
  if (options.metrics.length === 0) problem('no metrics to compare', 'give at least one metric with a query');
  const names = new Set<string>();
  for (const metric of options.metrics) {
    if (names.has(metric.name)) problem(`metric "${metric.name}" is listed twice`, 'give every metric a unique name');
    names.add(metric.name);
    if (!new RegExp(SELECTOR.source).test(metric.query)) {
      problem(`the query of metric "${metric.name}" has no {{selector}}`, 'write {{selector}} where the canary/baseline label matchers go, e.g. x{ {{selector}} }');
    }
    if (metric.weight !== undefined && !(metric.weight > 0)) problem(`metric "${metric.name}" has weight ${metric.weight}`, 'weights must be positive');
    if (metric.min !== undefined && metric.max !== undefined && metric.min > metric.max) {
      problem(`metric "${metric.name}" has min ${metric.min} above max ${metric.max}`, 'swap or fix the bounds');
    }
    if (metric.tolerance !== undefined && !(metric.tolerance >= 0)) problem(`metric "${metric.name}" has tolerance ${metric.tolerance}`, 'use a fraction ≥ 0, e.g. 0.1');
  }
  if (!options.canarySelector.trim() || !options.baselineSelector.trim()) {
    problem('the canary and baseline selectors must not be empty', 'e.g. canary: deployment="api-canary", baseline: deployment="api-primary"');
  }
  if (options.canarySelector.trim() === options.baselineSelector.trim()) {
    problem('the canary and baseline selectors are the same', 'select the canary and the baseline by different labels');
  }
  if (options.steps.length === 0) problem('no steps', 'give traffic weights, e.g. 10,25,50,100');
  options.steps.forEach((weight, index) => {
    if (!(weight > 0 && weight <= 100)) problem(`step weight ${weight} is not in 1…100`, 'weights are percentages of traffic');
    if (index > 0 && weight <= options.steps[index - 1]!) problem(`step weights must increase (${options.steps.join(', ')})`, 'e.g. 10,25,50,100');
  });
  if (!(options.stepWaitSeconds > 0)) problem(`step wait ${options.stepWaitSeconds}s must be positive`, 'e.g. 300 for five minutes');
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) problem(`confidence ${confidence} must be between 0 and 1`, 'e.g. 0.95');
  const thresholds = options.thresholds ?? KAYENTA_THRESHOLDS;
  if (!(thresholds.marginal >= 0 && thresholds.marginal <= thresholds.pass && thresholds.pass <= 100)) {
    problem(`score thresholds marginal ${thresholds.marginal} / pass ${thresholds.pass} are out of order`, 'need 0 ≤ marginal ≤ pass ≤ 100, e.g. 75 / 95');
  }
}

export async function runCanaryAnalysis(options: CanaryAnalysisOptions): Promise<CanaryAnalysisResult> {
  checkCanaryOptions(options);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => new Date());
  const steps: CanaryStepResult[] = [];

  const rollback = async (reasons: string[]): Promise<CanaryAnalysisResult> => {
    await options.setWeight?.(0);
    return { decision: 'rollback', reasons, steps, finalWeight: 0 };
  };

  for (const [index, weight] of options.steps.entries()) {
    const isLast = index === options.steps.length - 1;
    try {
      await options.setWeight?.(weight);
    } catch (error) {
      return rollback([`could not set the canary weight to ${weight} %: ${(error as Error).message}`]);
    }
    const start = now();
    await sleep(options.stepWaitSeconds * 1000);
    const end = now();
    let step: CanaryStepResult;
    try {
      step = await analyseStep(options, weight, start, end);
    } catch (error) {
      return rollback([`step at ${weight} %: could not read the metrics: ${(error as Error).message}`]);
    }
    steps.push(step);
    options.onStep?.(step);
    const stepReasons = [...step.reasons, ...step.metrics.flatMap((m) => m.reasons)].map((r) => `step at ${weight} %: ${r}`);
    if (step.classification === 'fail') return rollback(stepReasons);
    if (isLast && step.classification === 'marginal') {
      return rollback([...stepReasons, `the last step (${weight} %) must pass to promote`]);
    }
  }
  const last = options.steps.at(-1)!;
  const marginalSteps = steps.filter((s) => s.classification === 'marginal').map((s) => `${s.weight} %`);
  return {
    decision: 'promote',
    reasons: [
      `all ${steps.length} steps judged; the last (${last} %) scored ${steps.at(-1)!.score.toFixed(1)}`,
      ...(marginalSteps.length > 0 ? [`marginal at ${marginalSteps.join(', ')}`] : []),
    ],
    steps,
    finalWeight: last,
  };
}

async function analyseStep(options: CanaryAnalysisOptions, weight: number, start: Date, end: Date): Promise<CanaryStepResult> {
  const stepSeconds = options.queryStepSeconds ?? 60;
  const values = async (metric: CanaryMetric, selector: string) =>
    pooled(await options.client.queryRange(renderSelector(metric.query, selector), start, end, stepSeconds));
  const judgements = await Promise.all(
    options.metrics.map(async (metric) => {
      const [canary, baseline] = await Promise.all([values(metric, options.canarySelector), values(metric, options.baselineSelector)]);
      return judgeMetric(metric, canary, baseline, options.confidence ?? 0.95);
    }),
  );
  return { weight, start, end, metrics: judgements, ...scoreJudgements(judgements, options.thresholds) };
}

/** Values of every returned series together: per-pod series of one side are one sample. */
function pooled(series: PromRangeSeries[]): number[] {
  return series.flatMap((s) => s.values.map(([, value]) => value));
}
