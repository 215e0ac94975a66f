/**
 * The inputs of canary mode, read once into a typed object: selectors, metrics (a file or inline,
 * checked against policy/schemas/canary-metrics.schema.json), steps, the wait, and how traffic
 * is moved. Without set-weight-url or set-weight-command the analysis only observes.
 */
import { type CanaryMetricsConfig, readCanaryMetrics } from '../../../core/slo/canary/metrics-file.ts';
import { DEFAULT_STEP_WAIT, DEFAULT_STEPS, parseStepWait, parseWeightSteps } from '../../../core/slo/canary/step-input.ts';
import { parseWeightCommand } from '../../../core/slo/canary/weight.ts';
import { bad, type InputReader, parseHeaders } from './input-text.ts';
import type { CommonSettings } from './inputs.ts';

export type WeightControl =
  | { kind: 'url'; url: string; headers: Record<string, string> }
  | { kind: 'command'; argv: string[] }
  | { kind: 'none' };

export interface CanarySettings extends CommonSettings {
  mode: 'canary';
  canarySelector: string;
  baselineSelector: string;
  metrics: CanaryMetricsConfig;
  steps: number[];
  stepWaitSeconds: number;
  weight: WeightControl;
}

function selector(input: InputReader, name: string, example: string): string {
  const value = input(name);
  if (!value) throw bad(name, 'is required in canary mode', `give the label matchers that select it, e.g. ${example}`);
  // The selector goes inside {…} of every query; braces of its own would break them all.
  if (/[{}]/.test(value)) throw bad(name, `"${value}" holds braces`, `give only the label matchers, without { }, e.g. ${example}`);
  return value;
}

function weightControl(input: InputReader): WeightControl {
  const url = input('set-weight-url');
  const command = input('set-weight-command');
  const headers = input('set-weight-headers');
  if (url && command) throw bad('set-weight-command', 'cannot be combined with set-weight-url', 'choose one way to move traffic: an HTTP endpoint or a command');
  if (headers && !url) throw bad('set-weight-headers', 'only applies to set-weight-url', 'set set-weight-url, or remove set-weight-headers');
  if (url) {
    if (!/^https?:\/\//i.test(url)) throw bad('set-weight-url', 'must be an http(s) URL', 'e.g. https://deploy.example.com/canary/weight');
    return { kind: 'url', url, headers: parseHeaders(headers, 'set-weight-headers') };
  }
  if (command) return { kind: 'command', argv: parseWeightCommand(command, 'input set-weight-command') };
  return { kind: 'none' };
}

export function readCanarySettings(input: InputReader, common: CommonSettings): CanarySettings {
  const canarySelector = selector(input, 'canary-selector', 'deployment="api-canary"');
  const baselineSelector = selector(input, 'baseline-selector', 'deployment="api-primary"');
  if (canarySelector === baselineSelector) throw bad('baseline-selector', 'is the same as canary-selector', 'select the canary and the baseline by different labels');
  return {
    ...common,
    mode: 'canary',
    canarySelector,
    baselineSelector,
    metrics: readCanaryMetrics(input('metrics'), 'input metrics', common.workspace),
    steps: parseWeightSteps(input('steps') || DEFAULT_STEPS, 'input steps'),
    stepWaitSeconds: parseStepWait(input('step-wait') || DEFAULT_STEP_WAIT, 'input step-wait'),
    weight: weightControl(input),
  };
}
