/**
 * The SLO gate: settings → SLO statuses from Prometheus → policy verdict → outputs, job summary and
 * result file (budget mode; canary mode is canary-run.ts). Any failure to decide (bad input,
 * unreachable Prometheus, no data) is a fail with the reason, and still leaves a result file
 * (verdict error) for the app to read; in canary mode it is also a rollback.
 */
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { HttpPrometheusClient, redactUrl } from '../../../core/prometheus/client.ts';
import { formatPercent, plural } from '../../../core/report/slo-format.ts';
import { toSloJson } from '../../../core/report/slo-json.ts';
import { renderSloMarkdown } from '../../../core/report/slo-markdown.ts';
import { createResult, type Measurement, type ResultSource, type Verdict } from '../../../core/result.ts';
import { evaluateBudgetPolicy, type PolicyOutcome } from '../../../core/slo/budget-policy.ts';
import { computeSloStatuses, type SloStatusReport } from '../../../core/slo/engine.ts';
import { loadSloSpecs } from '../../../core/slo/specs/index.ts';
import { type CanaryClock, canaryGate } from './canary-run.ts';
import { envInputReader, parseHeaders } from './input-text.ts';
import { type BudgetSettings, type CommonSettings, type GateMode, readCommonSettings, readMode, readSettings } from './inputs.ts';
import { runSource } from '../../shared/github-run.ts';
import { failWithReport } from '../../shared/fail-step.ts';
import { ResultRecorder, recordResult } from '../../shared/result-file.ts';
import { writeSummary } from '../../shared/job-summary.ts';
import { maskSecret, maskUrl } from '../../shared/mask.ts';

/** Masks secrets before anything can print them, even when the input turns out malformed. */
function maskSecrets(env: NodeJS.ProcessEnv): void {
  const reader = envInputReader(env);
  for (const [headers, url] of [
    ['prometheus-headers', 'prometheus-url'],
    ['set-weight-headers', 'set-weight-url'],
  ] as const) {
    for (const line of reader(headers).split('\n')) {
      const value = line.slice(line.indexOf(':') + 1).trim();
      maskSecret(value);
    }
    maskUrl(reader(url));
    try {
      for (const value of Object.values(parseHeaders(reader(headers), headers))) maskSecret(value);
    } catch {
      // readSettings reports malformed headers
    }
  }
}

function measurements(report: SloStatusReport): Measurement[] {
  return report.statuses.flatMap((s) => [
    { name: 'error-ratio', value: s.errorRatio, unit: 'ratio', subject: s.name },
    { name: 'budget-remaining', value: s.budgetRemaining, unit: 'ratio', subject: s.name },
    { name: 'burn-rate-1h', value: s.burnRates['1h'], unit: 'ratio', subject: s.name },
    { name: 'time-to-exhaustion', value: s.timeToExhaustionSeconds, unit: 's', subject: s.name },
  ]);
}

function lowestBudget(report: SloStatusReport): number | null {
  const known = report.statuses.map((s) => s.budgetRemaining).filter((v): v is number => v !== null);
  return known.length > 0 ? Math.min(...known) : null;
}

function summaryLine(outcome: PolicyOutcome, report: SloStatusReport): string {
  const count = (v: string) => outcome.slos.filter((s) => s.verdict === v).length;
  const lowest = lowestBudget(report);
  return `${plural(report.statuses.length, 'SLO')}: ${count('pass')} pass, ${count('fail')} fail, ${count('no-data')} without data; lowest budget remaining ${formatPercent(lowest)}`;
}

