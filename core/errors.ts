/**
 * Errors a user can act on. Every face prints `message` (plus `where` and `hint`) and exits with
 * `exitCode`; nothing else is shown, so the message must say what was expected and what to do.
 */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
}

export interface FaultlineErrorOptions extends SourceLocation {
  hint?: string;
  /** Process exit code the CLI uses: 2 is bad usage or unreadable input. */
  exitCode?: number;
  cause?: unknown;
}

export class FaultlineError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: FaultlineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FaultlineError';
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint;
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

/** Renders any thrown value for a user; unexpected errors keep their stack for a bug report. */
export function describeError(error: unknown): string {
  if (isFaultlineError(error)) return error.format();
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
