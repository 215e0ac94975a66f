/**
 * The two plan inputs both faces share, parsed from text: traffic weights (`10,25,50,100`) and the
 * wait at each step (`5m`). `label` is what the user typed it into (`input steps`, `--steps`).
 */
import { FaultlineError } from '../../errors.ts';
import { promDurationSeconds } from '../duration.ts';

export const DEFAULT_STEPS = '10,25,50,100';
export const DEFAULT_STEP_WAIT = '5m';

export function parseWeightSteps(text: string, label: string): number[] {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim().replace(/%$/, ''))
    .filter(Boolean);
  if (parts.length === 0) throw new FaultlineError(`${label}: no traffic weights`, { hint: `give increasing percentages, e.g. ${DEFAULT_STEPS}` });
  const steps = parts.map((part) => {
    const weight = Number(part);
    if (!/^\d+(\.\d+)?$/.test(part) || !(weight > 0 && weight <= 100)) {
      throw new FaultlineError(`${label}: "${part}" is not a traffic weight between 1 and 100`, { hint: `give increasing percentages, e.g. ${DEFAULT_STEPS}` });
    }
    return weight;
  });
  steps.forEach((weight, index) => {
    if (index > 0 && weight <= steps[index - 1]!) {
      throw new FaultlineError(`${label}: weights must increase, but ${weight} follows ${steps[index - 1]}`, { hint: `e.g. ${DEFAULT_STEPS}` });
    }
  });
  return steps;
}

/** Seconds in a Prometheus-style duration (`30s`, `5m`, `1h30m`); a bare number is seconds. */
export function parseStepWait(text: string, label: string): number {
  const value = text.trim();
  const seconds = /^\d+$/.test(value) ? Number(value) : promDurationSeconds(value);
  if (seconds === undefined || !(seconds > 0)) {
    throw new FaultlineError(`${label}: "${value}" is not a duration`, { hint: 'write e.g. 30s, 5m or 1h30m (the time each step runs before it is judged)' });
  }
  return seconds;
}
