/**
 * chaos-inject: settings → experiment (validated, policy-checked) → plan or run → journal, result
 * file, job summary and outputs. The ledger path is saved for the post step before anything is
 * injected; SIGINT/SIGTERM (cancellation) roll back at once.
 */
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { drivers } from '../../../core/drivers/index.ts';
import { readExperiment } from '../../../core/experiment/engine.ts';
import { journalSucceeded } from '../../../core/experiment/journal.ts';
import { Ledger } from '../../../core/experiment/ledger.ts';
import { formatPlan, planExperiment } from '../../../core/experiment/plan.ts';
import { chaosResult } from '../../../core/experiment/result.ts';
import { type RunEvent, runExperiment } from '../../../core/experiment/runner.ts';
import { probes } from '../../../core/probes/index.ts';
import { renderChaosMarkdown } from '../../../core/report/chaos-markdown.ts';
import { renderPlanMarkdown } from '../../../core/report/chaos-plan-markdown.ts';
import { createResult } from '../../../core/result.ts';
import { runSource } from '../../shared/github-run.ts';
import { failWithReport } from '../../shared/fail-step.ts';
import { ResultRecorder, recordResult } from '../../shared/result-file.ts';
import { writeWorkspaceFile } from '../../shared/workspace-files.ts';
import { type ChaosSettings, envInputReader, RESULT_FILE, readSettings } from './inputs.ts';
import { KUBECONFIG_STATE, LEDGER_STATE } from './rollback.ts';
import { maskSecret } from '../../shared/mask.ts';

function writeJson(settings: ChaosSettings, path: string, value: unknown, what: string): void {
  writeWorkspaceFile(settings.workspace, path, `${JSON.stringify(value, null, 2)}\n`, what);
}

function log(event: RunEvent): void {
  switch (event.type) {
    case 'phase':
      core.info(`── ${event.phase}`);
      break;
    case 'activity': {
      const run = event.run;
      const mark = run.status === 'failed' || run.tolerance_met === false ? '✗' : '✓';
      const why = run.exception?.[0] ?? (run.tolerance_met === false ? run.tolerance_reason : undefined);
      core.info(`   ${mark} ${run.activity.name}${why ? ` — ${why}` : ''}`);
      break;
    }
    case 'breach':
      core.warning(`${event.breach.source} "${event.breach.probe}" breached: ${event.breach.reason}; faults removed ${event.breach.faults_removed_ms ?? '?'} ms later`);
      break;
    case 'note':
      core.info(`   · ${event.message}`);
      break;
  }
}

async function experiment(settings: ChaosSettings, recorder: ResultRecorder): Promise<void> {
  const startedAt = recorder.startedAt;
  const { prepared } = readExperiment(settings.experimentText, settings.experimentInput, { drivers, env: settings.env, vars: settings.vars, policy: settings.policy });
  for (const secret of prepared.bindings.secretValues) maskSecret(secret);
  recorder.name = prepared.experiment.title || settings.experimentInput;
  if (settings.dryRun) {
    const planned = planExperiment(prepared, drivers, probes);
    core.info(formatPlan(planned));
    await core.summary.addRaw(renderPlanMarkdown(planned), true).write();
    core.setOutput(
      'result-file',
      recorder.write(
        createResult({ kind: 'chaos', name: prepared.experiment.title, verdict: 'neutral', summary: 'dry run: nothing was injected', startedAt, finishedAt: new Date(), source: settings.source }),
      ),
    );
    core.setOutput('status', 'dry-run');
    core.setOutput('deviated', 'false');
    core.setOutput('score', '');
    core.setOutput('journal', '');
    return;
  }
  // Before the first fault: the post step must know where to look even if we are killed.
  core.saveState(LEDGER_STATE, settings.ledgerPath);
  if (settings.kubeconfig) core.saveState(KUBECONFIG_STATE, settings.kubeconfig);
  const ledger = new Ledger(settings.ledgerPath);
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    core.warning(`${signal}: the job is being cancelled; rolling back every fault now`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const journal = await runExperiment(prepared, {
      drivers,
      probes,
      ledger,
      signal: controller.signal,
      searchPath: settings.searchPath,
      cwd: settings.workspace,
      kubeconfig: settings.kubeconfig,
      onEvent: log,
    });
    writeJson(settings, settings.journalPath, journal, 'journal-path');
    core.setOutput('result-file', recorder.write(chaosResult(journal, { source: settings.source, journalPath: settings.journalPath })));
    await core.summary.addRaw(renderChaosMarkdown(journal)).write();
    const held = journalSucceeded(journal);
    core.setOutput('status', journal.status ?? 'completed');
    core.setOutput('deviated', String(journal.deviated));
    core.setOutput('score', String(journal.faultline.score ?? ''));
    core.setOutput('journal', settings.journalPath);
    if (!held) {
      const message = `chaos experiment ${journal.status}${journal.deviated ? ', deviated' : ''}: ${journal.faultline.reason ?? 'see the journal'}`;
      if (settings.failOnDeviation) core.setFailed(message);
      else core.warning(message);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * The action's entry. Whatever happens (bad input, an unreadable experiment, an exception, a
 * cancellation) a result file is left: verdict error with the reason when no verdict was reached.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const recorder = new ResultRecorder({
    kind: 'chaos',
    name: 'chaos-inject',
    workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()),
    defaultPath: RESULT_FILE,
    source: runSource(env),
    errorRule: 'chaos-inject-error',
  });
  try {
    await recordResult(recorder, async () => {
      const settings = readSettings(envInputReader(env), env);
      recorder.setPath(settings.resultFile);
      recorder.source = settings.source;
      recorder.name = settings.experimentInput;
      await experiment(settings, recorder);
    });
  } catch (error) {
    core.setOutput('status', 'error');
    core.setOutput('deviated', 'false');
    core.setOutput('score', '');
    core.setOutput('journal', '');
    if (recorder.hasWritten) core.setOutput('result-file', resolve(env.GITHUB_WORKSPACE || process.cwd(), recorder.path));
    await failWithReport(error, { action: 'chaos-inject', workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()), stepSummary: Boolean(env.GITHUB_STEP_SUMMARY) });
  }
}
