/** `faultline` entry: picks the subcommand, runs it, and turns errors into exit codes. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeError, isFaultlineError, wantsStack } from '../core/errors.ts';
import { TOOL_VERSION } from '../core/version.ts';
import { asUsageError } from './args.ts';
import { commands } from './commands/index.ts';
import { type CliIO, colourFrom, processIO, writeLine } from './io.ts';

function help(io: CliIO): void {
  writeLine(io.stdout, `faultline ${TOOL_VERSION} — prove that your system survives failure

Usage: faultline <command> [options]

Commands:`);
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  for (const [name, entry] of Object.entries(commands)) {
    writeLine(io.stdout, `  ${name.padEnd(width)}  ${entry.summary}`);
  }
  writeLine(
    io.stdout,
    `\nGlobal options: --color=auto|always|never (also NO_COLOR, FORCE_COLOR), --version.
Run 'faultline help <command>' or 'faultline <command> --help' for a command's options.`,
  );
}

/** `--color[=WHEN]` may stand anywhere; it is taken out before the command sees its arguments. */
function takeColourOption(argv: string[], io: CliIO): { argv: string[]; io: CliIO; error?: string } {
  let when: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--color') when = 'always';
    else if (arg === '--no-color') when = 'never';
    else if (arg.startsWith('--color=')) when = arg.slice('--color='.length);
    else rest.push(arg);
  }
  if (when === undefined) return { argv: rest, io };
  if (!['auto', 'always', 'never'].includes(when)) return { argv: rest, io, error: `--color takes auto, always or never, got "${when}"` };
  return { argv: rest, io: { ...io, colour: colourFrom(when as 'auto' | 'always' | 'never', io.env, io.colour) } };
}

export async function main(argv: string[], given: CliIO = processIO()): Promise<number> {
  const { argv: args, io, error } = takeColourOption(argv, given);
  if (error) {
    writeLine(io.stderr, `faultline: ${error}`);
    return 2;
  }
  const [first, ...after] = args;
  if (!first || first === '--help' || first === '-h' || (first === 'help' && after.length === 0)) {
    help(io);
    return first ? 0 : 2;
  }
  if (first === '--version' || first === '-V') {
    writeLine(io.stdout, TOOL_VERSION);
    return 0;
  }
  // `faultline help migrations lint` is `faultline migrations lint --help`.
  const [name, rest] = first === 'help' ? [after[0]!, [...after.slice(1), '--help']] : [first, after];
  const entry = commands[name];
  if (!entry) {
    const near = Object.keys(commands).find((candidate) => candidate.startsWith(name.slice(0, 3)));
    writeLine(io.stderr, `faultline: unknown command '${name}'${near ? ` (did you mean '${near}'?)` : ''}. Run 'faultline --help' for the list.`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (thrown) {
    const error = asUsageError(thrown, name);
    writeLine(io.stderr, `faultline ${name}: ${describeError(error, { stack: wantsStack(io.env) })}`);
    return isFaultlineError(error) ? error.exitCode : 2;
  }
}

/**
 * Run as the program: `node cli/main.ts`, or the npm package's bundle, which npm starts through a
 * symlink in node_modules/.bin (argv[1] is the link; this module's URL is the real file).
 */
function isProgram(): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(started) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isProgram()) {
  process.exitCode = await main(process.argv.slice(2));
}
