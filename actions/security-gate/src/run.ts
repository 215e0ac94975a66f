/**
 * The security gate action: settings → core/security → annotations on new findings, job summary,
 * SARIF, result file and outputs. Whatever happens, a result file is written (verdict error when
 * the gate could not decide) by the try/finally below, so the app never mistakes silence for a pass.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import { describeError, isFaultlineError } from '../../../core/errors.ts';
import { createResult, type FaultlineResult } from '../../../core/result.ts';
import { type Annotation, selectAnnotations } from '../../../core/report/annotations.ts';
import { SECURITY_RESULT_NAME, securityResult } from '../../../core/report/security-json.ts';
import { renderSecurityMarkdown } from '../../../core/report/security-markdown.ts';
import { renderSecuritySarif } from '../../../core/report/security-sarif.ts';
import type { Baseline } from '../../../core/security/baseline.ts';
import { baselineFromArtifacts } from '../../../core/security/baseline-artifact.ts';
import type { EvaluatedFinding, SecurityOutcome } from '../../../core/security/gate.ts';
import { runSecurityScan } from '../../../core/security/scan.ts';
import { sarifLevelOf } from '../../../core/security/severity.ts';
import { envInputReader, type OutputSettings, readOutputSettings, readSettings, type SecurityGateSettings } from './inputs.ts';
import { failWithReport } from '../../shared/fail-step.ts';
import { maskSecret } from '../../shared/mask.ts';

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function annotation(f: EvaluatedFinding): Annotation | undefined {
  if (!f.path) return undefined;
  const level = sarifLevelOf(f.severity);
  return {
    level: level === 'note' ? 'notice' : level,
    file: f.path,
    ...(f.line ? { startLine: f.line } : {}),
    ...(f.line && f.column ? { startColumn: f.column } : {}),
    title: `${f.rule} (${f.severity}, new)`,
    message: `${f.message}${f.fixedIn ? `\nFixed in ${f.fixedIn.join(', ')}.` : ''}${f.helpUri ? `\n${f.helpUri}` : ''}`,
  };
}

function annotate(outcome: SecurityOutcome): void {
  const fresh = outcome.findings.filter((f) => f.status === 'new' && !f.suppressed);
  const { annotations, omitted } = selectAnnotations(fresh.map(annotation).filter((a): a is Annotation => a !== undefined));
  for (const { level, message, ...properties } of annotations) {
    if (level === 'error') core.error(message, properties);
    else if (level === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
  if (omitted > 0) core.info(`${omitted} more new finding(s) not annotated (GitHub shows 10 per level); see the job summary and the SARIF`);
}

/** baseline: artifact → the base branch's newest trusted result, or none with the reason. */
async function readBaseline(settings: SecurityGateSettings): Promise<Baseline | undefined> {
  const setting = settings.baseline;
  if (setting.kind !== 'artifact') return undefined;
  if (setting.token) maskSecret(setting.token);
  const { githubArtifactStore } = await import('./github-artifacts.ts');
  const store = githubArtifactStore({ token: setting.token, baseUrl: setting.apiUrl, repo: setting, log: core.info });
  const lookup = await baselineFromArtifacts(store, setting.branch);
  for (const line of lookup.skipped) core.info(`baseline: skipped ${line}`);
  if (lookup.baseline) core.info(`baseline: ${lookup.baseline.source} (${lookup.baseline.findings.length} findings)`);
  else core.notice(`no baseline: ${lookup.reason}; every finding is judged as new`);
  return lookup.baseline;
}

async function gate(settings: SecurityGateSettings, startedAt: Date): Promise<FaultlineResult> {
  core.info(`Reading ${settings.files.length} scanner output(s)${settings.run.length > 0 ? ` and running ${settings.run.join(', ')}` : ''}; fail-on ${settings.failOn}`);
  const baseline = await readBaseline(settings);
  const { outcome, reports, versions } = await runSecurityScan({
    files: settings.files,
    run: settings.run,
    failOn: settings.failOn,
    root: settings.workspace,
    ...(settings.baseline.kind === 'file' ? { baselineFile: settings.baseline.path } : {}),
    ...(baseline ? { baseline } : {}),
    ...(settings.configFile ? { configFile: settings.configFile } : {}),
    env: settings.toolEnv,
    onTool: (_tool, message) => core.info(message),
  });
  const result = securityResult(outcome, { startedAt, source: settings.source, components: versions });
  annotate(outcome);
  if (settings.sarifFile) writeFile(settings.sarifFile, renderSecuritySarif(outcome, reports));
  if (settings.stepSummary) await core.summary.addRaw(renderSecurityMarkdown(outcome), true).write();
  else core.info('no GITHUB_STEP_SUMMARY on this runner: the job summary is skipped (the result file and SARIF have every finding)');
  core.setOutput('new', outcome.counts.new);
  core.setOutput('fixed', outcome.counts.fixed);
  core.setOutput('sarif-file', settings.sarifFile ?? '');
  for (const reason of outcome.reasons) core.info(reason);
  if (outcome.verdict !== 'pass') core.setFailed(`security gate ${outcome.verdict}: ${outcome.reasons.join(' | ')}`);
  return result;
}

function errorResult(error: unknown, output: OutputSettings, startedAt: Date): FaultlineResult {
  return createResult({
    kind: 'security',
    name: SECURITY_RESULT_NAME,
    verdict: 'error',
    summary: isFaultlineError(error) ? error.message : 'internal error',
    startedAt,
    finishedAt: new Date(),
    source: output.source,
    findings: [{ rule: 'security-gate-error', severity: 'error', message: describeError(error) }],
  });
}

/** The action's entry. `env` is for tests; the runner passes nothing. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = new Date();
  if (env.SNYK_TOKEN) maskSecret(env.SNYK_TOKEN);
  const input = envInputReader(env);
  let output: OutputSettings | undefined;
  let result: FaultlineResult | undefined;
  try {
    output = readOutputSettings(input, env);
    result = await gate(readSettings(input, env, output), startedAt);
  } catch (error) {
    core.setOutput('new', '');
    core.setOutput('fixed', '');
    core.setOutput('sarif-file', '');
    if (output) result = errorResult(error, output, startedAt);
    // As every action: problems of input files as annotations on their repository lines, a job summary.
    await failWithReport(error, { action: 'security-gate', workspace: output?.workspace ?? resolve(env.GITHUB_WORKSPACE || process.cwd()), stepSummary: Boolean(env.GITHUB_STEP_SUMMARY) });
  } finally {
    // Every run leaves a result; verdict error when the gate could not decide.
    if (output) {
      const final = result ?? errorResult(new Error('the gate stopped before it decided'), output, startedAt);
      try {
        writeFile(output.resultFile, `${JSON.stringify(final, null, 2)}\n`);
        core.setOutput('result-file', output.resultFile);
      } catch (error) {
        core.setFailed(`could not write the result file ${output.resultFile}: ${describeError(error)}`);
      }
      core.setOutput('verdict', final.verdict);
    } else {
      core.setOutput('verdict', 'error');
    }
  }
}
