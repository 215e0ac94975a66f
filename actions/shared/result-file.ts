/**
 * The result file every action leaves, whatever happens. An action creates a ResultRecorder before
 * it reads a single input (so it knows a default path and its kind), runs its whole body through
 * `recordResult`, and writes its own verdict with `write`. When the body throws, is cancelled
 * (SIGINT/SIGTERM from a cancel or `timeout-minutes`) or ends without writing one, the recorder
 * writes `verdict: error` with the reason, so the upload step always has a file and the app never
 * has to guess from a missing one.
 */
import * as core from '@actions/core';
import { describeError } from '../../core/errors.ts';
import { createResult, type FaultlineResult, type ResultKind, type ResultSource, validateResult } from '../../core/result.ts';
import { inRepositoryTerms, reasonOf } from './fail-step.ts';
import { writeWorkspaceFile } from './workspace-files.ts';

export { reasonOf };

export interface RecorderOptions {
  kind: ResultKind;
  /** Gate or experiment name, until the action knows a better one. */
  name: string;
  workspace: string;
  /** Where the file goes until the inputs say otherwise (workspace-relative). */
  defaultPath: string;
  source: ResultSource;
  /** The rule id of the error finding, e.g. `migration-gate-error`. */
  errorRule: string;
  startedAt?: Date;
  /**
   * A kind's own `verdict: error` result, when it has more to say than the generic one (the
   * failover drill keeps its RTO/RPO measurements, null, and names the drill file).
   */
  errorResult?: (reason: string) => FaultlineResult;
}

export class ResultRecorder {
  readonly startedAt: Date;
  kind: ResultKind;
  name: string;
  source: ResultSource;
  private readonly workspace: string;
  private readonly errorRule: string;
  private readonly errorResult?: (reason: string) => FaultlineResult;
  private target: string;
  private written = false;
  private errorTried = false;

  constructor(options: RecorderOptions) {
    this.startedAt = options.startedAt ?? new Date();
    this.kind = options.kind;
    this.name = options.name;
    this.source = options.source;
    this.workspace = options.workspace;
    this.errorRule = options.errorRule;
    if (options.errorResult) this.errorResult = options.errorResult;
    this.target = options.defaultPath;
  }

  /** The path as given (workspace-relative or absolute inside the workspace). */
  get path(): string {
    return this.target;
  }

  get hasWritten(): boolean {
    return this.written;
  }

  /** The path the inputs name; checked when the file is written. */
  setPath(path: string): void {
    this.target = path;
  }

  /** Adds what became known after start-up (the config's blob SHA). */
  addSource(source: ResultSource): void {
    this.source = { ...this.source, ...source };
  }

  /** Writes the action's own result; throws (a FaultlineError naming the path) when it may not. */
  write(result: FaultlineResult): string {
    const problems = validateResult(result);
    if (problems.length > 0) throw new Error(`the result file would be invalid (a bug in Faultline): ${problems.join('; ')}`);
    const written = writeWorkspaceFile(this.workspace, this.target, `${JSON.stringify(result, null, 2)}\n`, 'result file');
    this.written = true;
    return written;
  }

  /** `verdict: error` with the reason. Never throws: the reason reaches the log either way. */
  writeError(reason: string): string | undefined {
    // One attempt: a path that refused the error result once refuses it again.
    if (this.errorTried) return undefined;
    this.errorTried = true;
    // The repository's paths, not the runner's: the result is read far from this machine.
    const text = inRepositoryTerms(reason, this.workspace);
    const summary = text.split('\n')[0]!.slice(0, 300);
    try {
      if (this.errorResult) return this.write(this.errorResult(reason));
      const written = this.write(
        createResult({
          kind: this.kind,
          name: this.name,
          verdict: 'error',
          summary: `could not decide: ${summary}`,
          startedAt: this.startedAt,
          finishedAt: new Date(),
          source: this.source,
          findings: [{ rule: this.errorRule, severity: 'error', message: text.slice(0, 4000) }],
        }),
      );
      return written;
    } catch (error) {
      core.error(`could not write the result file (verdict error): ${describeError(error)}`);
      return undefined;
    }
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs the action's body with the guarantee above. Errors are recorded and rethrown (the action
 * still sets its outputs and fails the step its own way). A cancellation writes the error result
 * at once, then leaves the process to the action's own signal handling, or exits when it has none.
 */
export async function recordResult<T>(recorder: ResultRecorder, body: () => Promise<T>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    if (!recorder.hasWritten) recorder.writeError(`the step was cancelled or timed out (${signal}) before it could decide`);
    // Ours is the only listener: behave as the default handler would have.
    if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  // A crash outside the awaited body (an exception in a callback) still ends with a file.
  const onExit = () => {
    if (!recorder.hasWritten) recorder.writeError('the action stopped before it could decide (the log above has the reason)');
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', onExit);
  try {
    return await body();
  } catch (error) {
    if (!recorder.hasWritten) recorder.writeError(reasonOf(error));
    throw error;
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', onExit);
    if (!recorder.hasWritten) recorder.writeError('the action ended without a verdict (a bug in Faultline; please report it)');
  }
}
