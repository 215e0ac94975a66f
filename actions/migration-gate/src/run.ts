/**
 * The migration gate action: settings → core → annotations, job summary, SARIF, result file and
 * outputs. Every failure ends the step with one message that says what to do.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { FaultlineError } from '../../../core/errors.ts';
import { lintOptionsFrom, type MigrationConfig, migrationConfig } from '../../../core/migrations/config.ts';
import { DEFAULT_MIGRATION_GLOBS, findMigrationFiles } from '../../../core/migrations/find-files.ts';
import { type GateRun, runMigrationGate } from '../../../core/migrations/gate.ts';
import { DEFAULT_PG_VERSION } from '../../../core/migrations/lint.ts';
import { startParseAheadThreadFor } from '../../../core/migrations/parse-ahead.ts';
import { ruleInfos } from '../../../core/migrations/rules/index.ts';
import type { ShadowReport } from '../../../core/migrations/shadow-types.ts';
import type { Finding, LintReport } from '../../../core/migrations/types.ts';
import { DEFAULT_SHADOW_FROM, formatShadowFrom, type ShadowFrom } from '../../../core/migrations/shadow-from.ts';
import { createResult, type FaultlineResult, type ResultFinding, type Verdict } from '../../../core/result.ts';
import { migrationAnnotation, selectAnnotations } from '../../../core/report/annotations.ts';
import { countFindings, type MigrationsCounts, plural } from '../../../core/report/migrations-counts.ts';
import { renderMigrationsMarkdown } from '../../../core/report/migrations-markdown.ts';
import { migrationsToSarif } from '../../../core/report/migrations-sarif.ts';
import { renderSarif } from '../../../core/report/sarif.ts';
import { runSource } from '../../shared/github-run.ts';
import { failWithReport } from '../../shared/fail-step.ts';
import { ResultRecorder, recordResult } from '../../shared/result-file.ts';
import { existingFileInWorkspace, writeWorkspaceFile } from '../../shared/workspace-files.ts';
import { envInputReader, type FailOn, type GateSettings, RESULT_FILE, readSettings } from './inputs.ts';
import { maskUrl } from '../../shared/mask.ts';

export interface GateOutcome {
  files: string[];
  report: LintReport;
  counts: MigrationsCounts;
  verdict: Verdict;
  failed: boolean;
}


/** The paths input wins, then the config's migrations.paths, then the common layouts. */
function globsFor(settings: GateSettings, config: MigrationConfig): readonly string[] {
  if (settings.patterns.length > 0) return settings.patterns;
  if (config.paths.length > 0) return config.paths;
  return DEFAULT_MIGRATION_GLOBS;
}

function allMatchingFiles(settings: GateSettings, config: MigrationConfig): Promise<string[]> {
  return findMigrationFiles(settings.workspace, globsFor(settings, config), config.exclude);
}

async function selectFiles(settings: GateSettings, config: MigrationConfig): Promise<string[]> {
  const files = await allMatchingFiles(settings, config);
  if (files.length === 0 && (settings.patterns.length > 0 || config.paths.length > 0)) {
    // Paths someone wrote down that match nothing are a mistake, not a pass with nothing checked.
    const named = settings.patterns.length > 0 ? `the paths input (${settings.patterns.join(', ')})` : `migrations.paths (${config.paths.join(', ')})`;
    throw new FaultlineError(`${named} matches no file in the repository: nothing would be checked`, {
      hint: 'fix the globs or folders; they are relative to the repository root',
    });
  }
  if (!settings.pullRequest) return files;
  // The GitHub client is loaded only on pull requests, where it is used.
  const { createGitHubClient, listChangedFiles } = await import('./github-files.ts');
  const github = createGitHubClient({ token: settings.token, baseUrl: settings.apiUrl, log: core.info });
  const changed = await listChangedFiles(github, settings.pullRequest);
  if (changed.unavailable) {
    core.warning(`${changed.unavailable}; linting every matching file instead`);
    return files;
  }
  if (changed.truncated) {
    core.warning(`pull request #${settings.pullRequest.number} changes more files than GitHub lists (3000); linting every matching file instead`);
    return files;
  }
  const selected = files.filter((file) => changed.paths.has(file));
  core.info(`changed-only: ${plural(selected.length, 'matching file')} of ${files.length} changed in #${settings.pullRequest.number}`);
  return selected;
}

