/** Argument parsing shared by the evidence subcommands: a bad flag is a usage error (exit 2). */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { FaultlineError } from '../../core/errors.ts';
import { isParseArgsError, parseArgsMessage } from '../args.ts';

export function usageError(message: string): FaultlineError {
  return new FaultlineError(message, { hint: "run 'faultline evidence --help' for the options" });
}

export function parse(args: string[], options: ParseArgsOptionsConfig) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(isParseArgsError(error) ? parseArgsMessage(error) : (error as Error).message);
  }
}

