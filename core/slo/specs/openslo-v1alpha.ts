/**
 * OpenSLO `v1alpha` (still the most used version in the wild) converted on read to the `v1` shape
 * the rest of the loader understands, with a note saying so. Only SLO and Service exist in v1alpha:
 * `timeWindows` (unit + count) becomes `timeWindow` (duration shorthand), and the per-objective
 * `ratioMetrics` (or the SLO's `indicator.thresholdMetric`) becomes the SLO's inline indicator.
 * Problems found after conversion are placed at the v1alpha key they came from.
 */
import type { ParsedDocument } from '../../schema/validate.ts';

const UNIT_LETTERS: Record<string, string> = {
  Second: 's',
  Minute: 'm',
  Hour: 'h',
  Day: 'd',
  Week: 'w',
  Month: 'M',
  Quarter: 'Q',
  Year: 'Y',
};

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** v1alpha `{source, queryType, query}` → v1 `{metricSource: {type, spec: {query}}}`. */
function metricSource(value: unknown): Json | undefined {
  if (!isRecord(value)) return undefined;
  const spec: Json = {};
  if (value.query !== undefined) spec.query = value.query;
  if (value.queryType !== undefined) spec.queryType = value.queryType;
  return { metricSource: { ...(value.source !== undefined ? { type: value.source } : {}), spec } };
}

/** Rewrites of v1 pointers to the v1alpha keys they came from, longest prefix first. */
function pointerMap(ratioAt: string | undefined): [string, string][] {
  const map: [string, string][] = [
    ['/spec/timeWindow', '/spec/timeWindows'],
    ['/spec/indicator/spec/thresholdMetric/metricSource/spec', '/spec/indicator/thresholdMetric'],
    ['/spec/indicator/spec/thresholdMetric/metricSource/type', '/spec/indicator/thresholdMetric/source'],
    ['/spec/indicator/spec/thresholdMetric', '/spec/indicator/thresholdMetric'],
  ];
  if (ratioAt) {
    for (const part of ['good', 'bad', 'total']) {
      map.push([`/spec/indicator/spec/ratioMetric/${part}/metricSource/spec`, `${ratioAt}/${part}`]);
      map.push([`/spec/indicator/spec/ratioMetric/${part}/metricSource/type`, `${ratioAt}/${part}/source`]);
    }
    map.push(['/spec/indicator/spec/ratioMetric/counter', `${ratioAt}/incremental`]);
    map.push(['/spec/indicator/spec/ratioMetric', ratioAt]);
  }
  map.push(['/spec/indicator', '/spec']);
  return map.sort((a, b) => b[0].length - a[0].length);
}

/**
 * One v1 object per v1alpha object, except an SLO whose objectives carry different ratios: as
 * Sloth reads it, each such objective is an SLO of its own, named `<name>-<objective>`.
 */
/** A converted object, its notes, and how a v1 pointer reads as the v1alpha key it came from. */
export interface ConvertedV1alpha {
  parsed: ParsedDocument<unknown>;
  notes: string[];
  display: (pointer: string) => string;
}

