/**
 * How an action fails when it could not decide: each problem of an input file as an annotation on
 * the repository-relative file and line (so it lands on the pull request's diff), a job summary
 * that says what failed and what to do, and the step's failure. Paths inside the runner's
 * workspace are shown relative to it, never as the runner's absolute paths.
 */
import { isAbsolute, relative, sep } from 'node:path';
import * as core from '@actions/core';
import { describeError, isFaultlineError, type LocatedProblem } from '../../core/errors.ts';
import { renderFailureMarkdown } from '../../core/report/failure-markdown.ts';

export interface FailOptions {
  /** The action's name for the summary heading, e.g. `chaos-inject`. */
  action: string;
  /** The runner's checkout: file paths are made relative to it. */
  workspace: string;
  /** Whether the runner gives a job summary file (GITHUB_STEP_SUMMARY). */
  stepSummary: boolean;
}

/** GitHub shows at most 10 error annotations per step. */
const MAX_ANNOTATIONS = 10;

/** A path as the repository names it, or undefined when it is not inside the workspace. */
export function repositoryPath(file: string, workspace: string): string | undefined {
  const rel = isAbsolute(file) ? relative(workspace, file) : file;
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/').replace(/^\.\//, '');
}

/** Text with the workspace's absolute prefix removed, so logs and summaries name repository paths. */
export function inRepositoryTerms(text: string, workspace: string): string {
  const prefix = workspace.endsWith(sep) ? workspace : `${workspace}${sep}`;
  return text.split(prefix).join('');
}

/** What a thrown value says to a user: a FaultlineError's text, or "unexpected error" with its message. */
export function reasonOf(error: unknown): string {
  if (isFaultlineError(error)) return error.format();
  return `unexpected error (please report it): ${error instanceof Error ? error.message : String(error)}`;
}

/** The error's problems at their places: the listed ones, else the error's own place. */
function locatedProblems(error: unknown, workspace: string): LocatedProblem[] {
  if (!isFaultlineError(error)) return [];
  const listed: readonly LocatedProblem[] = error.problems ?? (error.file ? [{ file: error.file, line: error.line, column: error.column, message: error.message }] : []);
  return listed.map((problem) => {
    const file = problem.file ? repositoryPath(problem.file, workspace) : undefined;
    return { ...problem, file, message: inRepositoryTerms(problem.message, workspace) };
  });
}

async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.info(`could not write the job summary: ${describeError(error)}`);
  }
}

/**
 * Fails the step with the reason. Problems in files of the repository become annotations at their
 * file and line (then the step fails through its exit code, without a second, placeless copy of
 * the same text); anything else fails the step with the whole reason. An unexpected error's stack
 * goes to the log for a bug report.
 */
export async function failWithReport(error: unknown, options: FailOptions): Promise<void> {
  if (!isFaultlineError(error)) core.info(describeError(error));
  const reason = inRepositoryTerms(reasonOf(error), options.workspace);
  const problems = locatedProblems(error, options.workspace);
  const onFiles = problems.filter((problem) => problem.file !== undefined);
  const hint = isFaultlineError(error) ? error.hint : undefined;
  if (onFiles.length > 0 && onFiles.length === problems.length) {
    const title = `${options.action}: ${(isFaultlineError(error) && error.problems ? error.message.split('\n')[0]!.replace(/:$/, '') : 'could not decide').slice(0, 200)}`;
    for (const problem of onFiles.slice(0, MAX_ANNOTATIONS)) {
      core.error(hint ? `${problem.message}\n  hint: ${hint}` : problem.message, {
        title: inRepositoryTerms(title, options.workspace),
        file: problem.file,
        ...(problem.line !== undefined ? { startLine: problem.line } : {}),
        ...(problem.column !== undefined ? { startColumn: problem.column } : {}),
      });
    }
    // The log keeps every problem, also those beyond GitHub's ten annotations.
    if (onFiles.length > MAX_ANNOTATIONS) core.info(reason);
    process.exitCode = core.ExitCode.Failure;
  } else {
    core.setFailed(reason);
  }
  if (!options.stepSummary) return;
  const lines = reason.split('\n');
  await writeSummary(
    renderFailureMarkdown({
      action: options.action,
      headline: onFiles.length > 0 && isFaultlineError(error) ? inRepositoryTerms(error.message.split('\n')[0]!, options.workspace) : lines[0]!,
      problems: onFiles.length > 0 ? onFiles : [],
      ...(onFiles.length === 0 && lines.length > 1 ? { detail: lines.slice(1).filter((line) => !line.startsWith('  hint: ')).join('\n') } : {}),
      ...(hint ? { hint } : {}),
    }),
  );
}
