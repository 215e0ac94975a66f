/**
 * One voice for command-line mistakes. Node's parseArgs speaks in its own words ("Unknown option
 * '--x'. To specify a positional argument starting with a '-', place it…"); every command turns
 * them into the same short line with the same hint.
 */
import { FaultlineError } from '../core/errors.ts';

export function isParseArgsError(error: unknown): error is Error & { code: string } {
  // Duck-typed: errors from Node's internals come from another realm under some runners (Jest's VM).
  const code = (error as { code?: unknown } | null)?.code;
  return typeof (error as { message?: unknown } | null)?.message === 'string' && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Node's parseArgs message, shortened to what the user typed wrong. */
export function parseArgsMessage(error: Error & { code?: string }): string {
  const first = error.message.split('\n')[0] ?? error.message;
  const quoted = /'([^']*)'/.exec(first)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? first}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted ?? first}": this command takes options only`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = /'(--?[\w-]+)/.exec(first)?.[1];
      if (/argument missing/.test(first)) return `${option ?? 'an option'} needs a value`;
      if (/does not take an argument/.test(first)) return `${option ?? 'an option'} takes no value`;
      return first.replace(/^\w/, (c) => c.toLowerCase());
    }
    default:
      return first.replace(/^\w/, (c) => c.toLowerCase());
  }
}

/** A usage mistake in `faultline <command>`, with the help hint every command gives. */
export function usageError(message: string, command: string): FaultlineError {
  return new FaultlineError(message, { hint: `run 'faultline ${command} --help' for the options` });
}

/** Rethrows a parseArgs failure as a usage error of `command`; anything else unchanged. */
export function asUsageError(error: unknown, command: string): unknown {
  return isParseArgsError(error) ? usageError(parseArgsMessage(error), command) : error;
}
