/** `faultline` entry: picks the subcommand, runs it, and turns errors into exit codes. */
import { describeError, isFaultlineError } from '../core/errors.ts';
import { TOOL_VERSION } from '../core/version.ts';
import { commands } from './commands/index.ts';
import { type CliIO, processIO, writeLine } from './io.ts';

function help(io: CliIO): void {
  writeLine(io.stdout, `faultline ${TOOL_VERSION} — prove that your system survives failure

Usage: faultline <command> [options]

Commands:`);
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  for (const [name, entry] of Object.entries(commands)) {
    writeLine(io.stdout, `  ${name.padEnd(width)}  ${entry.summary}`);
  }
  writeLine(io.stdout, `\nRun 'faultline <command> --help' for a command's options.`);
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return 0;
  }
  if (name === '--version' || name === '-V') {
    writeLine(io.stdout, TOOL_VERSION);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    writeLine(io.stderr, `faultline: unknown command '${name}'. Run 'faultline --help' for the list.`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    writeLine(io.stderr, `faultline ${name}: ${describeError(error)}`);
    return isFaultlineError(error) ? error.exitCode : 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