export function convertV1alpha(parsed: ParsedDocument<unknown>): ConvertedV1alpha[] {
  const source = parsed.value as Json;
  const spec = isRecord(source.spec) ? source.spec : {};
  const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
  const ratios = new Set(objectives.map((o) => JSON.stringify(isRecord(o) ? o.ratioMetrics : undefined)));
  if (source.kind !== 'SLO' || objectives.length < 2 || ratios.size < 2) return [convertOne(parsed)];
  return objectives.map((objective, index) => {
    const slug = String((isRecord(objective) && objective.displayName) || '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const metadata = { ...(source.metadata as Json), name: `${String((source.metadata as Json).name)}-${slug || index + 1}` };
    const one: ParsedDocument<unknown> = {
      value: { ...source, metadata, spec: { ...spec, objectives: [objective] } },
      locate: (pointer, atKey) => parsed.locate(pointer.replace(/^\/spec\/objectives\/0(?=\/|$)/, `/spec/objectives/${index}`), atKey),
    };
    const converted = convertOne(one);
    const shown = converted.display;
    converted.display = (pointer) => shown(pointer).replace(/^\/spec\/objectives\/0(?=\/|$)/, `/spec/objectives/${index}`);
    converted.notes.push(`objective ${index + 1} has its own ratio: read as SLO "${metadata.name}" (as Sloth does)`);
    return converted;
  });
}

function convertOne(parsed: ParsedDocument<unknown>): ConvertedV1alpha {
  const source = parsed.value as Json;
  const notes = ['read as openslo/v1 (converted from openslo/v1alpha); consider upgrading the file'];
  const spec = isRecord(source.spec) ? source.spec : {};
  const converted: Json = { ...source, apiVersion: 'openslo/v1' };
  let ratioAt: string | undefined;
  if (source.kind === 'SLO') {
    const { timeWindows, objectives, indicator, ...rest } = spec;
    const next: Json = { ...rest };
    if (Array.isArray(timeWindows)) {
      next.timeWindow = timeWindows.map((w) => {
        if (!isRecord(w)) return w;
        const { unit, count, ...window } = w;
        return { ...window, duration: `${String(count)}${UNIT_LETTERS[String(unit)] ?? String(unit)}` };
      });
    }
    const list = Array.isArray(objectives) ? objectives : [];
    const ratioIndex = list.findIndex((o) => isRecord(o) && isRecord(o.ratioMetrics));
    let sli: Json | undefined;
    if (isRecord(indicator) && isRecord(indicator.thresholdMetric)) {
      sli = { thresholdMetric: metricSource(indicator.thresholdMetric) };
    } else if (ratioIndex >= 0) {
      const ratio = (list[ratioIndex] as Json).ratioMetrics as Json;
      ratioAt = `/spec/objectives/${ratioIndex}/ratioMetrics`;
      const ratioMetric: Json = {};
      if (ratio.incremental !== undefined) ratioMetric.counter = ratio.incremental;
      for (const part of ['good', 'bad', 'total']) if (ratio[part] !== undefined) ratioMetric[part] = metricSource(ratio[part]);
      sli = { ratioMetric };
    }
    if (sli) next.indicator = { metadata: { name: `${String((source.metadata as Json | undefined)?.name ?? 'sli')}-sli` }, spec: sli };
    // The ratio now sits in the indicator; a second, different ratio would be a composite SLO.
    const timeslices = spec.budgetingMethod === 'Timeslices';
    next.objectives = list.map((o, index) => {
      if (!isRecord(o)) return o;
      const { ratioMetrics, value, op, ...objective } = o;
      const kept: Json = { ...objective };
      if (value === undefined) notes.push(`objective ${index + 1} has no value: the OpenSLO v1alpha schema requires one (oslo refuses the file), Sloth does not`);
      // v1alpha has no slice length; the OpenSLO v1 examples and most tools use one minute.
      if (timeslices && kept.timeSliceWindow === undefined) {
        kept.timeSliceWindow = '1m';
        notes.push(`objective ${index + 1}: v1alpha gives no slice length, read as timeSliceWindow: 1m`);
      }
      if (sli?.thresholdMetric) Object.assign(kept, { ...(op !== undefined ? { op } : {}), ...(value !== undefined ? { value } : {}) });
      if (ratioMetrics !== undefined && index !== ratioIndex && JSON.stringify(ratioMetrics) !== JSON.stringify((list[ratioIndex] as Json).ratioMetrics)) {
        kept.indicator = { metadata: { name: `objective-${index}` }, spec: { ratioMetric: {} } };
      }
      return kept;
    });
    converted.spec = next;
  }
  const map = pointerMap(ratioAt);
  const original = (pointer: string): string => {
    for (const [from, to] of map) if (pointer === from || pointer.startsWith(`${from}/`)) return to + pointer.slice(from.length);
    return pointer;
  };
  return { parsed: { value: converted, locate: (pointer, atKey) => parsed.locate(original(pointer), atKey) }, notes, display: original };
}
