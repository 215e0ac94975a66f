/** Pieces both spec formats share: windowed query templates, raw ratios, percent objectives. */
import type { RatioIndicator } from '../types.ts';
import { toWindowTemplate } from './query-template.ts';
import { failAt, type SpecDocument } from './source.ts';

/**
 * A query that already returns the error ratio becomes `bad / total` with `total` 1 wherever the
 * ratio is a number and 0 where it is NaN, so engines and rules need no third shape and a NaN
 * ratio reads as "no traffic" instead of a silent pass.
 */
export function rawErrorRatioIndicator(errorRatio: string): RatioIndicator {
  return { kind: 'ratio', bad: `(${errorRatio})`, total: `((${errorRatio}) >= bool 0)` };
}

export function template(document: SpecDocument, query: string, pointer: string): string {
  const result = toWindowTemplate(query);
  if ('problem' in result) failAt(document, pointer, result.problem, result.hint);
  return result.template;
}

/** 99.9 → 0.999 without the float noise of 99.9 / 100 (0.9990000000000001). */
export function percentToFraction(percent: number): number {
  return Number.parseFloat((percent / 100).toPrecision(15));
}
