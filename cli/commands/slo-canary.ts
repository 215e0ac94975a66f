/**
 * `faultline slo canary`: judge a canary against its baseline at each traffic step and print the
 * decision. Exit 0 promote, 1 rollback, 2 bad input (including an unreachable Prometheus or a
 * query Prometheus refuses, found before any traffic moves). `--start` replays recorded history.
 */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { FaultlineError } from '../../core/errors.ts';
import { isParseArgsError, parseArgsMessage } from '../args.ts';
import { HttpPrometheusClient, redactUrl } from '../../core/prometheus/client.ts';
import { toCanaryJson } from '../../core/report/canary-json.ts';
import { renderCanaryMarkdown } from '../../core/report/canary-markdown.ts';
import { renderCanaryText } from '../../core/report/canary-text.ts';
import { type CanaryReport, runCanaryGate } from '../../core/slo/canary/gate.ts';
import { readCanaryMetrics } from '../../core/slo/canary/metrics-file.ts';
import { replayClock } from '../../core/slo/canary/replay-clock.ts';
import { DEFAULT_STEP_WAIT, DEFAULT_STEPS, parseStepWait, parseWeightSteps } from '../../core/slo/canary/step-input.ts';
import { commandWeightSetter, httpWeightSetter, parseWeightCommand, type WeightSetter } from '../../core/slo/canary/weight.ts';
import { type CliIO, writeLine } from '../io.ts';
import { waitWithProgress } from '../progress.ts';

export const CANARY_USAGE = `Usage:
  faultline slo canary --prometheus URL --metrics FILE --canary SELECTOR --baseline SELECTOR [options]

Compares the canary with its baseline (Mann-Whitney U per metric, bounds, Kayenta score) at each
traffic weight and decides promote or rollback. SELECTOR is label matchers without braces, e.g.
deployment="api-canary"; it replaces {{selector}} in each metric query (docs/canary.md).

options:
  --steps 10,25,50,100          traffic weights in percent, increasing (default ${DEFAULT_STEPS})
  --step-wait 5m                how long each step runs before it is judged (default ${DEFAULT_STEP_WAIT})
  --set-weight-url URL          POST {"weight": N} there at each step, {"weight": 0} on rollback
  --set-weight-header 'N: v'    header for --set-weight-url (repeatable)
  --set-weight-command CMD      run CMD without a shell, {weight} replaced (plain words or a
                                JSON list such as '["./set-weight.sh", "{weight}"]')
  --start TIME                  replay recorded history from this ISO time instead of waiting
                                (observation only; steps that reach the present wait for it)
  --header 'Name: value'        extra Prometheus request header (repeatable)
  --format text|json|markdown   output (default text)
  --timeout SECONDS             per Prometheus request and weight change (default 30)

Without --set-weight-url or --set-weight-command nothing moves traffic: the analysis observes.
Without --prometheus, the PROMETHEUS_URL environment variable is used.
Exit codes: 0 promote, 1 rollback, 2 bad input or Prometheus unreachable.`;

function usageError(message: string): FaultlineError {
  return new FaultlineError(message, { hint: "run 'faultline slo canary --help' for the options" });
}

const OPTIONS: ParseArgsOptionsConfig = {
  prometheus: { type: 'string' },
  metrics: { type: 'string' },
  canary: { type: 'string' },
  baseline: { type: 'string' },
  steps: { type: 'string' },
  'step-wait': { type: 'string' },
  'set-weight-url': { type: 'string' },
  'set-weight-header': { type: 'string', multiple: true },
  'set-weight-command': { type: 'string' },
  start: { type: 'string' },
  header: { type: 'string', multiple: true },
  format: { type: 'string', default: 'text' },
  timeout: { type: 'string' },
};

function headers(values: string[] | undefined, flag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values ?? []) {
    const colon = value.indexOf(':');
    if (colon <= 0) throw usageError(`${flag} "${value.split(':')[0]}…" must look like 'Name: value'`);
    result[value.slice(0, colon).trim()] = value.slice(colon + 1).trim();
  }
  return result;
}

function required(value: unknown, flag: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw usageError(`${flag} is required (${what})`);
  return value.trim();
}

