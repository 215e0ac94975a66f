/**
 * Canary mode: settings → weight setter → canary analysis against Prometheus → outputs
 * (`decision`, `verdict`), job summary and a result file of kind `canary`. Rollback is a failed
 * step, so the deploy job stops unless the workflow handles `decision` itself.
 */
import * as core from '@actions/core';
import { HttpPrometheusClient, redactUrl } from '../../../core/prometheus/client.ts';
import { canaryFindings, canaryMeasurements, toCanaryJson } from '../../../core/report/canary-json.ts';
import { renderCanaryMarkdown } from '../../../core/report/canary-markdown.ts';
import { createResult, type ResultSource } from '../../../core/result.ts';
import { type CanaryReport, runCanaryGate } from '../../../core/slo/canary/gate.ts';
import { commandWeightSetter, httpWeightSetter, type WeightSetter } from '../../../core/slo/canary/weight.ts';
import type { CanarySettings } from './canary-inputs.ts';
import type { ResultRecorder } from '../../shared/result-file.ts';
import { writeSummary } from '../../shared/job-summary.ts';

/** Tests replay backfilled history by advancing a clock instead of waiting. */
export interface CanaryClock {
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

function setterFor(settings: CanarySettings): { setter?: WeightSetter; control: CanaryReport['weightControl'] } {
  const { weight } = settings;
  if (weight.kind === 'url') {
    return {
      setter: httpWeightSetter({ url: weight.url, headers: weight.headers, timeoutMs: settings.timeoutMs }, 'set-weight-url'),
      control: { kind: 'url', target: redactUrl(weight.url) },
    };
  }
  if (weight.kind === 'command') {
    return {
      setter: commandWeightSetter({
        argv: weight.argv,
        cwd: settings.workspace,
        timeoutMs: settings.timeoutMs,
        onOutput: (w, output) => core.info(`set-weight-command (${w} %): ${output}`),
      }),
      control: { kind: 'command', target: weight.argv.join(' ') },
    };
  }
  return { control: { kind: 'none' } };
}

export async function canaryGate(settings: CanarySettings, recorder: ResultRecorder, clock: CanaryClock = {}): Promise<void> {
  const startedAt = recorder.startedAt;
  const client = new HttpPrometheusClient({ url: settings.prometheusUrl, headers: settings.prometheusHeaders, timeoutMs: settings.timeoutMs });
  const { setter, control } = setterFor(settings);
  if (control.kind === 'none') core.info('Observation only: no set-weight-url or set-weight-command, so traffic weights are not changed.');
  core.info(`Canary ${settings.canarySelector} against baseline ${settings.baselineSelector} on ${redactUrl(settings.prometheusUrl)}: steps ${settings.steps.join(', ')} %, ${settings.stepWaitSeconds} s each`);
  const report = await runCanaryGate({
    client,
    metrics: settings.metrics.metrics,
    canarySelector: settings.canarySelector,
    baselineSelector: settings.baselineSelector,
    steps: settings.steps,
    stepWaitSeconds: settings.stepWaitSeconds,
    ...(settings.metrics.confidence !== undefined ? { confidence: settings.metrics.confidence } : {}),
    ...(settings.metrics.thresholds ? { thresholds: settings.metrics.thresholds } : {}),
    ...(settings.metrics.queryStepSeconds !== undefined ? { queryStepSeconds: settings.metrics.queryStepSeconds } : {}),
    ...(clock.sleep ? { sleep: clock.sleep } : {}),
    ...(clock.now ? { now: clock.now } : {}),
    setter,
    weightControl: control,
    onStep: (step) => core.info(`Step ${step.weight} %: ${step.classification} (score ${step.score.toFixed(1)}; ${step.metrics.map((m) => `${m.name} ${m.verdict}`).join(', ')})`),
  });
  const { result } = report;
  const failed = result.decision === 'rollback' || report.rollbackFailure !== undefined;
  const resultPath = recorder.write(
    createResult({
      kind: 'canary',
      name: 'slo-gate',
      verdict: failed ? 'fail' : 'pass',
      summary: `${result.decision}: ${result.reasons[0] ?? ''}`,
      startedAt,
      finishedAt: new Date(),
      source: settings.source as ResultSource,
      measurements: canaryMeasurements(report),
      findings: canaryFindings(report),
      details: { ...toCanaryJson(report), prometheus: redactUrl(settings.prometheusUrl) },
    }),
  );
  await writeSummary(renderCanaryMarkdown(report), settings.stepSummary);
  core.setOutput('decision', result.decision);
  core.setOutput('verdict', failed ? 'fail' : 'pass');
  core.setOutput('budget-remaining', '');
  core.setOutput('result-file', resultPath);
  for (const reason of result.reasons) core.info(reason);
  if (report.rollbackFailure) core.setFailed(`Canary rollback: moving traffic back to the baseline failed, the canary may still take traffic: ${report.rollbackFailure}`);
  else if (result.decision === 'rollback') core.setFailed(`Canary rollback: ${result.reasons.join(' | ')}`);
}
