/**
 * PromQL for SLO error ratios, and the batching that evaluates many SLOs in one request.
 *
 * Ratios come from increase()/rate() in the user's templates: both count across counter resets
 * (a drop is read as a restart from zero and the value before the drop is added back), so a pod
 * restart does not turn into a negative or huge error ratio. Both extrapolate towards the range
 * edges by the same factor for errors and total, which cancels in the ratio.
 */
import { FaultlineError } from '../errors.ts';
import { promDurationSeconds } from './duration.ts';
import type { RatioIndicator, SloDefinition } from './types.ts';
import { promDuration } from './windows.ts';

/** `{{window}}`, `{{ window }}` and Sloth's `{{.window}}`. */
const WINDOW_PLACEHOLDER = /\{\{\s*\.?window\s*\}\}/g;

export function hasWindowPlaceholder(template: string): boolean {
  return new RegExp(WINDOW_PLACEHOLDER.source).test(template);
}

export function expandWindow(template: string, range: string): string {
  return template.replace(WINDOW_PLACEHOLDER, range);
}

/**
 * Errors ÷ total over `range`, one unlabelled sample. `sum()` collapses whatever labels the
 * templates keep, so each SLO yields exactly one value; no series gives an empty result, no
 * traffic gives 0/0 = NaN, and the engine tells those apart.
 */
export function errorRatioExpr(indicator: RatioIndicator, range: string): string {
  const window = indicator.sampleStep === undefined ? range : oneSecondShort(range);
  const total = `sum(${expandWindow(indicator.total, window)})`;
  if (indicator.bad !== undefined) return `sum(${expandWindow(indicator.bad, window)}) / ${total}`;
  if (indicator.good !== undefined) return `(${total} - sum(${expandWindow(indicator.good, window)})) / ${total}`;
  throw new Error('ratio indicator without good or bad query');
}

/** `5m` → `299s`: a subquery range that holds exactly 5 one-minute points on Prometheus 2 and 3. */
function oneSecondShort(range: string): string {
  const seconds = promDurationSeconds(range);
  return seconds !== undefined && seconds > 1 ? promDuration(seconds - 1) : range;
}

/**
 * Timeslices: the fraction of bad slices in the range. A slice is bad when its error ratio exceeds
 * 1 − slice target (`> bool` gives 1 or 0; a slice without traffic, NaN, compares as 0 = good).
 * The subquery range is one second short of the window so that it holds exactly window ÷ slice
 * evaluation points whether the server's ranges are closed (Prometheus 2) or left-open (3).
 */
export function badSliceFractionExpr(slo: SloDefinition, rangeSeconds: number): string {
  const slice = slo.timeslice;
  if (slice?.target === undefined) throw new Error(`Timeslices SLO ${slo.name} has no timeslice target`);
  const sliceRange = promDuration(slice.seconds);
  const inner = `(${errorRatioExpr(slo.indicator, sliceRange)}) > bool ${formatNumber(1 - slice.target)}`;
  const range = Math.max(slice.seconds, Math.round(rangeSeconds)) - 1;
  return `avg_over_time((${inner})[${range}s:${sliceRange}])`;
}

function formatNumber(value: number): string {
  // 1 - 0.95 is 0.050000000000000044 in binary; 12 significant digits read back exactly enough.
  return String(Number(value.toPrecision(12)));
}

/**
 * RatioTimeslices: the mean of the slices' error ratios in the range. A slice without traffic
 * (NaN) is left out (`>= -Inf` drops only NaN) rather than counted as good or bad; a range
 * without any slice of traffic gives no sample, which the engine reports as missing data.
 */
export function meanSliceErrorExpr(slo: SloDefinition, rangeSeconds: number): string {
  const slice = slo.timeslice;
  if (!slice) throw new Error(`RatioTimeslices SLO ${slo.name} has no timeslice`);
  const sliceRange = promDuration(slice.seconds);
  const range = Math.max(slice.seconds, Math.round(rangeSeconds)) - 1;
  return `avg_over_time(((${errorRatioExpr(slo.indicator, sliceRange)}) >= -Inf)[${range}s:${sliceRange}])`;
}

