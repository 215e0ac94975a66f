/**
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO) `kind: SLO` documents, with their SLI inline or
 * referenced by `indicatorRef` from a `kind: SLI` document in the same set of files.
 */
import { calendarDuration, promDurationSeconds } from '../duration.ts';
import type { RatioIndicator, SloDefinition, SloWindow } from '../types.ts';
import { isPlainSelector } from './query-template.ts';
import { percentToFraction, rawErrorRatioIndicator, template } from './indicator.ts';
import { failAt, keyPathIn, lineOf, type SpecDocument, stringLabels, warningAt } from './source.ts';

interface Metadata {
  name: string;
  displayName?: string;
  labels?: Record<string, unknown>;
}

interface MetricSourceHolder {
  metricSource: { metricSourceRef?: string; type?: string; spec: Record<string, unknown> };
}

export interface SliSpec {
  description?: string;
  thresholdMetric?: MetricSourceHolder;
  ratioMetric?: {
    counter?: boolean;
    good?: MetricSourceHolder;
    bad?: MetricSourceHolder;
    total?: MetricSourceHolder;
    rawType?: 'success' | 'failure';
    raw?: MetricSourceHolder;
  };
}

interface Objective {
  displayName?: string;
  op?: string;
  value?: number;
  target?: number;
  targetPercent?: number;
  timeSliceTarget?: number;
  timeSliceWindow?: number | string;
  indicator?: unknown;
  indicatorRef?: string;
}

interface SloSpec {
  description?: string;
  service: string;
  indicator?: { metadata: Metadata; spec: SliSpec };
  indicatorRef?: string;
  timeWindow: { duration: string; isRolling?: boolean; calendar?: { startTime: string; timeZone: string } }[];
  budgetingMethod?: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
  objectives: Objective[];
}

export interface OpenSloDocument {
  apiVersion: 'openslo/v1';
  kind: string;
  metadata: Metadata;
  spec: unknown;
}

/** An SLI found in the files: where it is (for errors) and its spec. */
export interface SliLocation {
  document: SpecDocument;
  pointer: string;
  spec: SliSpec;
}

const HINT_SPEC = 'see docs/slo-specs.md for the OpenSLO fields Faultline reads';

export function openSloToSlos(document: SpecDocument<OpenSloDocument>, slis: ReadonlyMap<string, SliLocation>): SloDefinition[] {
  const { metadata } = document.parsed.value;
  const spec = document.parsed.value.spec as SloSpec;
  spec.objectives.forEach((objective, index) => {
    if (objective.indicator !== undefined || objective.indicatorRef !== undefined) {
      failAt(
        document,
        `/spec/objectives/${index}/${objective.indicator !== undefined ? 'indicator' : 'indicatorRef'}`,
        'composite SLOs (an indicator per objective) are not supported',
        'write one SLO per indicator, with the indicator under spec.indicator or spec.indicatorRef',
      );
    }
  });
  const indicator = resolveIndicator(document, spec, slis);
  // The OpenSLO SDK forbids op and value next to a ratio (they belong to threshold SLIs).
  spec.objectives.forEach((objective, index) => {
    for (const key of ['op', 'value'] as const) {
      if (objective[key] !== undefined) {
        failAt(document, `/spec/objectives/${index}/${key}`, `${key} is forbidden with a ratioMetric indicator (it belongs to thresholdMetric)`, 'remove it: the target is the share of good events');
      }
    }
  });
  const window = timeWindow(document, spec);
  const warnings: string[] = [];
  const first = spec.timeWindow[0]!;
  if (first.isRolling === undefined && !first.calendar) {
    warnings.push(
      warningAt(document, '/spec/timeWindow/0', 'isRolling is not set: read as a rolling window (the OpenSLO SDK reads it as false and then wants a calendar); write isRolling: true'),
    );
  }
  if (spec.budgetingMethod === undefined) {
    warnings.push(warningAt(document, '/spec', 'budgetingMethod is not set: read as Occurrences (the OpenSLO SDK requires it)'));
  }
  const budgetingMethod = spec.budgetingMethod ?? 'Occurrences';
  if (budgetingMethod === 'RatioTimeslices') {
    failAt(document, '/spec/budgetingMethod', 'RatioTimeslices budgeting is not supported', 'use Occurrences or Timeslices');
  }
  const labels = stringLabels(metadata.labels);
  return spec.objectives.map((objective, index) => {
    const at = `/spec/objectives/${index}`;
    const slo: SloDefinition = {
      name: spec.objectives.length === 1 ? metadata.name : `${metadata.name}-${objectiveSuffix(objective, index)}`,
      service: spec.service,
      target: objectiveTarget(document, objective, at),
      window,
      budgetingMethod,
      indicator,
      source: { file: document.file, line: lineOf(document, '/metadata/name'), key: keyPathIn(document, '/metadata/name') },
    };
    if (metadata.displayName) slo.displayName = metadata.displayName;
    if (spec.description) slo.description = spec.description;
    if (labels) slo.labels = { ...labels };
    if (budgetingMethod === 'Timeslices') slo.timeslice = timeslice(document, objective, at);
    if (warnings.length > 0) slo.warnings = [...warnings];
    return slo;
  });
}

