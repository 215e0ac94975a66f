/**
 * Pyrra (https://github.com/pyrra-dev/pyrra) `ServiceLevelObjective` resources, `pyrra.dev/v1alpha1`.
 * We refuse what Pyrra's validating webhook refuses (target outside 0…100, a window that is not a
 * Prometheus duration, queries that are not vector selectors, a latency bucket without `le`) and
 * read the rest as Pyrra means it: ratio, latency, latencyNative and bool_gauge indicators, the
 * SLO window, and the burn-rate windows Pyrra derives from that window (`slo.Windows`).
 */
import { promDurationSeconds } from '../duration.ts';
import type { RatioIndicator, SloBurnCondition, SloDefinition } from '../types.ts';
import { promDuration } from '../windows.ts';
import { percentToFraction } from './indicator.ts';
import { isPlainSelector } from './query-template.ts';
import { failAt, keyPathIn, lineOf, type SpecDocument, warningAt } from './source.ts';
import { unknownKeyWarnings } from './unknown-keys.ts';

interface Query {
  metric: string;
}

interface PyrraSpec {
  description?: string | null;
  target: string | number;
  window: string;
  indicator: {
    ratio?: { errors: Query; total: Query; grouping?: string[] | null };
    latency?: { success: Query; total: Query; grouping?: string[] | null };
    latencyNative?: { latency: string; total: Query; grouping?: string[] | null };
    bool_gauge?: { metric: string; grouping?: string[] | null };
  };
  alerting?: { disabled?: boolean; burnrates?: boolean; name?: string } | null;
}

export interface PyrraDocument {
  apiVersion: 'pyrra.dev/v1alpha1';
  kind: 'ServiceLevelObjective';
  metadata: { name: string; namespace?: string; labels?: Record<string, unknown> | null };
  spec: PyrraSpec;
}

const HINT = 'see docs/slo-specs.md (Pyrra) for the fields Faultline reads';
const INDICATORS = ['ratio', 'latency', 'latencyNative', 'bool_gauge'] as const;

/** What Pyrra reads; anything else it ignores (Kubernetes prunes it), and we warn. */
const KNOWN = {
  '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  '/spec': [
    'description', 'target', 'window', 'indicator', 'alerting', 'partial_response_strategy', 'performanceOverAccuracy',
    'ruleOutput', 'shortRulesLabels', 'longRulesLabels', 'enableDescriptionAsLabel',
  ],
  '/spec/indicator': [...INDICATORS],
  '/spec/indicator/ratio': ['errors', 'total', 'grouping'],
  '/spec/indicator/latency': ['success', 'total', 'grouping'],
  '/spec/indicator/latencyNative': ['latency', 'total', 'grouping'],
  '/spec/indicator/bool_gauge': ['metric', 'grouping'],
  '/spec/alerting': ['disabled', 'burnrates', 'absent', 'name', 'absentName', 'severities'],
};

