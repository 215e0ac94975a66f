/**
 * Errors a user can act on. Every face prints `message` (plus `where` and `hint`) and exits with
 * `exitCode`; nothing else is shown, so the message must say what was expected and what to do.
 */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
}

/** One of several problems an error lists, each at its own place (a schema problem of a file). */
export interface LocatedProblem extends SourceLocation {
  /** The problem without its place, e.g. `spec.objectives[0].target: must be < 1`. */
  message: string;
}

export interface FaultlineErrorOptions extends SourceLocation {
  hint?: string;
  /**
   * Every problem at its own place, when the message lists several: faces that mark files (an
   * action's annotations) mark each one where it is, not only the first.
   */
  problems?: LocatedProblem[];
  /** Process exit code the CLI uses: 2 is bad usage or unreadable input. */
  exitCode?: number;
  cause?: unknown;
}

export class FaultlineError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly problems?: readonly LocatedProblem[];
  readonly exitCode: number;

  constructor(message: string, options: FaultlineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FaultlineError';
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint;
    if (options.problems) this.problems = options.problems;
    this.exitCode = options.exitCode ?? 2;
  }

  /** `file:line:column` of the problem, or undefined when the error is not about a file. */
  get where(): string | undefined {
    if (!this.file) return undefined;
    let where = this.file;
    if (this.line !== undefined) where += `:${this.line}`;
    if (this.line !== undefined && this.column !== undefined) where += `:${this.column}`;
    return where;
  }

  /** One block of text for a terminal or a log: where, what, and what to do. */
  format(): string {
    const head = this.where ? `${this.where}: ${this.message}` : this.message;
    return this.hint ? `${head}\n  hint: ${this.hint}` : head;
  }
}

export function isFaultlineError(error: unknown): error is FaultlineError {
  return error instanceof FaultlineError;
}

/** Node's system error codes in words, so a missing file or a busy port reads as a sentence. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder, where a file was expected',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EADDRINUSE: 'address already in use: another process listens there (choose another port)',
  EADDRNOTAVAIL: 'address not available on this machine',
  ECONNREFUSED: 'connection refused: nothing listens there',
  ECONNRESET: 'connection reset by the other side',
  ENOTFOUND: 'host name not found',
  ETIMEDOUT: 'timed out',
  EMFILE: 'too many open files',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

interface SystemError extends Error {
  code: string;
  path?: string;
  address?: string;
  port?: number;
}

/** Duck-typed: errors from Node's internals may come from another realm (a VM context, a worker). */
function isErrorLike(error: unknown): error is Error {
  return error instanceof Error || (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string');
}

function isSystemError(error: unknown): error is SystemError {
  const code = (error as { code?: unknown } | null)?.code;
  return isErrorLike(error) && typeof code === 'string' && Object.hasOwn(SYSTEM_ERRORS, code);
}

export interface DescribeOptions {
  /** Show the stack of an unexpected error (FAULTLINE_DEBUG=1 or RUNNER_DEBUG=1 in the faces). */
  stack?: boolean;
}

/**
 * Renders any thrown value for a user in one voice: a FaultlineError as written, a system error
 * (ENOENT, EISDIR, EADDRINUSE…) as a sentence naming the path or address, anything else as its
 * message marked as internal. Stack frames only when asked for, never in front of a user by default.
 */
export function describeError(error: unknown, options: DescribeOptions = {}): string {
  if (isFaultlineError(error)) return error.format();
  if (isSystemError(error)) {
    const where = error.path ?? (error.address !== undefined ? `${error.address}${error.port !== undefined ? `:${error.port}` : ''}` : undefined);
    const text = `${where ? `${where}: ` : ''}${SYSTEM_ERRORS[error.code]} (${error.code})`;
    return options.stack && error.stack ? `${text}\n${error.stack}` : text;
  }
  if (isErrorLike(error)) {
    if (options.stack) return error.stack ?? error.message;
    return `${error.message}\n  hint: this is an internal error; run again with FAULTLINE_DEBUG=1 for the stack trace, and please report it`;
  }
  return String(error);
}

/** Whether a face should show stack traces: FAULTLINE_DEBUG=1, or an Actions run with step debug on. */
export function wantsStack(env: NodeJS.ProcessEnv): boolean {
  return env.FAULTLINE_DEBUG === '1' || env.FAULTLINE_DEBUG === 'true' || env.RUNNER_DEBUG === '1';
}