export async function canary(args: string[], io: CliIO): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true });
  } catch (error) {
    throw usageError(isParseArgsError(error) ? parseArgsMessage(error) : (error as Error).message);
  }
  const values = parsed.values as Record<string, string | string[] | undefined>;
  const format = values.format as string;
  if (!['text', 'json', 'markdown'].includes(format)) throw usageError(`--format must be text, json or markdown, not "${format}"`);
  const prometheus = required(values.prometheus ?? io.env.PROMETHEUS_URL, '--prometheus URL (or PROMETHEUS_URL)', 'the Prometheus query API to read the metrics from');
  const metricsPath = required(values.metrics, '--metrics FILE', 'the metrics to compare, see docs/canary.md');
  const canarySelector = required(values.canary, '--canary SELECTOR', 'label matchers of the canary, e.g. deployment="api-canary"');
  const baselineSelector = required(values.baseline, '--baseline SELECTOR', 'label matchers of the baseline, e.g. deployment="api-primary"');
  const timeout = values.timeout === undefined ? 30 : Number(values.timeout);
  if (!(timeout > 0)) throw usageError(`--timeout must be a number of seconds above 0, not "${values.timeout}"`);
  const metrics = readCanaryMetrics(metricsPath, '--metrics', io.cwd);
  const steps = parseWeightSteps((values.steps as string | undefined) ?? DEFAULT_STEPS, '--steps');
  const stepWaitSeconds = parseStepWait((values['step-wait'] as string | undefined) ?? DEFAULT_STEP_WAIT, '--step-wait');

  const url = values['set-weight-url'] as string | undefined;
  const command = values['set-weight-command'] as string | undefined;
  if (url && command) throw usageError('give --set-weight-url or --set-weight-command, not both');
  if (values['set-weight-header'] && !url) throw usageError('--set-weight-header only applies to --set-weight-url');
  let clock: ReturnType<typeof replayClock> | undefined;
  if (values.start !== undefined) {
    const start = new Date(values.start as string);
    if (Number.isNaN(start.getTime())) throw usageError(`--start "${values.start}" is not an ISO date-time such as 2025-03-01T12:00:00Z`);
    if (url || command) throw usageError('--start replays history and cannot move traffic: drop --set-weight-url/--set-weight-command');
    clock = replayClock(start);
  }
  let setter: WeightSetter | undefined;
  let control: CanaryReport['weightControl'] = { kind: 'none' };
  if (url) {
    setter = httpWeightSetter({ url, headers: headers(values['set-weight-header'] as string[] | undefined, '--set-weight-header'), timeoutMs: timeout * 1000 }, '--set-weight-url');
    control = { kind: 'url', target: redactUrl(url) };
  } else if (command) {
    const argv = parseWeightCommand(command, '--set-weight-command');
    setter = commandWeightSetter({ argv, cwd: io.cwd, timeoutMs: timeout * 1000, onOutput: (w, output) => writeLine(io.stderr, `set-weight-command (${w} %): ${output}`) });
    control = { kind: 'command', target: argv.join(' ') };
  }

  const client = new HttpPrometheusClient({ url: prometheus, headers: headers(values.header as string[] | undefined, '--header'), timeoutMs: timeout * 1000 });
  const report = await runCanaryGate({
    client,
    metrics: metrics.metrics,
    canarySelector,
    baselineSelector,
    steps,
    stepWaitSeconds,
    ...(metrics.confidence !== undefined ? { confidence: metrics.confidence } : {}),
    ...(metrics.thresholds ? { thresholds: metrics.thresholds } : {}),
    ...(metrics.queryStepSeconds !== undefined ? { queryStepSeconds: metrics.queryStepSeconds } : {}),
    // A replay moves its clock at once; a live canary waits for real, and says so while it waits.
    ...(clock
      ? { now: clock.now, sleep: clock.sleep }
      : { sleep: (ms: number) => waitWithProgress(io, 'canary step', ms, (wait) => new Promise((resolve) => setTimeout(resolve, wait))) }),
    setter,
    weightControl: control,
    // Progress on stderr, so stdout stays one document for --format json.
    onStep: (step) => writeLine(io.stderr, `step ${step.weight} %: ${step.classification} (score ${step.score.toFixed(1)})`),
  });
  if (format === 'json') writeLine(io.stdout, JSON.stringify(toCanaryJson(report), null, 2));
  else if (format === 'markdown') io.stdout.write(renderCanaryMarkdown(report));
  else io.stdout.write(renderCanaryText(report, { colour: io.colour }));
  if (report.rollbackFailure) writeLine(io.stderr, `faultline: moving traffic back to the baseline failed: ${report.rollbackFailure}`);
  return report.result.decision === 'promote' && !report.rollbackFailure ? 0 : 1;
}