export function pyrraToSlos(document: SpecDocument<PyrraDocument>): SloDefinition[] {
  const { metadata, spec } = document.parsed.value;
  const warnings = unknownKeyWarnings(document, KNOWN, 'Pyrra');
  const target = pyrraTarget(document, spec.target);
  const seconds = promDurationSeconds(spec.window);
  if (seconds === undefined) {
    failAt(document, '/spec/window', `"${spec.window}" is not a Prometheus duration`, 'write it as Pyrra does, e.g. 4w, 28d or 2w');
  }
  const present = INDICATORS.filter((kind) => spec.indicator[kind] !== undefined && spec.indicator[kind] !== null);
  if (present.length !== 1) {
    failAt(
      document,
      '/spec/indicator',
      present.length === 0 ? 'one of ratio, latency, latencyNative or bool_gauge must be set' : `give one indicator, not ${present.join(' and ')}`,
      HINT,
    );
  }
  const kind = present[0]!;
  warnings.push(...pyrraAdvice(document, kind, spec));
  const grouping = (spec.indicator[kind] as { grouping?: string[] | null }).grouping;
  if (grouping && grouping.length > 0) {
    warnings.push(
      warningAt(document, `/spec/indicator/${kind}/grouping`, `grouping by ${grouping.join(', ')}: Faultline judges the SLO over all groups together (Pyrra keeps one per group)`),
    );
  }
  const labels = pyrraLabels(metadata);
  const slo: SloDefinition = {
    name: metadata.name,
    service: metadata.namespace ?? metadata.name,
    target,
    window: { kind: 'rolling', duration: spec.window, seconds },
    budgetingMethod: 'Occurrences',
    indicator: indicatorOf(document, kind, spec.indicator),
    burnRateAlerts: pyrraBurnRateAlerts(seconds),
    source: { file: document.file, line: lineOf(document, '/metadata/name'), key: keyPathIn(document, '/metadata/name') },
  };
  if (spec.description) slo.description = spec.description;
  if (labels) slo.labels = labels;
  const alerting = spec.alerting ?? {};
  if (alerting.disabled === true || alerting.burnrates === false) slo.alerting = { page: { disable: true }, ticket: { disable: true } };
  if (alerting.name) slo.alerting = { ...slo.alerting, name: alerting.name };
  if (warnings.length > 0) slo.warnings = warnings;
  return [slo];
}

/** The warnings Pyrra's webhook gives for files it accepts, so `slo validate` says them too. */
function pyrraAdvice(document: SpecDocument, kind: (typeof INDICATORS)[number], spec: PyrraSpec): string[] {
  const advice: string[] = [];
  const percent = Number(String(spec.target));
  if (percent > 0 && percent < 1) advice.push(warningAt(document, '/spec/target', `target is from 0-100 (${percent * 100}), not 0-1 (${percent})`));
  const ratio = spec.indicator.ratio;
  if (kind === 'ratio' && ratio && ratio.errors.metric === ratio.total.metric) {
    advice.push(warningAt(document, '/spec/indicator/ratio/errors/metric', 'ratio errors metric should be different from ratio total metric'));
  }
  const latency = spec.indicator.latency;
  if (kind === 'latency' && latency) {
    const name = (query: string) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(query.trim())?.[0] ?? '';
    if (!name(latency.total.metric).endsWith('_count')) {
      advice.push(warningAt(document, '/spec/indicator/latency/total/metric', 'latency total metric should usually be a histogram count'));
    }
    if (!name(latency.success.metric).endsWith('_bucket')) {
      advice.push(warningAt(document, '/spec/indicator/latency/success/metric', 'latency success metric should usually be a histogram bucket'));
    }
  }
  return advice;
}

function pyrraTarget(document: SpecDocument, raw: string | number): number {
  const text = String(raw).trim();
  const percent = Number(text);
  if (text === '' || !Number.isFinite(percent)) failAt(document, '/spec/target', `"${raw}" is not a number`, 'target is in percent, e.g. "99.5"');
  if (percent < 0 || percent > 100) failAt(document, '/spec/target', `target must be between 0 and 100, got ${text}`, 'target is in percent, e.g. "99.5"');
  if (percent === 100) {
    failAt(document, '/spec/target', 'a 100 % objective leaves no error budget, so budgets and burn rates are undefined', 'use a target below 100, e.g. "99.99"');
  }
  return percentToFraction(percent);
}