function workspacePath(path: string, workspace: string): string {
  return (isAbsolute(path) ? relative(workspace, path) : path).split('\\').join('/');
}

function relativeShadow(shadow: ShadowReport, workspace: string): ShadowReport {
  return {
    ...shadow,
    files: shadow.files.map((file) => ({ ...file, path: workspacePath(file.path, workspace) })),
    statements: shadow.statements.map((statement) => ({ ...statement, path: workspacePath(statement.path, workspace) })),
  };
}

/** Workspace-relative, forward-slash paths: what annotations, SARIF and the summary need. */
function relativeReport(report: LintReport, workspace: string): LintReport {
  const rel = (path: string) => workspacePath(path, workspace);
  return {
    version: 1,
    files: report.files.map((file) => ({ ...file, path: rel(file.path), findings: file.findings.map((f) => ({ ...f, path: rel(f.path) })) })),
  };
}

function isFailing(counts: MigrationsCounts, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return counts.errors > 0 || (failOn === 'warning' && counts.warnings > 0);
}

function resultFinding(finding: Finding): ResultFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    path: finding.path,
    line: finding.line,
    column: finding.column,
    ...(finding.fix ? { help: finding.fix } : {}),
    properties: {
      lock: finding.lock,
      blocks: finding.blocks,
      rewrite: finding.rewrite,
      source: finding.source ?? 'static',
      ...(finding.statement ? { statement: finding.statement } : {}),
    },
  };
}

function buildResult(recorder: ResultRecorder, settings: GateSettings, config: MigrationConfig, run: GateRun | undefined, outcome: GateOutcome): FaultlineResult {
  const { counts } = outcome;
  const summary =
    outcome.files.length === 0
      ? 'no migration files to check'
      : `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} in ${plural(counts.files, 'file')}`;
  return createResult({
    kind: 'migrations',
    name: 'migration-gate',
    verdict: outcome.verdict,
    summary,
    startedAt: recorder.startedAt,
    finishedAt: new Date(),
    ...(run?.shadow ? { components: { postgresql: String(run.shadow.serverVersion) } } : {}),
    source: recorder.source,
    counts: { errors: counts.errors, warnings: counts.warnings },
    findings: outcome.report.files.flatMap((file) => file.findings.map(resultFinding)),
    details: {
      failOn: settings.failOn,
      pgVersion: settings.pgVersion ?? config.pgVersion ?? DEFAULT_PG_VERSION,
      statements: counts.statements,
      files: outcome.report.files.map((file) => ({ path: file.path, statements: file.statements, findings: file.findings.length })),
      ...(run?.shadow
        ? {
            shadow: {
              serverVersion: run.shadow.serverVersion,
              completed: run.shadow.completed,
              statements: run.shadow.statements.length,
              ...(run.shadow.startedFrom ? { startedFrom: run.shadow.startedFrom } : {}),
            },
          }
        : {}),
    },
  });
}

export function newRecorder(env: NodeJS.ProcessEnv): ResultRecorder {
  return new ResultRecorder({
    kind: 'migrations',
    name: 'migration-gate',
    workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()),
    defaultPath: RESULT_FILE,
    source: runSource(env),
    errorRule: 'migration-gate-error',
  });
}

/** The shadow run's starting point: the input, else the config's `shadow-from`, else template. */
function shadowFromFor(settings: GateSettings, config: MigrationConfig): ShadowFrom {
  const from = settings.shadowFrom ?? config.shadowFrom ?? DEFAULT_SHADOW_FROM;
  // A dump is read from the checkout: it must stay inside it like every other path.
  if (from.kind === 'dump') return { kind: 'dump', file: existingFileInWorkspace(settings.workspace, from.file, 'shadow-from dump') };
  return from;
}