/** What the SLO's budget counts over `rangeSeconds`: bad events, bad slices, or the mean slice error. */
export function sloRatioExpr(slo: SloDefinition, rangeSeconds: number): string {
  if (slo.budgetingMethod === 'Timeslices') return badSliceFractionExpr(slo, rangeSeconds);
  if (slo.budgetingMethod === 'RatioTimeslices') return meanSliceErrorExpr(slo, rangeSeconds);
  return errorRatioExpr(slo.indicator, promDuration(rangeSeconds));
}

/**
 * Counter resets the total query sees over `range`, for the report; undefined when the template
 * does not read counters through rate()/increase()/irate().
 */
export function resetsExpr(indicator: RatioIndicator, range: string): string | undefined {
  const counterCall = /\b(?:rate|increase|irate)\s*\(/g;
  // Only a total that reads one counter: in a ratio or comparison (Sloth's raw error ratio) the
  // substituted resets() would be divided or compared and no longer count anything.
  if ((indicator.total.match(counterCall) ?? []).length !== 1 || /\)\s*[/*]|\s[/*]\s|\bbool\b/.test(indicator.total)) return undefined;
  return `sum(${expandWindow(indicator.total.replace(counterCall, 'resets('), range)})`;
}

export interface LabelledExpr {
  slo: string;
  expr: string;
}

/** The label that carries the SLO name through a batched answer. */
export const SLO_LABEL = 'slo';

function labelled({ slo, expr }: LabelledExpr): string {
  // A PromQL double-quoted string accepts JSON's escapes.
  return `label_replace(${expr}, "${SLO_LABEL}", ${JSON.stringify(slo)}, "", "")`;
}

/**
 * Joins labelled expressions with `or` (union: the label sets differ by `slo`) into as few
 * queries as fit in `maxBytes` each; one expression longer than that still goes alone.
 */
export function batchExprs(items: LabelledExpr[], maxBytes: number): string[] {
  const queries: string[] = [];
  let current = '';
  for (const item of items) {
    const part = labelled(item);
    if (current && Buffer.byteLength(current) + 4 + Buffer.byteLength(part) > maxBytes) {
      queries.push(current);
      current = '';
    }
    current = current ? `${current} or ${part}` : part;
  }
  if (current) queries.push(current);
  return queries;
}

/** Checks what the engine relies on, with the spec's file and line in the error. */
export function checkQueryable(slos: SloDefinition[]): void {
  const seen = new Map<string, SloDefinition>();
  for (const slo of slos) {
    const where = { file: slo.source.file, line: slo.source.line };
    const previous = seen.get(slo.name);
    if (previous) {
      throw new FaultlineError(`SLO name "${slo.name}" is used twice (also in ${previous.source.file}${previous.source.line ? `:${previous.source.line}` : ''})`, {
        ...where,
        hint: 'give every SLO a unique name: the status reports and the gate key on it',
      });
    }
    seen.set(slo.name, slo);
    if (!(slo.target > 0 && slo.target < 1)) {
      throw new FaultlineError(`SLO "${slo.name}" has target ${slo.target}; expected a fraction between 0 and 1 (exclusive)`, {
        ...where,
        hint: 'write 99.9 % as target: 0.999 (or targetPercent: 99.9)',
      });
    }
    const { indicator } = slo;
    for (const [key, template] of [
      ['total', indicator.total],
      ['good', indicator.good],
      ['bad', indicator.bad],
    ] as const) {
      if (template !== undefined && !hasWindowPlaceholder(template)) {
        throw new FaultlineError(`SLO "${slo.name}": the ${key} query has no {{window}} placeholder`, {
          ...where,
          hint: 'write the range as [{{window}}], e.g. sum(rate(http_requests_total[{{window}}])), so burn rates can use 5m…3d',
        });
      }
    }
    if (indicator.good === undefined && indicator.bad === undefined) {
      throw new FaultlineError(`SLO "${slo.name}" has neither a good nor a bad query`, { ...where, hint: 'add ratioMetric.good or ratioMetric.bad next to total' });
    }
    if ((slo.budgetingMethod === 'Timeslices' && slo.timeslice?.target === undefined) || (slo.budgetingMethod === 'RatioTimeslices' && !slo.timeslice)) {
      throw new FaultlineError(`SLO "${slo.name}" budgets ${slo.budgetingMethod} but has no timeslice ${slo.budgetingMethod === 'Timeslices' ? 'target and ' : ''}window`, {
        ...where,
        hint: 'add objectives[].timeSliceTarget and timeSliceWindow (e.g. 0.95 and 1m)',
      });
    }
  }
}