function objectiveSuffix(objective: Objective, index: number): string {
  const slug = (objective.displayName ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || String(index + 1);
}

function objectiveTarget(document: SpecDocument, objective: Objective, at: string): number {
  const hasTarget = objective.target !== undefined;
  const hasPercent = objective.targetPercent !== undefined;
  if (hasTarget === hasPercent) {
    failAt(
      document,
      at,
      hasTarget ? 'give either target or targetPercent, not both' : 'an objective needs target (e.g. 0.999) or targetPercent (e.g. 99.9)',
      'target is a fraction in [0, 1); targetPercent is in percent',
    );
  }
  return hasTarget ? objective.target! : percentToFraction(objective.targetPercent!);
}

function timeslice(document: SpecDocument, objective: Objective, at: string): NonNullable<SloDefinition['timeslice']> {
  if (objective.timeSliceTarget === undefined || objective.timeSliceWindow === undefined) {
    failAt(
      document,
      at,
      'Timeslices budgeting needs timeSliceTarget and timeSliceWindow on every objective',
      'e.g. timeSliceTarget: 0.95 and timeSliceWindow: 1m (a bare number counts seconds)',
    );
  }
  const raw = objective.timeSliceWindow;
  const seconds = typeof raw === 'number' ? raw : promDurationSeconds(raw);
  if (seconds === undefined || seconds <= 0) {
    failAt(document, `${at}/timeSliceWindow`, `"${raw}" is not a slice length PromQL can use`, 'use s, m, h or d units, e.g. 1m or 5m');
  }
  return { target: objective.timeSliceTarget, window: typeof raw === 'number' ? `${raw}s` : raw, seconds };
}

function timeWindow(document: SpecDocument, spec: SloSpec): SloWindow {
  const window = spec.timeWindow[0]!;
  const at = '/spec/timeWindow/0';
  if (window.calendar) {
    if (window.isRolling === true) {
      failAt(document, `${at}/isRolling`, 'a calendar window cannot be rolling', 'remove isRolling, or remove calendar for a rolling window');
    }
    const length = calendarDuration(window.duration);
    if (!length) {
      failAt(document, `${at}/duration`, `"${window.duration}" is not a calendar period`, 'use 1d, 1w, 1M, 1Q or 1Y');
    }
    return {
      kind: 'calendar',
      duration: window.duration,
      seconds: length.seconds,
      unit: length.unit,
      startTime: window.calendar.startTime,
      timeZone: window.calendar.timeZone,
    };
  }
  if (window.isRolling === false) {
    failAt(document, `${at}/isRolling`, 'a window that is not rolling needs a calendar', 'add calendar: {startTime, timeZone}, or set isRolling: true');
  }
  const seconds = promDurationSeconds(window.duration);
  if (seconds === undefined) {
    failAt(
      document,
      `${at}/duration`,
      `"${window.duration}" cannot be a rolling window: PromQL has no month, quarter or year ranges`,
      'write the rolling window in days or weeks, e.g. 28d or 4w (or use a calendar window for 1M)',
    );
  }
  return { kind: 'rolling', duration: window.duration, seconds };
}

function resolveIndicator(document: SpecDocument, spec: SloSpec, slis: ReadonlyMap<string, SliLocation>): RatioIndicator {
  if (spec.indicator && spec.indicatorRef) {
    failAt(document, '/spec/indicatorRef', 'give either indicator or indicatorRef, not both', HINT_SPEC);
  }
  if (spec.indicator) return sliToIndicator({ document, pointer: '/spec/indicator/spec', spec: spec.indicator.spec });
  if (spec.indicatorRef !== undefined) {
    const found = slis.get(spec.indicatorRef);
    if (!found) {
      failAt(
        document,
        '/spec/indicatorRef',
        `no SLI named "${spec.indicatorRef}" in the spec files given`,
        'add the file with the kind: SLI document of that metadata.name to the paths, or inline it under spec.indicator',
      );
    }
    return sliToIndicator(found);
  }
  return failAt(document, '/spec', 'an SLO needs indicator or indicatorRef', HINT_SPEC);
}

function sliToIndicator({ document, pointer, spec }: SliLocation): RatioIndicator {
  if (spec.thresholdMetric) {
    failAt(
      document,
      `${pointer}/thresholdMetric`,
      'thresholdMetric SLIs are not supported: error budgets and burn rates need a ratio of events',
      'express it as ratioMetric, e.g. good = requests faster than the threshold (a histogram bucket), total = all requests',
    );
  }
  const ratio = spec.ratioMetric;
  if (!ratio) failAt(document, pointer, 'an SLI needs ratioMetric', HINT_SPEC);
  const at = `${pointer}/ratioMetric`;
  if (ratio.raw) {
    if (ratio.good || ratio.bad || ratio.total) {
      failAt(document, `${at}/raw`, 'raw cannot be combined with good, bad or total', 'use raw with rawType, or total with good or bad');
    }
    if (!ratio.rawType) failAt(document, at, 'raw needs rawType (success or failure)', 'rawType: failure means the query returns the error ratio');
    const query = queryOf(document, ratio.raw, `${at}/raw`, ratio.counter);
    return rawErrorRatioIndicator(ratio.rawType === 'failure' ? query : `1 - (${query})`);
  }
  if (!ratio.total) failAt(document, at, 'ratioMetric needs total (with good or bad), or raw', HINT_SPEC);
  if (Boolean(ratio.good) === Boolean(ratio.bad)) {
    failAt(document, at, ratio.good ? 'give either good or bad, not both' : 'ratioMetric needs good or bad next to total', HINT_SPEC);
  }
  const indicator: RatioIndicator = { kind: 'ratio', total: queryOf(document, ratio.total, `${at}/total`, ratio.counter) };
  if (ratio.good) indicator.good = queryOf(document, ratio.good, `${at}/good`, ratio.counter);
  if (ratio.bad) indicator.bad = queryOf(document, ratio.bad, `${at}/bad`, ratio.counter);
  return indicator;
}

function queryOf(document: SpecDocument, holder: MetricSourceHolder, at: string, counter: boolean | undefined): string {
  const source = holder.metricSource;
  if (source.type !== undefined && source.type.toLowerCase() !== 'prometheus') {
    failAt(
      document,
      `${at}/metricSource/type`,
      `metric source type "${source.type}" is not supported`,
      'Faultline queries Prometheus-compatible stores (Prometheus, Thanos, Mimir, VictoriaMetrics): use type: Prometheus',
    );
  }
  const query = source.spec.query ?? source.spec.promql;
  if (typeof query !== 'string' || query.trim() === '') {
    failAt(document, `${at}/metricSource/spec`, 'a Prometheus metric source needs spec.query (a PromQL string)', HINT_SPEC);
  }
  const queryPointer = `${at}/metricSource/spec/${source.spec.query !== undefined ? 'query' : 'promql'}`;
  if (counter === false && isPlainSelector(query.trim())) {
    failAt(
      document,
      queryPointer,
      'with counter: false a plain selector has no defined window',
      'write the query with {{window}} where the SLO window goes, e.g. sum(sum_over_time(x[{{window}}]))',
    );
  }
  // `sum(counter)` with counter: true (the OpenSLO examples' style) means the sum of its increases.
  const summed = counter === true ? /^sum\s*(\s(?:by|without)\s*\([^)]*\)\s*)?\(\s*(.+?)\s*\)$/s.exec(query.trim()) : null;
  if (summed && isPlainSelector(summed[2]!)) return `sum${summed[1] ?? ''}(rate(${summed[2]}[{{window}}]))`;
  return template(document, query, queryPointer);
}