async function gate(settings: BudgetSettings, recorder: ResultRecorder): Promise<void> {
  const startedAt = recorder.startedAt;
  const slos = await loadSloSpecs(settings.specs);
  const client = new HttpPrometheusClient({ url: settings.prometheusUrl, headers: settings.prometheusHeaders, timeoutMs: settings.timeoutMs });
  const report = await core.group(`Querying ${redactUrl(settings.prometheusUrl)} for ${plural(slos.length, 'SLO')}`, async () => {
    const computed = await computeSloStatuses(client, slos, { alerting: settings.policy.alerting, exhaustionWindow: settings.policy.burnRateWindow });
    core.info(`${computed.requests} request(s) to Prometheus`);
    return computed;
  });
  const outcome = evaluateBudgetPolicy(report.statuses, settings.policy, settings.labels);
  const verdict: Verdict = outcome.verdict === 'pass' ? 'pass' : outcome.verdict === 'fail' ? 'fail' : 'error';
  const lowest = lowestBudget(report);
  const resultPath = recorder.write(
    createResult({
      kind: 'slo',
      name: 'slo-gate',
      verdict,
      summary: summaryLine(outcome, report),
      startedAt,
      finishedAt: new Date(),
      source: settings.source as ResultSource,
      measurements: measurements(report),
      findings: outcome.slos
        .filter((d) => d.verdict !== 'pass')
        .map((d) => ({ rule: d.verdict === 'fail' ? 'slo-budget' : 'slo-no-data', severity: 'error' as const, message: `${d.name}: ${d.reasons.join('; ')}` })),
      details: {
        slos: toSloJson(report.statuses, outcome, report.evaluatedAt).slos,
        decisions: outcome.slos,
        labels: settings.labels,
        prometheus: redactUrl(settings.prometheusUrl),
        requests: report.requests,
        evaluatedAt: report.evaluatedAt.toISOString(),
      },
    }),
  );
  await writeSummary(renderSloMarkdown(report, outcome, settings.policy.alerting), settings.stepSummary);
  core.setOutput('verdict', outcome.verdict === 'pass' ? 'pass' : 'fail');
  core.setOutput('budget-remaining', lowest === null ? '' : String(lowest));
  core.setOutput('result-file', resultPath);
  for (const reason of outcome.reasons) core.info(reason);
  if (outcome.verdict !== 'pass') core.setFailed(`SLO gate ${outcome.verdict}: ${outcome.reasons.join(' | ')}`);
}

/**
 * `clock` is for tests that replay backfilled history in canary mode; the runner passes nothing.
 * Whatever happens (bad input, unreachable Prometheus, an exception, a cancellation) a result file
 * is left: verdict error with the reason when the gate could not decide.
 */
export async function run(env: NodeJS.ProcessEnv = process.env, clock: CanaryClock = {}): Promise<void> {
  maskSecrets(env);
  const input = envInputReader(env);
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const recorder = new ResultRecorder({
    kind: 'slo',
    name: 'slo-gate',
    workspace,
    defaultPath: input('result-file') || 'faultline-slo-result.json',
    source: runSource(env),
    errorRule: 'slo-gate-error',
  });
  // Read inside the guarded body; the catch below still needs it.
  const state: { mode: GateMode } = { mode: 'budget' };
  try {
    await recordResult(recorder, async () => {
      state.mode = readMode(input);
      if (state.mode === 'canary') recorder.kind = 'canary';
      const settings: CommonSettings = readCommonSettings(input, env);
      recorder.setPath(settings.resultFile);
      recorder.source = settings.source as ResultSource;
      const complete = readSettings(input, env, settings);
      if (complete.mode === 'canary') await canaryGate(complete, recorder, clock);
      else await gate(complete, recorder);
    });
  } catch (error) {
    core.setOutput('verdict', 'fail');
    core.setOutput('budget-remaining', '');
    // A canary that could not be judged is not promoted.
    if (state.mode === 'canary') core.setOutput('decision', 'rollback');
    if (recorder.hasWritten) core.setOutput('result-file', resolve(workspace, recorder.path));
    await failWithReport(error, { action: 'slo-gate', workspace: workspace, stepSummary: Boolean(env.GITHUB_STEP_SUMMARY) });
  }
}