/** Pyrra's rule labels: `pyrra.dev/<name>` labels of the resource, prefix dropped. */
function pyrraLabels(metadata: PyrraDocument['metadata']): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    if (key.startsWith('pyrra.dev/')) out[key.slice('pyrra.dev/'.length)] = String(value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function selector(document: SpecDocument, query: string, pointer: string, what: string): string {
  const trimmed = query.trim();
  if (trimmed === '') failAt(document, pointer, `${what} must be set`, HINT);
  if (!isPlainSelector(trimmed)) {
    failAt(document, pointer, `${what} must be a PromQL vector selector such as http_requests_total{code=~"5.."}, got "${trimmed}"`, 'Pyrra builds the rate() and sum() itself: give the bare series selector');
  }
  return trimmed;
}

function indicatorOf(document: SpecDocument, kind: (typeof INDICATORS)[number], indicator: PyrraSpec['indicator']): RatioIndicator {
  const at = `/spec/indicator/${kind}`;
  switch (kind) {
    case 'ratio': {
      const ratio = indicator.ratio!;
      const total = selector(document, ratio.total.metric, `${at}/total/metric`, 'ratio total metric');
      const errors = selector(document, ratio.errors.metric, `${at}/errors/metric`, 'ratio errors metric');
      return { kind: 'ratio', bad: `rate(${errors}[{{window}}])`, total: `rate(${total}[{{window}}])` };
    }
    case 'latency': {
      const latency = indicator.latency!;
      const total = selector(document, latency.total.metric, `${at}/total/metric`, 'latency total metric');
      const success = selector(document, latency.success.metric, `${at}/success/metric`, 'latency success metric');
      const le = /[{,]\s*le\s*=\s*"([^"]*)"/.exec(success);
      if (!le) failAt(document, `${at}/success/metric`, 'latency success metric must contain a le label matcher', 'e.g. http_request_duration_seconds_bucket{le="0.1"}');
      if (!isFloat(le[1]!)) {
        failAt(document, `${at}/success/metric`, `latency success metric must contain a le label matcher with a float value, got "${le[1]}"`, 'e.g. le="0.1"');
      }
      return { kind: 'ratio', good: `rate(${success}[{{window}}])`, total: `rate(${total}[{{window}}])` };
    }
    case 'latencyNative': {
      const native = indicator.latencyNative!;
      const total = selector(document, native.total.metric, `${at}/total/metric`, 'latencyNative total metric');
      const seconds = promDurationSeconds(native.latency);
      if (seconds === undefined) {
        failAt(document, `${at}/latency`, `latencyNative latency objective must be a valid duration, got "${native.latency}"`, 'e.g. 100ms or 1s');
      }
      const rate = `rate(${total}[{{window}}])`;
      return { kind: 'ratio', good: `histogram_fraction(0, ${seconds}, ${rate}) * histogram_count(${rate})`, total: `histogram_count(${rate})` };
    }
    case 'bool_gauge': {
      const metric = selector(document, indicator.bool_gauge!.metric, `${at}/metric`, 'bool_gauge metric');
      // A 0/1 gauge: the share of samples that were 1 is the success ratio.
      return { kind: 'ratio', good: `sum_over_time(${metric}[{{window}}])`, total: `count_over_time(${metric}[{{window}}])` };
    }
  }
}

function isFloat(text: string): boolean {
  return /^[+-]?(inf|infinity)$/i.test(text) || (text.trim() !== '' && Number.isFinite(Number(text)));
}

/**
 * Pyrra's `slo.Windows`: four long/short pairs scaled from the 28-day ones (1h/5m ×14, 6h/30m ×7
 * critical; 1d/2h ×2, 4d/6h ×1 warning), rounded to the minute. Critical pages, warning tickets.
 */
export function pyrraBurnRateAlerts(windowSeconds: number): { page: SloBurnCondition[]; ticket: SloBurnCondition[] } {
  const scale = (divisor: number) => promDuration(roundToMinute(windowSeconds / divisor));
  const day = 28 * 24;
  return {
    page: [
      { long: scale(day), short: scale(day * 12), burnRate: 14 },
      { long: scale(28 * 4), short: scale(day * 2), burnRate: 7 },
    ],
    ticket: [
      { long: scale(28), short: scale(28 * 12), burnRate: 2 },
      { long: scale(7), short: scale(28 * 4), burnRate: 1 },
    ],
  };
}

/** Go's Duration.Round(time.Minute): halves away from zero. */
function roundToMinute(seconds: number): number {
  return Math.max(60, Math.round(seconds / 60) * 60);
}