/** Runs the gate for already-read settings; writes every artefact and the outputs. */
export async function runGate(settings: GateSettings, recorder: ResultRecorder = newRecorder({ GITHUB_WORKSPACE: settings.workspace })): Promise<GateOutcome> {
  recorder.source = { ...settings.source, ...(settings.config?.source ?? {}) };
  recorder.setPath(settings.resultFile);
  const config = migrationConfig(settings.config ? (await import('../../../core/migrations/config-file.ts')).parseConfig(settings.config.text, settings.config.shown) : {});
  const files = await selectFiles(settings, config);
  let run: GateRun | undefined;
  let report: LintReport = { version: 1, files: [] };
  if (files.length === 0) {
    core.notice(
      settings.pullRequest
        ? 'the pull request changes no migration file matching the paths input; nothing to check'
        : 'no file matches the paths input; nothing to check',
    );
  } else {
    await core.group(`Linting ${plural(files.length, 'migration file')}`, async () => {
      for (const file of files) core.info(file);
    });
    const paths = files.map((file) => join(settings.workspace, file));
    startParseAheadThreadFor(paths);
    // Exclusions were applied while finding the files (relative to the workspace, not the cwd).
    const lint = { ...lintOptionsFrom(config, settings.pgVersion !== undefined ? { pgVersion: settings.pgVersion } : {}), exclude: [] };
    // The schema dump is named relative to the repository, like every other path in the config.
    if (lint.schemaDump) lint.schemaDump = resolve(settings.workspace, lint.schemaDump);
    const shadowFrom = settings.databaseUrl ? shadowFromFor(settings, config) : undefined;
    if (shadowFrom) core.info(`shadow run: the scratch database starts from ${formatShadowFrom(shadowFrom)}`);
    run = await runMigrationGate(paths, {
      ...lint,
      ...(settings.databaseUrl ? { databaseUrl: settings.databaseUrl } : {}),
      ...(shadowFrom ? { shadowFrom } : {}),
      // Replaying the history needs the files before the changed ones: every matching file, in order.
      ...(shadowFrom?.kind === 'empty' && settings.pullRequest ? { history: (await allMatchingFiles(settings, config)).map((file) => join(settings.workspace, file)) } : {}),
    });
    report = relativeReport(run.report, settings.workspace);
  }
  const counts = countFindings(report);
  const failed = isFailing(counts, settings.failOn);
  // fail-on decides the step; the verdict the app reads still fails on error findings.
  const verdict: Verdict = files.length === 0 ? 'neutral' : isFailing(counts, settings.failOn === 'never' ? 'error' : settings.failOn) ? 'fail' : 'pass';
  const outcome: GateOutcome = { files, report, counts, verdict, failed };

  const { annotations, omitted } = selectAnnotations(report.files.flatMap((file) => file.findings.map(migrationAnnotation)));
  for (const { level, message, ...properties } of annotations) {
    if (level === 'error') core.error(message, properties);
    else if (level === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
  if (omitted > 0) core.info(`${plural(omitted, 'more finding')} not annotated (GitHub shows 10 per level); see the job summary`);

  const shadow = run?.shadow ? relativeShadow(run.shadow, settings.workspace) : undefined;
  if (settings.stepSummary) await core.summary.addRaw(renderMigrationsMarkdown(report, shadow ? { shadow } : {}), true).write();
  else core.info('no GITHUB_STEP_SUMMARY on this runner: the job summary is skipped (annotations, SARIF and the result file have every finding)');
  if (settings.sarifFile) writeWorkspaceFile(settings.workspace, settings.sarifFile, renderSarif(migrationsToSarif(report, ruleInfos, settings.rulesDocUri ? { rulesDocUri: settings.rulesDocUri } : {})), 'sarif-file');
  const resultPath = recorder.write(buildResult(recorder, settings, config, run, outcome));

  core.setOutput('errors', counts.errors);
  core.setOutput('warnings', counts.warnings);
  core.setOutput('result-file', resultPath);
  core.setOutput('sarif-file', settings.sarifFile ?? '');
  if (failed) {
    core.setFailed(
      `migration gate: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} (fail-on: ${settings.failOn}); see the annotations and the job summary for the safe rewrites`,
    );
  }
  return outcome;
}

/**
 * The action's entry: reads the inputs once, runs the gate, and turns any error into one message.
 * Whatever happens, a result file is left (verdict error with the reason when the gate could not decide).
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const recorder = newRecorder(env);
  try {
    await recordResult(recorder, async () => {
      const read = envInputReader(env);
      // The database URL, and its password on its own, masked before anything could print them.
      maskUrl(read('database-url'));
      await runGate(readSettings(read, env), recorder);
    });
  } catch (error) {
    if (recorder.hasWritten) core.setOutput('result-file', resolve(env.GITHUB_WORKSPACE || process.cwd(), recorder.path));
    await failWithReport(error, { action: 'migration-gate', workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()), stepSummary: Boolean(env.GITHUB_STEP_SUMMARY) });
  }
}

