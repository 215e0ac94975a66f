/** `faultline version`: the tool's version and the runtime, for bug reports. */
import { TOOL_VERSION } from '../../core/version.ts';
import { type CliCommand, writeLine } from '../io.ts';

export const command: CliCommand = {
  name: 'version',
  summary: 'print the version of faultline and of the Node runtime',
  usage: `Usage: faultline version [--json]

Prints faultline's version and the Node runtime it runs on (also: faultline --version).`,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      writeLine(io.stdout, this.usage);
      return 0;
    }
    const unknown = args.find((arg) => arg !== '--json');
    if (unknown) {
      const { usageError } = await import('../args.ts');
      throw usageError(unknown.startsWith('-') ? `unknown option ${unknown}` : `unexpected argument "${unknown}"`, 'version');
    }
    if (args.includes('--json')) writeLine(io.stdout, JSON.stringify({ faultline: TOOL_VERSION, node: process.versions.node }, null, 2));
    else writeLine(io.stdout, `faultline ${TOOL_VERSION} (node ${process.versions.node})`);
    return 0;
  },
};
