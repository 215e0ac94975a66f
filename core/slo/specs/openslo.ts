/**
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO) `kind: SLO` documents, with their SLI inline or
 * referenced by `indicatorRef` from a `kind: SLI` document in the same set of files. A ratioMetric
 * SLI is read as its ratio; a thresholdMetric SLI as the share of sampled points that meet each
 * objective's `op` and `value` (threshold.ts).
 */
import { isKnownTimeZone, parseStartTime } from '../calendar.ts';
import { calendarDuration, promDurationSeconds } from '../duration.ts';
import type { RatioIndicator, SloDefinition, SloWindow } from '../types.ts';
import { promDuration } from '../windows.ts';
import { isPlainSelector } from './query-template.ts';
import { percentToFraction, rawErrorRatioIndicator, template } from './indicator.ts';
import { type DataSourceTypes, type MetricSourceHolder, promqlOf } from './openslo-metric-source.ts';
import { isRangeVector } from './promql-syntax.ts';
import { failAt, keyPathIn, lineOf, type SpecDocument, stringLabels, warningAt } from './source.ts';
import { DEFAULT_SAMPLE_STEP_SECONDS, type ThresholdOperator, thresholdIndicator } from './threshold.ts';

interface Metadata {
  name: string;
  displayName?: string;
  labels?: Record<string, unknown>;
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
  op?: ThresholdOperator;
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

/** What an SLO's references resolve against: the SLIs and DataSources of all the files given. */
export interface OpenSloContext {
  slis: ReadonlyMap<string, SliLocation>;
  dataSources: DataSourceTypes;
}

/** An SLI read: a ratio, or a threshold query that each objective's op and value complete. */
type ResolvedSli = { kind: 'ratio'; indicator: RatioIndicator; inline: boolean } | { kind: 'threshold'; query: string; inline: boolean };

export function openSloToSlos(document: SpecDocument<OpenSloDocument>, context: OpenSloContext): SloDefinition[] {
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
  const sli = resolveIndicator(document, spec, context);
  const warnings: string[] = [];
  spec.objectives.forEach((objective, index) => {
    for (const key of ['op', 'value'] as const) {
      if (sli.kind === 'threshold') {
        if (objective[key] === undefined) {
          failAt(
            document,
            `/spec/objectives/${index}`,
            `${key} is required with a thresholdMetric indicator${sli.inline ? '' : ' (the OpenSLO spec requires it; the SDK does not check it through indicatorRef): a threshold SLI cannot be evaluated without it'}`,
            'e.g. op: lte and value: 0.5: a sampled point of the metric is good when it is ≤ 0.5',
          );
        }
      } else if (objective[key] !== undefined) {
        // The OpenSLO SDK forbids op and value beside an inline ratio, and cannot check them beside
        // an indicatorRef (it accepts them there); they mean nothing for a ratio either way.
        if (sli.inline) {
          failAt(document, `/spec/objectives/${index}/${key}`, `${key} is forbidden with a ratioMetric indicator (it belongs to thresholdMetric)`, 'remove it: the target is the share of good events');
        }
        warnings.push(warningAt(document, `/spec/objectives/${index}/${key}`, `${key} is ignored: the referenced SLI is a ratioMetric (op and value belong to thresholdMetric)`));
      }
    }
    if (sli.kind === 'threshold' && !Number.isFinite(objective.value)) {
      failAt(document, `/spec/objectives/${index}/value`, `value ${objective.value} is not a finite number`, 'give the threshold as a number, e.g. 0.5');
    }
  });
  const window = timeWindow(document, spec);
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
  const labels = stringLabels(metadata.labels);
  return spec.objectives.map((objective, index) => {
    const at = `/spec/objectives/${index}`;
    const slice = budgetingMethod === 'Occurrences' ? undefined : timeslice(document, objective, at, budgetingMethod);
    // One sampled point a minute, or one per slice when slices are shorter.
    const step = Math.min(DEFAULT_SAMPLE_STEP_SECONDS, slice?.seconds ?? DEFAULT_SAMPLE_STEP_SECONDS);
    const indicator = sli.kind === 'ratio' ? sli.indicator : thresholdIndicator(sli.query, objective.op!, objective.value!, step);
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
    if (slice) slo.timeslice = slice;
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

function timeslice(document: SpecDocument, objective: Objective, at: string, method: 'Timeslices' | 'RatioTimeslices'): NonNullable<SloDefinition['timeslice']> {
  if (method === 'Timeslices' && (objective.timeSliceTarget === undefined || objective.timeSliceWindow === undefined)) {
    failAt(
      document,
      at,
      'Timeslices budgeting needs timeSliceTarget and timeSliceWindow on every objective',
      'e.g. timeSliceTarget: 0.95 and timeSliceWindow: 1m (a bare number counts minutes)',
    );
  }
  if (objective.timeSliceWindow === undefined) {
    failAt(document, at, 'RatioTimeslices budgeting needs timeSliceWindow on every objective', 'e.g. timeSliceWindow: 1m (a bare number counts minutes)');
  }
  const raw = objective.timeSliceWindow;
  // The OpenSLO spec: "Default interpretation of unit if specified as a number in minutes".
  const seconds = typeof raw === 'number' ? Math.round(raw * 60) : promDurationSeconds(raw);
  if (seconds === undefined || seconds <= 0) {
    failAt(document, `${at}/timeSliceWindow`, `"${raw}" is not a slice length PromQL can use`, 'use s, m, h or d units, e.g. 1m or 5m');
  }
  const window = typeof raw === 'number' ? promDuration(seconds) : raw;
  return method === 'Timeslices' ? { target: objective.timeSliceTarget, window, seconds } : { window, seconds };
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
    if (!parseStartTime(window.calendar.startTime)) {
      failAt(
        document,
        `${at}/calendar/startTime`,
        `"${window.calendar.startTime}" is not a start time as OpenSLO writes it`,
        'write the wall-clock time without a zone, e.g. 2024-01-01 00:00:00 (the zone goes in timeZone)',
      );
    }
    if (!isKnownTimeZone(window.calendar.timeZone)) {
      failAt(document, `${at}/calendar/timeZone`, `"${window.calendar.timeZone}" is not an IANA time zone`, 'e.g. UTC, Europe/Berlin or America/New_York');
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

function resolveIndicator(document: SpecDocument, spec: SloSpec, context: OpenSloContext): ResolvedSli {
  if (spec.indicator && spec.indicatorRef) {
    failAt(document, '/spec/indicatorRef', 'give either indicator or indicatorRef, not both', HINT_SPEC);
  }
  if (spec.indicator) return { ...readSli({ document, pointer: '/spec/indicator/spec', spec: spec.indicator.spec }, context), inline: true };
  if (spec.indicatorRef !== undefined) {
    const found = context.slis.get(spec.indicatorRef);
    if (!found) {
      failAt(
        document,
        '/spec/indicatorRef',
        `no SLI named "${spec.indicatorRef}" in the spec files given`,
        'add the file with the kind: SLI document of that metadata.name to the paths, or inline it under spec.indicator',
      );
    }
    return { ...readSli(found, context), inline: false };
  }
  return failAt(document, '/spec', 'an SLO needs indicator or indicatorRef', HINT_SPEC);
}

type ReadSli = { kind: 'ratio'; indicator: RatioIndicator } | { kind: 'threshold'; query: string };

function readSli({ document, pointer, spec }: SliLocation, context: OpenSloContext): ReadSli {
  if (spec.thresholdMetric) {
    if (spec.ratioMetric) failAt(document, `${pointer}/ratioMetric`, 'give either thresholdMetric or ratioMetric, not both', HINT_SPEC);
    const at = `${pointer}/thresholdMetric`;
    const { query, pointer: queryPointer, check } = promqlOf(document, spec.thresholdMetric, at, context.dataSources);
    if (/\{\{\s*\.?window\s*\}\}/.test(query)) {
      failAt(
        document,
        queryPointer,
        'a thresholdMetric query cannot hold {{window}}: it is the metric sampled at each point, and the window is applied around it',
        'write the metric itself, e.g. histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
      );
    }
    if (isRangeVector(check.top) || /Literal$/.test(check.top)) {
      failAt(
        document,
        queryPointer,
        `a thresholdMetric query must return an instant vector (one value per series at each point), not a ${isRangeVector(check.top) ? 'range vector' : check.top === 'StringLiteral' ? 'string' : 'number'}`,
        'e.g. max(queue_lag_seconds) or min_over_time(x[2m]), compared with the objective\'s op and value',
      );
    }
    return { kind: 'threshold', query };
  }
  const ratio = spec.ratioMetric;
  if (!ratio) failAt(document, pointer, 'an SLI needs ratioMetric or thresholdMetric', HINT_SPEC);
  const at = `${pointer}/ratioMetric`;
  const queryOf = (holder: MetricSourceHolder, where: string) => ratioQuery(document, holder, where, ratio.counter, context);
  if (ratio.raw) {
    if (ratio.good || ratio.bad || ratio.total) {
      failAt(document, `${at}/raw`, 'raw cannot be combined with good, bad or total', 'use raw with rawType, or total with good or bad');
    }
    if (!ratio.rawType) failAt(document, at, 'raw needs rawType (success or failure)', 'rawType: failure means the query returns the error ratio');
    const query = queryOf(ratio.raw, `${at}/raw`);
    return { kind: 'ratio', indicator: rawErrorRatioIndicator(ratio.rawType === 'failure' ? query : `1 - (${query})`) };
  }
  if (!ratio.total) failAt(document, at, 'ratioMetric needs total (with good or bad), or raw', HINT_SPEC);
  if (Boolean(ratio.good) === Boolean(ratio.bad)) {
    failAt(document, at, ratio.good ? 'give either good or bad, not both' : 'ratioMetric needs good or bad next to total', HINT_SPEC);
  }
  // Read in the order the spec lists them, so the first problem reported is the first in the file.
  const good = ratio.good ? queryOf(ratio.good, `${at}/good`) : undefined;
  const bad = ratio.bad ? queryOf(ratio.bad, `${at}/bad`) : undefined;
  const indicator: RatioIndicator = { kind: 'ratio', total: queryOf(ratio.total, `${at}/total`) };
  if (good !== undefined) indicator.good = good;
  if (bad !== undefined) indicator.bad = bad;
  return { kind: 'ratio', indicator };
}

function ratioQuery(document: SpecDocument, holder: MetricSourceHolder, at: string, counter: boolean | undefined, context: OpenSloContext): string {
  const { query, pointer: queryPointer } = promqlOf(document, holder, at, context.dataSources);
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
