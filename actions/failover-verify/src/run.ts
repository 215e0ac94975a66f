/**
 * failover-verify: settings → drill file → the drill (core/failover) → result file, report, job
 * summary and outputs. Before anything starts, the post step is told where leftovers would be
 * recorded; SIGINT/SIGTERM (cancellation) stop the drill, which ends what it started. Every run
 * leaves a result file, through the shared ResultRecorder as in the other actions: when the drill
 * could not decide (bad input, a crash, a cancellation), one with verdict error and the reason.
 */
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { describeError, FaultlineError, isFaultlineError } from '../../../core/errors.ts';
import { formatSeconds } from '../../../core/failover/duration.ts';
import { ProcessList } from '../../../core/failover/processes.ts';
import { failoverErrorResult, failoverResult, summaryLine } from '../../../core/failover/result.ts';
import type { Drill, DrillOutcome } from '../../../core/failover/types.ts';
import { readDrillFile, verifyDrill } from '../../../core/failover/verify.ts';
import { renderFailoverMarkdown } from '../../../core/report/failover-markdown.ts';
import { LEDGER_STATE, PROCESSES_STATE } from './cleanup.ts';
import { envInputReader, type FailoverSettings, readResultFile, readSettings } from './inputs.ts';
import { runSource } from '../../shared/github-run.ts';
import { failWithReport } from '../../shared/fail-step.ts';
import { ResultRecorder, recordResult } from '../../shared/result-file.ts';
import { maskSecret, maskUrl } from '../../shared/mask.ts';
import { writeSummary } from '../../shared/job-summary.ts';
import { writeWorkspaceFile } from '../../shared/workspace-files.ts';

/** URLs with credentials typed into the drill (rather than ${NAME} from secrets) are masked all the same (docs/secrets.md). */
function maskUrlPasswords(drill: Drill): void {
  const urls = [...(drill.writer.kind === 'postgres' ? drill.writer.urls : [drill.writer.url, drill.writer.readbackUrl])];
  for (const probe of drill.probes) if ('args' in probe) urls.push(String((probe.args as { url?: string; connection?: string }).url ?? (probe.args as { connection?: string }).connection ?? ''));
  for (const url of urls) {
    try {
      if (new URL(url).password) maskUrl(url);
    } catch {
      // not a URL: nothing to mask
    }
  }
}

async function drill(settings: FailoverSettings, signal: AbortSignal): Promise<DrillOutcome> {
  core.saveState(PROCESSES_STATE, settings.processListPath);
  core.saveState(LEDGER_STATE, settings.ledgerPath);
  const secrets = new Set<string>();
  const loaded = readDrillFile(settings.config, settings.workspace, settings.env, secrets);
  for (const secret of secrets) maskSecret(secret);
  maskUrlPasswords(loaded);
  core.info(`drill "${loaded.name}": ${loaded.writer.kind} heartbeats every ${loaded.writer.intervalMs} ms, fault ${loaded.fault.kind}`);
  return verifyDrill(loaded, {
    cwd: settings.workspace,
    env: settings.env,
    signal,
    ledgerPath: settings.ledgerPath,
    processes: new ProcessList(settings.processListPath),
    onEvent: (event) => core.info(`${(event.offsetMs / 1000).toFixed(2).padStart(8)} s  ${event.source.padEnd(6)} ${event.event}${event.detail ? `  ${event.detail}` : ''}`),
    onProgress: (p) => core.info(`${(p.elapsedMs / 1000).toFixed(1).padStart(8)} s  ${p.phase}: ${p.writesPerSecond} writes/s to ${p.target ?? 'none'}${p.outageMs !== null ? `, outage so far ${formatSeconds(p.outageMs / 1000)}` : ''}`),
    log: (message) => core.info(message),
  });
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = new Date();
  const input = envInputReader(env);
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const state: { settings?: FailoverSettings } = {};
  const recorder: ResultRecorder = new ResultRecorder({
    kind: 'failover',
    name: 'failover drill',
    workspace,
    defaultPath: readResultFile(input, env),
    source: runSource(env),
    errorRule: 'failover-error',
    startedAt,
    // The drill's own error shape: RTO/RPO measured as null, the finding on the drill file.
    errorResult: (reason) => failoverErrorResult(reason, { startedAt, source: recorder.source, configPath: state.settings?.config }),
  });
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    core.warning(`${signal}: the job is being cancelled; stopping the fault, the load and the writers`);
    controller.abort(`interrupted by ${signal}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await recordResult(recorder, async () => {
      try {
        const settings = readSettings(input, env);
        state.settings = settings;
        recorder.source = settings.source;
        const outcome = await drill(settings, controller.signal);
        recorder.write(failoverResult(outcome, { source: settings.source, configPath: settings.config }));
        core.setOutput('verdict', outcome.verdict);
        core.setOutput('rto-seconds', outcome.rtoSeconds === null ? '' : String(outcome.rtoSeconds));
        core.setOutput('rpo-seconds', outcome.rpoSeconds === null ? '' : String(outcome.rpoSeconds));
        core.setOutput('result-file', resolve(workspace, recorder.path));
        const markdown = renderFailoverMarkdown(outcome, { source: settings.source });
        // Written like every action's outputs: inside the workspace, never through a link that leaves it.
        if (settings.reportFile) writeWorkspaceFile(workspace, settings.reportFile, markdown, 'report file');
        // The measurement is in the result file already: a summary the runner refuses is a warning.
        await writeSummary(markdown, settings.stepSummary).catch((error: unknown) => core.warning(`job summary not written: ${describeError(error)}`));
        core.info(summaryLine(outcome));
        if (outcome.verdict !== 'met') core.setFailed(`failover drill breached: ${outcome.reasons.join(' | ')}`);
      } catch (error) {
        // A system error (a refused connection, a missing file) reads as a sentence, not "unexpected error".
        throw isFaultlineError(error) ? error : new FaultlineError(describeError(error), { cause: error });
      }
    });
  } catch (error) {
    core.setOutput('verdict', 'error');
    core.setOutput('rto-seconds', '');
    core.setOutput('rpo-seconds', '');
    if (recorder.hasWritten) core.setOutput('result-file', resolve(workspace, recorder.path));
    // The success path's summary is written last, so a failure never leaves two (and failWithReport overwrites).
    await failWithReport(error, { action: 'failover-verify', workspace, stepSummary: Boolean(env.GITHUB_STEP_SUMMARY) });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
